// Guardrails: each alert fires exactly where its source puts the line, and blocking follows severity.
#include "domain/guardrails.hpp"
#include "api/plan_io.hpp"
#include "content/catalog_json.hpp"

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

bool Says(const Alert* alert, const std::string& words) {
  return alert != nullptr && alert->message.find(words) != std::string::npos;
}

TEST(AdultScope, APatientUnderEighteenIsRefused) {
  // Every source concerns adults (content/meta.json scope; rules.json adult_scope, 18 years by convention).
  const Assessment child = Assess(R"({"protocol":"chronic-iv-outpatient","patient":{"weight":60,"age_years":17},
    "infusion":{"rate_mg_per_kg_per_h":0.5,"duration_h":4,"concentration_mg_per_ml":1}})");
  const Alert* alert = Find(child, "outside-adult-scope");
  ASSERT_NE(alert, nullptr);
  EXPECT_EQ(alert->severity, Severity::kHard);
  EXPECT_EQ(alert->field, "patient.age_years");
  EXPECT_TRUE(child.blocked);
  // 18 years is an adult: no scope alert (0.5 x 60 x 4 = 120 mg, over 4 h: nothing else either).
  const Assessment adult = Assess(R"({"protocol":"chronic-iv-outpatient","patient":{"weight":60,"age_years":18},
    "infusion":{"rate_mg_per_kg_per_h":0.5,"duration_h":4,"concentration_mg_per_ml":1}})");
  EXPECT_EQ(Find(adult, "outside-adult-scope"), nullptr);
  EXPECT_FALSE(adult.blocked);
}

TEST(AdultScope, ATenKilogramPatientWithNoAgeMustBeConfirmedAsAnAdult) {
  // 10 kg < 40 kg floor (rules.json adult_scope.weight_kg_floor_without_age, a ketadose convention): soft.
  const Assessment light = Assess(R"({"protocol":"palliative","patient":{"weight":10},
    "infusion":{"rate_mg_per_kg_per_h":0.15,"duration_h":24,"concentration_mg_per_ml":1}})");
  const Alert* alert = Find(light, "adult-weight-unconfirmed");
  ASSERT_NE(alert, nullptr);
  EXPECT_EQ(alert->severity, Severity::kSoft);
  EXPECT_EQ(alert->field, "patient.weight");
  EXPECT_EQ(alert->source.ref, "ketadose-conventions");
  EXPECT_TRUE(Says(alert, "ketadose convention"));
  EXPECT_TRUE(light.blocked);
  // 40 kg is at the floor, not below it; an adult age given removes the question.
  EXPECT_EQ(Find(Assess(R"({"protocol":"palliative","patient":{"weight":40},
    "infusion":{"rate_mg_per_kg_per_h":0.15,"duration_h":24,"concentration_mg_per_ml":1}})"),
                 "adult-weight-unconfirmed"),
            nullptr);
  EXPECT_EQ(Find(Assess(R"({"protocol":"palliative","patient":{"weight":38,"age_years":80},
    "infusion":{"rate_mg_per_kg_per_h":0.15,"duration_h":24,"concentration_mg_per_ml":1}})"),
                 "adult-weight-unconfirmed"),
            nullptr);
}

TEST(MinimumEffectiveDose, ConcernsOnlyTheFirstSingleOutpatientInfusion) {
  // Schwartzman series at 50 kg: 0.35 x 50 = 17.5 mg/h x 4 h = 70 mg < 80 mg, yet the Q3 starting rule is for
  // a first single outpatient infusion, not a trial series: no alert.
  const Assessment series = Assess(R"({"protocol":"crps-schwartzman","patient":{"weight":50},
    "infusion":{"rate_mg_per_kg_per_h":0.35,"duration_h":4,"concentration_mg_per_ml":1}})");
  EXPECT_EQ(Find(series, "below-minimum-effective-dose"), nullptr);
  EXPECT_FALSE(series.blocked);
  // Which regimens it concerns is data: only the single outpatient infusion carries chronic_pain_minimum.
  for (const Json& regimen : Documents(C()).regimens) {
    EXPECT_EQ(regimen.value("chronic_pain_minimum", false), regimen["id"] == "chronic-iv-outpatient")
        << regimen["id"];
  }
}

