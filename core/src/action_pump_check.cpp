// The "pump-check" action: an independent double check of what the pump actually delivers.
// From the mL/h set on the pump and the bag concentration the core works out mg/h, mg/kg/h and ug/kg/min,
// compares them with the planned rate, and runs the regimen's guardrails on the delivered rate.
#include <algorithm>
#include <cmath>

#include "actions.hpp"
#include "ketadose/fields.hpp"
#include "ketadose/guardrails.hpp"
#include "ketadose/plan.hpp"

namespace ketadose {

namespace {
// A pump sets mL/h in 0.1 steps: within half a step, or 1% of the planned rate, the setting matches the plan.
constexpr double kPumpResolutionHalfStepMlPerHour = 0.05;
constexpr double kRelativeMatchTolerance = 0.01;
}  // namespace

void PumpCheckAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors) {
  RejectUnknownKeys(request, "",
                    {"action", "protocol", "patient", "dosing_weight", "pump_ml_per_h", "concentration_mg_per_ml",
                     "planned_rate_mg_per_h", "acknowledged"},
                    errors);
  const auto protocol = ReadString(request, "protocol", "", errors);
  const Json* regimen = protocol ? FindRegimen(catalog, *protocol) : nullptr;
  if (protocol && regimen == nullptr) {
    errors.Add("protocol", "There is no regimen \"" + *protocol + "\". Choose one from the catalog.");
  }
  if (regimen != nullptr && !regimen->contains("infusion")) {
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
  const auto acknowledged = ReadStringArray(request, "acknowledged", "", errors);
  if (!errors.Empty() || !patient || !basis || !pump || !concentration) return;
  const auto weight = ChooseDosingWeight(*patient, *basis, catalog, errors);
  if (!weight) return;

  // Run the delivered rate through the same plan arithmetic and guardrails as a planned one (1 h of it).
  PlanRequest asPlanned;
  asPlanned.protocolId = *protocol;
  asPlanned.patient = *patient;
  asPlanned.basis = *basis;
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
  response["delivered_rate_mg_per_h"] = RoundForDisplay(infusion.rate.value());
  response["delivered_rate_mg_per_kg_per_h"] = RoundForDisplay(infusion.ratePerKg.value());
  response["delivered_rate_ug_per_kg_per_min"] = RoundForDisplay(infusion.rateUgPerKgPerMin.value());
  response["dosing_weight_kg"] = RoundForDisplay(weight->weight.value());
  response["arithmetic"] = OrderedJson::array();
  response["arithmetic"].push_back(
      OrderedJson{{"field", "delivered_rate_mg_per_h"},
                  {"working", FormatNumber(*pump) + " mL/h × " + FormatNumber(*concentration) + " mg/mL = " +
                                  FormatNumber(RoundForDisplay(infusion.rate.value())) + " mg/h"}});
  for (const ArithmeticStep& step : delivered.arithmetic) {
    if (step.field == "infusion.rate_mg_per_kg_per_h" || step.field == "infusion.rate_ug_per_kg_per_min") {
      response["arithmetic"].push_back(OrderedJson{{"field", "delivered_" + step.field.substr(9)}, {"working", step.working}});
    }
  }
  if (planned) {
    const double plannedMl = *planned / *concentration;
    const double tolerance = std::max(kPumpResolutionHalfStepMlPerHour, kRelativeMatchTolerance * plannedMl);
    const bool matches = std::fabs(*pump - plannedMl) <= tolerance;
    const double ratio = infusion.rate.value() / *planned;
    response["planned_rate_mg_per_h"] = RoundForDisplay(*planned);
    response["planned_rate_ml_per_h"] = RoundForDisplay(plannedMl);
    response["ratio_to_plan"] = RoundForDisplay(ratio);
    response["matches_plan"] = matches;
    response["check"] = matches ? "The pump setting delivers the planned rate."
                                : "MISMATCH: the pump delivers " + FormatNumber(RoundForDisplay(ratio)) +
                                      " times the planned rate (" + FormatNumber(RoundForDisplay(infusion.rate.value())) +
                                      " mg/h instead of " + FormatNumber(RoundForDisplay(*planned)) +
                                      " mg/h). Stop and recheck the pump rate and the bag concentration.";
  }
  response["setting"] = SettingName(assessment.setting);
  response["blocked"] = assessment.blocked || (planned && !response["matches_plan"].get<bool>());
  response["alerts"] = AlertsJson(assessment.alerts, asPlanned.acknowledged);
}

}  // namespace ketadose
