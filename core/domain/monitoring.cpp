// Monitoring plan: which content/monitoring.json items apply, and the monitored-setting thresholds for a patient.
#include "domain/monitoring.hpp"

#include <algorithm>

#include "content/content_fields.hpp"
#include "content/content.hpp"
#include "api/fields.hpp"

namespace ketadose {

namespace {

using content::ArrayAt;
using content::NumberAt;
using content::ObjectAt;
using content::TextAt;
using content::TextsAt;

// Plan figures can differ from a threshold by rounding error only: 0.35 mg/kg computed is "at" 0.35.
constexpr double kRelativeTolerance = 1e-9;
bool AtLeast(double value, double threshold) { return value >= threshold * (1.0 - kRelativeTolerance); }

std::string Figure(double value, const char* unit) { return FormatNumber(RoundForDisplay(value)) + " " + unit; }

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool Applies(const Json& item, const PlanRequest& request, const Plan& plan, Setting setting) {
  const std::string when = TextAt(item, "when");
  const bool parenteral = plan.bolus.has_value() || plan.infusion.has_value();
  bool applies = false;
  if (when == "any") applies = true;
  if (when == "parenteral") applies = parenteral;
  if (when == "monitored") applies = parenteral && setting == Setting::kMonitored;
  if (when == "standard") applies = parenteral && setting == Setting::kStandard;
  const auto only = TextsAt(item, "regimens");
  if (!only.empty() && !Contains(only, request.protocolId)) applies = false;
  if (Contains(TextsAt(item, "not_regimens"), request.protocolId)) applies = false;
  return applies;
}

MonitoringItem ItemFrom(const Json& record) {
  MonitoringItem item{TextAt(record, "id"), TextAt(record, "section"), TextAt(record, "text"), ReadSource(record),
                      std::nullopt};
  if (content::HasNumber(record, "observe_h_after_stop")) {
    item.observeAfterStop = Hours(NumberAt(record, "observe_h_after_stop", 0.0));
  }
  return item;
}

}  // namespace

SettingThresholds MonitoredSettingThresholds(const Patient& patient, bool significantComorbidity,
                                             const Catalog& catalog,
                                             const std::vector<std::string>& screenedComorbidities) {
  SettingThresholds thresholds;
  const Json& base = RuleRecord(catalog, "/setting_thresholds");
  thresholds.source = ReadSource(base);
  thresholds.siteModified = base.is_object() && base.value("site_modified", false);
  const Json& lowering = ObjectAt(ContentJson("monitoring.json"), "lowered_thresholds");
  thresholds.loweringSource = ReadSource(lowering);
  const Json& guideline = ObjectAt(lowering, "guideline");
  thresholds.loweringReason = SourceRef{TextAt(guideline, "ref"), TextAt(guideline, "where")};
  // With no lowering record the thresholds stay as stated: never raised, never silently dropped.
  const double ageFrom = NumberAt(lowering, "age_years_at_least", 65.0);
  if (patient.age && patient.age->value() >= ageFrom) {
    thresholds.loweredBecause.push_back("age " + FormatNumber(patient.age->value()) + " years (" +
                                        FormatNumber(ageFrom) + " or over)");
  }
  if (significantComorbidity) thresholds.loweredBecause.push_back("significant comorbidity");
  for (const std::string& finding : screenedComorbidities) {
    thresholds.loweredBecause.push_back("significant comorbidity found at screening: " + finding);
  }
  const double factor = NumberAt(lowering, "factor", 1.0);
  thresholds.factor = thresholds.Lowered() && factor > 0.0 && factor < 1.0 ? factor : 1.0;
  thresholds.bolus = MgPerKg(RuleNumber(catalog, "/setting_thresholds/bolus_mg_per_kg") * thresholds.factor);
  thresholds.infusion =
      MgPerKgPerHour(RuleNumber(catalog, "/setting_thresholds/infusion_mg_per_kg_per_h") * thresholds.factor);
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
  const Json& document = ContentJson("monitoring.json");
  for (const Json& record : ArrayAt(document, "items")) {
    if (Applies(record, request, plan, monitoring.decision.setting)) monitoring.items.push_back(ItemFrom(record));
  }
  const bool parenteral = plan.bolus.has_value() || plan.infusion.has_value();
  if (parenteral && !request.patient.age && !request.significantComorbidity && request.screenedComorbidities.empty()) {
    const Json& note = ObjectAt(document, "age_unknown_note");
    monitoring.ageUnknownNote =
        MonitoringItem{"age-unknown", "setting", TextAt(note, "text"), ReadSource(note), std::nullopt};
  }
  return monitoring;
}

}  // namespace ketadose
