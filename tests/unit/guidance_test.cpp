// In-infusion guidance (content/guidance.json, "guidance" action): the pause and stop rules, rescue drugs by
// problem and the premedication evidence, each with the figure and source it comes from.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "api/api.hpp"
#include "content/catalog.hpp"
#include "content/catalog_json.hpp"
#include "content/content.hpp"

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
  for (const Json& reference : Documents(DefaultCatalog()).references) known.insert(reference["id"].get<std::string>());
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

// Issue 12: guidance scoped by regimen. The position paper's pause-and-stop rules are its own low-dose
// chronic non-cancer protocol (cnmp-position-2016 Proposal 5); depression dosing follows Cohen 2018 Q2/Q6.
std::set<std::string> RuleIds(const Json& rules) {
  std::set<std::string> ids;
  for (const Json& rule : rules) ids.insert(rule["id"].get<std::string>());
  return ids;
}

TEST(GuidanceByProtocol, ThePausedAndStopRulesBelongToThePositionPapersProtocolOnly) {
  const Json ncp = Json::parse(Api(R"({"action":"guidance","protocol":"ncp-subanaesthetic"})"));
  ASSERT_TRUE(ncp["ok"]) << ncp.dump();
  EXPECT_EQ(RuleIds(ncp["rules"]), (std::set<std::string>{"pause-then-resume", "stop-on-dissociation-or-amnesia"}));
  const Json depression = Json::parse(Api(R"({"action":"guidance","protocol":"depression-iv"})"));
  const std::set<std::string> ids = RuleIds(depression["rules"]);
  EXPECT_EQ(ids.count("pause-then-resume"), 0u);
  EXPECT_EQ(ids.count("stop-on-dissociation-or-amnesia"), 0u);
  EXPECT_EQ(ids.count("lower-rate-first"), 1u);                 // Cohen Q6: lower the rate or stop
  EXPECT_EQ(ids.count("transient-psychomimetic-effects"), 1u);  // Cohen Q2: transient, expected
  EXPECT_EQ(ids.count("slow-bolus"), 1u);                       // AANA: the 40 min dose is a slow IV dose
  EXPECT_TRUE(depression["take_home"].empty());
}

TEST(GuidanceByProtocol, TakeHomeRegimensCarryTheSafetyNotes) {
  // Cohen 2018 Q4 (accidents, abuse surveillance) and AANA (diversion, disposal); dextromethorphan is not ketamine.
  const Json oral = Json::parse(Api(R"({"action":"guidance","protocol":"oral-followon"})"));
  EXPECT_TRUE(oral["rules"].empty());  // no in-infusion rule applies to oral doses
  EXPECT_EQ(RuleIds(oral["take_home"]),
            (std::set<std::string>{"driving-and-accidents", "abuse-surveillance", "diversion-and-disposal", "secure-storage"}));
  for (const Json& note : oral["take_home"]) EXPECT_FALSE(note["source"]["ref"].get<std::string>().empty());
  const Json nasal = Json::parse(Api(R"({"action":"guidance","protocol":"intranasal-s-ketamine"})"));
  EXPECT_EQ(nasal["take_home"].size(), 4u);
  const Json dxm = Json::parse(Api(R"({"action":"guidance","protocol":"dxm-followon"})"));
  EXPECT_TRUE(dxm["take_home"].empty());
}

TEST(GuidanceByProtocol, ThePlanCarriesItsRegimensGuidance) {
  const Json plan = Json::parse(Api(
      R"({"action":"plan","protocol":"ncp-subanaesthetic","patient":{"weight":70},"infusion":{"rate_mg_per_kg_per_h":0.1,"duration_h":48,"concentration_mg_per_ml":1}})"));
  ASSERT_TRUE(plan["ok"]) << plan.dump();
  EXPECT_EQ(plan["guidance"]["protocol"], "ncp-subanaesthetic");
  EXPECT_EQ(RuleIds(plan["guidance"]["rules"]), (std::set<std::string>{"pause-then-resume", "stop-on-dissociation-or-amnesia"}));
  const Json oral = Json::parse(Api(
      R"({"action":"plan","protocol":"oral-followon","patient":{"weight":70},"repeated":{"dose_mg_per_kg":0.5,"every_h":6,"concentration_mg_per_ml":20}})"));
  ASSERT_TRUE(oral["ok"]) << oral.dump();
  EXPECT_EQ(oral["guidance"]["take_home"].size(), 4u);
  // The palliative IV infusion has no take-home notes; its oral doses do.
  const Json palliativeIv = Json::parse(Api(
      R"({"action":"plan","protocol":"palliative","patient":{"weight":55},"infusion":{"rate_mg_per_kg_per_h":0.15,"duration_h":24,"concentration_mg_per_ml":1}})"));
  EXPECT_TRUE(palliativeIv["guidance"]["take_home"].empty());
}

// The plan names the catalog's records by id with their sources; the titles, texts and the scope note are
// the catalog's (content/guidance.json), sent once rather than with every plan.
TEST(GuidanceByProtocol, ThePlanNamesTheCatalogsRecordsByIdWithTheirSources) {
  const Json catalog = Json::parse(Api(R"({"action":"catalog"})"));
  const Json oral = Json::parse(Api(
      R"({"action":"plan","protocol":"oral-followon","patient":{"weight":70},"repeated":{"dose_mg_per_kg":0.5,"every_h":6,"concentration_mg_per_ml":20}})"));
  const Json ncp = Json::parse(Api(
      R"({"action":"plan","protocol":"ncp-subanaesthetic","patient":{"weight":70},"infusion":{"rate_mg_per_kg_per_h":0.1,"duration_h":48,"concentration_mg_per_ml":1}})"));
  ASSERT_TRUE(oral["ok"] && ncp["ok"]);
  const auto check = [](const Json& named, const Json& records) {
    for (const Json& reference : named) {
      const auto record = std::find_if(records.begin(), records.end(),
                                       [&](const Json& r) { return r["id"] == reference["id"]; });
      ASSERT_NE(record, records.end()) << reference["id"] << " is not in the catalog";
      EXPECT_EQ(reference, (Json{{"id", (*record)["id"]}, {"source", (*record)["source"]}}));
    }
  };
  check(ncp["guidance"]["rules"], catalog["guidance"]["rules"]);
  check(oral["guidance"]["take_home"], catalog["guidance"]["take_home"]["notes"]);
  EXPECT_EQ(RuleIds(oral["guidance"]["take_home"]),
            (std::set<std::string>{"driving-and-accidents", "abuse-surveillance", "diversion-and-disposal", "secure-storage"}));
  EXPECT_FALSE(ncp["guidance"].contains("scope_note"));
}

TEST(GuidanceByProtocol, AnUnknownProtocolIsAnError) {
  const Json bad = Json::parse(Api(R"({"action":"guidance","protocol":"nope"})"));
  EXPECT_FALSE(bad["ok"]);
  EXPECT_EQ(bad["errors"][0]["field"], "protocol");
}

TEST(GuidanceByProtocol, EveryRuleNamesRegimensThatExist) {
  std::set<std::string> regimens;
  for (const Regimen& regimen : DefaultCatalog().regimens) regimens.insert(regimen.id);
  for (const Json& rule : Guidance()["rules"]) {
    ASSERT_TRUE(rule.contains("regimens")) << rule["id"];
    for (const Json& id : rule["regimens"]) EXPECT_EQ(regimens.count(id.get<std::string>()), 1u) << rule["id"] << " " << id;
  }
}

}  // namespace
}  // namespace ketadose
