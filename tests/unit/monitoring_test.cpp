// Monitoring plan: the Cohen 2018 Q6 thresholds, halved from age 65 or with significant comorbidity (a ketadose
// convention, content/monitoring.json), the guardrail and rate table that follow them, and the items of the plan.
#include "domain/monitoring.hpp"
#include "domain/guardrails.hpp"
#include "api/plan_io.hpp"
#include "content/catalog_json.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "api/api.hpp"
#include "content/content.hpp"

namespace ketadose {
namespace {

const Catalog& C() { return DefaultCatalog(); }

struct Planned {
  PlanRequest request;
  Plan plan;
};

Planned PlanOf(const std::string& json) {
  Errors errors;
  const auto request = ReadPlanRequest(Json::parse(json), C(), errors);
  EXPECT_TRUE(request.has_value()) << (errors.Empty() ? "" : errors.List()[0].field + ": " + errors.List()[0].message);
  if (!request) return {};
  const auto weight = ChooseDosingWeight(request->patient, request->basis, C(), errors);
  return Planned{*request, ComputePlan(*request, *weight, C())};
}

// A 70 kg outpatient chronic-pain plan; age and comorbidity optional.
std::string Outpatient(const std::string& bolusPerKg, const std::string& ratePerKg, const std::string& age = "",
                       bool comorbid = false) {
  std::string json = R"({"protocol":"chronic-iv-outpatient","patient":{"weight":70)";
  if (!age.empty()) json += R"(,"age_years":)" + age;
  json += "}";
  if (!bolusPerKg.empty()) {
    json += R"(,"bolus":{"dose_mg_per_kg":)" + bolusPerKg + R"(,"concentration_mg_per_ml":10,"over_min":10})";
  }
  json += R"(,"infusion":{"rate_mg_per_kg_per_h":)" + ratePerKg + R"(,"duration_h":4,"concentration_mg_per_ml":1})";
  if (comorbid) json += R"(,"significant_comorbidity":true)";
  return json + "}";
}

Setting SettingOf(const std::string& json) {
  const Planned planned = PlanOf(json);
  return DecideSetting(planned.request, planned.plan, C()).setting;
}

bool HasMonitoredAlert(const std::string& json) {
  const Planned planned = PlanOf(json);
  const Assessment assessment =
      EvaluatePlan(planned.request, planned.plan, *FindRegimen(C(), planned.request.protocolId), C());
  return std::any_of(assessment.alerts.begin(), assessment.alerts.end(),
                     [](const Alert& alert) { return alert.code == "monitored-setting-required"; });
}

std::set<std::string> ItemIds(const MonitoringPlan& monitoring) {
  std::set<std::string> ids;
  for (const MonitoringItem& item : monitoring.items) ids.insert(item.id);
  return ids;
}

MonitoringPlan MonitoringOf(const std::string& json) {
  const Planned planned = PlanOf(json);
  return PlanMonitoring(planned.request, planned.plan, C());
}

Patient AgedPatient(double years) {
  Patient patient;
  patient.actualWeight = Kilograms(70);
  patient.age = Years(years);
  return patient;
}

TEST(Monitoring, ThresholdsAreCohenQ6ForAnAdultUnderSixtyFive) {
  // Cohen 2018 Q6: bolus >= 0.35 mg/kg and/or infusion >= 1 mg/kg/h.
  const SettingThresholds limits = MonitoredSettingThresholds(AgedPatient(64.9), false, C());
  EXPECT_DOUBLE_EQ(limits.bolus.value(), 0.35);
  EXPECT_DOUBLE_EQ(limits.infusion.value(), 1.0);
  EXPECT_FALSE(limits.Lowered());
  EXPECT_EQ(limits.source.ref, "cohen2018");
}

TEST(Monitoring, ThresholdsAreHalvedFromAgeSixtyFive) {
  // Q6 asks for lower thresholds in the elderly without a figure; ketadose halves them:
  // 0.35 x 0.5 = 0.175 mg/kg, 1 x 0.5 = 0.5 mg/kg/h.
  const SettingThresholds limits = MonitoredSettingThresholds(AgedPatient(65), false, C());
  EXPECT_DOUBLE_EQ(limits.bolus.value(), 0.175);
  EXPECT_DOUBLE_EQ(limits.infusion.value(), 0.5);
  EXPECT_TRUE(limits.Lowered());
  EXPECT_EQ(limits.loweringSource.ref, "ketadose-conventions");
  EXPECT_EQ(limits.loweringReason.ref, "cohen2018");
}

TEST(Monitoring, ThresholdsAreHalvedForSignificantComorbidityAtAnyAge) {
  const SettingThresholds limits = MonitoredSettingThresholds(AgedPatient(40), true, C());
  EXPECT_DOUBLE_EQ(limits.infusion.value(), 0.5);
  EXPECT_EQ(limits.loweredBecause, std::vector<std::string>{"significant comorbidity"});
  // Both reasons: still halved once (0.5), not quartered.
  const SettingThresholds both = MonitoredSettingThresholds(AgedPatient(80), true, C());
  EXPECT_DOUBLE_EQ(both.infusion.value(), 0.5);
  EXPECT_EQ(both.loweredBecause.size(), 2u);
}

TEST(Monitoring, UnknownAgeKeepsTheStatedThresholds) {
  Patient patient;
  patient.actualWeight = Kilograms(70);
  EXPECT_DOUBLE_EQ(MonitoredSettingThresholds(patient, false, C()).infusion.value(), 1.0);
  // ... and says so, so the user can give the age.
  EXPECT_TRUE(MonitoringOf(Outpatient("", "0.5")).ageUnknownNote.has_value());
  EXPECT_FALSE(MonitoringOf(Outpatient("", "0.5", "40")).ageUnknownNote.has_value());
}

TEST(Monitoring, InfusionOfHalfAMgPerKgPerHourNeedsAMonitoredUnitFromSixtyFive) {
  // 0.5 mg/kg/h: standard at 45 (threshold 1), monitored at 70 (threshold 0.5) and with comorbidity.
  EXPECT_EQ(SettingOf(Outpatient("", "0.5", "45")), Setting::kStandard);
  EXPECT_EQ(SettingOf(Outpatient("", "0.5", "70")), Setting::kMonitored);
  EXPECT_EQ(SettingOf(Outpatient("", "0.5", "45", true)), Setting::kMonitored);
  // 0.49 mg/kg/h stays below the halved threshold.
  EXPECT_EQ(SettingOf(Outpatient("", "0.49", "70")), Setting::kStandard);
}

TEST(Monitoring, BolusOfPointTwoMgPerKgNeedsAMonitoredUnitFromSixtyFive) {
  // 0.2 >= 0.175 (halved); 0.15 < 0.175. Infusion 0.3 mg/kg/h is below both infusion thresholds.
  const std::string older = R"({"protocol":"palliative","patient":{"weight":70,"age_years":70},)";
  EXPECT_EQ(SettingOf(older + R"("bolus":{"dose_mg_per_kg":0.2,"concentration_mg_per_ml":10}})"), Setting::kMonitored);
  EXPECT_EQ(SettingOf(older + R"("bolus":{"dose_mg_per_kg":0.15,"concentration_mg_per_ml":10}})"), Setting::kStandard);
  const Planned planned = PlanOf(older + R"("bolus":{"dose_mg_per_kg":0.2,"concentration_mg_per_ml":10}})");
  EXPECT_EQ(DecideSetting(planned.request, planned.plan, C()).field, "bolus.dose_mg_per_kg");
}

TEST(Monitoring, TheGuardrailUsesTheLoweredThresholds) {
  // The monitored-setting-required alert follows the same thresholds as the monitoring plan.
  EXPECT_FALSE(HasMonitoredAlert(Outpatient("", "0.5", "45")));
  EXPECT_TRUE(HasMonitoredAlert(Outpatient("", "0.5", "70")));
  EXPECT_TRUE(HasMonitoredAlert(Outpatient("", "0.5", "45", true)));
  // An adult under 65 at the unlowered thresholds still triggers it (Cohen 2018 Q6).
  EXPECT_TRUE(HasMonitoredAlert(Outpatient("0.35", "0.5", "45")));
}

TEST(Monitoring, TheGuardrailMessageSaysWhyTheThresholdsWereLowered) {
  const ApiResult result = Handle(
      R"({"action":"plan","protocol":"chronic-iv-outpatient","patient":{"weight":70,"age_years":70},
          "infusion":{"rate_mg_per_kg_per_h":0.5,"duration_h":4,"concentration_mg_per_ml":1}})");
  const Json response = Json::parse(result.json);
  ASSERT_EQ(response["alerts"].size(), 1u);
  const std::string message = response["alerts"][0]["message"];
  EXPECT_NE(message.find("threshold 0.5 mg/kg/h"), std::string::npos) << message;
  EXPECT_NE(message.find("age 70 years (65 or over)"), std::string::npos) << message;
}

TEST(Monitoring, RateTableMarksMonitoredRowsByTheLoweredThresholds) {
  // chronic-iv-outpatient rows run 0.5 to 2 mg/kg/h: at 45 only rows >= 1 are monitored; at 70 every row (>= 0.5).
  const auto rows = [](const std::string& age) {
    const Json response = Json::parse(
        Api(R"({"action":"plan","protocol":"chronic-iv-outpatient","patient":{"weight":70,"age_years":)" + age +
            R"(},"infusion":{"rate_mg_per_kg_per_h":0.5,"duration_h":4,"concentration_mg_per_ml":1}})"));
    return response["rate_table"];
  };
  for (const Json& row : rows("45")) {
    EXPECT_EQ(row["monitored_setting"], row["rate_mg_per_kg_per_h"].get<double>() >= 1.0) << row.dump();
  }
  for (const Json& row : rows("70")) EXPECT_TRUE(row["monitored_setting"].get<bool>()) << row.dump();
}

TEST(Monitoring, StaffRequirementsApplyToEveryParenteralPlan) {
  // Cohen 2018 Table 6 personnel and monitoring (1) and (2), Q6; basic monitoring and resuscitation whatever the dose.
  const std::set<std::string> ids = ItemIds(MonitoringOf(Outpatient("", "0.5", "45")));
  for (const char* id : {"supervising-clinician", "administering-clinician", "basic-monitoring",
                         "baseline-and-titration", "resuscitation-always", "rescue-drugs", "standard-setting"}) {
    EXPECT_EQ(ids.count(id), 1u) << id;
  }
  EXPECT_EQ(ids.count("monitored-unit"), 0u);
  EXPECT_EQ(ids.count("airway-acls-staff"), 0u);
}

TEST(Monitoring, MonitoredDosesAddTheMonitoredUnitAndAirwayStaff) {
  // Cohen 2018 Q6: trained monitoring nurses, airway/ACLS-trained staff immediately available.
  const std::set<std::string> ids = ItemIds(MonitoringOf(Outpatient("0.35", "0.5", "45")));
  EXPECT_EQ(ids.count("monitored-unit"), 1u);
  EXPECT_EQ(ids.count("airway-acls-staff"), 1u);
  EXPECT_EQ(ids.count("standard-setting"), 0u);
}

TEST(Monitoring, LowDoseInpatientRegimenObservesFourHoursAfterStopping) {
  // Chronic non-cancer pain position paper 2016, Proposal 5: observe 4 h after cessation before discharge.
  const MonitoringPlan monitoring = MonitoringOf(
      R"({"protocol":"ncp-subanaesthetic","patient":{"weight":70,"age_years":50},
          "infusion":{"rate_mg_per_kg_per_h":0.1,"duration_h":48,"concentration_mg_per_ml":1}})");
  const auto observe = std::find_if(monitoring.items.begin(), monitoring.items.end(),
                                    [](const MonitoringItem& item) { return item.id == "observe-after-stop"; });
  ASSERT_NE(observe, monitoring.items.end());
  ASSERT_TRUE(observe->observeAfterStop.has_value());
  EXPECT_DOUBLE_EQ(observe->observeAfterStop->value(), 4.0);
  EXPECT_EQ(observe->section, "discharge");
  EXPECT_EQ(observe->source.ref, "cnmp-position-2016");
  const std::set<std::string> ids = ItemIds(monitoring);
  EXPECT_EQ(ids.count("lockable-pump"), 1u);
  EXPECT_EQ(ids.count("discharge-local-criteria"), 0u);
}

