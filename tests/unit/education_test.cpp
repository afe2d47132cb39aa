// Education: evidence topics, worked examples, quiz and case drills. The figures a learner sees come from the
// calculator's own plan and pump-check actions, and answers are judged by the core. The learner's text (summaries,
// stems, explanations, vignettes, debriefs, synonyms) is not in the core: tests/node/learn-text.test.mjs checks
// it in the Learn screen's static text file, and that every record the core judges has its text there.
#include "api/education.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <string>

#include "api/api.hpp"
#include "content/content.hpp"
#include "content/education_records_json.hpp"

namespace ketadose {
namespace {

Json Call(const Json& request, Outcome expected = Outcome::kComputed) {
  const ApiResult result = Handle(request.dump());
  EXPECT_EQ(result.outcome, expected) << request.dump() << " -> " << result.json;
  return Json::parse(result.json);
}

std::set<std::string> ErrorFields(const Json& response) {
  std::set<std::string> fields;
  for (const Json& error : response.value("errors", Json::array())) fields.insert(error.value("field", ""));
  return fields;
}

std::set<std::string> Codes(const Json& alerts) {
  std::set<std::string> codes;
  for (const Json& alert : alerts) codes.insert(alert.value("code", ""));
  return codes;
}

const Json& Example(const Json& examples, const std::string& id) {
  static const Json none;
  for (const Json& example : examples["examples"]) {
    if (example["id"] == id) return example;
  }
  ADD_FAILURE() << "no example " << id;
  return none;
}

const Json* FindById(const Json& list, const std::string& id) {
  for (const Json& item : list) {
    if (item.value("id", "") == id) return &item;
  }
  return nullptr;
}

// ----------------------------------------------------------------------------------------------- evidence

TEST(Evidence, CatalogListsEveryTopicWithItsTitle) {
  const Json catalog = Call({{"action", "catalog"}});
  const Json topics = Call({{"action", "evidence"}})["topics"];
  ASSERT_EQ(catalog["evidence"].size(), topics.size());
  for (std::size_t i = 0; i < topics.size(); ++i) {
    EXPECT_EQ(catalog["evidence"][i]["id"], topics[i]["id"]);
    EXPECT_EQ(catalog["evidence"][i]["title"], topics[i]["title"]);
  }
}

TEST(Evidence, CoversTheTopicsIssueSixAsksFor) {
  std::set<std::string> ids;
  const Json evidence = Call({{"action", "evidence"}});
  for (const Json& topic : evidence["topics"]) ids.insert(topic["id"].get<std::string>());
  for (const char* id : {"history-pharmacology", "mechanisms", "guideline-questions", "indications-evidence",
                         "routes-bioavailability", "adverse-effects", "contraindications", "psychiatric-use",
                         "palliative-use", "position-paper-2016", "dose-effect-bands"}) {
    EXPECT_EQ(ids.count(id), 1u) << id;
  }
}

TEST(Evidence, TheCoreCarriesTopicIdsAndTitlesOnly) {
  // The summaries, sections, grades and the search's synonyms are the Learn screen's static text
  // (tests/node/learn-text.test.mjs checks Q1-Q8's grades and the synonym groups there).
  const Json evidence = Call({{"action", "evidence"}, {"topic", "guideline-questions"}});
  ASSERT_EQ(evidence["topics"].size(), 1u);
  EXPECT_EQ(evidence["topics"][0], (Json{{"id", "guideline-questions"}, {"title", "The eight guideline questions (Cohen 2018)"}}));
  EXPECT_FALSE(evidence.contains("synonyms"));
}

// The catalog's topic list is read on its own (EvidenceTopics), so the page's first screen does not read the quiz, the
// drills or the worked examples: every topic of content/education/evidence.json, with its title, in the file's order.
TEST(Education, TheTopicsAreEvidenceJsonsTopicsInItsOrder) {
  const Json& file = ContentJson("education/evidence.json")["topics"];
  const std::vector<EvidenceTopic>& topics = EvidenceTopics();
  ASSERT_EQ(topics.size(), file.size());
  for (std::size_t i = 0; i < topics.size(); ++i) {
    EXPECT_EQ(topics[i].id, file[i]["id"].get<std::string>());
    EXPECT_EQ(topics[i].title, file[i]["title"].get<std::string>());
  }
}

TEST(Education, EveryRecordReadsAndNoTextIsCompiledIn) {
  const EducationContent& content = Education();
  EXPECT_EQ(EvidenceTopics().size(), 12u);
  EXPECT_GE(content.questions.size(), 40u);
  EXPECT_GE(content.drills.size(), 3u);
  EXPECT_FALSE(content.examples.empty());
  // The embedded education files hold keys, not prose: no stem, explanation, vignette or summary.
  for (const char* file : {"education/evidence.json", "education/quiz.json", "education/examples.json",
                           "education/drills.json"}) {
    const std::string text = ContentJson(file).dump();
    for (const char* prose : {"\"stem\"", "\"explanation\"", "\"vignette\"", "\"debrief\"", "\"summary\"",
                              "\"sections\"", "\"teaching_point\"", "\"options\""}) {
      EXPECT_EQ(text.find(prose), std::string::npos) << file << " carries " << prose;
    }
  }
  EXPECT_TRUE(ContentJson("education/synonyms.json").is_discarded());  // search words: the page's only
}

TEST(Evidence, UnknownTopicIsAFieldError) {
  EXPECT_EQ(ErrorFields(Call({{"action", "evidence"}, {"topic", "astrology"}}, Outcome::kRejected)),
            std::set<std::string>{"topic"});
  EXPECT_EQ(ErrorFields(Call({{"action", "evidence"}, {"topic", 7}}, Outcome::kRejected)),
            std::set<std::string>{"topic"});
}

nlohmann::json Unordered(const Json& value) { return nlohmann::json::parse(value.dump()); }

TEST(Education, TheCompiledInViewHoldsTheSourceFilesFiguresUnchanged) {
  // cmake/embed_content.cmake keeps only the fields the core computes with; each kept value is the source file's.
  const auto source = [](const char* file) {
    std::ifstream in(std::string(KETADOSE_SOURCE_DIR) + "/content/" + file);
    return Json::parse(in);
  };
  const auto same = [](const Json& full, const Json& view, std::initializer_list<const char*> keys) {
    ASSERT_EQ(full.size(), view.size());
    for (std::size_t i = 0; i < full.size(); ++i) {
      for (const char* key : keys) {
        EXPECT_EQ(full[i].contains(key), view[i].contains(key)) << full[i]["id"] << " " << key;
        // Same values; key order aside (CMake writes objects' keys sorted).
        if (full[i].contains(key)) EXPECT_EQ(Unordered(full[i][key]), Unordered(view[i][key])) << full[i]["id"] << " " << key;
      }
      EXPECT_EQ(view[i].size(), std::size_t(std::count_if(keys.begin(), keys.end(), [&](const char* key) {
                                  return full[i].contains(key);
                                }) + (view[i].contains("option_count") ? 1 : 0)));
      if (full[i].contains("options")) EXPECT_EQ(view[i]["option_count"], full[i]["options"].size());
    }
  };
  same(source("education/evidence.json")["topics"], ContentJson("education/evidence.json")["topics"], {"id", "title"});
  same(source("education/quiz.json")["questions"], ContentJson("education/quiz.json")["questions"],
       {"id", "topic", "kind", "unit", "answer", "tolerance", "computed"});
  same(source("education/examples.json")["examples"], ContentJson("education/examples.json")["examples"],
       {"id", "request"});
  same(source("education/drills.json")["drills"], ContentJson("education/drills.json")["drills"],
       {"id", "patient", "protocols", "model_plan", "compare", "expected_flags"});
  EXPECT_EQ(Unordered(source("education/examples.json")["default_patient"]),
            Unordered(ContentJson("education/examples.json")["default_patient"]));
}

// ----------------------------------------------------------------------------------------------- examples

TEST(Examples, EveryRegimenHasAWorkedExample) {
  const Json examples = Call({{"action", "examples"}});
  std::set<std::string> covered;
  for (const Json& example : examples["examples"]) covered.insert(example["request"].value("protocol", ""));
  for (const Regimen& regimen : DefaultCatalog().regimens) EXPECT_EQ(covered.count(regimen.id), 1u) << regimen.id;
}

TEST(Examples, EachExampleIsExactlyWhatTheCalculatorAnswers) {
  // The worked example carries the plan action's own response, field for field: it cannot drift.
  const Json examples = Call({{"action", "examples"}});
  for (const Json& example : examples["examples"]) {
    SCOPED_TRACE(example["id"].get<std::string>());
    const ApiResult direct = Handle(example["request"].dump());
    Json expected = Json::parse(direct.json);
    EXPECT_EQ(example["response"], expected);
    EXPECT_EQ(example["outcome"], direct.outcome == Outcome::kComputed ? "computed" : "rejected");
  }
}

TEST(Examples, CuratedOutcomesAreTheOnesTheContentPromises) {
  const Json examples = Call({{"action", "examples"}});
  // The outcome each curated example promises (examples.json "outcome") is checked against the core's answer in
  // tests/node/learn-text.test.mjs; here: every curated example is worked, in content order.
  std::size_t next = 0;
  for (const WorkedExample& curated : Education().examples) {
    ASSERT_LT(next, examples["examples"].size());
    EXPECT_EQ(examples["examples"][next++]["id"], curated.id);
    EXPECT_EQ(Example(examples, curated.id)["request"], ExampleRequestJson(curated)) << curated.id;
  }
}

TEST(Examples, SevenHundredTypedForSeventyKilogramsYieldsNoDose) {
  const Json examples = Call({{"action", "examples"}, {"id", "trap-weight-700"}});
  const Json& worked = Example(examples, "trap-weight-700");
  EXPECT_EQ(worked["outcome"], "rejected");
  EXPECT_EQ(ErrorFields(worked["response"]), std::set<std::string>{"patient.weight"});
  EXPECT_FALSE(worked["response"].contains("infusion"));
}

TEST(Examples, TenTimesTheConcentrationIsATenthOfThePumpRate) {
  const Json examples = Call({{"action", "examples"}});
  // 0.5 mg/kg/h x 70 kg = 35 mg/h: 35 mL/h at 1 mg/mL, 3.5 mL/h at 10 mg/mL.
  EXPECT_DOUBLE_EQ(Example(examples, "trap-concentration-plan")["response"]["infusion"]["rate_ml_per_h"], 3.5);
  // A 10 mg/mL bag at 35 mL/h delivers 350 mg/h, ten times the plan: a mismatch and an anaesthetic rate.
  const Json& pump = Example(examples, "trap-concentration-pump")["response"];
  EXPECT_DOUBLE_EQ(pump["ratio_to_plan"], 10.0);
  EXPECT_EQ(pump["blocked"], true);
  EXPECT_EQ(Codes(pump["alerts"]).count("anesthetic-range"), 1u);
}

TEST(Examples, MicrogramsPerKgPerMinuteTypedAsMgPerKgPerHourIsRefused) {
  const Json examples = Call({{"action", "examples"}});
  const Json& wrong = Example(examples, "trap-ug-as-mg")["response"];
  // 8.333 x 70 = 583.31 mg/h = 583.31 mL/h at 1 mg/mL; the pump is set in 0.1 mL/h steps, rounded down: 583.3.
  EXPECT_DOUBLE_EQ(wrong["infusion"]["rate_mg_per_h"], 583.3);
  EXPECT_EQ(wrong["blocked"], true);
  EXPECT_EQ(Codes(wrong["alerts"]).count("anesthetic-range"), 1u);
  const Json& right = Example(examples, "trap-ug-entered-correctly")["response"];
  EXPECT_NEAR(right["infusion"]["rate_mg_per_kg_per_h"].get<double>(), 0.5, 0.001);  // 8.333 x 0.06
  EXPECT_EQ(Codes(right["alerts"]).count("anesthetic-range"), 0u);
}

TEST(Examples, WorkedExamplesShowTheirArithmetic) {
  const Json examples = Call({{"action", "examples"}});
  const Json& worked = Example(examples, "outpatient-bolus-infusion");
  std::string bolusLine;
  for (const Json& step : worked["response"]["arithmetic"]) {
    if (step["field"] == "bolus.dose_mg" && bolusLine.empty()) bolusLine = step["working"];
  }
  EXPECT_EQ(bolusLine, "0.35 mg/kg × 70 kg = 24.5 mg");
  // 24.5 mg / 10 mg/mL = 2.45 mL, which a syringe measuring 0.1 mL steps cannot give: 2.4 mL = 24 mg is drawn.
  EXPECT_DOUBLE_EQ(worked["response"]["bolus"]["volume_ml"], 2.4);
  EXPECT_DOUBLE_EQ(worked["response"]["bolus"]["dose_mg"], 24);
}

TEST(Examples, FilterByRegimenOrIdAndRejectUnknownOnes) {
  const Json palliative = Call({{"action", "examples"}, {"regimen", "palliative"}});
  ASSERT_FALSE(palliative["examples"].empty());
  for (const Json& example : palliative["examples"]) EXPECT_EQ(example["request"]["protocol"], "palliative");
  EXPECT_EQ(ErrorFields(Call({{"action", "examples"}, {"regimen", "nope"}}, Outcome::kRejected)),
            std::set<std::string>{"regimen"});
  EXPECT_EQ(ErrorFields(Call({{"action", "examples"}, {"id", "nope"}}, Outcome::kRejected)),
            std::set<std::string>{"id"});
}

TEST(Examples, ASiteThatHidesARegimenHidesItsExamples) {
  const std::string site = R"({"schemaVersion":1,"institution":"Test","hidden_regimens":["palliative"]})";
  const Json request = {{"action", "examples"}, {"site", site}};
  const ApiResult result = Handle(request.dump());
  ASSERT_EQ(result.outcome, Outcome::kComputed) << result.json;
  const Json examples = Json::parse(result.json);
  for (const Json& example : examples["examples"]) EXPECT_NE(example["request"]["protocol"], "palliative");
}

// ----------------------------------------------------------------------------------------------- quiz

TEST(Quiz, HasAtLeastFortyQuestionsAndGivesNoAnswersAway) {
  const Json quiz = Call({{"action", "quiz"}});
  EXPECT_GE(quiz["count"].get<int>(), 40);
  EXPECT_EQ(quiz["count"], quiz["questions"].size());
  std::set<std::string> kinds;
  for (const Json& question : quiz["questions"]) {
    kinds.insert(question["kind"].get<std::string>());
    for (const char* secret : {"answer", "explanation", "refs", "computed", "tolerance"}) {
      EXPECT_FALSE(question.contains(secret)) << question["id"] << " leaks " << secret;
    }
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"single", "numeric"}));
}

