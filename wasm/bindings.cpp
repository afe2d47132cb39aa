// The Embind binding: hands a JSON request string to the core API and returns the response string.
#include <emscripten/bind.h>

#include <string>

#include "ketadose/api.hpp"

namespace {
std::string ApiEntry(const std::string& request) { return ketadose::Api(request); }
}  // namespace

EMSCRIPTEN_BINDINGS(ketadose) { emscripten::function("api", &ApiEntry); }