TEST(Monitoring, OtherRegimensStateNoFixedObservationTime) {
  const MonitoringPlan monitoring = MonitoringOf(Outpatient("", "0.5", "45"));
  EXPECT_EQ(ItemIds(monitoring).count("observe-after-stop"), 0u);
  EXPECT_EQ(ItemIds(monitoring).count("discharge-local-criteria"), 1u);
}

TEST(Monitoring, DepressionDosingAddsTheApaMonitoring) {
  // Cohen 2018 Q6: APA recommends ECG, BP, end-tidal CO2 and SpO2 available; on-site evaluation before discharge.
  const std::set<std::string> ids = ItemIds(MonitoringOf(
      R"({"protocol":"depression-iv","patient":{"weight":70,"age_years":40},
          "infusion":{"rate_mg_per_kg_per_h":0.75,"duration_h":0.6666666666666666,"concentration_mg_per_ml":1}})"));
  EXPECT_EQ(ids.count("apa-depression-monitoring"), 1u);
  EXPECT_EQ(ids.count("apa-depression-setting"), 1u);
  EXPECT_EQ(ids.count("psychiatric-check-before-discharge"), 1u);
  // 0.5 mg/kg over 40 min is an infusion of 0.75 mg/kg/h, below the 1 mg/kg/h infusion threshold (Q6): the bolus
  // threshold does not apply to it, so no monitored unit at age 40.
  EXPECT_EQ(ids.count("monitored-unit"), 0u);
  EXPECT_EQ(ids.count("standard-setting"), 1u);
}

