// The plan's screening, and the titration schedule as JSON. The rules live in screening.cpp and schedule.cpp;
// this file joins them to a plan.
#include "api/plan_additions.hpp"

#include <algorithm>
#include <utility>

#include "content/content_fields.hpp"
#include "content/content.hpp"
#include "json/fields.hpp"
#include "api/plan_io.hpp"
#include "api/schedule_io.hpp"
#include "content/catalog_json.hpp"
#include "domain/schedule.hpp"
#include "api/screening_io.hpp"

namespace ketadose {

namespace {

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

Json PlanPartOf(const Json& request) {
  Json part = request;
  if (part.is_object()) {
    part.erase("screening");
    part.erase("schedule");
  }
  return part;
}

std::optional<PlanScreening> ScreenPlan(const Json& request, const PlanRequest& order, const Catalog& catalog,
                                        Errors& errors) {
  PlanScreening out;
  ScreenRequest screen;
  if (const Json* section = ReadObject(request, "screening", "", errors)) {
    const auto read = ReadPlanScreening(*section, catalog, errors);
    if (!read) return std::nullopt;
    screen = *read;
    out.screened = true;
  } else if (request.contains("screening")) {
    return std::nullopt;  // not an object: ReadObject has said so
  }
  const std::optional<Hours> duration =
      order.infusion ? std::optional<Hours>(order.infusion->duration) : std::nullopt;
  out.shape = PlanShapeCalls(order.protocolId, duration, ScreeningRecords());
  screen.planShape = out.shape;
  out.result = Screen(screen, ScreeningRecords(), OrtRecords());
  return out;
}

std::vector<std::string> ComorbidityTitles(const PlanScreening& screening) {
  std::vector<std::string> titles;
  for (const Finding& finding : screening.result.findings) {
    if (finding.comorbidity) titles.push_back(finding.title);
  }
  return titles;
}

void AddScreeningAlert(const PlanScreening& screening, const std::vector<std::string>& acknowledged,
                       Assessment& assessment) {
  std::vector<std::string> avoid;
  for (const Finding& finding : screening.result.findings) {
    if (finding.level == Level::kAvoid) avoid.push_back(finding.title);
  }
  if (avoid.empty()) return;
  std::string names = avoid.front();
  for (std::size_t i = 1; i < avoid.size(); ++i) names += (i + 1 == avoid.size() ? " and " : ", ") + avoid[i];
  const NoteRecord& rule = ScreeningRecords().avoidInPlan;
  Alert alert{"screening-avoid", Severity::kSoft, "Screening: " + names + ". " + rule.text, rule.source,
              "screening.conditions"};
  // Hard, then soft, then info: the new soft alert goes before the first info alert.
  auto& alerts = assessment.alerts;
  const auto firstInfo =
      std::find_if(alerts.begin(), alerts.end(), [](const Alert& item) { return item.severity == Severity::kInfo; });
  alerts.insert(firstInfo, alert);
  assessment.blocked = IsBlocked(alerts, acknowledged);
}

OrderedJson PlanScreeningJson(const PlanScreening& screening) {
  const ScreeningContent& content = ScreeningRecords();
  const ScreenResult& result = screening.result;
  OrderedJson out;
  out["screened"] = screening.screened;
  // Nothing screened: no verdict (the key is left out), only what the plan's shape calls for.
  if (screening.screened) out["verdict"] = VerdictName(result.verdict);
  out["verdict_rule"] = NoteJson(content.verdictRule);
  out["findings"] = OrderedJson::array();
  for (const Finding& finding : result.findings) out["findings"].push_back(FindingJson(finding));
  out["tests"] = TestsJson(result.tests);
  if (result.tests.empty() && screening.screened) out["tests_note"] = NoteJson(content.noTests);
  if (result.ort) out["ort"] = OrtJson(*result.ort, OrtRecords());
  const std::vector<std::string> comorbidity = ComorbidityTitles(screening);
  out["comorbidity"] = comorbidity;
  if (!comorbidity.empty()) out["comorbidity_rule"] = NoteJson(content.comorbidityRule);
  out["notes"] = OrderedJson::array();
  if (!screening.shape.empty()) {
    const PlanShapeRecord& shape = content.planShape;
    OrderedJson planShape;
    planShape["calls"] = screening.shape;
    planShape["reason"] = shape.reason;
    PutSource(planShape, shape.source);
    OrderedJson threshold;
    PutSource(threshold, shape.thresholdSource);
    planShape["threshold"] = threshold;
    out["plan_shape"] = std::move(planShape);
    // The cumulative-risk notes for a serial or multi-day regimen (Cohen 2018 Q2; AANA safety profile).
    for (const NoteRecord& note : content.notes) {
      if (Contains(shape.notes, note.id)) out["notes"].push_back(NoteJson(note));
    }
  }
  return out;
}

void AddPlanSchedule(const Json& request, const Regimen& regimen, const Plan& plan, const Catalog& catalog,
                     OrderedJson& response, Errors& errors) {
  const Json* section = ReadObject(request, "schedule", "", errors);
  if (section == nullptr) return;
  const auto protocol = ReadScheduleProtocol(regimen);
  if (!protocol) {
    errors.Add("schedule", "The sources give no titration or weaning schedule for this regimen, so none is planned.");
    return;
  }
  if (!plan.infusion) {
    errors.Add("schedule", "A schedule needs an infusion in the plan.");
    return;
  }
  const auto order = ReadScheduleOrder(*section, *protocol, errors);
  if (!order) return;
  const InfusionPlan& infusion = *plan.infusion;
  const auto schedule = BuildSchedule(*protocol, *order, infusion.ratePerKg, infusion.duration, plan.weight.weight,
                                      infusion.concentration, errors);
  if (!schedule) return;
  const auto R = [](double value) { return RoundForDisplay(value); };
  // Each step's pump setting is the figure programmed: rounded down to the pump's step, as the plan's own rate
  // and its rate table are (content/rules.json measurable_resolution, or the site's).
  const Resolution resolution = MeasurableResolution(catalog);
  OrderedJson list = OrderedJson::array();
  for (const ScheduleStep& step : schedule->steps) {
    OrderedJson item;
    item["phase"] = SchedulePhaseName(step.phase);
    item["start_h"] = R(step.start.value());
    item["end_h"] = R(step.end.value());
    item["rate_mg_per_kg_per_h"] = R(step.ratePerKg.value());
    item["rate_mg_per_h"] = R(step.rate.value());
    item["rate_ml_per_h"] = R(PumpSetting(step.pumpRate, resolution).value());
    list.push_back(std::move(item));
  }
  response["schedule"] = std::move(list);
  OrderedJson about;
  about["step_h"] = R(order->step.value());
  about["start_mg_per_kg_per_h"] = R(schedule->start.value());
  about["step_mg_per_kg_per_h"] = R(schedule->increment.value());
  if (schedule->weaning) about["weaning_h"] = R(schedule->weaning->value());  // absent: the sources give none
  about["max_mg_per_kg_per_h"] = R(protocol->maximum.value());
  about["concentration_mg_per_ml"] = R(infusion.concentration.value());
  about["dosing_weight_kg"] = R(plan.weight.weight.value());
  PutSource(about, protocol->source);
  OrderedJson convention;
  PutSource(convention, protocol->conventionSource);
  about["convention"] = convention;
  response["schedule_basis"] = std::move(about);
}

}  // namespace ketadose
