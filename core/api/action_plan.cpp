// The "plan" action: reads the request, computes the plan, runs the guardrails, writes the response.
#include <algorithm>
#include <utility>

#include "api/actions.hpp"
#include "api/plan_io.hpp"
#include "content/catalog_json.hpp"
#include "domain/guardrails.hpp"
#include "domain/monitoring.hpp"
#include "domain/plan.hpp"
#include "domain/rate_table.hpp"
#include "api/monitoring_io.hpp"
#include "api/guidance_io.hpp"
#include "api/plan_additions.hpp"
#include "api/simulation_io.hpp"

namespace ketadose {

namespace {

double R(double value) { return RoundForDisplay(value); }

// A figure that can be given: a volume, rate or dose below what a syringe or pump measures is left out of the
// response, never shown as 0 (a hard alert says why, guardrails.cpp).
void PutGiven(OrderedJson& object, const char* key, double value) {
  const double shown = RoundForDisplay(value);
  if (shown > 0.0) object[key] = shown;
}

OrderedJson PreparationJson(const PartPreparation& prep) {
  OrderedJson part;
  part["part"] = prep.part;
  part["product"] = prep.product;
  part["concentration_mg_per_ml"] = R(prep.concentration.value());
  part["container_ml"] = R(prep.containerVolume.value());
  PutGiven(part, "made_up_to_ml", prep.madeUpTo.value());
  part["containers"] = prep.containers;
  PutGiven(part, "drug_mg_per_container", prep.drugPerContainer.value());
  if (!prep.bags.empty()) part["bags"] = prep.bags;
  if (prep.infuse) PutGiven(part, "infuse_ml", prep.infuse->value());
  if (prep.discard) part["discard_ml"] = R(prep.discard->value());
  OrderedJson fromStock = OrderedJson::array();
  for (const StockDraw& draw : prep.options) {
    OrderedJson item;
    item["stock_mg_per_ml"] = R(draw.stock.value());
    item["stock_ml"] = R(draw.stockVolume.value());
    item["diluent_ml"] = R(draw.diluentVolume.value());
    item["undiluted"] = R(draw.diluentVolume.value()) == 0.0;
    if (draw.roundedFrom) item["rounded_from_ml"] = R(draw.roundedFrom->value());
    fromStock.push_back(std::move(item));
  }
  part["from_stock"] = std::move(fromStock);
  if (!prep.strengthNeeded.empty()) part["strength_needed"] = prep.strengthNeeded;
  part["instruction"] = prep.instruction;
  return part;
}

}  // namespace

OrderedJson AlertsJson(const std::vector<Alert>& alerts, const std::vector<std::string>& acknowledged) {
  OrderedJson list = OrderedJson::array();
  list.get_ref<OrderedJson::array_t&>().reserve(alerts.size());
  for (const Alert& alert : alerts) {
    OrderedJson item = OrderedJson::object();
    item.get_ref<OrderedJson::object_t&>().reserve(10);
    item["code"] = alert.code;
    item["title"] = AlertTitle(alert.code);
    item["severity"] = SeverityName(alert.severity);
    item["message"] = alert.message;
    PutSource(item, alert.source);
    item["field"] = alert.field;
    const bool soft = alert.severity == Severity::kSoft;
    const std::string key = soft ? AckKey(alert) : std::string();  // one SHA-256 per alert
    if (soft) item["ack_key"] = key;
    item["acknowledged"] = soft && std::find(acknowledged.begin(), acknowledged.end(), key) != acknowledged.end();
    if (alert.siteModified) item["site_modified"] = true;
    list.push_back(std::move(item));
  }
  return list;
}

void PlanAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors) {
  // "screening" and "schedule" are read by plan_additions.hpp, the rest by ReadPlanRequest.
  auto order = ReadPlanRequest(PlanPartOf(request), catalog, errors);
  if (!order) return;
  const auto weight = ChooseDosingWeight(order->patient, order->basis, catalog, errors);
  if (!weight) return;
  const Regimen& regimen = *FindRegimen(catalog, order->protocolId);  // ReadPlanRequest checked that it exists
  const Plan plan = ComputePlan(*order, *weight, catalog);
  // Screening answers with the plan: a comorbid finding lowers the setting thresholds, an avoid finding holds it.
  const auto screening = ScreenPlan(request, *order, catalog, errors);
  if (!screening) return;
  order->screenedComorbidities = ComorbidityTitles(*screening);
  Assessment assessment = EvaluatePlan(*order, plan, regimen, catalog);
  AddScreeningAlert(*screening, order->acknowledged, assessment);

  response.get_ref<OrderedJson::object_t&>().reserve(32);  // every member below, without regrowing
  if (catalog.site) {
    response["site"] = OrderedJson{{"institution", catalog.site->institution}, {"checksum", catalog.site->checksum}};
  }
  response["protocol"] = order->protocolId;
  response["regimen_title"] = regimen.title;
  response["drug"] = regimen.drug;
  response["dosing_weight_kg"] = R(weight->weight.value());  // a weight typed in lb arrives taken to 0.1 kg
  response["dosing_weight_basis"] = BasisName(weight->basis);
  OrderedJson weights;
  weights["actual_kg"] = R(order->patient.actualWeight.value());
  if (weight->ideal) weights["ideal_kg"] = R(weight->ideal->value());
  if (weight->adjusted) weights["adjusted_kg"] = R(weight->adjusted->value());
  response["weights"] = std::move(weights);

  if (plan.bolus) {
    const BolusPlan& bolus = *plan.bolus;
    OrderedJson part;
    PutGiven(part, "dose_mg", bolus.dose.value());
    PutGiven(part, "volume_ml", bolus.volume.value());
    part["dose_mg_per_kg"] = R(bolus.dosePerKg.value());
    part["concentration_mg_per_ml"] = R(bolus.concentration.value());
    if (bolus.over) part["over_min"] = R(bolus.over->value());
    if (bolus.pushRate) PutGiven(part, "rate_ml_per_min", bolus.pushRate->value());
    response["bolus"] = std::move(part);
  }
  if (plan.infusion) {
    const InfusionPlan& infusion = *plan.infusion;
    OrderedJson part;
    PutGiven(part, "rate_mg_per_h", infusion.rate.value());
    PutGiven(part, "rate_ml_per_h", infusion.pumpRate.value());
    // The pump's volume to be infused for the first (or only) bag, and each bag with the hours it covers.
    if (!infusion.bags.empty()) PutGiven(part, "vtbi_ml", infusion.bags.front().vtbi.value());
    OrderedJson bags = OrderedJson::array();
    for (const InfusionBag& bag : infusion.bags) {
      OrderedJson item;
      item["bag"] = bag.number;
      item["start_h"] = R(bag.start.value());
      item["end_h"] = R(bag.end.value());
      PutGiven(item, "drug_mg", bag.drug.value());
      PutGiven(item, "vtbi_ml", bag.vtbi.value());
      item["container_ml"] = R(bag.container.value());
      PutGiven(item, "made_up_to_ml", bag.madeUpTo.value());
      item["discard_ml"] = R((bag.madeUpTo - bag.vtbi).value());
      bags.push_back(std::move(item));
    }
    part["bags"] = std::move(bags);
    part["rate_ug_per_kg_per_min"] = R(infusion.rateUgPerKgPerMin.value());
    PutGiven(part, "total_mg", infusion.total.value());
    PutGiven(part, "total_ml", infusion.totalVolume.value());
    part["rate_mg_per_kg_per_h"] = R(infusion.ratePerKg.value());
    part["duration_h"] = R(infusion.duration.value());
    part["concentration_mg_per_ml"] = R(infusion.concentration.value());
    response["infusion"] = std::move(part);
  }
  if (plan.repeated) {
    const RepeatedPlan& repeated = *plan.repeated;
    OrderedJson part;
    PutGiven(part, "dose_mg", repeated.dose.value());
    if (repeated.dosePerKg) part["dose_mg_per_kg"] = R(repeated.dosePerKg->value());
    if (repeated.volume) PutGiven(part, "volume_ml", repeated.volume->value());
    part["every_h"] = R(repeated.every.value());
    part["doses_per_day"] = R(repeated.dosesPerDay);
    PutGiven(part, "daily_mg", repeated.daily.value());
    if (regimen.repeated) part["route"] = regimen.repeated->route;
    response["repeated"] = std::move(part);
  }
  const bool partNotGiven = (plan.bolus && !(R(plan.bolus->dose.value()) > 0.0)) ||
                            (plan.infusion && !(R(plan.infusion->total.value()) > 0.0));
  if (!partNotGiven) PutGiven(response, "total_mg", plan.total.value());
  response["setting"] = SettingName(assessment.setting);
  response["blocked"] = assessment.blocked;
  response["alerts"] = AlertsJson(assessment.alerts, order->acknowledged);
  // Setting, staff, observations, equipment and discharge for this dose and patient (monitoring.hpp).
  const MonitoringPlan monitoring = PlanMonitoring(*order, plan, catalog);
  response["monitoring"] = MonitoringJson(monitoring);
  if (plan.infusion) {
    const Resolution resolution = MeasurableResolution(catalog);  // the rate table's pump settings, as programmed
    OrderedJson table = OrderedJson::array();
    for (const RateStep& row : RateTable(regimen, catalog, weight->weight, plan.infusion->concentration,
                                         plan.infusion->ratePerKg)) {
      OrderedJson item;
      item["rate_mg_per_kg_per_h"] = R(row.ratePerKg.value());
      item["rate_mg_per_h"] = R(row.rate.value());
      item["rate_ug_per_kg_per_min"] = R(row.rateUgPerKgPerMin.value());
      item["planned"] = row.isPlanned;
      item["outside_range"] = row.outsideRange;
      item["monitored_setting"] = InfusionNeedsMonitoredSetting(row.ratePerKg, monitoring.decision.thresholds);
      // The pump setting for the row, as programmed; a row below the pump's step has none.
      PutGiven(item, "rate_ml_per_h", PumpSetting(row.pumpRate, resolution).value());
      table.push_back(std::move(item));
    }
    response["rate_table"] = std::move(table);
  }
  OrderedJson preparation = OrderedJson::array();
  for (const PartPreparation& prep : plan.preparation) preparation.push_back(PreparationJson(prep));
  response["preparation"] = std::move(preparation);
  OrderedJson arithmetic = OrderedJson::array();
  for (const ArithmeticStep& step : plan.arithmetic) {
    OrderedJson item;
    item["field"] = step.field;
    item["working"] = step.working;
    arithmetic.push_back(std::move(item));
  }
  response["arithmetic"] = std::move(arithmetic);
  OrderedJson notes = OrderedJson::array();
  for (const Note& note : regimen.notes) {
    OrderedJson item;
    item["text"] = note.text;
    PutSource(item, note.source);
    notes.push_back(std::move(item));
  }
  response["notes"] = std::move(notes);
  if (screening->Shown()) response["screening"] = PlanScreeningJson(*screening);
  response["guidance"] = PlanGuidanceJson(order->protocolId, regimen, plan.repeated.has_value());
  if (request.contains("schedule")) AddPlanSchedule(request, regimen, plan, catalog, response, errors);
  if (request.contains("simulate")) {
    AddPlanSimulation(request, *order, plan, response, errors);
    CheckPlanSimulation(*RegimenDocument(catalog, order->protocolId), response, errors);
  }
}

}  // namespace ketadose
