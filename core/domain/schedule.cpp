// Titration and weaning schedule: arithmetic only. The protocol's figures come from the regimen's "schedule"
// record (content/regimens.json, each with its source); the step interval comes from the request.
#include "domain/schedule.hpp"

#include <cmath>
#include <limits>

#include "base/format.hpp"

namespace ketadose {

namespace {

constexpr double kTolerance = 1e-9;  // relative: 0.1 + 0.1 + ... must meet 0.5 exactly
constexpr int kMaxSteps = 200;       // bounds the response; far more than any 2-5 day protocol needs

bool AtLeast(double value, double threshold) { return value >= threshold * (1.0 - kTolerance); }

std::string Hrs(double value) { return FormatNumber(std::round(value * 1000.0) / 1000.0) + " h"; }
std::string PerKg(double value) { return FormatNumber(std::round(value * 1000.0) / 1000.0) + " mg/kg/h"; }

ScheduleStep StepAt(SchedulePhase phase, double startH, double endH, double ratePerKg, Kilograms weight,
                    MgPerMl concentration) {
  ScheduleStep step;
  step.phase = phase;
  step.start = Hours(startH);
  step.end = Hours(endH);
  step.ratePerKg = MgPerKgPerHour(ratePerKg);
  step.rate = RateFor(step.ratePerKg, weight);
  step.pumpRate = PumpRate(step.rate, concentration);
  return step;
}

}  // namespace

const char* SchedulePhaseName(SchedulePhase phase) {
  switch (phase) {
    case SchedulePhase::kTitration: return "titration";
    case SchedulePhase::kMaintenance: return "maintenance";
    case SchedulePhase::kWeaning: return "weaning";
    case SchedulePhase::kObservation: return "observation";
  }
  return "titration";
}

std::optional<ScheduleProtocol> ReadScheduleProtocol(const Regimen& regimen) {
  if (!regimen.schedule || !(regimen.schedule->maxMgPerKgPerH > 0.0)) return std::nullopt;
  const ScheduleRecord& record = *regimen.schedule;
  ScheduleProtocol protocol;
  protocol.startMin = MgPerKgPerHour(record.startMin);
  protocol.startMax = MgPerKgPerHour(record.startMax);
  protocol.defaultStart = MgPerKgPerHour(record.startDefault);
  protocol.maximum = MgPerKgPerHour(record.maxMgPerKgPerH);
  if (record.weaningMin && record.weaningMax) {
    protocol.weaningMin = Hours(*record.weaningMin);
    protocol.weaningMax = Hours(*record.weaningMax);
    protocol.defaultWeaning = Hours(record.weaningDefault.value_or(*record.weaningMin));
  }
  if (record.observeHAfterStop) protocol.observeAfterStop = Hours(*record.observeHAfterStop);
  protocol.source = record.source;
  protocol.conventionSource = record.convention;
  return protocol;
}

std::optional<Schedule> BuildSchedule(const ScheduleProtocol& protocol, const ScheduleOrder& order,
                                      MgPerKgPerHour target, Hours duration, Kilograms weight,
                                      MgPerMl concentration, Errors& errors) {
  const double goal = target.value();
  const double stepH = order.step.value();
  const double durationH = duration.value();
  if (stepH > durationH) {
    errors.Add("schedule.step_h", "A step of " + Hrs(stepH) + " is longer than the " + Hrs(durationH) +
                                      " infusion. Choose a shorter step.");
    return std::nullopt;
  }
  if (goal > protocol.maximum.value() * (1.0 + kTolerance)) {
    errors.Add("schedule", "The planned rate, " + PerKg(goal) + ", is above this protocol's maximum of " +
                               PerKg(protocol.maximum.value()) + ": no schedule titrates to it.");
    return std::nullopt;
  }
  Schedule schedule;
  // Start where the order says, else at the protocol's default start, never above the planned rate.
  schedule.start = MgPerKgPerHour(std::fmin(order.start.value_or(protocol.defaultStart).value(), goal));
  schedule.increment = order.increment.value_or(schedule.start);
  const double start = schedule.start.value();
  const double increment = schedule.increment.value();
  // Titration steps below the target: start, start + increment, ...; the step that reaches it is maintenance.
  int titrationSteps = 0;
  while (!AtLeast(start + titrationSteps * increment, goal)) {
    if (++titrationSteps > kMaxSteps) {
      errors.Add("schedule.step_mg_per_kg_per_h", "Climbing from " + PerKg(start) + " to " + PerKg(goal) + " by " +
                                                      PerKg(increment) + " takes more than " +
                                                      std::to_string(kMaxSteps) + " steps: use a larger increase.");
      return std::nullopt;
    }
  }
  const double maintenanceStart = titrationSteps * stepH;
  const double weaningH = protocol.weaningMin ? order.weaning.value_or(*protocol.defaultWeaning).value() : 0.0;
  if (protocol.weaningMin) schedule.weaning = Hours(weaningH);
  const double weaningStart = durationH - weaningH;
  if (maintenanceStart >= weaningStart * (1.0 - kTolerance)) {
    errors.Add("schedule.step_h", "Titrating in " + std::to_string(titrationSteps) + " steps of " + Hrs(stepH) +
                                      " takes " + Hrs(maintenanceStart) + (weaningH > 0.0 ? " and weaning " + Hrs(weaningH) : "") +
                                      ", which leaves no time at the planned rate in a " + Hrs(durationH) +
                                      " infusion. Shorten the step or lengthen the infusion.");
    return std::nullopt;
  }
  for (int k = 0; k < titrationSteps; ++k) {
    schedule.steps.push_back(StepAt(SchedulePhase::kTitration, k * stepH, (k + 1) * stepH, start + k * increment,
                                    weight, concentration));
  }
  schedule.steps.push_back(
      StepAt(SchedulePhase::kMaintenance, maintenanceStart, weaningStart, goal, weight, concentration));
  if (weaningH > 0.0) {
    // n equal steps no longer than the step interval; rates evenly spaced between the target and zero. A step so
    // short that weaning would take more than kMaxSteps steps (or an unrepresentable count) is refused, not cast.
    const double count = std::ceil(weaningH / stepH * (1.0 - kTolerance));
    if (!(count <= kMaxSteps)) {
      errors.Add("schedule.step_h", "Weaning over " + Hrs(weaningH) + " in steps of " + Hrs(stepH) + " takes more than " +
                                        std::to_string(kMaxSteps) + " steps: use a longer step.");
      return std::nullopt;
    }
    const int n = static_cast<int>(count);
    const double length = weaningH / n;
    for (int i = 0; i < n; ++i) {
      schedule.steps.push_back(StepAt(SchedulePhase::kWeaning, weaningStart + i * length,
                                      weaningStart + (i + 1) * length, goal * (n - i) / (n + 1), weight,
                                      concentration));
    }
  }
  // Observation after the stop, when the sources give its length (rate 0: the infusion is off).
  if (protocol.observeAfterStop) {
    schedule.steps.push_back(StepAt(SchedulePhase::kObservation, durationH,
                                    durationH + protocol.observeAfterStop->value(), 0.0, weight, concentration));
  }
  return schedule;
}

}  // namespace ketadose
