// Plan arithmetic: doses, volumes, pump rates, totals and preparation, checked against hand-worked values.
#include "domain/plan.hpp"
#include "api/plan_io.hpp"
#include "content/catalog_json.hpp"

#include <cmath>
#include <cstdio>
#include <map>

#include <gtest/gtest.h>

#include "api/api.hpp"
#include "json/fields.hpp"

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


// --- Figures a person programs or draws (content/rules.json measurable_resolution, container_max_hours) ---

nlohmann::json Api(const std::string& request) { return nlohmann::json::parse(Handle(request).json); }

bool HasAlert(const nlohmann::json& response, const std::string& code, const std::string& severity) {
  for (const auto& alert : response["alerts"]) {
    if (alert["code"] == code && alert["severity"] == severity) return true;
  }
  return false;
}

TEST(Resolution, DefaultsAreThePumpsAndSyringesSteps) {
  const Resolution resolution = MeasurableResolution(C());
  EXPECT_DOUBLE_EQ(resolution.pumpRate.value(), 0.1);
  EXPECT_DOUBLE_EQ(resolution.syringeFine.value(), 0.01);
  EXPECT_DOUBLE_EQ(resolution.syringe.value(), 0.1);
  EXPECT_DOUBLE_EQ(ContainerMaxHours(C()).value(), 24.0);
  // Rounded down, a value on a step stays on it: 2.45 -> 2.4, 0.996 -> 0.99, 2.5 -> 2.5, 0.004 -> 0.
  EXPECT_DOUBLE_EQ(MeasurableVolume(Millilitres(2.45), resolution).value(), 2.4);
  EXPECT_DOUBLE_EQ(MeasurableVolume(Millilitres(0.996), resolution).value(), 0.99);
  EXPECT_DOUBLE_EQ(MeasurableVolume(Millilitres(0.1 * 25), resolution).value(), 2.5);
  EXPECT_DOUBLE_EQ(MeasurableVolume(Millilitres(0.004), resolution).value(), 0.0);
  // To the nearest step for stock drawn to be diluted: 20.16 -> 20.2, 8.376 -> 8.4, 0.004 -> 0.
  EXPECT_DOUBLE_EQ(NearestMeasurableVolume(Millilitres(20.16), resolution).value(), 20.2);
  EXPECT_DOUBLE_EQ(NearestMeasurableVolume(Millilitres(8.376), resolution).value(), 8.4);
  EXPECT_DOUBLE_EQ(NearestMeasurableVolume(Millilitres(0.004), resolution).value(), 0.0);
  // The pump: 34.927 -> 34.9, 35 (0.5 x 70 at 1 mg/mL) stays 35, 0.09 -> 0.
  EXPECT_DOUBLE_EQ(PumpSetting(MlPerHour(34.927), resolution).value(), 34.9);
  EXPECT_DOUBLE_EQ(PumpSetting(MlPerHour(0.5 * 70), resolution).value(), 35.0);
  EXPECT_DOUBLE_EQ(PumpSetting(MlPerHour(0.09), resolution).value(), 0.0);
}

