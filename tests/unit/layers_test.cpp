// The core's layers (docs/design.md "Modules (core/): the layers"): api -> domain -> content -> json -> base.
// Every include of one of the core's own files must name a layer at or below the including file's; the domain
// includes no JSON header. The scan reads the sources as text, as a reviewer would.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

const std::map<std::string, int> kLayerRank = {{"base", 0}, {"json", 1}, {"content", 2}, {"domain", 3}, {"api", 4}};

struct Include {
  std::string file;    // e.g. "core/domain/plan.cpp"
  std::string target;  // e.g. "content/records.hpp" or "nlohmann/json.hpp"
};

std::vector<Include> IncludesIn(const std::string& layer) {
  std::vector<Include> found;
  const auto dir = std::filesystem::path(KETADOSE_SOURCE_DIR) / "core" / layer;
  const std::regex include(R"re(^\s*#\s*include\s*[<"]([^>"]+)[>"])re");
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      std::smatch match;
      if (std::regex_search(line, match, include)) {
        found.push_back({"core/" + layer + "/" + entry.path().filename().string(), match[1]});
      }
    }
  }
  return found;
}

TEST(Layers, EveryLayerFolderHasSources) {
  // Guards the scan: a renamed folder would otherwise make every other test here pass vacuously.
  for (const auto& [layer, rank] : kLayerRank) {
    EXPECT_FALSE(IncludesIn(layer).empty()) << "core/" << layer << " has no includes to check";
  }
}

TEST(Layers, IncludesRunOnlyDownward) {
  for (const auto& [layer, rank] : kLayerRank) {
    for (const Include& include : IncludesIn(layer)) {
      const auto slash = include.target.find('/');
      if (slash == std::string::npos) continue;  // a standard header
      const auto target = kLayerRank.find(include.target.substr(0, slash));
      if (target == kLayerRank.end()) continue;  // not one of the core's layers (e.g. nlohmann/json.hpp)
      EXPECT_LE(target->second, rank) << include.file << " includes " << include.target
                                      << ", a layer above its own";
    }
  }
}

TEST(Layers, TheDomainIncludesNoJson) {
  for (const Include& include : IncludesIn("domain")) {
    EXPECT_EQ(include.target.find("nlohmann"), std::string::npos) << include.file << " includes " << include.target;
    EXPECT_NE(include.target.rfind("json/", 0), 0U) << include.file << " includes " << include.target;
    EXPECT_EQ(include.target.find("_json.hpp"), std::string::npos) << include.file << " includes " << include.target;
  }
}

TEST(Layers, TheContentHeadersTheDomainReadsIncludeNoJson) {
  // The content headers a domain file includes must be JSON-free themselves, or JSON would reach the domain
  // through them.
  for (const Include& domainInclude : IncludesIn("domain")) {
    if (domainInclude.target.rfind("content/", 0) != 0) continue;
    const std::string header = domainInclude.target.substr(std::string("content/").size());
    for (const Include& include : IncludesIn("content")) {
      if (include.file != "core/content/" + header) continue;
      EXPECT_EQ(include.target.find("nlohmann"), std::string::npos) << include.file << " (read by "
                                                                     << domainInclude.file << ") includes "
                                                                     << include.target;
      EXPECT_EQ(include.target.find("_json.hpp"), std::string::npos) << include.file << " includes "
                                                                      << include.target;
      EXPECT_NE(include.target.rfind("json/", 0), 0U) << include.file << " includes " << include.target;
    }
  }
}

}  // namespace