TEST(Monitoring, TheDepressionDoseAtSeventyMeetsTheHalvedInfusionThreshold) {
  // Age 70 >= 65: infusion threshold 1 x 0.5 = 0.5 mg/kg/h (content/monitoring.json, a ketadose convention);
  // 0.75 >= 0.5, so the monitored unit applies.
  const MonitoringPlan monitoring = MonitoringOf(
      R"({"protocol":"depression-iv","patient":{"weight":70,"age_years":70},
          "infusion":{"rate_mg_per_kg_per_h":0.75,"duration_h":0.6666666666666666,"concentration_mg_per_ml":1}})");
  EXPECT_EQ(monitoring.decision.setting, Setting::kMonitored);
  EXPECT_EQ(monitoring.decision.field, "infusion.rate_mg_per_kg_per_h");
}

TEST(Monitoring, OralDosesGetOnlyTheBaselineAndTitrationChecks) {
  // Enclara 2024 Monitoring applies to any route; the infusion staff and setting rules do not apply to oral doses.
  const MonitoringPlan monitoring = MonitoringOf(
      R"({"protocol":"palliative","patient":{"weight":70},"repeated":{"dose_mg_per_kg":0.5,"every_h":12}})");
  EXPECT_EQ(ItemIds(monitoring), std::set<std::string>{"baseline-and-titration"});
  EXPECT_FALSE(monitoring.ageUnknownNote.has_value());
}

