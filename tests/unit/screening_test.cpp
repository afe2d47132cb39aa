// Screening: each condition id gives the finding its source supports, findings combine into the verdict, tests
// follow Cohen 2018 Q5, and the Opioid Risk Tool scores by Webster & Webster 2005's published item weights.
#include "domain/screening.hpp"
#include "api/plan_io.hpp"
#include "content/catalog_json.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "api/api.hpp"
#include "api/screening_io.hpp"
#include "content/content.hpp"

namespace ketadose {
namespace {

const ScreeningContent& Screening() { return ScreeningRecords(); }
const OrtContent& OrtTool() { return OrtRecords(); }

std::optional<ScreenRequest> Read(const std::string& json, Errors& errors) {
  return ReadScreenRequest(Json::parse(json), DefaultCatalog(), errors);
}

ScreenResult ScreenOf(const std::string& json) {
  Errors errors;
  const auto request = Read(json, errors);
  EXPECT_TRUE(request.has_value()) << (errors.Empty() ? "" : errors.List()[0].field + ": " + errors.List()[0].message);
  if (!request) return {};
  return Screen(*request, Screening(), OrtTool());
}

ScreenResult ScreenConditions(const std::vector<std::string>& ids) {
  return ScreenOf(Json{{"action", "screen"}, {"conditions", ids}}.dump());
}

std::set<std::string> TestIds(const ScreenResult& result) {
  std::set<std::string> ids;
  for (const RecommendedTest& test : result.tests) ids.insert(test.id);
  return ids;
}

std::set<std::string> ErrorFields(const Errors& errors) {
  std::set<std::string> fields;
  for (const FieldError& error : errors.List()) fields.insert(error.field);
  return fields;
}

OrtResult Ort(const std::string& sex, const std::vector<std::string>& items) {
  OrtAnswers answers;
  answers.sex = sex == "male" ? OrtSex::kMale : OrtSex::kFemale;
  answers.items = items;
  return ScoreOrt(answers, OrtTool());
}

// The condition ids of the shared design contract, each with the level it takes from Cohen 2018 Table 5, the Q2
// summary and Table 6 (see content/screening.json for the record behind every line).
const std::map<std::string, Level>& ExpectedLevels() {
  static const std::map<std::string, Level> levels = {
      {"unstable-angina", Level::kAvoid},             // Q2: not in poorly controlled CV disease (B)
      {"uncontrolled-hypertension", Level::kAvoid},   // idem
      {"high-risk-coronary-disease", Level::kAvoid},  // idem
      {"cardiovascular-risk", Level::kPrecaution},    // Q5: baseline ECG
      {"elevated-icp", Level::kCaution},              // Q2: not used, or lower doses with extreme caution (C)
      {"elevated-iop", Level::kCaution},
      {"glaucoma", Level::kCaution},
      {"acute-globe-injury", Level::kCaution},
      {"hyperthyroidism", Level::kPrecaution},  // Table 5 endocrine, ungraded
      {"pheochromocytoma", Level::kPrecaution},
      {"severe-liver-disease", Level::kAvoid},      // Q2: avoid in severe impairment (C)
      {"moderate-liver-disease", Level::kCaution},  // Q2: judiciously, with monitoring (C)
      {"liver-toxicity-risk", Level::kPrecaution},  // Q5: LFTs case by case
      {"full-stomach", Level::kPrecaution},         // Table 5 gastrointestinal
      {"pregnancy", Level::kAvoid},                 // Table 5 no safety data; Table 6 relative contraindication (B)
      {"intoxication", Level::kAvoid},              // Table 5 psychiatric
      {"active-substance-abuse", Level::kAvoid},    // Q2: no serial infusions (C)
      {"delirium", Level::kAvoid},                  // Table 5; Q2 possible exacerbation
      {"psychosis", Level::kAvoid},                 // Q2: avoid in poorly controlled psychosis (B)
      {"no-consent", Level::kAvoid},                // Table 5 refusal or inability to consent
      {"serious-psychomimetic-history-and-benzodiazepine-contraindication", Level::kCaution},  // Q2: poor candidates
  };
  return levels;
}

TEST(Screen, EveryConditionIdInTheContractHasAFindingAtItsLevel) {
  for (const auto& [id, level] : ExpectedLevels()) {
    const auto finding = FindingFor(id, Screening());
    ASSERT_TRUE(finding.has_value()) << id;
    EXPECT_EQ(finding->id, id);
    EXPECT_EQ(finding->level, level) << id;
    EXPECT_FALSE(finding->category.empty()) << id;
    EXPECT_FALSE(finding->reason.empty()) << id;
    EXPECT_FALSE(finding->source.ref.empty()) << id;
    EXPECT_FALSE(finding->source.where.empty()) << id;
  }
  // Nothing in content beyond the contract's 21 ids (a new id must be added to the contract first).
  EXPECT_EQ(ContentJson("screening.json")["conditions"].size(), ExpectedLevels().size());
}

TEST(Screen, VerdictIsAvoidWhenAnyFindingIsAvoid) {
  // pregnancy is avoid; glaucoma caution; full-stomach precaution: the avoid wins.
  EXPECT_EQ(ScreenConditions({"glaucoma", "pregnancy", "full-stomach"}).verdict, Verdict::kAvoid);
}

TEST(Screen, VerdictIsCautionWhenTheWorstFindingIsCautionOrPrecaution) {
  EXPECT_EQ(ScreenConditions({"glaucoma"}).verdict, Verdict::kCaution);
  EXPECT_EQ(ScreenConditions({"hyperthyroidism"}).verdict, Verdict::kCaution);
  EXPECT_EQ(ScreenConditions({"hyperthyroidism", "moderate-liver-disease"}).verdict, Verdict::kCaution);
}

TEST(Screen, VerdictIsProceedWithNoFindings) {
  const ScreenResult result = ScreenConditions({});
  EXPECT_EQ(result.verdict, Verdict::kProceed);
  EXPECT_TRUE(result.findings.empty());
}

TEST(Screen, HealthyPatientGetsNoTests) {
  // Cohen 2018 Q5 / Table 6 preinfusion tests (1): no testing for healthy individuals.
  EXPECT_TRUE(ScreenConditions({}).tests.empty());
  // Conditions with no cardiovascular or liver bearing call for no test either.
  EXPECT_TRUE(ScreenConditions({"glaucoma", "full-stomach", "psychosis"}).tests.empty());
}

TEST(Screen, CardiovascularRiskOrDiseaseCallsForABaselineEcg) {
  // Cohen 2018 Q5 / Table 6 preinfusion tests (2).
  for (const char* id :
       {"unstable-angina", "uncontrolled-hypertension", "high-risk-coronary-disease", "cardiovascular-risk"}) {
    EXPECT_EQ(TestIds(ScreenConditions({id})), std::set<std::string>{"ecg"}) << id;
  }
}

TEST(Screen, LiverDiseaseOrLiverToxicityRiskCallsForLiverTests) {
  // Cohen 2018 Q5 / Table 6 preinfusion tests (3).
  for (const char* id : {"severe-liver-disease", "moderate-liver-disease", "liver-toxicity-risk"}) {
    EXPECT_EQ(TestIds(ScreenConditions({id})), std::set<std::string>{"lft"}) << id;
  }
}

TEST(Screen, PlannedHighDosesAtFrequentIntervalsCallForLiverTestsAlone) {
  // Cohen 2018 Q5: expected high doses at frequent intervals -> baseline and post-infusion LFTs.
  const ScreenResult result = ScreenOf(R"({"conditions":[],"planned_high_dose_frequent":true})");
  EXPECT_EQ(TestIds(result), std::set<std::string>{"lft"});
  ASSERT_EQ(result.tests.size(), 1u);
  EXPECT_EQ(result.tests[0].because, std::vector<std::string>{"planned_high_dose_frequent"});
  // The flag adds a test, not a finding: the verdict stays proceed.
  EXPECT_EQ(result.verdict, Verdict::kProceed);
}

TEST(Screen, EachTestListsEveryConditionThatCallsForIt) {
  const ScreenResult result =
      ScreenOf(R"({"conditions":["moderate-liver-disease","cardiovascular-risk","liver-toxicity-risk"],
                   "planned_high_dose_frequent":true})");
  ASSERT_EQ(result.tests.size(), 2u);
  EXPECT_EQ(result.tests[0].id, "ecg");  // content order: ecg, then lft
  EXPECT_EQ(result.tests[1].id, "lft");
  EXPECT_EQ(result.tests[1].because,
            (std::vector<std::string>{"moderate-liver-disease", "liver-toxicity-risk", "planned_high_dose_frequent"}));
  EXPECT_EQ(result.tests[1].source.ref, "cohen2018");
}

TEST(Screen, GradesAndCertaintyAreTheGuidelines) {
  struct Case {
    const char* id;
    const char* grade;
    const char* certainty;
  };
  // Cohen 2018 Q2 summary: CV disease and psychosis grade B moderate; liver, ICP/IOP, substance abuse grade C low.
  // Table 6: pregnancy with the relative contraindications (1), grade B low. Q5/Table 6: tests grade C low.
  for (const Case& c : {Case{"unstable-angina", "B", "moderate"}, Case{"psychosis", "B", "moderate"},
                        Case{"severe-liver-disease", "C", "low"}, Case{"moderate-liver-disease", "C", "low"},
                        Case{"elevated-icp", "C", "low"}, Case{"glaucoma", "C", "low"},
                        Case{"active-substance-abuse", "C", "low"}, Case{"pregnancy", "B", "low"},
                        Case{"cardiovascular-risk", "C", "low"}, Case{"liver-toxicity-risk", "C", "low"}}) {
    const auto finding = FindingFor(c.id, Screening());
    ASSERT_TRUE(finding.has_value()) << c.id;
    EXPECT_EQ(finding->grade, c.grade) << c.id;
    EXPECT_EQ(finding->certainty, c.certainty) << c.id;
  }
  // Table 5 lists these without a grade: none is invented.
  for (const char* id : {"hyperthyroidism", "pheochromocytoma", "full-stomach", "intoxication", "delirium",
                         "no-consent", "serious-psychomimetic-history-and-benzodiazepine-contraindication"}) {
    EXPECT_TRUE(FindingFor(id, Screening())->grade.empty()) << id;
  }
}

TEST(Screen, FindingsKeepRequestOrderAndRepeatsCountOnce) {
  const ScreenResult result = ScreenConditions({"glaucoma", "delirium", "glaucoma"});
  ASSERT_EQ(result.findings.size(), 2u);
  EXPECT_EQ(result.findings[0].id, "glaucoma");
  EXPECT_EQ(result.findings[1].id, "delirium");
}

TEST(Screen, UnknownConditionIsAFieldErrorAtItsIndex) {
  Errors errors;
  EXPECT_FALSE(Read(R"({"action":"screen","conditions":["glaucoma","angina",7]})", errors).has_value());
  // "angina" is not an id (the id is "unstable-angina"); 7 is not text.
  EXPECT_EQ(ErrorFields(errors), (std::set<std::string>{"conditions.2"}));
  Errors unknown;
  EXPECT_FALSE(Read(R"({"action":"screen","conditions":["glaucoma","angina"]})", unknown).has_value());
  EXPECT_EQ(ErrorFields(unknown), (std::set<std::string>{"conditions.1"}));
}

TEST(Screen, BadRequestShapesAreFieldErrors) {
  for (const auto& [json, field] : std::vector<std::pair<std::string, std::string>>{
           {R"({"action":"screen"})", "conditions"},
           {R"({"action":"screen","conditions":"glaucoma"})", "conditions"},
           {R"({"action":"screen","conditions":[],"planned_high_dose_frequent":"yes"})", "planned_high_dose_frequent"},
           {R"({"action":"screen","conditions":[],"conditons":[]})", "conditons"},
           {R"({"action":"screen","conditions":[],"ort":[]})", "ort"}}) {
    Errors errors;
    EXPECT_FALSE(Read(json, errors).has_value()) << json;
    EXPECT_EQ(ErrorFields(errors), std::set<std::string>{field}) << json;
  }
}

TEST(Ort, ItemWeightsMatchWebsterAndWebster2005ForWomen) {
  // Webster & Webster 2005 (female column): family alcohol 1, illegal drugs 2, Rx drugs 4; personal alcohol 3,
  // illegal drugs 4, Rx drugs 5; age 16-45 1; preadolescent sexual abuse 3; ADD/OCD/bipolar/schizophrenia 2;
  // depression 1.
  const std::map<std::string, int> female = {{"family-alcohol", 1},
                                             {"family-illegal-drugs", 2},
                                             {"family-prescription-drugs", 4},
                                             {"personal-alcohol", 3},
                                             {"personal-illegal-drugs", 4},
                                             {"personal-prescription-drugs", 5},
                                             {"age-16-45", 1},
                                             {"preadolescent-sexual-abuse", 3},
                                             {"psychological-add-ocd-bipolar-schizophrenia", 2},
                                             {"psychological-depression", 1}};
  for (const auto& [id, points] : female) EXPECT_EQ(Ort("female", {id}).score, points) << id;
}

TEST(Ort, ItemWeightsMatchWebsterAndWebster2005ForMen) {
  // Male column: family alcohol 3, illegal drugs 3, Rx drugs 4; personal 3/4/5; age 1; sexual abuse 0;
  // ADD/OCD/bipolar/schizophrenia 2; depression 1.
  const std::map<std::string, int> male = {{"family-alcohol", 3},
                                           {"family-illegal-drugs", 3},
                                           {"family-prescription-drugs", 4},
                                           {"personal-alcohol", 3},
                                           {"personal-illegal-drugs", 4},
                                           {"personal-prescription-drugs", 5},
                                           {"age-16-45", 1},
                                           {"preadolescent-sexual-abuse", 0},
                                           {"psychological-add-ocd-bipolar-schizophrenia", 2},
                                           {"psychological-depression", 1}};
  for (const auto& [id, points] : male) EXPECT_EQ(Ort("male", {id}).score, points) << id;
}

TEST(Ort, TheToolHasTenItemsAndEveryItemTickedScoresTwentySix) {
  std::vector<std::string> all;
  for (const OrtItemRecord& item : OrtTool().items) all.push_back(item.id);
  ASSERT_EQ(all.size(), 10u);
  // Female: 1+2+4 + 3+4+5 + 1 + 3 + 2+1 = 26. Male: 3+3+4 + 3+4+5 + 1 + 0 + 2+1 = 26.
  EXPECT_EQ(Ort("female", all).score, 26);
  EXPECT_EQ(Ort("male", all).score, 26);
  EXPECT_EQ(Ort("male", all).band, OrtBand::kHigh);
}

TEST(Ort, BandsAreLowToThreeModerateFourToSevenHighFromEight) {
  // Webster & Webster 2005: 0-3 low, 4-7 moderate, >= 8 high.
  EXPECT_EQ(Ort("female", {}).band, OrtBand::kLow);                                                  // 0
  EXPECT_EQ(Ort("female", {"personal-alcohol"}).band, OrtBand::kLow);                                // 3
  EXPECT_EQ(Ort("female", {"family-prescription-drugs"}).band, OrtBand::kModerate);                  // 4
  EXPECT_EQ(Ort("male", {"family-alcohol", "family-prescription-drugs"}).band, OrtBand::kModerate);  // 3+4 = 7
  EXPECT_EQ(Ort("male", {"family-alcohol", "family-prescription-drugs", "age-16-45"}).score, 8);     // 3+4+1
  EXPECT_EQ(Ort("male", {"family-alcohol", "family-prescription-drugs", "age-16-45"}).band, OrtBand::kHigh);
}

TEST(Ort, SameAnswersScoreDifferentlyBySex) {
  // Family alcohol 1 (F) vs 3 (M); preadolescent sexual abuse 3 (F) vs 0 (M).
  EXPECT_EQ(Ort("female", {"family-alcohol", "preadolescent-sexual-abuse"}).score, 4);  // 1 + 3
  EXPECT_EQ(Ort("male", {"family-alcohol", "preadolescent-sexual-abuse"}).score, 3);    // 3 + 0
}

TEST(Ort, AgeItemIsDerivedFromAgeInWholeYearsSixteenToFortyFive) {
  const OrtContent& ort = OrtTool();
  EXPECT_FALSE(OrtAgeItemApplies(Years(15.9), ort));
  EXPECT_TRUE(OrtAgeItemApplies(Years(16), ort));
  EXPECT_TRUE(OrtAgeItemApplies(Years(45.9), ort));  // still 45 in whole years
  EXPECT_FALSE(OrtAgeItemApplies(Years(46), ort));
  OrtAnswers answers;
  answers.sex = OrtSex::kFemale;
  answers.age = Years(30);
  const OrtResult young = ScoreOrt(answers, ort);
  EXPECT_EQ(young.score, 1);
  EXPECT_TRUE(young.ageDerived);
  answers.age = Years(60);
  EXPECT_EQ(ScoreOrt(answers, ort).score, 0);
}

TEST(Ort, HighBandAddsAnAbuseRiskCautionToTheScreen) {
  // Male: family alcohol 3 + personal alcohol 3 + personal illegal drugs 4 = 10 -> high.
  const ScreenResult result = ScreenOf(
      R"({"conditions":[],"ort":{"sex":"male","items":["family-alcohol","personal-alcohol","personal-illegal-drugs"]}})");
  ASSERT_TRUE(result.ort.has_value());
  EXPECT_EQ(result.ort->score, 10);
  EXPECT_EQ(result.ort->band, OrtBand::kHigh);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].id, "abuse-risk-high");
  EXPECT_EQ(result.findings[0].level, Level::kCaution);
  EXPECT_EQ(result.findings[0].source.ref, "cohen2018");
  EXPECT_EQ(result.verdict, Verdict::kCaution);
}