TEST(LimitKind, EveryRegimenLimitSaysWhatKindOfFigureItIs) {
  for (const Json& regimen : Documents(C()).regimens) {
    for (const char* part : {"bolus", "infusion", "repeated"}) {
      if (!regimen.contains(part)) continue;
      for (auto item = regimen[part].begin(); item != regimen[part].end(); ++item) {
        if (!item->is_object() || item.key() == "default") continue;
        const auto limit = RegimenLimit(regimen, part, item.key().c_str());
        ASSERT_TRUE(limit.has_value());
        EXPECT_NE(limit->kind, LimitKind::kUnstated) << regimen["id"] << " " << part << "." << item.key();
      }
    }
  }
}

TEST(LimitKind, ATrialProtocolIsTheDoseUsedInTheTrialNotAStatedMaximum) {
  // Schwartzman at 60 kg, 0.4 mg/kg/h = 24 mg/h (under the 25 mg/h cap) but above the trial's 0.35 mg/kg/h.
  const Assessment assessment = Assess(R"({"protocol":"crps-schwartzman","patient":{"weight":60},
    "infusion":{"rate_mg_per_kg_per_h":0.4,"duration_h":4,"concentration_mg_per_ml":1}})");
  const Alert* alert = Find(assessment, "above-protocol-range");
  ASSERT_NE(alert, nullptr);
  EXPECT_EQ(alert->severity, Severity::kSoft);
  EXPECT_TRUE(Says(alert, "above the rate used in the trial (0.35 mg/kg/h)")) << alert->message;
  EXPECT_FALSE(Says(alert, "stated maximum"));
  EXPECT_EQ(Find(assessment, "rate-cap-exceeded"), nullptr);
}

TEST(LimitKind, TheOralFollowOnMedianIsNotACeiling) {
  // 0.5 mg/kg x 80 kg = 40 mg every 6 h = 160 mg/day, above the 150 mg/day median of Cohen Q4: information only.
  const Assessment assessment = Assess(R"({"protocol":"oral-followon","patient":{"weight":80},
    "repeated":{"dose_mg_per_kg":0.5,"every_h":6,"concentration_mg_per_ml":20}})");
  const Alert* alert = Find(assessment, "above-reported-average");
  ASSERT_NE(alert, nullptr);
  EXPECT_EQ(alert->severity, Severity::kInfo);
  EXPECT_EQ(alert->field, "repeated.daily_mg");
  EXPECT_TRUE(Says(alert, "above the median daily dose reported (150 mg)")) << alert->message;
  EXPECT_EQ(Find(assessment, "above-protocol-range"), nullptr);
  EXPECT_FALSE(assessment.blocked);
}

TEST(LimitKind, TheSigtermansDurationIsAMeanOfFourPointTwoDays) {
  // 4.2 days x 24 = 100.8 h, stored as 101 h; 120 h is above that mean: information only.
  const Assessment assessment = Assess(R"({"protocol":"crps-sigtermans","patient":{"weight":70},
    "infusion":{"rate_mg_per_kg_per_h":0.3,"duration_h":120,"concentration_mg_per_ml":1}})");
  const Alert* alert = Find(assessment, "above-reported-average");
  ASSERT_NE(alert, nullptr);
  EXPECT_EQ(alert->severity, Severity::kInfo);
  EXPECT_TRUE(Says(alert, "above the mean duration reported in the trial (101 h)")) << alert->message;
}

