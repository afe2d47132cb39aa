// ketadose CLI: one JSON request on stdin (or from a file) -> one JSON response on stdout.
// Exit status: 0 computed, 2 request rejected (including a broken --site file), 1 internal fault.
#include <cstring>
#include <exception>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "api/api.hpp"

namespace {

constexpr const char* kUsage =
    "Usage: ketadose [--site SITE.json] [REQUEST.json]\n"
    "Reads one JSON request from REQUEST.json (or standard input) and writes one JSON response.\n"
    "  --site FILE  evaluate under a hospital's site configuration (errors are reported field by field)\n"
    "Actions: plan, pump-check, catalog, site-check and more (see docs/design.md for the contract).\n"
    "Example:\n"
    "  echo '{\"action\":\"plan\",\"protocol\":\"chronic-iv-outpatient\",\"patient\":{\"weight\":70},\n"
    "        \"infusion\":{\"rate_mg_per_kg_per_h\":0.5,\"duration_h\":4,\"concentration_mg_per_ml\":1}}' | ketadose\n"
    "Exit status: 0 computed (alerts may be present), 2 request rejected, 1 internal fault.\n"
    "A request or site file over 64 KB, or nested more than 32 levels deep, is rejected unread.\n";

bool ReadFile(const char* path, std::string& text) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  text.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  return true;
}

}  // namespace

int Run(int argc, char** argv) {
  const char* sitePath = nullptr;
  const char* requestPath = nullptr;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::cout << kUsage;
      return 0;
    }
    if (std::strcmp(argv[i], "--site") == 0 && i + 1 < argc) {
      sitePath = argv[++i];
    } else if (requestPath == nullptr && argv[i][0] != '-') {
      requestPath = argv[i];
    } else {
      std::cerr << kUsage;
      return 1;
    }
  }
  std::string site;
  if (sitePath != nullptr && !ReadFile(sitePath, site)) {
    std::cerr << "ketadose: cannot read " << sitePath << "\n";
    return 1;
  }
  std::string request;
  if (requestPath != nullptr) {
    if (!ReadFile(requestPath, request)) {
      std::cerr << "ketadose: cannot read " << requestPath << "\n";
      return 1;
    }
  } else {
    request.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  const ketadose::ApiResult result = ketadose::Handle(request, site);
  std::cout << result.json << "\n";
  return static_cast<int>(result.outcome);
}

// Whatever the bytes, the CLI answers in JSON: a request over the core's bounds (64 KB, 32 levels deep) is
// refused by Handle() with exit 2; anything that escapes even so (memory exhausted reading a huge input) is an
// internal fault, exit 1, never a crash.
int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& error) {
    std::cout << R"({"ok":false,"errors":[{"field":"","message":"Internal fault: no result was computed."}]})" << "\n";
    std::cerr << "ketadose: " << error.what() << "\n";
    return 1;
  }
}
