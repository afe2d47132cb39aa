// Latency of the JSON API natively: each request of bench/requests.json through Handle(), as the CLI and the
// wasm module call it (parse, compute, serialise). ./bench compares these figures with the wasm harness.
#include <benchmark/benchmark.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "api/api.hpp"

namespace {

void Time(benchmark::State& state, const std::string& request) {
  std::size_t bytes = 0;
  for (auto _ : state) {
    const ketadose::ApiResult result = ketadose::Handle(request);
    bytes = result.json.size();
    benchmark::DoNotOptimize(result.json.data());
  }
  state.counters["response_bytes"] = static_cast<double>(bytes);
}

// Registers one benchmark per request whose action the core answers (a rejected request is not timed:
// an action still being built would only measure its error path).
const bool kRegistered = [] {
  std::ifstream in(std::string(KETADOSE_SOURCE_DIR) + "/bench/requests.json");
  const nlohmann::json file = nlohmann::json::parse(in, nullptr, false);
  if (file.is_discarded()) return false;
  for (const nlohmann::json& item : file.value("requests", nlohmann::json::array())) {
    const std::string request = item.at("request").dump();
    if (ketadose::Handle(request).outcome != ketadose::Outcome::kComputed) continue;
    benchmark::RegisterBenchmark(item.value("name", "?").c_str(), [request](benchmark::State& state) {
      Time(state, request);
    })->Unit(benchmark::kMicrosecond);
  }
  return true;
}();

}  // namespace