TEST(Quiz, EveryQuestionAcceptsItsOwnAnswerAndRejectsAWrongOne) {
  for (const QuizQuestion& question : Education().questions) {
    const std::string id = question.id;
    SCOPED_TRACE(id);
    double right = 0;
    double wrong = 0;
    if (question.Single()) {
      right = *question.answer;
      wrong = right == 0 ? 1 : 0;
    } else {
      right = ExpectedNumericAnswer(question, DefaultCatalog(), nullptr);
      wrong = right * 2 + 1;
    }
    const Json yes = Call({{"action", "quiz-answer"}, {"question", id}, {"answer", right}});
    EXPECT_EQ(yes["correct"], true);
    EXPECT_EQ(yes["expected"], right);  // its explanation and references: the static text (tests/node)
    EXPECT_EQ(Call({{"action", "quiz-answer"}, {"question", id}, {"answer", wrong}})["correct"], false);
  }
}

TEST(Quiz, ComputedAnswersComeFromThePlanArithmetic) {
  struct Case {
    const char* id;
    double expected;
  };
  const Case cases[] = {
      {"da-bolus-volume", 1.8},        // 0.3 mg/kg x 62 kg = 18.6 mg; / 10 mg/mL = 1.86 mL, measured down to 0.1 mL
      {"da-pump-rate", 42},            // 0.5 x 84 = 42 mg/h at 1 mg/mL
      {"da-ug-conversion", 5.833},     // 0.35 x 1000 / 60
      {"da-sigtermans", 0.432},        // 7.2 x 60 / 1000
      {"da-short-infusion", 55},       // 0.5 x 55 x 2
      {"da-adjusted-weight", 82.146},  // IBW 45.5 + 2.3 x (165 / 2.54 - 60) = 56.909; + 0.4 x (120 - 56.909)
      {"da-oral-daily", 160},          // 0.5 x 80 x 4 doses
      {"da-pounds", 7.9},              // 176 lb x 0.45359237 = 79.832 kg, taken as 79.8; x 0.1 = 7.98 mg = 7.98 mL
                                       // of 1 mg/mL, measured down to 7.9 mL (0.1 mL steps) = 7.9 mg
      {"da-cap", 28},                  // 0.35 x 80
  };
  for (const Case& c : cases) {
    const QuizQuestion* question = FindQuestion(c.id);
    ASSERT_NE(question, nullptr) << c.id;
    EXPECT_NEAR(ExpectedNumericAnswer(*question, DefaultCatalog(), nullptr), c.expected, 1e-9) << c.id;
  }
}

