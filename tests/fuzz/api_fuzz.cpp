// libFuzzer target: arbitrary bytes as an API request. Handle() must answer every input with a response that
// keeps the invariants in invariants.hpp (valid JSON, no dose when rejected, outcome and ok agree, every
// number finite), and must answer the same input the same way twice (the core keeps no state).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "invariants.hpp"
#include "api/api.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view request(reinterpret_cast<const char*>(data), size);
  const ketadose::ApiResult result = ketadose::Handle(request);
  ketadose::invariants::RequireInvariants(result, request);
  const ketadose::ApiResult again = ketadose::Handle(request);
  if (again.json != result.json) {
    ketadose::invariants::Abort("the same request gave two different responses", "request", request, again.json);
  }
  return 0;
}
