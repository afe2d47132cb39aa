// In-infusion guidance (content/guidance.json, "guidance" action): the pause and stop rules, rescue drugs by
// problem and the premedication evidence, each with the figure and source it comes from.
#include <gtest/gtest.h>

#include <set>

#include "ketadose/api.hpp"
#include "ketadose/catalog.hpp"
#include "ketadose/content.hpp"

namespace ketadose {
namespace {

const Json& Guidance() { return ContentJson("guidance.json"); }

const Json& Rule(const std::string& id) {
  for (const Json& rule : Guidance()["rules"]) {
    if (rule["id"] == id) return rule;
  }
  static const Json missing;
  ADD_FAILURE() << "no rule " << id;
  return missing;
}

std::string Drugs(const std::string& problem) {
  std::string drugs;
  for (const Json& entry : Guidance()["rescue"]) {
    if (entry["problem"] != problem) continue;
    for (const Json& option : entry["options"]) drugs += option["drug"].get<std::string>() + "; ";
  }
  return drugs;
}

TEST(Guidance, TroublesomeSideEffectsPauseTheInfusionForOneHour) {
  // Position paper 2016, Proposal 5: pause for one hour, then recommence; if they recur, call the physician.
  const Json& rule = Rule("pause-then-resume");
  EXPECT_EQ(rule["pause_h"], 1);
  EXPECT_EQ(rule["source"]["ref"], "cnmp-position-2016");
  EXPECT_NE(rule["text"].get<std::string>().find("responsible physician"), std::string::npos);
}

TEST(Guidance, DissociativeOrAmnesticEffectsStopTheInfusion) {
  // Position paper 2016, Proposal 5: termination of the infusion.
  const Json& rule = Rule("stop-on-dissociation-or-amnesia");
  EXPECT_EQ(rule["source"]["ref"], "cnmp-position-2016");
  EXPECT_NE(rule["text"].get<std::string>().find("stop the infusion"), std::string::npos);
}

TEST(Guidance, RescueDrugsByProblemFollowCohenQ7AndEnclara) {
  EXPECT_NE(Drugs("psychomimetic").find("Benzodiazepine"), std::string::npos);           // Cohen Q2, Q7
  EXPECT_NE(Drugs("psychomimetic").find("Clonidine"), std::string::npos);                // Cohen Q2, Q7
  EXPECT_NE(Drugs("sympathomimetic").find("Beta-blocker"), std::string::npos);           // Cohen Q6
  EXPECT_NE(Drugs("nausea").find("Haloperidol"), std::string::npos);                     // Cohen Q7
  EXPECT_NE(Drugs("dystonia").find("Diphenhydramine"), std::string::npos);               // Cohen Q7
  EXPECT_NE(Drugs("seizures").find("Barbiturate or propofol"), std::string::npos);       // Cohen Q7, if persistent
  EXPECT_NE(Drugs("secretions").find("Glycopyrrolate or atropine"), std::string::npos);  // Enclara 2024
  for (const Json& entry : Guidance()["rescue"]) {
    if (entry["problem"] != "secretions") continue;
    EXPECT_EQ(entry["options"][0]["source"]["ref"], "enclara2024");
  }
}

TEST(Guidance, PremedicationEvidenceIsGradeCLowWithNumbersNeededToHarmTwentyOneAndThirtyFive) {
  // Cohen 2018 Q7: limited evidence (grade C, low certainty); NNH for hallucinations 21 without, 35 with a
  // benzodiazepine.
  const Json& premedication = Guidance()["premedication"];
  EXPECT_EQ(premedication["grade"], "C");
  EXPECT_EQ(premedication["certainty"], "low");
  EXPECT_EQ(premedication["nnh_hallucinations_without_benzodiazepine"], 21);
  EXPECT_EQ(premedication["nnh_hallucinations_with_benzodiazepine"], 35);
  EXPECT_EQ(premedication["source"]["ref"], "cohen2018");
}

TEST(Guidance, EveryItemCitesAKnownReference) {
  std::set<std::string> known;
  for (const Json& reference : DefaultCatalog().references) known.insert(reference["id"].get<std::string>());
  for (const Json& rule : Guidance()["rules"]) EXPECT_EQ(known.count(rule["source"]["ref"]), 1u) << rule["id"];
  for (const Json& entry : Guidance()["rescue"]) {
    ASSERT_FALSE(entry["options"].empty()) << entry["problem"];
    for (const Json& option : entry["options"]) {
      EXPECT_EQ(known.count(option["source"]["ref"]), 1u) << option["drug"];
      EXPECT_FALSE(option["source"]["where"].get<std::string>().empty()) << option["drug"];
    }
  }
  EXPECT_EQ(known.count(Guidance()["premedication"]["source"]["ref"]), 1u);
}

TEST(Guidance, TheActionAndTheCatalogReturnTheSameGuidance) {
  const Json action = Json::parse(Api(R"({"action":"guidance"})"));
  const Json catalog = Json::parse(Api(R"({"action":"catalog"})"));
  EXPECT_EQ(action["rules"], catalog["guidance"]["rules"]);
  EXPECT_EQ(action["rescue"], catalog["guidance"]["rescue"]);
  EXPECT_EQ(action["premedication"], catalog["guidance"]["premedication"]);
  EXPECT_EQ(catalog["conditions"].size(), 21u);  // the contract's condition ids, for the screening form
}

}  // namespace
}  // namespace ketadose