TEST(Quiz, TheDepressionPumpRateIsThePlansFigure) {
  // 0.5 mg/kg over 40 min = 0.75 mg/kg/h (cohen2018 Q3); x 72 kg = 54 mg/h = 54 mL/h at 1 mg/mL. The stated
  // answer (54) must be what the plan gives for that order.
  const Json plan = Call({{"action", "plan"},
                          {"protocol", "depression-iv"},
                          {"patient", {{"weight", 72}}},
                          {"infusion",
                           {{"rate_mg_per_kg_per_h", 0.75},
                            {"duration_h", 0.6666666666666666},
                            {"concentration_mg_per_ml", 1}}}});
  EXPECT_DOUBLE_EQ(plan["infusion"]["rate_ml_per_h"], 54.0);
  EXPECT_DOUBLE_EQ(plan["infusion"]["total_ml"], 36.0);
  const Json answered = Call({{"action", "quiz-answer"}, {"question", "da-depression-push"}, {"answer", 54}});
  EXPECT_EQ(answered["correct"], true);
  EXPECT_DOUBLE_EQ(answered["expected"], plan["infusion"]["rate_ml_per_h"].get<double>());
}

TEST(Quiz, NumericAnswersAreJudgedWithinTheirTolerance) {
  // da-pump-rate: 42 mL/h, tolerance 0.1.
  EXPECT_EQ(Call({{"action", "quiz-answer"}, {"question", "da-pump-rate"}, {"answer", 42.1}})["correct"], true);
  EXPECT_EQ(Call({{"action", "quiz-answer"}, {"question", "da-pump-rate"}, {"answer", 42.2}})["correct"], false);
  const Json wrong = Call({{"action", "quiz-answer"}, {"question", "da-pump-rate"}, {"answer", 4.2}});
  EXPECT_EQ(wrong["correct"], false);
  EXPECT_DOUBLE_EQ(wrong["expected"], 42.0);
  EXPECT_FALSE(wrong["working"].empty());  // the calculator's working lines come with the answer
  EXPECT_TRUE(NumericAnswerMatches(0.1 + 0.2, 0.3, 0.0));
  EXPECT_FALSE(NumericAnswerMatches(80.5, 80, 0.0));
}

