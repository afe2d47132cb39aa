// Plan arithmetic: doses, volumes, pump rates, totals and preparation, checked against hand-worked values.
#include "ketadose/plan.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace ketadose {
namespace {

const Catalog& C() { return DefaultCatalog(); }

PlanRequest Read(const std::string& json) {
  Errors errors;
  auto request = ReadPlanRequest(Json::parse(json), C(), errors);
  EXPECT_TRUE(errors.Empty()) << (errors.Empty() ? "" : errors.List()[0].field + ": " + errors.List()[0].message);
  return request.value_or(PlanRequest{});
}

Plan PlanFor(const std::string& json) {
  const PlanRequest request = Read(json);
  Errors errors;
  const auto weight = ChooseDosingWeight(request.patient, request.basis, C(), errors);
  EXPECT_TRUE(weight.has_value());
  return ComputePlan(request, *weight, C());
}

// Issue 2's worked example: 70 kg, bolus 0.35 mg/kg at 10 mg/mL over 10 min, infusion 0.5 mg/kg/h x 4 h at 1 mg/mL.
const char* kExample = R"({"action":"plan","protocol":"chronic-iv-outpatient","patient":{"weight":70},
  "bolus":{"dose_mg_per_kg":0.35,"concentration_mg_per_ml":10,"over_min":10},
  "infusion":{"rate_mg_per_kg_per_h":0.5,"duration_h":4,"concentration_mg_per_ml":1}})";

TEST(Bolus, DoseVolumeAndPushRate) {
  const Plan plan = PlanFor(kExample);
  ASSERT_TRUE(plan.bolus.has_value());
  EXPECT_NEAR(plan.bolus->orderedDose.value(), 24.5, 1e-12);    // 0.35 x 70
  EXPECT_NEAR(plan.bolus->orderedVolume.value(), 2.45, 1e-12);  // 24.5 / 10
  // A syringe measures 0.1 mL steps from 1 mL (rules.json measurable_resolution): 2.45 mL is drawn as 2.4 mL,
  // rounded down so no more than ordered is given, and the dose is what 2.4 mL of 10 mg/mL holds.
  EXPECT_NEAR(plan.bolus->volume.value(), 2.4, 1e-12);
  EXPECT_NEAR(plan.bolus->dose.value(), 24.0, 1e-12);
  EXPECT_NEAR(plan.bolus->pushRate->value(), 0.24, 1e-12);  // 2.4 mL / 10 min
}

TEST(Infusion, RateInMlPerHourIsDoseRateOverConcentration) {
  const Plan plan = PlanFor(kExample);
  ASSERT_TRUE(plan.infusion.has_value());
  EXPECT_NEAR(plan.infusion->rate.value(), 35.0, 1e-12);                   // 0.5 x 70
  EXPECT_NEAR(plan.infusion->pumpRate.value(), 35.0, 1e-12);               // 35 / 1
  EXPECT_NEAR(plan.infusion->rateUgPerKgPerMin.value(), 8.333333333, 1e-9);  // 0.5 x 1000 / 60
  EXPECT_NEAR(plan.infusion->total.value(), 140.0, 1e-12);                 // 35 x 4
  EXPECT_NEAR(plan.infusion->totalVolume.value(), 140.0, 1e-12);           // 140 / 1
  EXPECT_NEAR(plan.total.value(), 164.0, 1e-12);                           // 24 (2.4 mL drawn) + 140
}