TEST(Ort, ModerateBandAddsNoFinding) {
  // Female: personal Rx drugs 5 = moderate.
  const ScreenResult result =
      ScreenOf(R"({"conditions":[],"ort":{"sex":"female","items":["personal-prescription-drugs"]}})");
  EXPECT_EQ(result.ort->band, OrtBand::kModerate);
  EXPECT_TRUE(result.findings.empty());
  EXPECT_EQ(result.verdict, Verdict::kProceed);
}

TEST(Ort, CaveatSaysItIsValidatedForOpioidsNotKetamine) {
  // Cohen 2018 Q2.
  const NoteRecord& caveat = OrtTool().caveat;
  EXPECT_EQ(caveat.source.ref, "cohen2018");
  EXPECT_NE(caveat.text.find("not ketamine"), std::string::npos);
  EXPECT_EQ(OrtTool().source.ref, "webster2005");
}

TEST(Ort, BadAnswersAreFieldErrorsUnderOrt) {
  for (const auto& [json, fields] : std::vector<std::pair<std::string, std::set<std::string>>>{
           {R"({"sex":"female","items":["family-alcohol","family-cocaine"]})", {"ort.items.1"}},
           {R"({"items":[]})", {"ort.sex"}},
           {R"({"sex":"other","items":[]})", {"ort.sex"}},
           {R"({"sex":"male"})", {"ort.items"}},
           {R"({"sex":"male","items":[],"age_years":-1})", {"ort.age_years"}},
           {R"({"sex":"male","items":["age-16-45"],"age_years":50})", {"ort.items.0"}},
           {R"({"sex":"male","items":[],"score":9})", {"ort.score"}}}) {
    Errors errors;
    EXPECT_FALSE(Read(R"({"conditions":[],"ort":)" + json + "}", errors).has_value()) << json;
    EXPECT_EQ(ErrorFields(errors), fields) << json;
  }
}