TEST(Quiz, FiltersByTopic) {
  const Json quiz = Call({{"action", "quiz"}, {"topic", "palliative-use"}});
  ASSERT_GT(quiz["count"].get<int>(), 0);
  for (const Json& question : quiz["questions"]) EXPECT_EQ(question["topic"], "palliative-use");
  EXPECT_EQ(ErrorFields(Call({{"action", "quiz"}, {"topic", "nope"}}, Outcome::kRejected)),
            std::set<std::string>{"topic"});
}

TEST(QuizAnswer, BadInputIsAFieldErrorNeverAVerdict) {
  struct Case {
    Json request;
    std::set<std::string> fields;
  };
  const Case cases[] = {
      {{{"action", "quiz-answer"}, {"question", "no-such-question"}, {"answer", 1}}, {"question"}},
      {{{"action", "quiz-answer"}, {"question", 12}, {"answer", 1}}, {"question"}},
      {{{"action", "quiz-answer"}, {"answer", 1}}, {"question"}},
      {{{"action", "quiz-answer"}, {"question", "gq-q3-minimum-mg"}}, {"answer"}},
      {{{"action", "quiz-answer"}, {"question", "gq-q3-minimum-mg"}, {"answer", "eighty"}}, {"answer"}},
      {{{"action", "quiz-answer"}, {"question", "gq-q3-minimum-mg"}, {"answer", -80}}, {"answer"}},
      {{{"action", "quiz-answer"}, {"question", "gq-q3-minimum-mg"}, {"answer", nullptr}}, {"answer"}},
      {{{"action", "quiz-answer"}, {"question", "gq-q1-crps"}, {"answer", 1.5}}, {"answer"}},
      {{{"action", "quiz-answer"}, {"question", "gq-q1-crps"}, {"answer", 9}}, {"answer"}},
      {{{"action", "quiz-answer"}, {"question", "gq-q1-crps"}, {"answer", "b"}}, {"answer"}},
      {{{"action", "quiz-answer"}, {"question", "gq-q1-crps"}, {"answer", 0}, {"hint", true}}, {"hint"}},
  };
  for (const Case& c : cases) {
    const Json response = Call(c.request, Outcome::kRejected);
    EXPECT_EQ(ErrorFields(response), c.fields) << c.request.dump();
    EXPECT_FALSE(response.contains("correct"));
  }
}

