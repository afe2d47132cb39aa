// Monitoring plan: which content/monitoring.json items apply, and the monitored-setting thresholds for a patient.
#include "domain/monitoring.hpp"

#include <algorithm>

#include "base/format.hpp"

namespace ketadose {

namespace {

// Plan figures can differ from a threshold by rounding error only: 0.35 mg/kg computed is "at" 0.35.
constexpr double kRelativeTolerance = 1e-9;
bool AtLeast(double value, double threshold) { return value >= threshold * (1.0 - kRelativeTolerance); }

std::string Figure(double value, const char* unit) { return FormatNumber(RoundForDisplay(value)) + " " + unit; }

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool Applies(const MonitoringRecord& item, const PlanRequest& request, const Plan& plan, Setting setting) {
  const std::string& when = item.when;
  const bool parenteral = plan.bolus.has_value() || plan.infusion.has_value();
  bool applies = false;
  if (when == "any") applies = true;
  if (when == "parenteral") applies = parenteral;
  if (when == "monitored") applies = parenteral && setting == Setting::kMonitored;
  if (when == "standard") applies = parenteral && setting == Setting::kStandard;
  if (!item.regimens.empty() && !Contains(item.regimens, request.protocolId)) applies = false;
  if (Contains(item.notRegimens, request.protocolId)) applies = false;
  return applies;
}

MonitoringItem ItemFrom(const MonitoringRecord& record) {
  MonitoringItem item{record.id, record.section, record.text, record.source, std::nullopt};
  if (record.observeHAfterStop) item.observeAfterStop = Hours(*record.observeHAfterStop);
  return item;
}

}  // namespace

const char* SettingName(Setting setting) { return setting == Setting::kMonitored ? "monitored" : "standard"; }

SettingThresholds MonitoredSettingThresholds(const Patient& patient, bool significantComorbidity,
                                             const Catalog& catalog,
                                             const std::vector<std::string>& screenedComorbidities) {
  SettingThresholds thresholds;
  const Rules::SettingThresholds& base = catalog.rules.settingThresholds;
  thresholds.source = base.about.source;
  thresholds.siteModified = base.about.siteModified;
  const MonitoringContent::Lowering& lowering = MonitoringRecords().lowering;
  thresholds.loweringSource = lowering.source;
  thresholds.loweringReason = lowering.guideline;
  const double ageFrom = lowering.ageYearsAtLeast;
  if (patient.age && patient.age->value() >= ageFrom) {
    thresholds.loweredBecause.push_back("age " + FormatNumber(patient.age->value()) + " years (" +
                                        FormatNumber(ageFrom) + " or over)");
  }
  if (significantComorbidity) thresholds.loweredBecause.push_back("significant comorbidity");
  for (const std::string& finding : screenedComorbidities) {
    thresholds.loweredBecause.push_back("significant comorbidity found at screening: " + finding);
  }
  // A factor outside (0, 1) leaves the thresholds as stated: never raised, never silently dropped.
  const double factor = lowering.factor;
  thresholds.factor = thresholds.Lowered() && factor > 0.0 && factor < 1.0 ? factor : 1.0;
  thresholds.bolus = MgPerKg(base.bolusMgPerKg * thresholds.factor);
  thresholds.infusion = MgPerKgPerHour(base.infusionMgPerKgPerH * thresholds.factor);
  return thresholds;
}

bool InfusionNeedsMonitoredSetting(MgPerKgPerHour rate, const SettingThresholds& thresholds) {
  return AtLeast(rate.value(), thresholds.infusion.value());
}

SettingDecision DecideSetting(const PlanRequest& request, const Plan& plan, const Catalog& catalog) {
  SettingDecision decision;
  decision.thresholds =
      MonitoredSettingThresholds(request.patient, request.significantComorbidity, catalog, request.screenedComorbidities);
  const SettingThresholds& limits = decision.thresholds;
  const bool bolusReaches = plan.bolus && AtLeast(plan.bolus->dosePerKg.value(), limits.bolus.value());
  const bool infusionReaches = plan.infusion && InfusionNeedsMonitoredSetting(plan.infusion->ratePerKg, limits);
  if (bolusReaches) {
    decision.reasons.push_back("a bolus of " + Figure(plan.bolus->dosePerKg.value(), "mg/kg") + " (threshold " +
                               Figure(limits.bolus.value(), "mg/kg") + ")");
  }
  if (infusionReaches) {
    decision.reasons.push_back("an infusion of " + Figure(plan.infusion->ratePerKg.value(), "mg/kg/h") +
                               " (threshold " + Figure(limits.infusion.value(), "mg/kg/h") + ")");
  }
  if (!decision.reasons.empty()) decision.setting = Setting::kMonitored;
  decision.field = bolusReaches && !infusionReaches ? "bolus.dose_mg_per_kg" : "infusion.rate_mg_per_kg_per_h";
  return decision;
}

MonitoringPlan PlanMonitoring(const PlanRequest& request, const Plan& plan, const Catalog& catalog) {
  MonitoringPlan monitoring;
  monitoring.decision = DecideSetting(request, plan, catalog);
  const MonitoringContent& content = MonitoringRecords();
  for (const MonitoringRecord& record : content.items) {
    if (Applies(record, request, plan, monitoring.decision.setting)) monitoring.items.push_back(ItemFrom(record));
  }
  const bool parenteral = plan.bolus.has_value() || plan.infusion.has_value();
  if (parenteral && !request.patient.age && !request.significantComorbidity && request.screenedComorbidities.empty()) {
    const Note& note = content.ageUnknownNote;
    monitoring.ageUnknownNote = MonitoringItem{"age-unknown", "setting", note.text, note.source, std::nullopt};
  }
  return monitoring;
}

}  // namespace ketadose
