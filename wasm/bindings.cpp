// The Embind binding: hands a JSON request string to the core API and returns the response string.
#include <emscripten/bind.h>

#include <string>

#include "ketadose/api.hpp"
#include "ketadose/build.hpp"

namespace {
std::string ApiEntry(const std::string& request) { return ketadose::Api(request); }
std::string BuildIdEntry() { return ketadose::CoreBuildId(); }
}  // namespace

EMSCRIPTEN_BINDINGS(ketadose) {
  emscripten::function("api", &ApiEntry);
  emscripten::function("buildId", &BuildIdEntry);
}