// ----------------------------------------------------------------------------------------------- drills

Json ModelPlan(const std::string& drill) {
  const Drill* record = FindDrill(drill);
  EXPECT_NE(record, nullptr) << drill;
  return record == nullptr ? Json::object() : DrillModelPlanJson(*record);
}

TEST(Drills, AtLeastThreeAndTheListingHidesTheAnswers) {
  const Json drills = Call({{"action", "drills"}})["drills"];
  EXPECT_GE(drills.size(), 3u);
  for (const Json& drill : drills) {
    EXPECT_FALSE(drill["id"].get<std::string>().empty());  // its vignette: the static text (tests/node)
    for (const char* secret : {"expected_flags", "model_plan", "debrief", "compare"})
      EXPECT_FALSE(drill.contains(secret));
  }
}

TEST(Drills, TheListingCarriesExactlyTheOrderAsWrittenForPlanIt) {
  // "Plan it" fills the drill's order and nothing else: the listing's order is the order as written, with no
  // part the order lacks (issue 14: the regimen's default bolus used to be added to an infusion-only order).
  const Json drills = Call({{"action", "drills"}})["drills"];  // held: a range-for over a temporary's member dangles
  for (const Json& drill : drills) {
    const std::string id = drill["id"].get<std::string>();
    EXPECT_EQ(drill["order"], ModelPlan(id)) << id;
  }
  const Json* outpatient = FindById(drills, "obese-first-infusion");
  ASSERT_NE(outpatient, nullptr);
  EXPECT_FALSE((*outpatient)["order"].contains("bolus"));  // the vignette orders an infusion only
  EXPECT_EQ((*outpatient)["order"]["infusion"]["rate_mg_per_kg_per_h"], 0.5);
  const Json* fast = FindById(drills, "depression-too-fast");
  ASSERT_NE(fast, nullptr);
  // The rules branch plans the depression dose as an infusion (depression-iv gives 0.75 mg/kg/h over 40 min): the
  // 0.5 mg/kg over 15 min as written is entered as 0.5 / 0.25 h = 2 mg/kg/h for 0.25 h, an infusion only.
  EXPECT_FALSE((*fast)["order"].contains("bolus"));
  EXPECT_EQ((*fast)["order"]["infusion"]["rate_mg_per_kg_per_h"], 2);
  EXPECT_EQ((*fast)["order"]["infusion"]["duration_h"], 0.25);
}

