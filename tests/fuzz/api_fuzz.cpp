// libFuzzer target: arbitrary bytes as an API request. Handle() must answer every input with a response that
// keeps the invariants in invariants.hpp (valid JSON, no dose when rejected, outcome and ok agree, every
// number finite), and must answer the same input the same way twice (the core keeps no state).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "invariants.hpp"
#include "ketadose/api.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view request(reinterpret_cast<const char*>(data), size);
  const ketadose::ApiResult result = ketadose::Handle(request);
  const std::string broken = ketadose::invariants::CheckResponse(result, ketadose::invariants::ActionOf(request));
  if (!broken.empty()) {
    std::fprintf(stderr, "INVARIANT BROKEN: %s\nrequest: %.*s\nresponse: %s\n", broken.c_str(), static_cast<int>(size),
                 request.data(), result.json.c_str());
    std::abort();
  }
  if (ketadose::Handle(request).json != result.json) {
    std::fprintf(stderr, "INVARIANT BROKEN: the same request gave two different responses\n");
    std::abort();
  }
  return 0;
}
