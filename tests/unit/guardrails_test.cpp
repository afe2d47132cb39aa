// Guardrails: each alert fires exactly where its source puts the line, and blocking follows severity.
#include "ketadose/guardrails.hpp"

#include <algorithm>

#include <gtest/gtest.h>

namespace ketadose {
namespace {

const Catalog& C() { return DefaultCatalog(); }

Assessment Assess(const std::string& json) {
  Errors errors;
  const auto request = ReadPlanRequest(Json::parse(json), C(), errors);
  EXPECT_TRUE(request.has_value()) << (errors.Empty() ? "" : errors.List()[0].message);
  if (!request) return {};
  const auto weight = ChooseDosingWeight(request->patient, request->basis, C(), errors);
  if (!weight) return {};
  const Plan plan = ComputePlan(*request, *weight, C());
  return EvaluatePlan(*request, plan, *FindRegimen(C(), request->protocolId), C());
}

const Alert* Find(const Assessment& assessment, const std::string& code) {
  const auto found = std::find_if(assessment.alerts.begin(), assessment.alerts.end(),
                                  [&](const Alert& alert) { return alert.code == code; });
  return found == assessment.alerts.end() ? nullptr : &*found;
}

std::string Outpatient(const std::string& bolusPerKg, const std::string& ratePerKg, const std::string& hours,
                       const std::string& extra = "") {
  std::string json = R"({"protocol":"chronic-iv-outpatient","patient":{"weight":70})";
  if (!bolusPerKg.empty()) {
    json += R"(,"bolus":{"dose_mg_per_kg":)" + bolusPerKg + R"(,"concentration_mg_per_ml":10,"over_min":10})";
  }
  json += R"(,"infusion":{"rate_mg_per_kg_per_h":)" + ratePerKg + R"(,"duration_h":)" + hours +
          R"(,"concentration_mg_per_ml":1})" + extra + "}";
  return json;
}

TEST(MonitoredSetting, BolusAtPointThreeFiveMgPerKgNeedsAMonitoredUnit) {
  // Cohen 2018 Q6: bolus >= 0.35 mg/kg.
  const Assessment at = Assess(Outpatient("0.35", "0.5", "4"));
  EXPECT_EQ(at.setting, Setting::kMonitored);
  ASSERT_NE(Find(at, "monitored-setting-required"), nullptr);
  EXPECT_EQ(Find(at, "monitored-setting-required")->severity, Severity::kSoft);
  EXPECT_EQ(Find(at, "monitored-setting-required")->source.ref, "cohen2018");
  const Assessment below = Assess(Outpatient("0.3", "0.5", "4"));
  EXPECT_EQ(below.setting, Setting::kStandard);
  EXPECT_EQ(Find(below, "monitored-setting-required"), nullptr);
}

TEST(MonitoredSetting, InfusionAtOneMgPerKgPerHourNeedsAMonitoredUnit) {
  // Cohen 2018 Q6: infusion >= 1 mg/kg/h; 0.99 stays standard.
  EXPECT_EQ(Assess(Outpatient("", "1", "4")).setting, Setting::kMonitored);
  EXPECT_EQ(Assess(Outpatient("", "0.99", "4")).setting, Setting::kStandard);
}

TEST(MinimumEffectiveDose, FlagsLessThanEightyMilligrams) {
  // 0.5 mg/kg/h x 70 kg x 2.2 h = 77 mg < 80 mg (Cohen 2018 Q3).
  EXPECT_NE(Find(Assess(Outpatient("", "0.5", "2.2")), "below-minimum-effective-dose"), nullptr);
  // 0.5 x 70 x 2.3 = 80.5 mg and 2.3 h > 2 h: no alert.
  EXPECT_EQ(Find(Assess(Outpatient("", "0.5", "2.3")), "below-minimum-effective-dose"), nullptr);
}

TEST(MinimumEffectiveDose, FlagsTwoHoursOrLessEvenAboveEightyMilligrams) {
  // 1 mg/kg/h x 70 kg x 2 h = 140 mg, but 2 h is not "more than 2 h".
  EXPECT_NE(Find(Assess(Outpatient("", "1", "2")), "below-minimum-effective-dose"), nullptr);
}

TEST(MinimumEffectiveDose, CountsTheBolusInTheTotal) {
  // 24.5 mg bolus + 0.5 x 70 x 2.1 = 73.5 mg: 98 mg in all, over 2.1 h: no alert.
  EXPECT_EQ(Find(Assess(Outpatient("0.35", "0.5", "2.1")), "below-minimum-effective-dose"), nullptr);
}

TEST(ProtocolRange, AboveTheStatedMaximumIsSoftAndBlocksUntilAcknowledged) {
  // Cohen Table 6: bolus up to 0.35 mg/kg; 0.5 mg/kg is above it.
  const Assessment unacknowledged = Assess(Outpatient("0.5", "0.5", "4"));
  const Alert* alert = Find(unacknowledged, "above-protocol-range");
  ASSERT_NE(alert, nullptr);
  EXPECT_EQ(alert->severity, Severity::kSoft);
  EXPECT_TRUE(unacknowledged.blocked);
  // Acknowledged by their ack keys (contract 1: "<code>:<first 8 hex of SHA-256 of the message>").
  std::string keys;
  for (const Alert& item : unacknowledged.alerts) {
    if (item.severity == Severity::kSoft) keys += std::string(keys.empty() ? "" : ",") + "\"" + AckKey(item) + "\"";
  }
  const Assessment acknowledged = Assess(Outpatient("0.5", "0.5", "4", ",\"acknowledged\":[" + keys + "]"));
  EXPECT_FALSE(acknowledged.blocked);
  // A bare code no longer acknowledges anything.
  const Assessment byCode = Assess(Outpatient(
      "0.5", "0.5", "4", R"(,"acknowledged":["above-protocol-range","monitored-setting-required"])"));
  EXPECT_TRUE(byCode.blocked);
}

TEST(AckKey, IsTheCodeAndTheFirstEightHexDigitsOfTheMessagesSha256) {
  // FIPS 180-2 test vector: SHA-256("abc") = ba7816bf 8f01cfea ...
  const Alert alert{"above-protocol-range", Severity::kSoft, "abc", {}, "", false};
  EXPECT_EQ(AckKey(alert), "above-protocol-range:ba7816bf");
  // A changed figure in the message changes the key, so the alert is open again.
  const Alert low{"above-protocol-range", Severity::kSoft, "A rate of 0.5 mg/kg/h is above the range.", {}, "", false};
  const Alert high{"above-protocol-range", Severity::kSoft, "A rate of 1.5 mg/kg/h is above the range.", {}, "", false};
  EXPECT_NE(AckKey(low), AckKey(high));
  EXPECT_FALSE(IsBlocked({low}, {AckKey(low)}));
  EXPECT_TRUE(IsBlocked({high}, {AckKey(low)}));
}

TEST(ProtocolRange, AnAbsoluteMaximumIsHard) {
  // Position paper 2016 Proposal 5: maximum 0.5 mg/kg/h for the low-dose CNCP infusion.
  const Assessment assessment = Assess(R"({"protocol":"ncp-subanaesthetic","patient":{"weight":70},
    "infusion":{"rate_mg_per_kg_per_h":0.6,"duration_h":48,"concentration_mg_per_ml":1},
    "acknowledged":["above-protocol-range"]})");
  const Alert* alert = Find(assessment, "above-protocol-range");
  ASSERT_NE(alert, nullptr);
  EXPECT_EQ(alert->severity, Severity::kHard);
  EXPECT_TRUE(assessment.blocked);  // acknowledging a hard alert does not unblock it
}

TEST(RateCap, TwentyFiveMgPerHourCapInTheCrpsOutpatientTrial) {
  // 0.35 mg/kg/h x 80 kg = 28 mg/h > 25 mg/h cap (Schwartzman 2009 via position paper 5b): hard.
  const Assessment heavy = Assess(R"({"protocol":"crps-schwartzman","patient":{"weight":80},
    "infusion":{"rate_mg_per_kg_per_h":0.35,"duration_h":4,"concentration_mg_per_ml":1}})");
  ASSERT_NE(Find(heavy, "rate-cap-exceeded"), nullptr);
  EXPECT_EQ(Find(heavy, "rate-cap-exceeded")->severity, Severity::kHard);
  EXPECT_TRUE(heavy.blocked);
  // 0.35 x 70 = 24.5 mg/h: under the cap.
  const Assessment light = Assess(R"({"protocol":"crps-schwartzman","patient":{"weight":70},
    "infusion":{"rate_mg_per_kg_per_h":0.35,"duration_h":4,"concentration_mg_per_ml":1}})");
  EXPECT_EQ(Find(light, "rate-cap-exceeded"), nullptr);
  EXPECT_FALSE(light.blocked);
}