TEST(Drills, TheOrderAsWrittenRaisesTheFlagsTheDrillExpects) {
  // Every expected flag is raised; every hard or soft alert raised is expected (information alerts may be added).
  for (const Drill& drill : Education().drills) {
    const std::string id = drill.id;
    SCOPED_TRACE(id);
    Json plan = ModelPlan(id);
    plan["action"] = "plan";
    const Json response = Call(plan);
    std::set<std::string> expected;
    for (const std::string& code : drill.expectedFlags) expected.insert(code);
    for (const std::string& code : expected) EXPECT_EQ(Codes(response["alerts"]).count(code), 1u) << code;
    for (const Json& alert : response["alerts"]) {
      if (alert["severity"] != "info") EXPECT_EQ(expected.count(alert["code"]), 1u) << alert["code"];
    }
  }
}

TEST(DrillCheck, EnteringTheOrderAsWrittenMatchesTheReview) {
  for (const Drill& drill : Education().drills) {
    const std::string id = drill.id;
    const Json checked = Call({{"action", "drill-check"}, {"drill", id}, {"plan", ModelPlan(id)}});
    EXPECT_EQ(checked["review"]["matches_order"], true) << id;
    EXPECT_TRUE(checked["review"]["missed"].empty()) << id;
    EXPECT_FALSE(checked.contains("debrief"));  // the debrief: the static text (tests/node)
  }
}

