// The response checks the fuzz targets and the property probes rely on (tests/fuzz/invariants.hpp) can fail:
// each arithmetic relation is broken by hand in a copy of a real plan, and the check must name it.
#include "../fuzz/invariants.hpp"

#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

#include "api/api.hpp"

namespace ketadose {
namespace {

using invariants::Json;

// The worked example of the design (70 kg, 0.35 mg/kg bolus at 10 mg/mL over 10 min, 0.5 mg/kg/h for 4 h at
// 1 mg/mL), as programmed (branch prep): 0.35 x 70 = 24.5 mg = 2.45 mL, drawn as 2.4 mL (the syringe's 0.1 mL step,
// rounded down) = 24 mg; 35 mg/h = 35 mL/h (on the pump's 0.1 mL/h step) = 8.333 ug/kg/min, 140 mg; 164 mg in all.
Json Plan(const std::string& bolus, const std::string& infusion) {
  const ApiResult result = Handle(
      R"({"action":"plan","protocol":"chronic-iv-outpatient","patient":{"weight":70},"dosing_weight":"actual",)"
      R"("bolus":)" + bolus + R"(,"infusion":)" + infusion + "}");
  return Json::parse(result.json);
}

Json WorkedExample() {
  return Plan(R"({"dose_mg_per_kg":0.35,"concentration_mg_per_ml":10,"over_min":10})",
              R"({"rate_mg_per_kg_per_h":0.5,"duration_h":4,"concentration_mg_per_ml":1})");
}

std::string Broken(const Json& plan) { return invariants::CheckPlanArithmetic(plan, true); }

TEST(Invariants, TheWorkedExampleKeepsEveryArithmeticRelation) {
  const Json plan = WorkedExample();
  ASSERT_EQ(plan["bolus"]["volume_ml"], 2.4);
  ASSERT_EQ(plan["bolus"]["dose_mg"], 24.0);
  ASSERT_EQ(plan["infusion"]["rate_ml_per_h"], 35.0);
  ASSERT_EQ(plan["total_mg"], 164.0);
  EXPECT_EQ(Broken(plan), "");
}

TEST(Invariants, EachUnitSlipIsNamed) {
  struct Slip {
    const char* part;
    const char* key;
    double value;
    const char* named;
  };
  const Slip slips[] = {
      {"bolus", "dose_mg", 24.0 * 1000, "bolus.dose_mg = volume_ml x concentration_mg_per_ml"},  // mg for ug
      {"bolus", "volume_ml", 24.0, "bolus.dose_mg = volume_ml x concentration_mg_per_ml"},       // mL = mg
      {"infusion", "rate_ml_per_h", 35 * 60.0, "infusion.rate_mg_per_h = rate_ml_per_h x concentration"},
      {"infusion", "rate_ug_per_kg_per_min", 0.5 * 1000, "rate_ug_per_kg_per_min"},  // x1000 without /60
      {"infusion", "total_mg", 35, "infusion.total_mg = rate_mg_per_h x duration_h"},
      {"infusion", "total_ml", 14, "infusion.total_mg = total_ml x concentration_mg_per_ml"},
  };
  for (const Slip& slip : slips) {
    Json plan = WorkedExample();
    plan[slip.part][slip.key] = slip.value;
    EXPECT_NE(Broken(plan).find(slip.named), std::string::npos) << slip.part << "." << slip.key << ": " << Broken(plan);
  }
  Json total = WorkedExample();
  total["total_mg"] = 140;  // the bolus left out of the total
  EXPECT_NE(Broken(total).find("total_mg"), std::string::npos);
  Json row = WorkedExample();
  row["rate_table"][0]["rate_ml_per_h"] = row["rate_table"][0]["rate_mg_per_h"].get<double>() * 10;
  EXPECT_NE(Broken(row).find("rate_table"), std::string::npos);
  Json bag = WorkedExample();
  bag["infusion"]["bags"][0]["vtbi_ml"] = 14.0;  // a tenth of 35 mL/h x 4 h
  EXPECT_NE(Broken(bag).find("infusion.bags.0.vtbi_ml"), std::string::npos) << Broken(bag);
}

TEST(Invariants, AFigureRoundedUpOrByMoreThanAStepIsNamed) {
  // The 2.45 mL bolus drawn as 2.5 mL (25 mg, more than the 24.5 mg ordered) or as 2.3 mL (1.5 steps down); the
  // 35 mL/h pump set at 35.1 mL/h (faster than ordered) or 34.8 mL/h (two steps below): each figure agrees with its
  // own concentration, so only the rounding relation catches it. (One step below, 34.9 mL/h, is within the display
  // rounding of 0.5 mg/kg/h x 70 kg: 0.0005 mg/kg/h x 70 kg = 0.035 mg/h, so the check cannot tell it apart.)
  for (const double volume : {2.5, 2.3}) {
    Json plan = WorkedExample();
    plan["bolus"]["volume_ml"] = volume;
    plan["bolus"]["dose_mg"] = volume * 10;
    plan["bolus"]["rate_ml_per_min"] = volume / 10;
    plan["total_mg"] = volume * 10 + 140;
    EXPECT_NE(Broken(plan).find("bolus.volume_ml <= dose_mg_per_kg x dosing_weight_kg / concentration_mg_per_ml"),
              std::string::npos)
        << volume << " mL: " << Broken(plan);
  }
  for (const double rate : {35.1, 34.8}) {
    Json plan = WorkedExample();
    plan["infusion"]["rate_ml_per_h"] = rate;
    plan["infusion"]["rate_mg_per_h"] = rate;
    EXPECT_NE(Broken(plan).find("infusion.rate_ml_per_h <= rate_mg_per_kg_per_h x dosing_weight_kg"),
              std::string::npos)
        << rate << " mL/h: " << Broken(plan);
  }
}

TEST(Invariants, AProgrammedRateAtAPumpStepIsNotASlip) {
  // 0.501 mg/kg/h x 70 kg = 35.07 mg/h = 35.07 mL/h at 1 mg/mL, programmed as 35.0 mL/h (the pump's 0.1 mL/h
  // step, rounded down), which delivers 35 mg/h: 140 mg in 4 h; the per-kg figures stay as ordered
  // (0.501 mg/kg/h = 8.35 ug/kg/min). 0.36 mg/kg x 70 kg = 25.2 mg = 2.52 mL, drawn as 2.5 mL = 25 mg.
  const Json plan = Plan(R"({"dose_mg_per_kg":0.36,"concentration_mg_per_ml":10,"over_min":10})",
                         R"({"rate_mg_per_kg_per_h":0.501,"duration_h":4,"concentration_mg_per_ml":1})");
  ASSERT_EQ(plan["infusion"]["rate_ml_per_h"], 35.0);
  ASSERT_EQ(plan["infusion"]["rate_mg_per_h"], 35.0);
  ASSERT_EQ(plan["infusion"]["rate_mg_per_kg_per_h"], 0.501);
  ASSERT_EQ(plan["infusion"]["rate_ug_per_kg_per_min"], 8.35);
  ASSERT_EQ(plan["infusion"]["total_mg"], 140.0);
  ASSERT_EQ(plan["bolus"]["volume_ml"], 2.5);
  ASSERT_EQ(plan["bolus"]["dose_mg"], 25.0);
  ASSERT_EQ(plan["total_mg"], 165.0);
  EXPECT_EQ(Broken(plan), "");
}

TEST(Invariants, APlanWithAHardAlertIsNotHeldToTheArithmetic) {
  // 1e-9 mg/mL needs 35e9 mL/h: too-many-bags, a hard alert, refuses the plan; its figures are not for use (the
  // concentration is shown as 0), so only the structural checks apply to it.
  const std::string request =
      R"({"action":"plan","protocol":"chronic-iv-outpatient","patient":{"weight":70},"dosing_weight":"actual",)"
      R"("infusion":{"rate_mg_per_kg_per_h":0.5,"duration_h":4,"concentration_mg_per_ml":1e-9}})";
  const ApiResult result = Handle(request);
  const Json plan = Json::parse(result.json);
  ASSERT_TRUE(plan["blocked"].get<bool>());
  ASSERT_TRUE(invariants::HasHardAlert(plan));
  EXPECT_EQ(Broken(plan), "");
  EXPECT_EQ(invariants::CheckResponse(result, "plan"), "");
  // The exemption is the hard alert's: a slip in the worked example is named without one and not with one.
  Json slip = WorkedExample();
  slip["infusion"]["rate_ml_per_h"] = 35 * 60.0;
  EXPECT_NE(Broken(slip), "");
  slip["alerts"].push_back(Json{{"code", "anesthetic-range"}, {"severity", "hard"}});
  EXPECT_EQ(Broken(slip), "");
}

TEST(Invariants, AZeroFigureStandsOnlyInABlockedPlan) {
  Json plan = WorkedExample();
  plan["blocked"] = false;
  plan["bolus"]["volume_ml"] = 0.0;
  plan["bolus"]["dose_mg"] = 0.0;
  plan["bolus"]["dose_mg_per_kg"] = 0.0;
  plan["bolus"]["rate_ml_per_min"] = 0.0;
  plan["total_mg"] = 140;
  EXPECT_EQ(Broken(plan), "an unblocked plan has bolus.dose_mg 0");
  plan["blocked"] = true;
  EXPECT_EQ(Broken(plan), "");
  // Branch prep leaves a figure that cannot be given out of the response (never shown as 0): a missing one counts.
  Json missing = WorkedExample();
  missing["blocked"] = false;
  missing["infusion"].erase("rate_ml_per_h");
  EXPECT_EQ(Broken(missing), "an unblocked plan has no infusion.rate_ml_per_h");
  missing["blocked"] = true;
  EXPECT_EQ(Broken(missing), "");
}

TEST(Invariants, ARejectedResponseWithADoseIsBroken) {
  ApiResult result{R"({"ok":false,"errors":[{"field":"x","message":"m"}],"bolus":{"dose_mg":1}})", Outcome::kRejected};
  EXPECT_EQ(invariants::CheckResponse(result, "plan"), "a rejected response carries \"bolus\"");
}


TEST(Invariants, AGuidelineBoundASiteAddedMayBeNullThereAndNowhereElse) {
  // Found by api_structured_fuzz: the catalog under docs/site.example.json, which adds a hard_max of 1 mg/kg/h to
  // chronic-iv-outpatient's infusion where the guideline states none, keeps the guideline's figure as
  // "guideline": {"hard_max": null, "site_rule": ...} (docs/design.md, "Site-changed bounds"). The check took that
  // null for a NaN; it is a documented null, and only a limit's bound inside a "guideline" record may be one.
  std::ifstream file(std::string(KETADOSE_SOURCE_DIR) + "/docs/site.example.json", std::ios::binary);
  const std::string site((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const ApiResult catalog = Handle(R"({"action":"catalog"})", site);
  const Json limit = Json::parse(catalog.json)["regimens"][0]["infusion"]["rate_mg_per_kg_per_h"];
  ASSERT_TRUE(limit["guideline"]["hard_max"].is_null()) << limit.dump();
  EXPECT_EQ(invariants::CheckResponse(catalog, "catalog"), "");

  Json plan = WorkedExample();
  plan["bolus"]["dose_mg"] = nullptr;  // a figure that overflowed prints as null
  EXPECT_EQ(invariants::CheckValues(plan, "response", ""), "null (a NaN or infinity?) at response.bolus.dose_mg");
  Json record = Json::parse(R"({"limit":{"hard_max":null}})");  // a bound outside a guideline record
  EXPECT_EQ(invariants::CheckValues(record, "response", ""), "null (a NaN or infinity?) at response.limit.hard_max");
  record = Json::parse(R"({"guideline":{"site_rule":null}})");  // not a bound
  EXPECT_EQ(invariants::CheckValues(record, "response", ""),
            "null (a NaN or infinity?) at response.guideline.site_rule");
}

}  // namespace
}  // namespace ketadose
