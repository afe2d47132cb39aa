// Test support: every case of every tests/golden/*.json file, in file-name order (shared by the API golden test
// and the property probes).
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ketadose::golden {

struct GoldenCase {
  std::string file;     // e.g. "plan.json"
  nlohmann::json body;  // {name, request, exit, expect?, alert_codes?, error_fields?}
};

inline std::vector<GoldenCase> LoadGoldenCases() {
  std::vector<GoldenCase> cases;
  const std::filesystem::path dir = std::filesystem::path(KETADOSE_SOURCE_DIR) / "tests" / "golden";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path);
    const nlohmann::json document = nlohmann::json::parse(in);
    for (const nlohmann::json& item : document.at("cases")) cases.push_back({path.filename().string(), item});
  }
  return cases;
}

}  // namespace ketadose::golden