TEST(LimitKind, TheIntranasalSixHourIntervalBelongsToTheTwentyFiveMilligramDose) {
  // 25 mg every 4 h: shorter than the 6 h Cohen Q4 gives with the single 25 mg dose.
  const Assessment alertAssessment = Assess(R"({"protocol":"intranasal","patient":{"weight":70},
    "repeated":{"dose_mg":25,"every_h":4}})");  // held: alert points into it
  const Alert* alert = Find(alertAssessment, "below-protocol-range");
  ASSERT_NE(alert, nullptr);
  EXPECT_TRUE(Says(alert, "the usual interval the source gives (6 h), given for a single 25 mg dose")) << alert->message;
}

TEST(LimitKind, AStartBelowARangeTitratedUpToIsNotCalledASlip) {
  // Cohen Table 1: 0.5-2 mg/kg/h for inpatient awake infusions, higher rates titrated up from lower ones.
  const Assessment startAssessment = Assess(R"({"protocol":"chronic-iv-inpatient","patient":{"weight":70},
    "infusion":{"rate_mg_per_kg_per_h":0.25,"duration_h":72,"concentration_mg_per_ml":1}})");  // held: start points into it
  const Alert* start = Find(startAssessment, "below-protocol-range");
  ASSERT_NE(start, nullptr);
  EXPECT_TRUE(Says(start, "titrating up")) << start->message;
  EXPECT_FALSE(Says(start, "slip"));
  // The palliative bolus range (Enclara 0.15-0.3 mg/kg) is not titrated up to: 0.1 mg/kg may be a slip.
  const Assessment bolusAssessment = Assess(R"({"protocol":"palliative","patient":{"weight":70},
    "bolus":{"dose_mg_per_kg":0.1,"concentration_mg_per_ml":10,"over_min":5}})");  // held: bolus points into it
  const Alert* bolus = Find(bolusAssessment, "below-protocol-range");
  ASSERT_NE(bolus, nullptr);
  EXPECT_TRUE(Says(bolus, "slip"));
  EXPECT_TRUE(Says(bolus, "below this regimen's stated minimum of 0.15 mg/kg"));
}

TEST(LimitKind, AConventionRuleSaysItIsAConvention) {
  // The 12 h outpatient session (rules.json outpatient_duration) is a ketadose convention, not guidance.
  const Assessment alertAssessment = Assess(Outpatient("", "0.5", "14"));  // held: alert points into it
  const Alert* alert = Find(alertAssessment, "outpatient-duration-long");
  ASSERT_NE(alert, nullptr);
  EXPECT_TRUE(Says(alert, "The 12 h line is a ketadose convention")) << alert->message;
}

TEST(Depression, TheDepressionDoseIsAnInfusionJudgedByTheInfusionThreshold) {
  // 0.5 mg/kg over 40 min = 0.75 mg/kg/h for 0.667 h (Cohen Q3, Q6): 70 kg -> 52.5 mg/h, 35 mg. 0.75 < 1 mg/kg/h
  // (Q6 infusion threshold) and there is no bolus, so no monitored-setting alert and no range alert.
  const Assessment assessment = Assess(R"({"protocol":"depression-iv","patient":{"weight":70,"age_years":40},
    "infusion":{"rate_mg_per_kg_per_h":0.75,"duration_h":0.6666666666666666,"concentration_mg_per_ml":1}})");
  EXPECT_EQ(assessment.setting, Setting::kStandard);
  EXPECT_TRUE(assessment.alerts.empty()) << assessment.alerts.front().code;
  // Over 15 min (0.25 h) the rate is 0.5 / 0.25 = 2 mg/kg/h: above the usual 0.75 and at the 1 mg/kg/h threshold.
  const Assessment fast = Assess(R"({"protocol":"depression-iv","patient":{"weight":58,"age_years":58},
    "infusion":{"rate_mg_per_kg_per_h":2,"duration_h":0.25,"concentration_mg_per_ml":1}})");
  EXPECT_TRUE(Says(Find(fast, "above-protocol-range"), "the usual rate the source gives (0.75 mg/kg/h)"));
  EXPECT_EQ(fast.setting, Setting::kMonitored);
}

}  // namespace
}  // namespace ketadose
