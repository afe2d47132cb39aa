// Response assessment: percentage changes worked by hand, the positive-response rule, the duration that counts
// and the treatments-per-year alerts, all from Cohen 2018 Q8 (content/response.json).
#include "domain/response.hpp"

#include <gtest/gtest.h>

#include <set>

#include "api/response_io.hpp"
#include "content/content.hpp"

namespace ketadose {
namespace {

const ResponseContent& Rules() { return ResponseRecords(); }

ResponseAssessment Assess(const std::string& json) {
  Errors errors;
  const auto input = ReadResponseInput(Json::parse(json), Rules(), errors);
  EXPECT_TRUE(input.has_value()) << (errors.Empty() ? "" : errors.List()[0].field + ": " + errors.List()[0].message);
  if (!input) return {};
  return AssessResponse(*input, Rules());
}

std::set<std::string> ErrorFields(const std::string& json) {
  Errors errors;
  EXPECT_FALSE(ReadResponseInput(Json::parse(json), Rules(), errors).has_value()) << json;
  std::set<std::string> fields;
  for (const FieldError& error : errors.List()) fields.insert(error.field);
  return fields;
}

bool Met(const ResponseAssessment& result, const std::string& id) {
  for (const ResponseReason& reason : result.reasons) {
    if (reason.id == id) return reason.met;
  }
  ADD_FAILURE() << "no reason " << id;
  return false;
}

TEST(Response, PainEightToFiveIsAThirtySevenPointFivePercentReduction) {
  // (8 - 5) / 8 x 100 = 37.5 (the issue's worked example).
  const ResponseAssessment result = Assess(R"({"pain_before":8,"pain_after":5,"satisfied":true})");
  EXPECT_DOUBLE_EQ(result.painReductionPercent, 37.5);
  EXPECT_TRUE(Met(result, "pain"));
  EXPECT_TRUE(result.benefitMet);
  EXPECT_EQ(result.source.ref, "cohen2018");
}

TEST(Response, PainThatRisesIsANegativeReduction) {
  // (4 - 6) / 4 x 100 = -50.
  const ResponseAssessment result = Assess(R"({"pain_before":4,"pain_after":6,"satisfied":true})");
  EXPECT_DOUBLE_EQ(result.painReductionPercent, -50.0);
  EXPECT_FALSE(result.benefitMet);
  EXPECT_NE(result.reasons[0].text.find("rose by 50%"), std::string::npos) << result.reasons[0].text;
}

TEST(Response, ExactlyThirtyPercentPainReductionCounts) {
  // Cohen 2018 Q8: 30% or greater. 10 -> 7 = 30%; 8 -> 5.6 = 2.4 / 8 = 30% (30.000000000000004 in binary).
  EXPECT_TRUE(Assess(R"({"pain_before":10,"pain_after":7,"satisfied":true})").benefitMet);
  EXPECT_TRUE(Assess(R"({"pain_before":8,"pain_after":5.6,"satisfied":true})").benefitMet);
  // 10 -> 7.1 = 29%: not enough, however satisfied the patient is.
  const ResponseAssessment below = Assess(R"({"pain_before":10,"pain_after":7.1,"satisfied":true})");
  EXPECT_FALSE(Met(below, "pain"));
  EXPECT_FALSE(below.benefitMet);
}

TEST(Response, PainReliefAloneIsNotEnoughWithoutSatisfactionOrAnObjectiveMeasure) {
  // Cohen 2018 Q8: >= 30% pain relief in conjunction with satisfaction and/or an objective indicator.
  const ResponseAssessment result = Assess(R"({"pain_before":8,"pain_after":4,"satisfied":false})");
  EXPECT_TRUE(Met(result, "pain"));  // 50%
  EXPECT_FALSE(Met(result, "satisfaction"));
  EXPECT_FALSE(result.benefitMet);
}

TEST(Response, OdiImprovementOfTwelvePointEightPointsStandsInForSatisfaction) {
  // ODI 50 -> 37.2 %: 12.8 points (Cohen 2018 Q8: a 12.8% improvement in the ODI, which is scored in %;
  // 12.8 points is its usual minimal clinically important difference); relative fall (50 - 37.2) / 50 = 25.6%.
  const ResponseAssessment at =
      Assess(R"({"pain_before":8,"pain_after":5,"satisfied":false,"odi_before":50,"odi_after":37.2})");
  EXPECT_NEAR(*at.odiChangePoints, 12.8, 1e-9);
  EXPECT_NEAR(*at.odiImprovementPercent, 25.6, 1e-9);
  EXPECT_TRUE(Met(at, "odi"));
  EXPECT_TRUE(at.benefitMet);
  // 50 -> 43.6 is a 12.8% relative fall but only 6.4 points: not enough.
  const ResponseAssessment relativeOnly =
      Assess(R"({"pain_before":8,"pain_after":5,"satisfied":false,"odi_before":50,"odi_after":43.6})");
  EXPECT_NEAR(*relativeOnly.odiChangePoints, 6.4, 1e-9);
  EXPECT_FALSE(Met(relativeOnly, "odi"));
  EXPECT_FALSE(relativeOnly.benefitMet);
  // 50 -> 37.3 = 12.7 points: short of it.
  EXPECT_FALSE(Met(Assess(R"({"pain_before":8,"pain_after":5,"satisfied":false,"odi_before":50,"odi_after":37.3})"),
                   "odi"));
}

TEST(Response, OpioidReductionOfTwentyPercentStandsInForSatisfaction) {
  // 100 -> 80 mg MME/day = 20% (Cohen 2018 Q8: 20% or greater reduction in opioid use).
  const ResponseAssessment at = Assess(
      R"({"pain_before":6,"pain_after":4,"satisfied":false,"opioid_mme_per_day_before":100,"opioid_mme_per_day_after":80})");
  EXPECT_DOUBLE_EQ(*at.opioidReductionPercent, 20.0);
  EXPECT_TRUE(at.benefitMet);  // pain (6 - 4) / 6 = 33.3% and opioids 20%
  // 60 -> 50 = 16.667%: short of it.
  const ResponseAssessment below = Assess(
      R"({"pain_before":6,"pain_after":4,"satisfied":false,"opioid_mme_per_day_before":60,"opioid_mme_per_day_after":50})");
  EXPECT_NEAR(*below.opioidReductionPercent, 16.6667, 1e-4);
  EXPECT_FALSE(below.benefitMet);
}

TEST(Response, ObjectiveMeasuresWithoutEnoughPainReliefAreNotPositive) {
  // Pain 8 -> 6 = 25% < 30%, despite opioids halved and ODI down 40%.
  const ResponseAssessment result = Assess(
      R"({"pain_before":8,"pain_after":6,"satisfied":true,"opioid_mme_per_day_before":90,"opioid_mme_per_day_after":45,
          "odi_before":50,"odi_after":30})");
  EXPECT_FALSE(result.benefitMet);
}

TEST(Response, ReliefCountsAfterMoreThanThreeWeeksFromOneOutpatientInfusion) {
  // Cohen 2018 Q8: greater than 3 weeks after a single outpatient infusion.
  const std::string base = R"({"pain_before":8,"pain_after":5,"satisfied":true,"regimen_kind":"single-outpatient",)";
  EXPECT_FALSE(*Assess(base + R"("relief_weeks":3})").durationCounts);
  EXPECT_TRUE(*Assess(base + R"("relief_weeks":3.5})").durationCounts);
  EXPECT_DOUBLE_EQ(*Assess(base + R"("relief_weeks":4})").durationWeeksMoreThan, 3.0);
}

TEST(Response, ReliefCountsAfterMoreThanSixWeeksFromAnInpatientInfusionOrSeries) {
  // Cohen 2018 Q8: greater than 6 weeks after an inpatient infusion or a series.
  const std::string base = R"({"pain_before":8,"pain_after":5,"satisfied":true,"regimen_kind":"inpatient-or-series",)";
  EXPECT_FALSE(*Assess(base + R"("relief_weeks":4})").durationCounts);
  EXPECT_FALSE(*Assess(base + R"("relief_weeks":6})").durationCounts);
  EXPECT_TRUE(*Assess(base + R"("relief_weeks":7})").durationCounts);
}

TEST(Response, DurationIsNotJudgedWithoutTheReliefWeeks) {
  const ResponseAssessment result =
      Assess(R"({"pain_before":8,"pain_after":5,"satisfied":true,"regimen_kind":"single-outpatient"})");
  EXPECT_FALSE(result.durationCounts.has_value());
}

TEST(Response, MoreThanSixTreatmentsAYearIsASoftAlertAndMoreThanTwelveAStrongOne) {
  // Cohen 2018 Q8: no more than 6 to 12 treatments a year.
  const std::string base = R"({"pain_before":8,"pain_after":5,"satisfied":true,"treatments_last_12_months":)";
  EXPECT_TRUE(Assess(base + "6}").alerts.empty());
  const ResponseAssessment seven = Assess(base + "7}");
  ASSERT_EQ(seven.alerts.size(), 1u);
  EXPECT_EQ(seven.alerts[0].strength, AlertStrength::kSoft);
  EXPECT_EQ(seven.alerts[0].code, "treatments-per-year-above-lower-limit");
  EXPECT_EQ(Assess(base + "12}").alerts[0].strength, AlertStrength::kSoft);
  const ResponseAssessment thirteen = Assess(base + "13}");
  ASSERT_EQ(thirteen.alerts.size(), 1u);  // the strong alert replaces the soft one
  EXPECT_EQ(thirteen.alerts[0].strength, AlertStrength::kStrong);
  EXPECT_EQ(thirteen.alerts[0].code, "treatments-per-year-above-upper-limit");
  EXPECT_EQ(thirteen.alerts[0].source.ref, "cohen2018");
}

TEST(Response, PercentReductionIsFallOverStartingValue) {
  EXPECT_DOUBLE_EQ(PercentReduction({8, 5}), 37.5);    // 3 / 8
  EXPECT_DOUBLE_EQ(PercentReduction({40, 30}), 25.0);  // 10 / 40
  EXPECT_DOUBLE_EQ(PercentReduction({5, 5}), 0.0);
}

TEST(Response, BadInputIsAFieldErrorNamingTheField) {
  EXPECT_EQ(ErrorFields(R"({"pain_after":5,"satisfied":true})"), std::set<std::string>{"pain_before"});
  EXPECT_EQ(ErrorFields(R"({"pain_before":0,"pain_after":0,"satisfied":true})"), std::set<std::string>{"pain_before"});
  EXPECT_EQ(ErrorFields(R"({"pain_before":8,"pain_after":11,"satisfied":true})"), std::set<std::string>{"pain_after"});
  EXPECT_EQ(ErrorFields(R"({"pain_before":"8","pain_after":5,"satisfied":true})"),
            std::set<std::string>{"pain_before"});
  EXPECT_EQ(ErrorFields(R"({"pain_before":8,"pain_after":5})"), std::set<std::string>{"satisfied"});
  EXPECT_EQ(ErrorFields(R"({"pain_before":8,"pain_after":5,"satisfied":1})"), std::set<std::string>{"satisfied"});
  EXPECT_EQ(ErrorFields(R"({"pain_before":8,"pain_after":5,"satisfied":true,"odi_before":40})"),
            std::set<std::string>{"odi_after"});
  EXPECT_EQ(ErrorFields(R"({"pain_before":8,"pain_after":5,"satisfied":true,"opioid_mme_per_day_after":40})"),
            std::set<std::string>{"opioid_mme_per_day_before"});
  EXPECT_EQ(
      ErrorFields(
          R"({"pain_before":8,"pain_after":5,"satisfied":true,"opioid_mme_per_day_before":0,"opioid_mme_per_day_after":0})"),
      std::set<std::string>{"opioid_mme_per_day_before"});
  EXPECT_EQ(ErrorFields(R"({"pain_before":8,"pain_after":5,"satisfied":true,"relief_weeks":4})"),
            std::set<std::string>{"regimen_kind"});
  EXPECT_EQ(ErrorFields(R"({"pain_before":8,"pain_after":5,"satisfied":true,"regimen_kind":"weekly"})"),
            std::set<std::string>{"regimen_kind"});
  EXPECT_EQ(ErrorFields(R"({"pain_before":8,"pain_after":5,"satisfied":true,"treatments_last_12_months":2.5})"),
            std::set<std::string>{"treatments_last_12_months"});
  EXPECT_EQ(ErrorFields(R"({"pain_before":8,"pain_after":5,"satisfied":true,"treatments_last_12_months":-1})"),
            std::set<std::string>{"treatments_last_12_months"});
  EXPECT_EQ(ErrorFields(R"({"pain_before":8,"pain_after":5,"satisfied":true,"pain_score":3})"),
            std::set<std::string>{"pain_score"});
}

TEST(ResponseContent, FiguresAreCohen2018Q8) {
  // The typed records as read from content/response.json (Cohen 2018 Q8 conclusion).
  const ResponseContent& rules = Rules();
  ASSERT_TRUE(rules.loaded);
  EXPECT_EQ(rules.positiveResponse.painReductionPercentAtLeast, 30);
  EXPECT_EQ(rules.positiveResponse.odiImprovementPointsAtLeast, 12.8);
  EXPECT_EQ(rules.positiveResponse.opioidReductionPercentAtLeast, 20);
  EXPECT_EQ(rules.duration.singleOutpatientWeeksMoreThan, 3);
  EXPECT_EQ(rules.duration.inpatientOrSeriesWeeksMoreThan, 6);
  EXPECT_EQ(rules.treatmentsPerYear.softAbove, 6);
  EXPECT_EQ(rules.treatmentsPerYear.strongAbove, 12);
  EXPECT_EQ(rules.positiveResponse.source.ref, "cohen2018");
  EXPECT_EQ(rules.duration.source.ref, "cohen2018");
  EXPECT_EQ(rules.treatmentsPerYear.source.ref, "cohen2018");
  // The same figures in the file itself.
  const Json& file = ContentJson("response.json");
  EXPECT_EQ(file["positive_response"]["pain_reduction_percent_at_least"], 30);
  EXPECT_EQ(file["duration"]["inpatient-or-series"]["weeks_more_than"], 6);
}

// Issue 12: the verdict needs the size of the benefit and its duration together (Cohen 2018 Q8).
TEST(ResponseVerdict, OneWeekOfReliefAfterASingleOutpatientInfusionIsNotPositive) {
  // Pain 8 -> 5 = 37.5% >= 30% and satisfied: benefit met; 1 week is not > 3 weeks (single outpatient).
  const ResponseAssessment result = Assess(
      R"({"pain_before":8,"pain_after":5,"satisfied":true,"relief_weeks":1,"regimen_kind":"single-outpatient"})");
  EXPECT_TRUE(result.benefitMet);
  EXPECT_EQ(result.verdict, ResponseVerdict::kNotPositive);
  EXPECT_FALSE(result.positive);
  ASSERT_EQ(result.verdictReasons.size(), 2u);
  EXPECT_EQ(result.verdictReasons[1].id, "duration");
  EXPECT_EQ(result.verdictReasons[1].met, std::optional<bool>(false));
  EXPECT_NE(result.verdictReasons[1].text.find("1 week after a single outpatient infusion: not more than 3 weeks"),
            std::string::npos)
      << result.verdictReasons[1].text;
}

TEST(ResponseVerdict, BenefitAndDurationBothMetIsPositive) {
  // 37.5% and satisfied; 4 weeks > 3 after one outpatient infusion; 7 weeks > 6 after a series.
  const std::string base = R"({"pain_before":8,"pain_after":5,"satisfied":true,)";
  const ResponseAssessment outpatient = Assess(base + R"("relief_weeks":4,"regimen_kind":"single-outpatient"})");
  EXPECT_EQ(outpatient.verdict, ResponseVerdict::kPositive);
  EXPECT_TRUE(outpatient.positive);
  const ResponseAssessment series = Assess(base + R"("relief_weeks":7,"regimen_kind":"inpatient-or-series"})");
  EXPECT_EQ(series.verdict, ResponseVerdict::kPositive);
}

TEST(ResponseVerdict, TheDurationThatCountsDependsOnTheRegimenKind) {
  // 4 weeks: > 3 (counts after one outpatient infusion) but not > 6 (an inpatient infusion or a series).
  const std::string base = R"({"pain_before":8,"pain_after":5,"satisfied":true,"relief_weeks":4,)";
  EXPECT_EQ(Assess(base + R"("regimen_kind":"single-outpatient"})").verdict, ResponseVerdict::kPositive);
  const ResponseAssessment series = Assess(base + R"("regimen_kind":"inpatient-or-series"})");
  EXPECT_EQ(series.verdict, ResponseVerdict::kNotPositive);
  EXPECT_FALSE(series.positive);
  // Exactly 6 weeks is not "more than 6".
  EXPECT_EQ(Assess(R"({"pain_before":8,"pain_after":5,"satisfied":true,"relief_weeks":6,"regimen_kind":"inpatient-or-series"})")
                .verdict,
            ResponseVerdict::kNotPositive);
}

TEST(ResponseVerdict, BenefitMetWithoutADurationIsPending) {
  // 37.5% and satisfied, no relief_weeks yet: pending, and positive stays false until the duration is known.
  const ResponseAssessment result = Assess(R"({"pain_before":8,"pain_after":5,"satisfied":true})");
  EXPECT_TRUE(result.benefitMet);
  EXPECT_EQ(result.verdict, ResponseVerdict::kPending);
  EXPECT_FALSE(result.positive);
  ASSERT_EQ(result.verdictReasons.size(), 2u);
  EXPECT_FALSE(result.verdictReasons[1].met.has_value());
  EXPECT_STREQ(ResponseVerdictName(result.verdict), "pending");
}

TEST(ResponseVerdict, BenefitNotMetIsNotPositiveWhateverTheDuration) {
  // Pain 8 -> 6 = 25% < 30%: not positive even with 10 weeks of relief after a series (> 6).
  const ResponseAssessment result = Assess(
      R"({"pain_before":8,"pain_after":6,"satisfied":true,"relief_weeks":10,"regimen_kind":"inpatient-or-series"})");
  EXPECT_FALSE(result.benefitMet);
  EXPECT_TRUE(*result.durationCounts);
  EXPECT_EQ(result.verdict, ResponseVerdict::kNotPositive);
  EXPECT_FALSE(result.positive);
  EXPECT_EQ(result.verdictReasons[0].met, std::optional<bool>(false));
  // Not met and no duration: still not positive, never pending.
  EXPECT_EQ(Assess(R"({"pain_before":8,"pain_after":6,"satisfied":true})").verdict, ResponseVerdict::kNotPositive);
}

}  // namespace
}  // namespace ketadose
