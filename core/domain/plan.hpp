// A dosing plan: bolus, infusion and repeated doses with volumes, pump rates, totals and preparation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "content/catalog.hpp"
#include "base/errors.hpp"
#include "base/format.hpp"  // RoundForDisplay: the figures are judged as shown
#include "domain/patient.hpp"
#include "base/units.hpp"

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
  Patient patient;  // a weight typed in pounds is taken to 0.1 kg here (rules.json measurable_resolution)
  std::optional<Pounds> weightTypedInPounds;  // as typed, for the shown working
  std::optional<Kilograms> weightBeforeRounding;
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

// (The JSON request is read into a PlanRequest by ReadPlanRequest, api/plan_io.hpp.)

// The steps a figure is given in (content/rules.json "measurable_resolution"; a site may set its own).
struct Resolution {
  MlPerHour pumpRate;        // a pump rate; its volume to be infused is set in steps of the same number of mL
  Millilitres syringeFine;   // a volume under 1 mL
  Millilitres syringe;       // a volume from 1 mL
};
Resolution MeasurableResolution(const Catalog& catalog);

// A volume given to the patient, rounded down to the step a syringe measures (0 when below the finest step).
Millilitres MeasurableVolume(Millilitres volume, const Resolution& resolution);
// A volume drawn to be diluted, to the nearest step a syringe measures (0 when below half the finest step).
Millilitres NearestMeasurableVolume(Millilitres volume, const Resolution& resolution);
// The pump setting for a rate: rounded down to the pump's step (0 when below it).
MlPerHour PumpSetting(MlPerHour rate, const Resolution& resolution);
// A volume to be infused, rounded down to the pump's step.
Millilitres PumpVolume(Millilitres volume, const Resolution& resolution);
// The longest a prepared bag may run at the planned rate (content/rules.json "container_max_hours").
Hours ContainerMaxHours(const Catalog& catalog);

struct BolusPlan {
  MgPerKg dosePerKg;
  Milligrams dose;      // what the measured volume holds: volume x concentration
  Millilitres volume;   // at the syringe's resolution, rounded down; 0 when it cannot be measured
  Milligrams orderedDose;       // mg/kg x kg, before the volume is measured
  Millilitres orderedVolume;
  MgPerMl concentration;
  std::optional<Minutes> over;
  std::optional<MlPerMinute> pushRate;
};

// One prepared container of an infusion: the hours it runs and what the pump is to deliver from it.
struct InfusionBag {
  int number = 1;
  Hours start;
  Hours end;
  Millilitres vtbi;        // the pump's volume to be infused for this bag
  Milligrams drug;         // vtbi x concentration: what the patient receives from it
  Millilitres container;   // the standard container used
  Millilitres madeUpTo;    // the volume the bag is made up to (>= vtbi; never more than the hang time allows)
  Milligrams drugInBag;    // madeUpTo x concentration
};

struct InfusionPlan {
  MgPerKgPerHour ratePerKg;
  MgPerHour rate;            // what the pump setting delivers: pumpRate x concentration
  MgPerHour orderedRate;     // mg/kg/h x kg (or as given), before the pump's resolution
  MlPerHour pumpRate;        // the pump setting, at its resolution (rounded down); 0 when below it
  MlPerHour orderedPumpRate;
  UgPerKgPerMin rateUgPerKgPerMin;
  Hours duration;
  Milligrams total;          // the sum over the bags of drug infused
  Millilitres totalVolume;   // the sum of the bags' volumes to be infused
  MgPerMl concentration;
  std::vector<InfusionBag> bags;
};

struct RepeatedPlan {
  std::optional<MgPerKg> dosePerKg;
  Milligrams dose;                     // with a volume: what the measured volume holds
  Milligrams orderedDose;
  std::optional<Millilitres> volume;   // at the syringe's resolution, rounded down
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
  Millilitres stockVolume;    // at the syringe's resolution (nearest step)
  Millilitres diluentVolume;  // 0 when the stock is used undiluted
  std::optional<Millilitres> roundedFrom;  // the exact volume, when the measured one differs
};

struct PartPreparation {
  std::string part;           // "bolus", "infusion" or "repeated"
  MgPerMl concentration;
  Millilitres containerVolume;  // syringe or bag made up to this volume
  int containers = 1;
  Milligrams drugPerContainer;
  std::vector<StockDraw> options;  // one per stocked strength at or above the concentration
  std::string product;             // "racemic ketamine" or "S-ketamine (esketamine)"
  std::vector<int> bags;           // infusion: the bag numbers made up this way
  std::optional<Millilitres> infuse;   // infusion, one bag: its volume to be infused
  std::optional<Millilitres> discard;  // what the bag holds beyond it
  std::string instruction;             // the sentence for the nurse: what to make up, infuse and discard
  std::string strengthNeeded;          // no stocked strength: the sentence asking for the product's strength
  Millilitres madeUpTo;                // the volume the syringe or bag is made up to
};

struct Plan {
  DosingWeight weight;
  std::optional<BolusPlan> bolus;
  std::optional<InfusionPlan> infusion;
  std::optional<RepeatedPlan> repeated;
  Milligrams total;  // bolus + infusion over its duration (repeated doses are reported per day)
  std::vector<PartPreparation> preparation;
  std::vector<ArithmeticStep> arithmetic;
  bool sKetamine = false;  // the regimen's drug is S-ketamine: prepared only from S-ketamine stock
  int bagsNeeded = 0;      // infusion: more than can be listed leaves infusion.bags empty (a hard alert)
};

Plan ComputePlan(const PlanRequest& request, const DosingWeight& weight, const Catalog& catalog);

}  // namespace ketadose
