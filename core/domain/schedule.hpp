// A timed titration and weaning schedule for an inpatient infusion: each step with its start time from the
// infusion's start and its rate in mg/kg/h, mg/h and mL/h. The figures of the protocol come from the regimen's
// "schedule" record (content/regimens.json); the step interval is the user's, because no source gives one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "content/catalog.hpp"
#include "base/errors.hpp"
#include "base/units.hpp"

namespace ketadose {

enum class SchedulePhase { kTitration, kMaintenance, kWeaning, kObservation };

// What the regimen's sources say about titration and weaning (content/regimens.json "schedule").
struct ScheduleProtocol {
  MgPerKgPerHour startMin;              // the range the infusion starts in (induction)
  MgPerKgPerHour startMax;
  MgPerKgPerHour defaultStart;          // used when the order gives no start (a labelled convention)
  MgPerKgPerHour maximum;               // never titrated above
  std::optional<Hours> weaningMin;      // absent: the sources give no weaning
  std::optional<Hours> weaningMax;
  std::optional<Hours> defaultWeaning;  // used when the order gives none (a labelled convention)
  std::optional<Hours> observeAfterStop;
  SourceRef source;
  SourceRef conventionSource;  // the defaults no source states
};

// The request's "schedule": {step_h, start_mg_per_kg_per_h?, step_mg_per_kg_per_h?, weaning_h?}.
struct ScheduleOrder {
  Hours step;                                // how long each titration and weaning step lasts
  std::optional<MgPerKgPerHour> start;       // default: the protocol's default start (not above the target)
  std::optional<MgPerKgPerHour> increment;   // default: the start rate
  std::optional<Hours> weaning;              // default: the protocol's default weaning
};

struct ScheduleStep {
  SchedulePhase phase = SchedulePhase::kTitration;
  Hours start;  // from the start of the infusion
  Hours end;
  MgPerKgPerHour ratePerKg;
  MgPerHour rate;
  MlPerHour pumpRate;
};

struct Schedule {
  std::vector<ScheduleStep> steps;
  MgPerKgPerHour start;
  MgPerKgPerHour increment;
  std::optional<Hours> weaning;
};

// The regimen's schedule record; nullopt when the regimen has none (its sources give no schedule).
// (The request's "schedule" object is read by ReadScheduleOrder, api/schedule_io.hpp.)
std::optional<ScheduleProtocol> ReadScheduleProtocol(const Regimen& regimen);

// Titration from the start rate up to `target` (the planned rate) in equal increments, one per step; the target
// held; weaning in equal steps down over the weaning time, ending at the infusion's end; then observation at
// rate 0. Errors at "schedule.*" when the steps do not fit in `duration` or the target is above the maximum.
std::optional<Schedule> BuildSchedule(const ScheduleProtocol& protocol, const ScheduleOrder& order,
                                      MgPerKgPerHour target, Hours duration, Kilograms weight,
                                      MgPerMl concentration, Errors& errors);

const char* SchedulePhaseName(SchedulePhase phase);

}  // namespace ketadose