TEST(DrillCheck, AUnitSlipIsReportedAsFlagsAndFiguresTheOrderDoesNotHave) {
  // 7.2 typed into mg/kg/h instead of ug/kg/min: 16.7 times the rate, refused as anaesthetic.
  Json plan = ModelPlan("s-ketamine-ug-order");
  plan["infusion"].erase("rate_ug_per_kg_per_min");
  plan["infusion"]["rate_mg_per_kg_per_h"] = 7.2;
  const Json checked = Call({{"action", "drill-check"},
                             {"drill", "s-ketamine-ug-order"},
                             {"plan", plan},
                             {"predicted_flags", Json::array({"s-ketamine-product"})}});
  const Json& review = checked["review"];
  EXPECT_EQ(review["matches_order"], false);
  // The order as written raises only the S-ketamine product alert (cohen2018 pharmacology: not racemic).
  EXPECT_EQ(review["reviewer_flags"], Json::array({"s-ketamine-product"}));
  EXPECT_NE(std::find(review["unexpected"].begin(), review["unexpected"].end(), "anesthetic-range"),
            review["unexpected"].end());
  EXPECT_DOUBLE_EQ(review["figures"][0]["order_as_written"], 0.432);
  EXPECT_DOUBLE_EQ(review["figures"][0]["yours"], 7.2);
  EXPECT_EQ(review["figures"][0]["matches"], false);
  EXPECT_EQ(checked["predictions"]["all_right"], true);  // the learner rightly predicted the order's one flag
}

TEST(DrillCheck, AWrongPatientWeightIsNamed) {
  Json plan = ModelPlan("short-first-infusion");
  plan["patient"]["weight"] = 25;  // the vignette says 52 kg
  const Json review = Call({{"action", "drill-check"}, {"drill", "short-first-infusion"}, {"plan", plan}})["review"];
  EXPECT_EQ(review["patient_matches"], false);
  EXPECT_EQ(review["matches_order"], false);
}

TEST(DrillCheck, PredictionsAreScored) {
  const Json checked = Call({{"action", "drill-check"},
                             {"drill", "depression-too-fast"},
                             {"plan", ModelPlan("depression-too-fast")},
                             {"predicted_flags", {"above-protocol-range", "anesthetic-range"}}});
  // The order as written: 0.5 mg/kg over 15 min = 2 mg/kg/h, above the usual 0.75 and at the 1 mg/kg/h threshold.
  EXPECT_EQ(checked["predictions"]["right"], Json::array({"above-protocol-range"}));
  EXPECT_EQ(checked["predictions"]["wrong"], Json::array({"anesthetic-range"}));
  EXPECT_EQ(checked["predictions"]["not_predicted"], Json::array({"monitored-setting-required"}));
  EXPECT_EQ(checked["predictions"]["all_right"], false);
}

TEST(DrillCheck, AFigureThePlanLacksIsLeftOutNotNull) {
  // The drill compares infusion figures; a learner who plans only a bolus has none of them.
  const Json plan = {{"protocol", "chronic-iv-outpatient"},
                     {"patient", {{"weight", 52}}},
                     {"bolus", {{"dose_mg_per_kg", 0.2}, {"concentration_mg_per_ml", 10}, {"over_min", 5}}}};
  const Json review = Call({{"action", "drill-check"}, {"drill", "short-first-infusion"}, {"plan", plan}})["review"];
  for (const Json& row : review["figures"]) {
    if (row["field"] != "infusion.rate_ml_per_h") continue;
    EXPECT_FALSE(row.contains("yours")) << row.dump();
    EXPECT_EQ(row["matches"], false);
  }
  EXPECT_NE(review.dump().find("your plan gives nothing"), std::string::npos);
}