TEST(ScreeningContent, EveryFindingAndTestCitesAKnownReference) {
  std::set<std::string> known;
  for (const Json& reference : Documents(DefaultCatalog()).references) known.insert(reference["id"].get<std::string>());
  std::vector<const Json*> records;
  for (const Json& condition : ContentJson("screening.json")["conditions"]) records.push_back(&condition);
  for (const Json& test : ContentJson("screening.json")["tests"]) records.push_back(&test);
  for (const Json& note : ContentJson("screening.json")["notes"]) records.push_back(&note);
  records.push_back(&ContentJson("screening.json")["abuse_risk_finding"]);
  records.push_back(&ContentJson("ort.json")["caveat"]);
  records.push_back(&ContentJson("ort.json"));
  for (const Json* record : records) {
    const SourceRef source = ReadSource(*record);
    EXPECT_EQ(known.count(source.ref), 1u) << record->dump().substr(0, 80);
    EXPECT_FALSE(source.where.empty()) << record->dump().substr(0, 80);
    for (const Json& other : record->value("also", Json::array())) EXPECT_EQ(known.count(other["ref"]), 1u);
  }
}

// Issue 12: the plan tied to screening. The plan carries the same condition ids as the screen action.
Json PlanWith(const std::string& protocol, double rate, double hours, const std::string& extra) {
  return Json::parse(Api(R"({"action":"plan","protocol":")" + protocol + R"(","patient":{"weight":70,"age_years":40},)" +
                         R"("infusion":{"rate_mg_per_kg_per_h":)" + std::to_string(rate) + R"(,"duration_h":)" +
                         std::to_string(hours) + R"(,"concentration_mg_per_ml":1})" + extra + "}"));
}