TEST(Monitoring, SignificantComorbidityMustBeTrueOrFalse) {
  Errors errors;
  EXPECT_FALSE(ReadPlanRequest(Json::parse(R"({"protocol":"chronic-iv-outpatient","patient":{"weight":70},
      "infusion":{"rate_mg_per_kg_per_h":0.5,"duration_h":4,"concentration_mg_per_ml":1},
      "significant_comorbidity":"yes"})"),
                               C(), errors)
                   .has_value());
  ASSERT_EQ(errors.List().size(), 1u);
  EXPECT_EQ(errors.List()[0].field, "significant_comorbidity");
}

// The plan names each item by id with its source and section; its words are the catalog's, sent once
// (catalog "monitoring" is content/monitoring.json). A monitored chronic-pain dose (0.35 mg/kg bolus, Cohen
// 2018 Q6) lists the monitored unit, the supervising, administering and airway staff, basic and baseline
// checks, resuscitation and rescue drugs, and the local discharge criteria (content/monitoring.json "when").
TEST(Monitoring, ThePlanNamesTheCatalogsItemsAndCarriesNoText) {
  const Json catalog = Json::parse(Api(R"({"action":"catalog"})"));
  ASSERT_EQ(catalog["monitoring"], ContentJson("monitoring.json"));
  std::map<std::string, Json> items;
  for (const Json& item : catalog["monitoring"]["items"]) items[item["id"].get<std::string>()] = item;
  const Json plan = Json::parse(
      Api(R"({"action":"plan","protocol":"chronic-iv-outpatient","patient":{"weight":70,"age_years":45},)"
          R"("bolus":{"dose_mg_per_kg":0.35,"concentration_mg_per_ml":10,"over_min":10},)"
          R"("infusion":{"rate_mg_per_kg_per_h":0.5,"duration_h":4,"concentration_mg_per_ml":1}})"));
  ASSERT_TRUE(plan["ok"]) << plan.dump();
  std::vector<std::string> named;
  for (const auto& [section, list] : plan["monitoring"]["sections"].items()) {
    for (const Json& item : list) {
      const std::string id = item["id"].get<std::string>();
      named.push_back(id);
      ASSERT_EQ(items.count(id), 1u) << id << " is not in the catalog";
      EXPECT_EQ(items[id]["section"], section) << id;
      EXPECT_EQ(item["source"], items[id]["source"]["ref"]) << id;
      EXPECT_EQ(item["where"], items[id]["source"]["where"]) << id;
      EXPECT_FALSE(item.contains("text")) << id;
    }
  }
  EXPECT_EQ(named, (std::vector<std::string>{"monitored-unit", "supervising-clinician", "administering-clinician",
                                             "airway-acls-staff", "basic-monitoring", "baseline-and-titration",
                                             "resuscitation-always", "rescue-drugs", "discharge-local-criteria"}));
  // Without an age the plan's note carries its own words: it is not one of the catalog's items.
  const Json noAge = Json::parse(
      Api(R"({"action":"plan","protocol":"chronic-iv-outpatient","patient":{"weight":70},)"
          R"("infusion":{"rate_mg_per_kg_per_h":0.5,"duration_h":4,"concentration_mg_per_ml":1}})"));
  ASSERT_EQ(noAge["monitoring"]["notes"].size(), 1u);
  EXPECT_EQ(noAge["monitoring"]["notes"][0]["text"], ContentJson("monitoring.json")["age_unknown_note"]["text"]);
}