TEST(Infusion, MicrogramInputGivesTheSamePlanAsMilligramInput) {
  // 7.2 ug/kg/min = 0.432 mg/kg/h (Cohen 2018 Q7); at 70 kg that is 30.24 mg/h.
  const Plan plan = PlanFor(R"({"protocol":"crps-sigtermans","patient":{"weight":70},
    "infusion":{"rate_ug_per_kg_per_min":7.2,"duration_h":24,"concentration_mg_per_ml":1}})");
  EXPECT_NEAR(plan.infusion->ratePerKg.value(), 0.432, 1e-12);
  EXPECT_NEAR(plan.infusion->orderedRate.value(), 30.24, 1e-9);
  // 30.24 mL/h at 1 mg/mL, set in the pump's 0.1 mL/h steps rounded down: 30.2 mL/h, which delivers 30.2 mg/h.
  EXPECT_NEAR(plan.infusion->pumpRate.value(), 30.2, 1e-9);
  EXPECT_NEAR(plan.infusion->rate.value(), 30.2, 1e-9);
  EXPECT_DOUBLE_EQ(plan.infusion->rateUgPerKgPerMin.value(), 7.2);
}

TEST(Infusion, FixedMilligramRateGivesPerKgRate) {
  // Acute pain 10 mg/h (Cohen Table 1: 5-35 mg/h) at 80 kg = 0.125 mg/kg/h; 24 h = 240 mg.
  const Plan plan = PlanFor(R"({"protocol":"acute-periop","patient":{"weight":80},
    "infusion":{"rate_mg_per_h":10,"duration_h":24,"concentration_mg_per_ml":1}})");
  EXPECT_NEAR(plan.infusion->ratePerKg.value(), 0.125, 1e-12);
  EXPECT_NEAR(plan.infusion->total.value(), 240.0, 1e-12);
}

TEST(Preparation, InfusionBagIsTheSmallestContainerHoldingTheVolume) {
  // 140 mL at 1 mg/mL: the 250 mL bag; 250 mg in it = 2.5 mL of 100 mg/mL + 247.5 mL diluent,
  // or 5 mL of 50 mg/mL + 245 mL, or 25 mL of 10 mg/mL + 225 mL.
  const Plan plan = PlanFor(kExample);
  ASSERT_EQ(plan.preparation.size(), 2u);
  const PartPreparation& bag = plan.preparation[1];
  EXPECT_EQ(bag.part, "infusion");
  EXPECT_DOUBLE_EQ(bag.containerVolume.value(), 250.0);
  EXPECT_DOUBLE_EQ(bag.drugPerContainer.value(), 250.0);
  ASSERT_EQ(bag.options.size(), 3u);
  EXPECT_DOUBLE_EQ(bag.options[0].stockVolume.value(), 25.0);
  EXPECT_DOUBLE_EQ(bag.options[0].diluentVolume.value(), 225.0);
  EXPECT_DOUBLE_EQ(bag.options[2].stockVolume.value(), 2.5);
  EXPECT_DOUBLE_EQ(bag.options[2].diluentVolume.value(), 247.5);
}

TEST(Preparation, BolusAtStockStrengthIsUndiluted) {
  // 24 mg (2.4 mL measured) at 10 mg/mL from the 10 mg/mL stock: 2.4 mL, no diluent. From 50 mg/mL:
  // 24 / 50 = 0.48 mL, made up to 2.4 mL with 1.92 mL.
  const Plan plan = PlanFor(kExample);
  const PartPreparation& syringe = plan.preparation[0];
  ASSERT_EQ(syringe.options.size(), 3u);
  EXPECT_NEAR(syringe.options[0].diluentVolume.value(), 0.0, 1e-12);
  EXPECT_NEAR(syringe.options[1].stockVolume.value(), 0.48, 1e-12);
  EXPECT_NEAR(syringe.options[1].diluentVolume.value(), 1.92, 1e-12);
}

TEST(Preparation, VolumesBeyondTheLargestBagUseSeveralBags) {
  // 0.5 mg/kg/h x 100 kg x 72 h = 3600 mg at 1 mg/mL = 3600 mL: four 1000 mL bags.
  const Plan plan = PlanFor(R"({"protocol":"chronic-iv-inpatient","patient":{"weight":100},
    "infusion":{"rate_mg_per_kg_per_h":0.5,"duration_h":72,"concentration_mg_per_ml":1}})");
  EXPECT_EQ(plan.preparation[0].containers, 4);
  EXPECT_DOUBLE_EQ(plan.preparation[0].containerVolume.value(), 1000.0);
}

