// The monitoring plan for a dose: setting, staff, observations, equipment and discharge, and the dose
// thresholds that call for a monitored unit (Cohen 2018 Q6), lowered for older or comorbid patients.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "content/catalog.hpp"
#include "domain/plan.hpp"
#include "base/units.hpp"

namespace ketadose {

// Where a dose is given: a standard ward or a monitored unit (decided here; the guardrails alert on it).
enum class Setting { kStandard, kMonitored };
const char* SettingName(Setting setting);

// The doses at or above which a monitored unit is required, for this patient.
struct SettingThresholds {
  MgPerKg bolus;
  MgPerKgPerHour infusion;
  double factor = 1.0;  // applied to the catalog thresholds (content/monitoring.json "lowered_thresholds")
  std::vector<std::string> loweredBecause;  // plain phrases, e.g. "age 70 years (65 or over)"
  SourceRef source;                         // the thresholds themselves (cohen2018 Q6, or the site)
  SourceRef loweringSource;                 // how much they are lowered (ketadose-conventions)
  SourceRef loweringReason;                 // why they are lowered at all (cohen2018 Q6)
  bool siteModified = false;
  [[nodiscard]] bool Lowered() const { return !loweredBecause.empty(); }
};

// `screenedComorbidities`: titles of screening findings that mean significant comorbidity (each lowers too).
SettingThresholds MonitoredSettingThresholds(const Patient& patient, bool significantComorbidity,
                                             const Catalog& catalog,
                                             const std::vector<std::string>& screenedComorbidities = {});

// Whether an infusion rate reaches the monitored-setting threshold (with a rounding tolerance).
bool InfusionNeedsMonitoredSetting(MgPerKgPerHour rate, const SettingThresholds& thresholds);

struct SettingDecision {
  Setting setting = Setting::kStandard;
  SettingThresholds thresholds;
  std::vector<std::string> reasons;  // "a bolus of 0.35 mg/kg (threshold 0.35 mg/kg)"
  std::string field;                 // the plan field that triggered it
};

SettingDecision DecideSetting(const PlanRequest& request, const Plan& plan, const Catalog& catalog);

struct MonitoringItem {
  std::string id;
  std::string section;  // "setting", "staff", "observations", "equipment", "discharge"
  std::string text;
  SourceRef source;
  std::optional<Hours> observeAfterStop;
};

struct MonitoringPlan {
  SettingDecision decision;
  std::vector<MonitoringItem> items;  // in content order
  std::optional<MonitoringItem> ageUnknownNote;
};

// The items of content/monitoring.json that apply to this plan.
MonitoringPlan PlanMonitoring(const PlanRequest& request, const Plan& plan, const Catalog& catalog);

}  // namespace ketadose
