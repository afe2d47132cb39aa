// The response checks the fuzz targets and the property probes rely on (tests/fuzz/invariants.hpp) can fail:
// each arithmetic relation is broken by hand in a copy of a real plan, and the check must name it.
#include "../fuzz/invariants.hpp"

#include <string>

#include <gtest/gtest.h>

#include "ketadose/api.hpp"

namespace ketadose {
namespace {

using invariants::Json;

// The worked example of the design (70 kg, 0.35 mg/kg bolus at 10 mg/mL over 10 min, 0.5 mg/kg/h for 4 h at
// 1 mg/mL): 24.5 mg / 2.45 mL, 35 mg/h = 35 mL/h = 8.333 ug/kg/min, 140 mg, 164.5 mg in all.
Json WorkedExample() {
  const ApiResult result = Handle(
      R"({"action":"plan","protocol":"chronic-iv-outpatient","patient":{"weight":70},"dosing_weight":"actual",)"
      R"("bolus":{"dose_mg_per_kg":0.35,"concentration_mg_per_ml":10,"over_min":10},)"
      R"("infusion":{"rate_mg_per_kg_per_h":0.5,"duration_h":4,"concentration_mg_per_ml":1}})");
  return Json::parse(result.json);
}

std::string Broken(const Json& plan) { return invariants::CheckPlanArithmetic(plan, true); }

TEST(Invariants, TheWorkedExampleKeepsEveryArithmeticRelation) {
  const Json plan = WorkedExample();
  ASSERT_EQ(plan["bolus"]["dose_mg"], 24.5);
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
      {"bolus", "dose_mg", 24.5 * 1000, "bolus.dose_mg = dose_mg_per_kg x dosing_weight_kg"},  // mg for ug
      {"bolus", "volume_ml", 24.5, "bolus.dose_mg = volume_ml x concentration_mg_per_ml"},      // mL = mg
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
}

TEST(Invariants, AProgrammedRateAtAPumpStepIsNotASlip) {
  // 35.04 mg/h programmed as 35.0 mL/h at 1 mg/mL (a 0.1 mL/h pump step) is within half a step.
  Json plan = WorkedExample();
  plan["infusion"]["rate_ml_per_h"] = 35.0;
  plan["infusion"]["rate_mg_per_h"] = 35.04;
  plan["infusion"]["rate_mg_per_kg_per_h"] = 0.5006;
  plan["infusion"]["rate_ug_per_kg_per_min"] = 8.343;
  plan["infusion"]["total_mg"] = 140.16;
  plan["infusion"]["total_ml"] = 140.16;
  plan["total_mg"] = 164.66;
  EXPECT_EQ(Broken(plan), "");
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
}

TEST(Invariants, ARejectedResponseWithADoseIsBroken) {
  ApiResult result{R"({"ok":false,"errors":[{"field":"x","message":"m"}],"bolus":{"dose_mg":1}})", Outcome::kRejected};
  EXPECT_EQ(invariants::CheckResponse(result, "plan"), "a rejected response carries \"bolus\"");
}

}  // namespace
}  // namespace ketadose
