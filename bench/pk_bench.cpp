// Concentration simulator timing: a 5-day simulation at 1-minute output steps (7201 points), as the page
// asks for when plotting a multi-day inpatient infusion. Run: build/<dir>/pk_bench
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "api/api.hpp"
#include "domain/pk.hpp"
#include "domain/patient.hpp"
#include "domain/pk_model.hpp"

namespace ketadose {
namespace {

constexpr double kFiveDaysMin = 5 * 24 * 60;

// A loading bolus over 10 min, then 0.5 mg/kg/h for 5 days at 70 kg (35 mg/h).
std::vector<DoseSegment> FiveDayInfusion() {
  return {{Minutes(0), Milligrams(24.5), Minutes(10)},
          {Minutes(10), Milligrams(35.0 / 60.0 * (kFiveDaysMin - 10)), Minutes(kFiveDaysMin - 10)}};
}

void BM_SimulateFiveDaysOneMinuteSteps(benchmark::State& state, const char* id) {
  Patient patient;
  patient.actualWeight = Kilograms(70);
  const MicroConstants model = ModelForPatient(*FindPkModel(id), PkSubject{patient.actualWeight, patient.age}, std::nullopt)->constants;
  const std::vector<DoseSegment> regimen = FiveDayInfusion();
  const OutputGrid grid{Minutes(1), Minutes(kFiveDaysMin), NgPerMl(100)};
  for (auto _ : state) {
    Simulation result = Simulate(model, regimen, grid);
    benchmark::DoNotOptimize(result);
  }
  state.counters["points"] = static_cast<double>(kFiveDaysMin + 1);
}
BENCHMARK_CAPTURE(BM_SimulateFiveDaysOneMinuteSteps, domino, "domino")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_SimulateFiveDaysOneMinuteSteps, clements, "clements-250")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_SimulateFiveDaysOneMinuteSteps, perez_ruixo, "perez-ruixo-esketamine")
    ->Unit(benchmark::kMillisecond);

// The whole API round trip the page makes: parse, validate, simulate, round and serialise 3 x 7201 numbers.
void BM_SimulateActionFiveDaysJson(benchmark::State& state) {
  const std::string request =
      R"({"action":"simulate","model":"domino","patient":{"weight":70},)"
      R"("regimen":[{"start_min":0,"dose_mg":24.5,"over_min":10},{"start_min":10,"dose_mg":4194.1667,"over_min":7190}],)"
      R"("step_min":1,"until_min":7200})";
  for (auto _ : state) {
    std::string response = Api(request);
    benchmark::DoNotOptimize(response);
  }
}
BENCHMARK(BM_SimulateActionFiveDaysJson)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ketadose