TEST(Repeated, OralDoseEverySixHours) {
  // Cohen Q4: 0.5 mg/kg every 6 h; 70 kg: 35 mg ordered; 35 mg / 20 mg/mL = 1.75 mL, which an oral syringe
  // measuring 0.1 mL steps gives as 1.7 mL (rounded down) = 34 mg a dose; 4 doses, 136 mg/day.
  const Plan plan = PlanFor(R"({"protocol":"oral-followon","patient":{"weight":70},
    "repeated":{"dose_mg_per_kg":0.5,"every_h":6,"concentration_mg_per_ml":20}})");
  ASSERT_TRUE(plan.repeated.has_value());
  EXPECT_NEAR(plan.repeated->orderedDose.value(), 35.0, 1e-12);
  EXPECT_NEAR(plan.repeated->volume->value(), 1.7, 1e-12);
  EXPECT_NEAR(plan.repeated->dose.value(), 34.0, 1e-12);
  EXPECT_NEAR(plan.repeated->dosesPerDay, 4.0, 1e-12);
  EXPECT_NEAR(plan.repeated->daily.value(), 136.0, 1e-12);
}

TEST(Plan, DosesScaleLinearlyWithWeight) {
  for (double kg : {20.0, 55.5, 70.0, 140.0}) {
    const std::string json = R"({"protocol":"chronic-iv-outpatient","patient":{"weight":)" + std::to_string(kg) +
                             R"(},"infusion":{"rate_mg_per_kg_per_h":1,"duration_h":3,"concentration_mg_per_ml":2}})";
    const Plan plan = PlanFor(json);
    // 1 mg/kg/h x kg at 2 mg/mL: kg / 2 mL/h, set in 0.1 mL/h steps rounded down (55.5 kg: 27.75 -> 27.7).
    EXPECT_NEAR(plan.infusion->orderedRate.value(), kg, 1e-9 * kg);
    EXPECT_NEAR(plan.infusion->pumpRate.value(), std::floor(kg / 2.0 * 10 + 1e-9) / 10, 1e-9);
    EXPECT_NEAR(plan.infusion->rate.value(), plan.infusion->pumpRate.value() * 2.0, 1e-9);
    EXPECT_NEAR(plan.total.value(), plan.infusion->rate.value() * 3.0, 1e-9);
  }
}

TEST(PlanInput, RejectsAPartTheRegimenDoesNotHave) {
  Errors errors;
  ReadPlanRequest(Json::parse(R"({"protocol":"crps-schwartzman","patient":{"weight":70},
    "bolus":{"dose_mg_per_kg":0.35,"concentration_mg_per_ml":10}})"), C(), errors);
  ASSERT_FALSE(errors.Empty());
  EXPECT_EQ(errors.List()[0].field, "bolus");
}

TEST(PlanInput, RejectsTwoRateUnitsAtOnce) {
  Errors errors;
  ReadPlanRequest(Json::parse(R"({"protocol":"chronic-iv-outpatient","patient":{"weight":70},
    "infusion":{"rate_mg_per_kg_per_h":0.5,"rate_mg_per_h":35,"duration_h":4,"concentration_mg_per_ml":1}})"), C(),
                  errors);
  ASSERT_FALSE(errors.Empty());
  EXPECT_EQ(errors.List()[0].field, "infusion.rate_mg_per_kg_per_h");
}

TEST(PlanInput, ConcentrationAboveTheStrongestProductIsRejected) {
  // Enclara 2024: the strongest injection is 100 mg/mL.
  Errors errors;
  ReadPlanRequest(Json::parse(R"({"protocol":"chronic-iv-outpatient","patient":{"weight":70},
    "infusion":{"rate_mg_per_kg_per_h":0.5,"duration_h":4,"concentration_mg_per_ml":500}})"), C(), errors);
  ASSERT_FALSE(errors.Empty());
  EXPECT_EQ(errors.List()[0].field, "infusion.concentration_mg_per_ml");
}

}  // namespace
}  // namespace ketadose