TEST(Resolution, A154PoundPatientShowsNoSpuriousDecimals) {
  // 154 lb x 0.45359237 = 69.853 kg, taken as 69.9 kg; bolus 0.35 x 69.9 = 24.465 mg = 2.4465 mL, drawn as 2.4 mL;
  // infusion 0.5 x 69.9 = 34.95 mL/h, set as 34.9 mL/h (the issue: not 69.853 kg, 34.927 mL/h, 2.445 mL).
  const Plan plan = PlanFor(R"({"protocol":"chronic-iv-outpatient","patient":{"weight":154,"weight_unit":"lb"},
    "bolus":{"dose_mg_per_kg":0.35,"concentration_mg_per_ml":10,"over_min":10},
    "infusion":{"rate_mg_per_kg_per_h":0.5,"duration_h":4,"concentration_mg_per_ml":1}})");
  EXPECT_DOUBLE_EQ(plan.weight.weight.value(), 69.9);
  EXPECT_DOUBLE_EQ(plan.bolus->volume.value(), 2.4);
  EXPECT_DOUBLE_EQ(plan.infusion->pumpRate.value(), 34.9);
  // The working says where each figure was taken to its step, so the shown arithmetic adds up.
  std::map<std::string, std::vector<std::string>> working;
  for (const ArithmeticStep& step : plan.arithmetic) working[step.field].push_back(step.working);
  EXPECT_EQ(working["dosing_weight_kg"].front(),
            "154 lb × 0.45359237 kg/lb = 69.853 kg, taken to the nearest 0.1 kg: 69.9 kg actual weight");
  EXPECT_EQ(working["bolus.volume_ml"].front(),
            "24.465 mg ÷ 10 mg/mL = 2.447 mL; a syringe measures 0.01 mL steps under 1 mL and 0.1 mL steps from 1 mL, "
            "so 2.4 mL (rounded down: never more than ordered)");
  EXPECT_EQ(working["bolus.dose_mg"].back(), "2.4 mL × 10 mg/mL = 24 mg, the dose the measured volume holds");
  EXPECT_EQ(working["infusion.rate_ml_per_h"].front(),
            "34.95 mg/h ÷ 1 mg/mL = 34.95 mL/h; the pump is set in 0.1 mL/h steps, so 34.9 mL/h (rounded down: never "
            "faster than ordered)");
  EXPECT_EQ(working["infusion.rate_mg_per_h"].back(),
            "34.9 mL/h × 1 mg/mL = 34.9 mg/h, the rate the pump setting delivers");
  EXPECT_EQ(working["infusion.vtbi_ml"].front(), "bag 1, 0-4 h: 34.9 mL/h × 4 h = 139.6 mL to be infused (139.6 mg)");
}

TEST(Resolution, TheIssueElevenCaseIsRefusedNotAnsweredWithZero) {
  // 0.5 kg at 0.01 mg/kg and 100 mg/mL: 0.005 mg = 0.00005 mL, below the 0.01 mL a syringe measures. Today's answer
  // was volume_ml 0.0, ok, no alert; now a hard alert and no volume or dose in the response.
  const auto response = Api(R"({"action":"plan","protocol":"test-dose","patient":{"weight":0.5},
    "bolus":{"dose_mg_per_kg":0.01,"concentration_mg_per_ml":100,"over_min":10}})");
  EXPECT_TRUE(HasAlert(response, "below-measurable-resolution", "hard")) << response.dump();
  EXPECT_TRUE(response["blocked"].get<bool>());
  EXPECT_FALSE(response["bolus"].contains("volume_ml"));
  EXPECT_FALSE(response["bolus"].contains("dose_mg"));
  EXPECT_FALSE(response.contains("total_mg"));
}

TEST(Resolution, APumpRateAtOneStepIsGivenAndBelowItIsNot) {
  // 70 kg x 0.05 mg/kg/h = 3.5 mg/h: at 35 mg/mL that is 0.1 mL/h, exactly one step (given);
  // at 50 mg/mL 0.07 mL/h, below it (refused).
  const auto atStep = Api(R"({"action":"plan","protocol":"ncp-subanaesthetic","patient":{"weight":70},
    "infusion":{"rate_mg_per_kg_per_h":0.05,"duration_h":48,"concentration_mg_per_ml":35}})");
  EXPECT_DOUBLE_EQ(atStep["infusion"]["rate_ml_per_h"].get<double>(), 0.1);
  EXPECT_FALSE(HasAlert(atStep, "below-measurable-resolution", "hard"));
  const auto below = Api(R"({"action":"plan","protocol":"ncp-subanaesthetic","patient":{"weight":70},
    "infusion":{"rate_mg_per_kg_per_h":0.05,"duration_h":48,"concentration_mg_per_ml":50}})");
  EXPECT_TRUE(HasAlert(below, "below-measurable-resolution", "hard"));
  EXPECT_FALSE(below["infusion"].contains("rate_ml_per_h"));
  EXPECT_FALSE(below["infusion"].contains("vtbi_ml"));
}