TEST(AnestheticRange, InfusionAboveTwoMgPerKgPerHourIsRefused) {
  // Cohen Table 6: awake infusions 0.5-2 mg/kg/h. 8.333 typed as mg/kg/h (a ug/kg/min slip) is refused.
  const Assessment slip = Assess(Outpatient("", "8.333", "4"));
  ASSERT_NE(Find(slip, "anesthetic-range"), nullptr);
  EXPECT_EQ(Find(slip, "anesthetic-range")->severity, Severity::kHard);
  EXPECT_TRUE(slip.blocked);
  EXPECT_EQ(Find(Assess(Outpatient("", "2", "4")), "anesthetic-range"), nullptr);
}

TEST(AnestheticRange, BolusOfOneMgPerKgIsAnInductionDose) {
  // Cohen Table 1: anaesthetic induction 1-4.5 mg/kg.
  EXPECT_NE(Find(Assess(Outpatient("1", "0.5", "4")), "anesthetic-range"), nullptr);
  EXPECT_EQ(Find(Assess(Outpatient("0.99", "0.5", "4")), "anesthetic-range"), nullptr);
}

TEST(DosingWeight, ObesityIsFlaggedAsInformation) {
  // 175 cm male: IBW 70.46 kg; 120 kg is 170% of it (> 120%).
  const Assessment assessment = Assess(R"({"protocol":"chronic-iv-outpatient",
    "patient":{"weight":120,"height_cm":175,"sex":"male"},"dosing_weight":"adjusted",
    "infusion":{"rate_mg_per_kg_per_h":0.5,"duration_h":4,"concentration_mg_per_ml":1}})");
  const Alert* alert = Find(assessment, "dosing-weight-obesity");
  ASSERT_NE(alert, nullptr);
  EXPECT_EQ(alert->severity, Severity::kInfo);
  EXPECT_FALSE(assessment.blocked);  // information never blocks
}

TEST(Blocking, AlertsAreOrderedHardSoftInfo) {
  const Assessment assessment = Assess(R"({"protocol":"chronic-iv-outpatient",
    "patient":{"weight":120,"height_cm":175,"sex":"male"},
    "infusion":{"rate_mg_per_kg_per_h":3,"duration_h":1,"concentration_mg_per_ml":1}})");
  ASSERT_GE(assessment.alerts.size(), 3u);
  for (std::size_t i = 1; i < assessment.alerts.size(); ++i) {
    EXPECT_LE(static_cast<int>(assessment.alerts[i - 1].severity), static_cast<int>(assessment.alerts[i].severity));
  }
}

}  // namespace
}  // namespace ketadose