TEST(MonitoringContent, EveryItemCitesAKnownReferenceAndNamesAKnownSection) {
  std::set<std::string> known;
  for (const Json& reference : Documents(C()).references) known.insert(reference["id"].get<std::string>());
  const Json& document = ContentJson("monitoring.json");
  const std::set<std::string> sections = {"setting", "staff", "observations", "equipment", "discharge"};
  const std::set<std::string> whens = {"any", "parenteral", "monitored", "standard"};
  for (const Json& item : document["items"]) {
    EXPECT_EQ(known.count(ReadSource(item).ref), 1u) << item["id"];
    EXPECT_EQ(sections.count(item["section"].get<std::string>()), 1u) << item["id"];
    EXPECT_EQ(whens.count(item["when"].get<std::string>()), 1u) << item["id"];
    for (const char* key : {"regimens", "not_regimens"}) {
      for (const Json& id : item.value(key, Json::array())) {
        EXPECT_NE(FindRegimen(C(), id.get<std::string>()), nullptr) << item["id"] << " names " << id;
      }
    }
  }
  const Json& lowering = document["lowered_thresholds"];
  EXPECT_EQ(lowering["age_years_at_least"], 65);
  EXPECT_EQ(lowering["factor"], 0.5);
  EXPECT_EQ(lowering["source"]["ref"], "ketadose-conventions");
  EXPECT_EQ(lowering["guideline"]["ref"], "cohen2018");
}

}  // namespace
}  // namespace ketadose
