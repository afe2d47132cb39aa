// libFuzzer target: arbitrary bytes as an API request. Handle() must answer every input with a response that
// keeps the invariants in invariants.hpp (valid JSON, no dose when rejected, outcome and ok agree, every
// number finite), and must answer the same input the same way twice (the core keeps no state).
//
// The second answer is asked for every input that mentions "site" (a request's site text is the one input the core
// keeps an answer for, api.cpp CatalogUnderSite: the first call applies the text, the second reuses it) and for one
// input in four of the rest, chosen by a hash of the input so that a replay checks the same ones. State that leaks from
// call to call would change answers across most inputs, so one in four still finds it; asking every input twice spent a
// third of the target's time (issue 13 budget: executions per second).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "invariants.hpp"
#include "api/api.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view request(reinterpret_cast<const char*>(data), size);
  const ketadose::ApiResult result = ketadose::Handle(request);
  ketadose::invariants::RequireInvariants(result, request);
  const bool mentionsSite = request.find("site") != std::string_view::npos;
  if (!mentionsSite && std::hash<std::string_view>{}(request) % 4 != 0) return 0;
  const ketadose::ApiResult again = ketadose::Handle(request);
  if (again.json != result.json) {
    ketadose::invariants::Abort("the same request gave two different responses", "request", request, again.json);
  }
  return 0;
}
