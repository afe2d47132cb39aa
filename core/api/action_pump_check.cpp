// The "pump-check" action: an independent double check of what the pump actually delivers.
// From the mL/h set on the pump and the bag concentration the core works out mg/h, mg/kg/h and ug/kg/min,
// compares them with the planned rate, and runs the regimen's guardrails on the delivered rate.
#include <algorithm>
#include <cmath>
#include <utility>

#include "api/actions.hpp"
#include "json/fields.hpp"
#include "api/plan_io.hpp"
#include "domain/guardrails.hpp"
#include "domain/plan.hpp"

namespace ketadose {

namespace {
// A pump sets mL/h in 0.1 steps: within half a step, or 1% of the planned rate, the setting matches the plan.
constexpr double kPumpResolutionHalfStepMlPerHour = 0.05;
constexpr double kRelativeMatchTolerance = 0.01;

bool PumpRateMatches(double pumpMlPerHour, double plannedMlPerHour) {
  const double tolerance = std::max(kPumpResolutionHalfStepMlPerHour, kRelativeMatchTolerance * plannedMlPerHour);
  return std::fabs(pumpMlPerHour - plannedMlPerHour) <= tolerance;
}

std::string Figure(double value, const std::string& unit) { return FormatNumber(RoundForDisplay(value)) + " " + unit; }
}  // namespace

void PumpCheckAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors) {
  RejectUnknownKeys(
      request, "",
      {"action", "protocol", "patient", "dosing_weight", "pump_ml_per_h", "concentration_mg_per_ml",
       "planned_rate_mg_per_h", "planned_concentration_mg_per_ml", "significant_comorbidity", "acknowledged"},
      errors);
  const auto protocol = ReadString(request, "protocol", "", errors);
  const Regimen* regimen = protocol ? FindRegimen(catalog, *protocol) : nullptr;
  if (protocol && regimen == nullptr) {
    errors.Add("protocol", "There is no regimen \"" + *protocol + "\". Choose one from the catalog.");
  }
  if (regimen != nullptr && !regimen->infusion) {
    errors.Add("protocol", "This regimen has no infusion to check a pump against.");
  }
  const auto patient = ReadPatient(request, catalog, errors);
  const auto basis = ReadWeightBasis(request, catalog, errors);
  const auto pump = ReadNumber(request, "pump_ml_per_h", "", FieldLabel{"Pump rate", "mL/h"},
                               PlausibleRange(catalog, "pump_ml_per_h"), errors);
  const auto concentration = ReadNumber(request, "concentration_mg_per_ml", "", FieldLabel{"Bag concentration", "mg/mL"},
                                        PlausibleRange(catalog, "concentration_mg_per_ml"), errors);
  const auto planned = ReadNumber(request, "planned_rate_mg_per_h", "", FieldLabel{"Planned rate", "mg/h"},
                                  PlausibleRange(catalog, "rate_mg_per_h"), errors, Presence::kOptional);
  // The bag the plan was worked out for: when the bag hung differs, the check names it as the cause.
  const auto plannedConcentration =
      ReadNumber(request, "planned_concentration_mg_per_ml", "", FieldLabel{"Planned bag concentration", "mg/mL"},
                 PlausibleRange(catalog, "concentration_mg_per_ml"), errors, Presence::kOptional);
  // Age (in patient) and significant comorbidity lower the monitored-setting thresholds exactly as in a plan.
  const bool comorbidity = ReadBool(request, "significant_comorbidity", "", errors).value_or(false);
  const auto acknowledged = ReadStringArray(request, "acknowledged", "", errors);
  if (!errors.Empty() || !patient || !basis || !pump || !concentration) return;
  const auto weight = ChooseDosingWeight(*patient, *basis, catalog, errors);
  if (!weight) return;

  // Run the delivered rate through the same plan arithmetic and guardrails as a planned one (1 h of it).
  PlanRequest asPlanned;
  asPlanned.protocolId = *protocol;
  asPlanned.patient = *patient;
  asPlanned.basis = *basis;
  asPlanned.significantComorbidity = comorbidity;
  asPlanned.infusion = InfusionOrder{RateForm::kMgPerHour, DeliveredRate(MlPerHour(*pump), MgPerMl(*concentration)).value(),
                                     Hours(1), MgPerMl(*concentration)};
  if (acknowledged) asPlanned.acknowledged = *acknowledged;
  const Plan delivered = ComputePlan(asPlanned, *weight, catalog);
  Assessment assessment = EvaluatePlan(asPlanned, delivered, *regimen, catalog);
  // One hour of infusion says nothing about a whole course: drop the course-total alert.
  assessment.alerts.erase(std::remove_if(assessment.alerts.begin(), assessment.alerts.end(),
                                         [](const Alert& alert) {
                                           return alert.code == "below-minimum-effective-dose" ||
                                                  alert.field == "infusion.duration_h";
                                         }),
                          assessment.alerts.end());
  assessment.blocked = IsBlocked(assessment.alerts, asPlanned.acknowledged);

  const InfusionPlan& infusion = *delivered.infusion;
  // What the pump as set delivers (pump x concentration): the plan arithmetic would round the rate down to the
  // pump's step again, which a pump already running at its setting does not do.
  const MgPerHour deliveredRate = infusion.orderedRate;
  response["delivered_rate_mg_per_h"] = RoundForDisplay(deliveredRate.value());
  response["delivered_rate_mg_per_kg_per_h"] = RoundForDisplay(infusion.ratePerKg.value());
  response["delivered_rate_ug_per_kg_per_min"] = RoundForDisplay(infusion.rateUgPerKgPerMin.value());
  response["dosing_weight_kg"] = RoundForDisplay(weight->weight.value());
  response["arithmetic"] = OrderedJson::array();
  response["arithmetic"].push_back(
      OrderedJson{{"field", "delivered_rate_mg_per_h"},
                  {"working", FormatNumber(*pump) + " mL/h × " + FormatNumber(*concentration) + " mg/mL = " +
                                  FormatNumber(RoundForDisplay(deliveredRate.value())) + " mg/h"}});
  for (const ArithmeticStep& step : delivered.arithmetic) {
    if (step.field == "infusion.rate_mg_per_kg_per_h" || step.field == "infusion.rate_ug_per_kg_per_min") {
      OrderedJson item;
      item["field"] = "delivered_" + step.field.substr(9);
      item["working"] = step.working;
      response["arithmetic"].push_back(std::move(item));
    }
  }
  if (planned) {
    const double plannedMl = *planned / *concentration;
    const bool matches = PumpRateMatches(*pump, plannedMl);
    const double ratio = deliveredRate.value() / *planned;
    const double delivered = RoundForDisplay(deliveredRate.value());
    response["planned_rate_mg_per_h"] = RoundForDisplay(*planned);
    response["planned_rate_ml_per_h"] = RoundForDisplay(plannedMl);
    response["ratio_to_plan"] = RoundForDisplay(ratio);
    response["matches_plan"] = matches;
    const std::string bagFigure = Figure(*concentration, "mg/mL");
    const bool bagDiffers =
        plannedConcentration && std::fabs(*concentration - *plannedConcentration) > 1e-9 * *plannedConcentration;
    if (plannedConcentration) {
      response["planned_concentration_mg_per_ml"] = RoundForDisplay(*plannedConcentration);
      response["bag_matches_plan"] = !bagDiffers;
    }
    std::string check = matches ? "The pump setting delivers the planned rate."
                                : "MISMATCH: the pump delivers " + FormatNumber(RoundForDisplay(ratio)) +
                                      " times the planned rate (" + FormatNumber(delivered) + " mg/h instead of " +
                                      FormatNumber(RoundForDisplay(*planned)) +
                                      " mg/h). Stop and recheck the pump rate and the bag concentration.";
    // What made the difference, so the check explains its own mismatch: the bag, the rate, or both.
    OrderedJson causes = OrderedJson::array();
    if (bagDiffers) {
      const double planBagMl = *planned / *plannedConcentration;
      const std::string planBag = Figure(*plannedConcentration, "mg/mL");
      if (matches) {
        check += " The bag (" + bagFigure + ") is not the one the plan was worked out for (" + planBag +
                 "): the plan's volumes and pump rate do not apply to it.";
      } else {
        causes.push_back(OrderedJson{
            {"field", "concentration_mg_per_ml"},
            {"message", "The bag is " + bagFigure + " but the plan is worked out for a " + planBag + " bag: at " +
                            Figure(*pump, "mL/h") + " it delivers " + Figure(delivered, "mg/h") + ", " +
                            FormatNumber(RoundForDisplay(ratio)) + " times the planned " + Figure(*planned, "mg/h") +
                            ". Hang a " + planBag + " bag (pump " + Figure(planBagMl, "mL/h") +
                            "), or work the plan out again for " + bagFigure + "."}});
        if (!PumpRateMatches(*pump, planBagMl)) {
          causes.push_back(
              OrderedJson{{"field", "pump_ml_per_h"},
                          {"message", "The pump rate " + Figure(*pump, "mL/h") + " is not the plan's " +
                                          Figure(planBagMl, "mL/h") + " either (for " + planBag + "); for this " +
                                          bagFigure + " bag it would be " + Figure(plannedMl, "mL/h") + "."}});
        }
      }
    } else if (!matches) {
      causes.push_back(OrderedJson{
          {"field", "pump_ml_per_h"},
          {"message", "The pump is set to " + Figure(*pump, "mL/h") + "; the planned " + Figure(*planned, "mg/h") +
                          " from a " + bagFigure + " bag is " + Figure(plannedMl, "mL/h") + "."}});
    }
    response["check"] = std::move(check);
    response["mismatch_causes"] = std::move(causes);
  }
  response["setting"] = SettingName(assessment.setting);
  response["blocked"] = assessment.blocked || (planned && !response["matches_plan"].get<bool>());
  response["alerts"] = AlertsJson(assessment.alerts, asPlanned.acknowledged);
}

}  // namespace ketadose
