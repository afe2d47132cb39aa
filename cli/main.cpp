// ketadose CLI: one JSON request on stdin (or from a file) -> one JSON response on stdout.
// Exit status: 0 computed, 2 request rejected, 1 internal fault or unreadable input.
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "ketadose/api.hpp"

namespace {

constexpr const char* kUsage =
    "Usage: ketadose [FILE]\n"
    "Reads one JSON request from FILE (or standard input) and writes one JSON response.\n"
    "Actions: plan, catalog (see docs/design.md for the contract).\n"
    "Example:\n"
    "  echo '{\"action\":\"plan\",\"protocol\":\"chronic-iv-outpatient\",\"patient\":{\"weight\":70},\n"
    "        \"infusion\":{\"rate_mg_per_kg_per_h\":0.5,\"duration_h\":4,\"concentration_mg_per_ml\":1}}' | ketadose\n"
    "Exit status: 0 computed (alerts may be present), 2 request rejected, 1 internal fault.\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc > 2 || (argc == 2 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0))) {
    std::cout << kUsage;
    return argc > 2 ? 1 : 0;
  }
  std::string request;
  if (argc == 2) {
    std::ifstream file(argv[1], std::ios::binary);
    if (!file) {
      std::cerr << "ketadose: cannot read " << argv[1] << "\n";
      return 1;
    }
    request.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  } else {
    request.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  const ketadose::ApiResult result = ketadose::Handle(request);
  std::cout << result.json << "\n";
  return static_cast<int>(result.outcome);
}