TEST(DrillCheck, ADrillWhoseRegimenASiteHidesIsAFieldErrorNotAFault) {
  const std::string site = R"({"schemaVersion":1,"institution":"Test","hidden_regimens":["crps-schwartzman"]})";
  const Json plan = {{"protocol", "chronic-iv-outpatient"},
                     {"patient", {{"weight", 94}}},
                     {"infusion", {{"rate_mg_per_kg_per_h", 0.35}, {"duration_h", 4}, {"concentration_mg_per_ml", 1}}}};
  const Json request = {
      {"action", "drill-check"}, {"drill", "crps-series-heavy-patient"}, {"plan", plan}, {"site", site}};
  const ApiResult result = Handle(request.dump());
  EXPECT_EQ(result.outcome, Outcome::kRejected) << result.json;
  EXPECT_EQ(ErrorFields(Json::parse(result.json)), std::set<std::string>{"drill"});
}

TEST(DrillCheck, BadInputIsAFieldError) {
  Json badWeight = ModelPlan("short-first-infusion");
  badWeight["patient"]["weight"] = 700;
  struct Case {
    Json request;
    std::set<std::string> fields;
  };
  const Case cases[] = {
      {{{"action", "drill-check"}, {"drill", "nope"}, {"plan", ModelPlan("short-first-infusion")}}, {"drill"}},
      {{{"action", "drill-check"}, {"drill", "short-first-infusion"}}, {"plan"}},
      {{{"action", "drill-check"}, {"drill", "short-first-infusion"}, {"plan", "0.5 mg/kg/h"}}, {"plan"}},
      {{{"action", "drill-check"}, {"drill", "short-first-infusion"}, {"plan", badWeight}}, {"plan.patient.weight"}},
      {{{"action", "drill-check"},
        {"drill", "short-first-infusion"},
        {"plan", ModelPlan("short-first-infusion")},
        {"predicted_flags", "none"}},
       {"predicted_flags"}},
  };
  for (const Case& c : cases) {
    const Json response = Call(c.request, Outcome::kRejected);
    EXPECT_EQ(ErrorFields(response), c.fields) << c.request.dump();
    EXPECT_FALSE(response.contains("review"));
  }
}

TEST(EducationHelpers, FieldAtFollowsDottedPaths) {
  const OrderedJson document = OrderedJson::parse(R"({"infusion":{"rate_ml_per_h":35},"total_mg":164.5})");
  ASSERT_NE(FieldAt(document, "infusion.rate_ml_per_h"), nullptr);
  EXPECT_EQ(*FieldAt(document, "infusion.rate_ml_per_h"), 35);
  EXPECT_EQ(*FieldAt(document, "total_mg"), 164.5);
  EXPECT_EQ(FieldAt(document, "bolus.dose_mg"), nullptr);
  EXPECT_EQ(FieldAt(document, "total_mg.value"), nullptr);
  EXPECT_TRUE(FiguresAgree(100, 100.9));
  EXPECT_FALSE(FiguresAgree(100, 110));
}

// ------------------------------------------------------------------------------------- issue 14: learn fixes

TEST(Quiz, TextForANumericAnswerGetsOneSentence) {
  // "abc" used to give "must be a number, not text." and the range sentence stacked in one message.
  const Json response = Call({{"action", "quiz-answer"}, {"question", "da-bolus-volume"}, {"answer", "abc"}}, Outcome::kRejected);
  ASSERT_FALSE(response["ok"].get<bool>());
  ASSERT_EQ(response["errors"].size(), 1u);
  EXPECT_EQ(response["errors"][0]["field"], "answer");
  EXPECT_EQ(response["errors"][0]["message"], "Enter the answer as a number in mL.");
}

}  // namespace
}  // namespace ketadose