std::set<std::string> Ids(const Json& list) {
  std::set<std::string> ids;
  for (const Json& item : list) ids.insert(item.value("id", item.value("code", "")));
  return ids;
}

TEST(PlanScreening, AComorbidFindingLowersTheMonitoredSettingThresholds) {
  // 0.5 mg/kg/h x 4 h at 70 kg, age 40: below the 1 mg/kg/h threshold (Cohen 2018 Q6), so standard.
  const Json plain = PlanWith("chronic-iv-outpatient", 0.5, 4, "");
  EXPECT_EQ(plain["setting"], "standard");
  EXPECT_FALSE(plain.contains("screening"));  // nothing screened and a 4 h infusion calls for nothing
  // Moderate liver disease counts as significant comorbidity (content/screening.json): thresholds x 0.5
  // (content/monitoring.json) = 0.5 mg/kg/h, which 0.5 mg/kg/h reaches: monitored.
  const Json screened = PlanWith("chronic-iv-outpatient", 0.5, 4, R"(,"screening":{"conditions":["moderate-liver-disease"]})");
  ASSERT_TRUE(screened["ok"]) << screened.dump();
  EXPECT_EQ(screened["setting"], "monitored");
  EXPECT_DOUBLE_EQ(screened["monitoring"]["thresholds"]["infusion_mg_per_kg_per_h"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(screened["monitoring"]["thresholds"]["bolus_mg_per_kg"].get<double>(), 0.175);  // 0.35 x 0.5
  EXPECT_EQ(screened["screening"]["verdict"], "caution");  // moderate liver disease: caution (Cohen Q2)
  EXPECT_EQ(screened["screening"]["comorbidity"], Json::array({"Moderate liver disease"}));
  EXPECT_EQ(Ids(screened["screening"]["tests"]), std::set<std::string>{"lft"});  // Cohen Q5: liver disease
  // Glaucoma (ophthalmic) is a caution but not a comorbidity: the thresholds stay at 1 mg/kg/h.
  const Json eye = PlanWith("chronic-iv-outpatient", 0.5, 4, R"(,"screening":{"conditions":["glaucoma"]})");
  EXPECT_EQ(eye["setting"], "standard");
  EXPECT_DOUBLE_EQ(eye["monitoring"]["thresholds"]["infusion_mg_per_kg_per_h"].get<double>(), 1.0);
}

TEST(PlanScreening, AnAvoidFindingHoldsThePlanForAcknowledgement) {
  const Json held = PlanWith("chronic-iv-outpatient", 0.5, 4, R"(,"screening":{"conditions":["pregnancy"]})");
  ASSERT_TRUE(held["ok"]);
  EXPECT_EQ(held["screening"]["verdict"], "avoid");  // pregnancy: avoid (Cohen Table 5, Table 6)
  EXPECT_TRUE(held["blocked"]);
  EXPECT_EQ(Ids(held["alerts"]).count("screening-avoid"), 1u);
  for (const Json& alert : held["alerts"]) {
    if (alert["code"] != "screening-avoid") continue;
    EXPECT_EQ(alert["severity"], "soft");
    EXPECT_EQ(alert["field"], "screening.conditions");
    EXPECT_NE(alert["message"].get<std::string>().find("Pregnancy"), std::string::npos);
  }
  // Acknowledged, the plan is released (no other alert stands for 0.5 mg/kg/h x 4 h = 140 mg at 70 kg). The key
  // is the alert's ack_key where the core gives one (contract 1), else its code.
  std::string key = "screening-avoid";
  for (const Json& alert : held["alerts"]) {
    if (alert["code"] == "screening-avoid") key = alert.value("ack_key", key);
  }
  const Json released = PlanWith("chronic-iv-outpatient", 0.5, 4,
                                 R"(,"screening":{"conditions":["pregnancy"]},"acknowledged":[")" + key + R"("])");
  EXPECT_FALSE(released["blocked"]) << released["alerts"].dump();
  // Caution findings alone do not hold the plan.
  const Json caution = PlanWith("chronic-iv-outpatient", 0.5, 4, R"(,"screening":{"conditions":["glaucoma"]})");
  EXPECT_FALSE(caution["blocked"]);
}

TEST(PlanScreening, AMultiDayInfusionCallsForLiverTestsWhateverWasScreened) {
  // 0.1 mg/kg/h for 48 h (ncp-subanaesthetic default): more than 24 h is a multi-day infusion (content
  // plan_shape), so baseline and post-infusion LFTs (Cohen Q5) and the cumulative-risk notes (Cohen Q2).
  const Json plan = PlanWith("ncp-subanaesthetic", 0.1, 48, "");
  ASSERT_TRUE(plan["ok"]) << plan.dump();
  ASSERT_TRUE(plan.contains("screening"));
  EXPECT_FALSE(plan["screening"]["screened"]);
  EXPECT_FALSE(plan["screening"].contains("verdict"));  // nothing screened: no verdict
  ASSERT_EQ(plan["screening"]["tests"].size(), 1u);
  EXPECT_EQ(plan["screening"]["tests"][0]["id"], "lft");
  EXPECT_EQ(plan["screening"]["tests"][0]["because"], Json::array({"multi-day-infusion"}));
  EXPECT_EQ(Ids(plan["screening"]["notes"]), (std::set<std::string>{"serial-infusion-risks", "liver-and-urinary-tract"}));
  // A healthy screen keeps the plan-shape test: "whatever was screened".
  const Json healthy = PlanWith("ncp-subanaesthetic", 0.1, 48, R"(,"screening":{"conditions":[]})");
  EXPECT_EQ(healthy["screening"]["verdict"], "proceed");
  EXPECT_EQ(Ids(healthy["screening"]["tests"]), std::set<std::string>{"lft"});
  // 24 h exactly is not more than 24 h; the Schwartzman series (4 h a day for 10 days) is a series.
  EXPECT_FALSE(PlanWith("palliative", 0.15, 24, "").contains("screening"));
  const Json series = PlanWith("crps-schwartzman", 0.35, 4, "");
  EXPECT_EQ(series["screening"]["tests"][0]["because"], Json::array({"series-regimen"}));
}

TEST(PlanScreening, ScreeningErrorsNameTheFieldInsideThePlan) {
  const Json bad = PlanWith("chronic-iv-outpatient", 0.5, 4,
                            R"(,"screening":{"conditions":["no-such-thing"],"planned_high_dose_frequent":true})");
  EXPECT_FALSE(bad["ok"]);
  std::set<std::string> fields;
  for (const Json& error : bad["errors"]) fields.insert(error["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"screening.conditions.0", "screening.planned_high_dose_frequent"}));
  const Json ort = PlanWith("chronic-iv-outpatient", 0.5, 4, R"(,"screening":{"conditions":[],"ort":{"sex":"x","items":[]}})");
  EXPECT_EQ(ort["errors"][0]["field"], "screening.ort.sex");
}

}  // namespace
}  // namespace ketadose