TEST(Preparation, NoBagHoldsMoreThanItsHangTimeAndBagsCoverTheDuration) {
  // Any rate and duration: bags are contiguous from 0 to the duration, none longer than 24 h, none made up to
  // more than 24 h at the pump rate, each made up to at least its volume to be infused, and the volumes add up.
  for (const double kg : {45.0, 70.0, 98.7, 150.0}) {
    for (const double hours : {2.5, 24.0, 48.0, 72.0, 101.0}) {
      const Plan plan = PlanFor(R"({"protocol":"chronic-iv-inpatient","patient":{"weight":)" + std::to_string(kg) +
                                R"(},"infusion":{"rate_mg_per_kg_per_h":0.6,"duration_h":)" + std::to_string(hours) +
                                R"(,"concentration_mg_per_ml":1}})");
      const InfusionPlan& infusion = *plan.infusion;
      ASSERT_FALSE(infusion.bags.empty());
      double start = 0.0;
      double sum = 0.0;
      for (const InfusionBag& bag : infusion.bags) {
        EXPECT_NEAR(bag.start.value(), start, 1e-9);
        EXPECT_LE((bag.end - bag.start).value(), 24.0 + 1e-9);
        EXPECT_LE(bag.madeUpTo.value(), infusion.pumpRate.value() * 24.0 + 1e-9);
        EXPECT_GE(bag.madeUpTo.value(), bag.vtbi.value());
        EXPECT_LE(bag.madeUpTo.value(), bag.container.value());
        start = bag.end.value();
        sum += bag.vtbi.value();
      }
      EXPECT_NEAR(start, hours, 1e-9);
      EXPECT_NEAR(sum, infusion.totalVolume.value(), 1e-6);
      EXPECT_NEAR(infusion.total.value(), infusion.totalVolume.value(), 1e-6);  // at 1 mg/mL
    }
  }
}

TEST(Preparation, SKetamineIsNeverOfferedRacemicStock) {
  const Plan plan = PlanFor(R"({"protocol":"crps-sigtermans","patient":{"weight":70},
    "infusion":{"rate_mg_per_kg_per_h":0.3,"duration_h":24,"concentration_mg_per_ml":1}})");
  EXPECT_TRUE(plan.sKetamine);
  ASSERT_EQ(plan.preparation.size(), 1u);
  EXPECT_TRUE(plan.preparation[0].options.empty());
  EXPECT_EQ(plan.preparation[0].product, "S-ketamine (esketamine)");
  EXPECT_NE(plan.preparation[0].strengthNeeded.find("S-ketamine product"), std::string::npos);
}

TEST(Format, NumbersHaveALeadingZeroNoTrailingZeroAndNoExponent) {
  // ISMP: 0.5 not .5; 5 not 5.0; and never 5e-05.
  EXPECT_EQ(FormatNumber(0.5), "0.5");
  EXPECT_EQ(FormatNumber(5.0), "5");
  EXPECT_EQ(FormatNumber(2.40), "2.4");
  EXPECT_EQ(FormatNumber(0.00005), "0.00005");
  EXPECT_EQ(FormatNumber(1234567.0), "1234567");
  EXPECT_EQ(FormatNumber(-0.0), "0");
  EXPECT_EQ(FormatNumber(69.853), "69.853");
  // Off the 0.001 grid or from 1000 up: six significant figures, as printf's %.6g gives them.
  EXPECT_EQ(FormatNumber(1.0 / 3.0), "0.333333");
  EXPECT_EQ(FormatNumber(0.0015), "0.0015");
  EXPECT_EQ(FormatNumber(1234.5678), "1234.57");
  EXPECT_EQ(FormatNumber(999.9996), "1000");
  EXPECT_EQ(FormatNumber(-24.5), "-24.5");
}

TEST(Format, EveryFigureOnTheDisplayGridUnder1000IsWrittenAsPrintfWritesIt) {
  // FormatNumber writes a figure rounded for display (n / 1000, |n| < 10^6) from its digits without printf; every
  // such figure, both signs, must read exactly as C's "%.6g" reads it (no exponent arises in this range).
  for (long n = -999999; n <= 999999; ++n) {
    const double value = RoundForDisplay(static_cast<double>(n) / 1000.0);
    char expected[64];
    std::snprintf(expected, sizeof expected, "%.6g", value == 0.0 ? 0.0 : value);
    ASSERT_EQ(FormatNumber(value), expected) << "n = " << n;
  }
}

}  // namespace
}  // namespace ketadose
