// A dosing plan: bolus, infusion and repeated doses with volumes, pump rates, totals and preparation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ketadose/catalog.hpp"
#include "ketadose/errors.hpp"
#include "ketadose/patient.hpp"
#include "ketadose/units.hpp"

namespace ketadose {

struct BolusOrder {
  MgPerKg dose;
  MgPerMl concentration;
  std::optional<Minutes> over;  // absent: no push rate is given
};

// Exactly one of the three rate forms is given; the other two are derived from it.
enum class RateForm { kMgPerKgPerHour, kUgPerKgPerMin, kMgPerHour };

struct InfusionOrder {
  RateForm form = RateForm::kMgPerKgPerHour;
  double givenRate = 0.0;  // in the unit named by `form` (kept as entered, converted in ComputePlan)
  Hours duration;
  MgPerMl concentration;
};

struct RepeatedOrder {
  std::optional<MgPerKg> dosePerKg;   // one of dosePerKg and doseMg
  std::optional<Milligrams> doseMg;
  Hours every;
  std::optional<MgPerMl> concentration;
};

struct PlanRequest {
  std::string protocolId;
  Patient patient;
  WeightBasis basis = WeightBasis::kActual;
  std::optional<BolusOrder> bolus;
  std::optional<InfusionOrder> infusion;
  std::optional<RepeatedOrder> repeated;
  std::vector<std::string> acknowledged;
  bool significantComorbidity = false;  // lowers the monitored-setting thresholds (monitoring.hpp)
  // Titles of screening findings that mean significant comorbidity (the plan's "screening"); they lower the
  // monitored-setting thresholds as significantComorbidity does. Filled by the plan action, not the reader.
  std::vector<std::string> screenedComorbidities;
};

// Reads and validates a plan request; nullopt with errors when anything is missing or implausible.
std::optional<PlanRequest> ReadPlanRequest(const Json& request, const Catalog& catalog, Errors& errors);

struct BolusPlan {
  MgPerKg dosePerKg;
  Milligrams dose;
  Millilitres volume;
  MgPerMl concentration;
  std::optional<Minutes> over;
  std::optional<MlPerMinute> pushRate;
};

struct InfusionPlan {
  MgPerKgPerHour ratePerKg;
  MgPerHour rate;
  MlPerHour pumpRate;
  UgPerKgPerMin rateUgPerKgPerMin;
  Hours duration;
  Milligrams total;
  Millilitres totalVolume;
  MgPerMl concentration;
};

struct RepeatedPlan {
  std::optional<MgPerKg> dosePerKg;
  Milligrams dose;
  std::optional<Millilitres> volume;
  Hours every;
  double dosesPerDay = 0.0;
  Milligrams daily;
};

// One line of shown arithmetic: "bolus.dose_mg": "0.35 mg/kg × 70 kg = 24.5 mg".
struct ArithmeticStep {
  std::string field;
  std::string working;
};

// How to draw up one part from stocked vials.
struct StockDraw {
  MgPerMl stock;
  Millilitres stockVolume;
  Millilitres diluentVolume;  // 0 when the stock is used undiluted
};

struct PartPreparation {
  std::string part;           // "bolus", "infusion" or "repeated"
  MgPerMl concentration;
  Millilitres containerVolume;  // syringe or bag made up to this volume
  int containers = 1;
  Milligrams drugPerContainer;
  std::vector<StockDraw> options;  // one per stocked strength at or above the concentration
};

struct Plan {
  DosingWeight weight;
  std::optional<BolusPlan> bolus;
  std::optional<InfusionPlan> infusion;
  std::optional<RepeatedPlan> repeated;
  Milligrams total;  // bolus + infusion over its duration (repeated doses are reported per day)
  std::vector<PartPreparation> preparation;
  std::vector<ArithmeticStep> arithmetic;
};

Plan ComputePlan(const PlanRequest& request, const DosingWeight& weight, const Catalog& catalog);

// Rounds a figure for display and for the JSON response (3 decimal places).
double RoundForDisplay(double value);

}  // namespace ketadose
