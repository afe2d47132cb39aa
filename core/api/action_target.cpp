// The "target" action: the loading dose and the schedule of constant pump rates that bring a published model's
// plasma (or effect-site) concentration to a target and hold it there, for a nurse to key into an ordinary pump.
//
// Method (the manual-mode scheme of target-controlled infusion software, on the simulator's exact solution):
// the model is linear, so the concentration at the end of, or averaged over, the next constant-rate interval is
// `free + slope x rate` (pk.hpp ModelState). The loading phase chooses the rate that brings the target site to
// the target at reach_min (given as a bolus over reach_min when the regimen has a bolus and reach_min is short,
// else as the first pump rate); each later step of step_min chooses the rate whose mean over the step is the
// target. A negative answer means the pump is stopped (0 mL/h). Each rate is put on the plan's pump step
// (content/rules.json measurable_resolution, site-configurable; to the nearest step, as the next step corrects
// it) and the bolus is measured as the plan measures it (MeasurableVolume: rounded down to the syringe's step,
// the dose what that volume holds), before the state moves on, so the next step corrects the rounding, the plan
// opened from the schedule shows the same figures, and the curve returned is the simulator's own curve of the
// rounded schedule. Every step's rate goes through the plan guardrails of the regimen; a
// schedule that exceeds a limit is refused (with the highest target the limits allow), never clipped.
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "api/actions.hpp"
#include "content/pk_records.hpp"
#include "api/plan_io.hpp"
#include "content/catalog_json.hpp"
#include "content/content.hpp"
#include "json/fields.hpp"
#include "domain/guardrails.hpp"
#include "domain/pk.hpp"
#include "domain/pk_model.hpp"
#include "domain/plan.hpp"
#include "api/simulation_io.hpp"

namespace ketadose {

namespace {

// content/pk-models.json "target" (ketadose conventions); the pump and syringe steps are the plan's.
struct TargetSettings {
  Range target;
  Range reach;
  Range hold;
  Range step;
  Minutes loadingBolusReachMax;
  Resolution resolution;  // content/rules.json measurable_resolution (or the site's): the steps the plan uses
  double highestStepsPerNgPerMl = 10.0;
  double curvePointsMax = 1441.0;
  SourceRef source;
};

// Built from the content/pk-models.json "target" record (read once) and the catalog's pump and syringe steps.
TargetSettings ReadSettings(const Catalog& catalog) {
  const TargetSettingsRecord& record = PkRecords().target;
  TargetSettings settings;
  settings.target = record.targetNgPerMl;
  settings.reach = record.reachMin;
  settings.hold = record.holdMin;
  settings.step = record.stepMin;
  settings.loadingBolusReachMax = record.loadingBolusReachAtMost;
  settings.resolution = MeasurableResolution(catalog);
  settings.highestStepsPerNgPerMl = std::round(1.0 / record.highestTargetResolutionNgPerMl);
  settings.curvePointsMax = record.curvePointsMax;
  settings.source = record.source;
  return settings;
}

double Round(double value, double scale) {
  const double rounded = std::round(value * scale) / scale;
  return rounded == 0.0 ? 0.0 : rounded;
}
double Time(Minutes value) { return Round(value.value(), 1e6); }
// A deviation is rounded up, so that the curve as returned stays within it.
double Up(double value, double scale) {
  const double rounded = std::ceil(value * scale - 1e-9) / scale;
  return rounded <= 0.0 ? 0.0 : rounded;
}
double Down(double value, double scale) {
  const double rounded = std::floor(value * scale + 1e-9) / scale;
  return rounded <= 0.0 ? 0.0 : rounded;
}

struct TargetRequest {
  std::string protocolId;
  const Json* regimen = nullptr;
  Patient patient;
  WeightBasis basis = WeightBasis::kActual;
  DosingWeight weight;
  bool significantComorbidity = false;
  const PkModelRecord* modelRecord = nullptr;
  PatientPkModel model;
  Site site = Site::kPlasma;
  std::string siteName;
  NgPerMl target;
  Minutes reach;
  Minutes hold;
  Minutes step;
  MgPerMl concentration;
  std::optional<Minutes> ke0HalfLife;
  bool loadingBolus = false;  // the regimen has a bolus and reach_min is short enough for one
};

struct Loading {
  Milligrams dose;
  Millilitres volume;
  Minutes over;
};

struct RateStep {
  Minutes start;
  Minutes end;
  MlPerHour pump;  // at the pump's resolution: the figure programmed
  MgPerHour rate;  // what that setting delivers
};

struct Schedule {
  std::optional<Loading> bolus;
  std::vector<RateStep> steps;
};

Minutes Total(const TargetRequest& request) { return request.reach + request.hold; }

// The schedule for `target` (which may differ from the request's, when searching for the highest reachable).
Schedule ComputeSchedule(const TargetRequest& request, const TargetSettings& settings, NgPerMl target) {
  ModelState state(request.model.constants);
  const double level = ToMgPerLitre(target).value();
  const double concentration = request.concentration.value();
  const auto rateFor = [&](const ModelState::Affine& affine) {  // mg/h, never negative
    const double slope = affine.perMgPerHour.value();
    return slope > 0.0 ? std::max(0.0, (level - affine.free.value()) / slope) : 0.0;
  };
  // The pump setting on the plan's pump step. To the nearest step, not down: the next step corrects this one's
  // rounding, and the nearest halves the largest error; the figure is on the step, so the plan opened from it
  // (PumpSetting, rounded down) shows it unchanged.
  const double pumpStep = settings.resolution.pumpRate.value();
  const auto atPump = [&](double mgPerHour) {
    const double steps = std::round(mgPerHour / concentration / pumpStep);
    return MlPerHour(std::round(steps * pumpStep * 1e9) / 1e9);
  };
  Schedule schedule;
  if (request.loadingBolus) {
    const double rate = rateFor(state.AtEndOf(request.site, request.reach));
    const Milligrams needed = AmountOver(MgPerHour(rate), ToHours(request.reach));
    // The volume a syringe measures, as the plan measures it; the dose is what that volume holds.
    const double ml = MeasurableVolume(VolumeOf(needed, request.concentration), settings.resolution).value();
    if (ml > 0.0) {
      const Loading loading{AmountIn(Millilitres(ml), request.concentration), Millilitres(ml), request.reach};
      schedule.bolus = loading;
      state.Infuse(MgPerHour(loading.dose.value() / ToHours(loading.over).value()), loading.over);
    } else {
      state.Infuse(MgPerHour(0.0), request.reach);
    }
  } else {
    const MlPerHour pump = atPump(rateFor(state.AtEndOf(request.site, request.reach)));
    const MgPerHour delivered = DeliveredRate(pump, request.concentration);
    schedule.steps.push_back(RateStep{Minutes(0.0), request.reach, pump, delivered});
    state.Infuse(delivered, request.reach);
  }
  const double total = Total(request).value();
  const double count = std::ceil(request.hold.value() / request.step.value() - 1e-9);
  for (int k = 0; k < static_cast<int>(count); ++k) {
    const double start = request.reach.value() + k * request.step.value();
    const double end = std::min(total, start + request.step.value());
    if (end <= start) break;
    const Minutes length(end - start);
    const MlPerHour pump = atPump(rateFor(state.MeanOver(request.site, length)));
    const MgPerHour delivered = DeliveredRate(pump, request.concentration);
    schedule.steps.push_back(RateStep{Minutes(start), Minutes(end), pump, delivered});
    state.Infuse(delivered, length);
  }
  return schedule;
}

// The infusion runs from the end of the loading bolus (if any) to the end of the hold.
Hours InfusionDuration(const TargetRequest& request, const Schedule& schedule) {
  return ToHours(Total(request) - (schedule.bolus ? schedule.bolus->over : Minutes(0.0)));
}

// A rate of 0 is the pump stopped, not a rate to program: the plan then has no infusion part.
PlanRequest PlanFor(const TargetRequest& request, const std::optional<Loading>& bolus, MgPerHour rate, Hours duration) {
  PlanRequest plan;
  plan.protocolId = request.protocolId;
  plan.patient = request.patient;
  plan.basis = request.basis;
  plan.significantComorbidity = request.significantComorbidity;
  if (bolus) plan.bolus = BolusOrder{DosePerKg(bolus->dose, request.weight.weight), request.concentration, bolus->over};
  if (rate.value() > 0.0) plan.infusion = InfusionOrder{RateForm::kMgPerHour, rate.value(), duration, request.concentration};
  return plan;
}

// Alerts about the whole course (its duration, its total, the patient's weight, the product: the S-ketamine
// product alert is on field "protocol"), not about one step's rate.
bool IsCourseAlert(const Alert& alert) {
  return alert.code == "below-minimum-effective-dose" || alert.field == "infusion.duration_h" ||
         alert.field == "total_mg" || alert.field == "patient.weight" || alert.field == "dosing_weight" ||
         alert.field == "protocol";
}

// A limit: a hard alert (cap, absolute maximum, anaesthetic range) or a regimen's stated maximum.
bool ExceedsLimit(const Alert& alert) {
  return alert.severity == Severity::kHard || alert.code == "above-protocol-range";
}

// One step's rate (the first step with the loading bolus) as a plan of the regimen, through its guardrails.
Assessment CheckStep(const TargetRequest& request, const Catalog& catalog, const std::optional<Loading>& bolus,
                     MgPerHour rate, Hours duration) {
  // A stopped pump (0 mL/h: the step's answer was negative or under half a pump step) programs nothing, so there is
  // no rate to check: the plan's below-measurable-resolution alert is for a rate to be set, not for a stop.
  if (!(rate.value() > 0.0) && !bolus) return Assessment{};
  const PlanRequest plan = PlanFor(request, bolus, rate, duration);
  const Plan computed = ComputePlan(plan, request.weight, catalog);
  Assessment assessment = EvaluatePlan(plan, computed, *request.regimen, catalog);
  assessment.alerts.erase(std::remove_if(assessment.alerts.begin(), assessment.alerts.end(), IsCourseAlert),
                          assessment.alerts.end());
  return assessment;
}

struct CheckedSchedule {
  std::vector<Assessment> steps;  // one per step; the bolus is checked with step 0
  bool exceeds = false;
};

CheckedSchedule CheckSchedule(const TargetRequest& request, const Catalog& catalog, const Schedule& schedule) {
  CheckedSchedule checked;
  const Hours duration = InfusionDuration(request, schedule);
  for (std::size_t i = 0; i < schedule.steps.size(); ++i) {
    const std::optional<Loading> bolus = i == 0 ? schedule.bolus : std::nullopt;
    checked.steps.push_back(CheckStep(request, catalog, bolus, schedule.steps[i].rate, duration));
    for (const Alert& alert : checked.steps.back().alerts) checked.exceeds = checked.exceeds || ExceedsLimit(alert);
  }
  return checked;
}

// Quick test for the search: every rate limit rises with the rate, so a schedule is within the limits when its
// first step (with the bolus) and its highest-rate step are.
bool WithinLimits(const TargetRequest& request, const Catalog& catalog, const Schedule& schedule) {
  if (schedule.steps.empty()) return true;
  const Hours duration = InfusionDuration(request, schedule);
  const auto highest = std::max_element(schedule.steps.begin(), schedule.steps.end(),
                                        [](const RateStep& a, const RateStep& b) { return a.rate < b.rate; });
  for (const Assessment& assessment :
       {CheckStep(request, catalog, schedule.bolus, schedule.steps.front().rate, duration),
        CheckStep(request, catalog, std::nullopt, highest->rate, duration)}) {
    if (std::any_of(assessment.alerts.begin(), assessment.alerts.end(), ExceedsLimit)) return false;
  }
  return true;
}

// The highest target (to the content's resolution) whose schedule stays within the limits; 0 if none does.
NgPerMl HighestReachable(const TargetRequest& request, const TargetSettings& settings, const Catalog& catalog) {
  double lo = 0.0;
  double hi = request.target.value();
  for (int iteration = 0; iteration < 48 && hi - lo > 1e-6 * request.target.value(); ++iteration) {
    const double mid = 0.5 * (lo + hi);
    if (WithinLimits(request, catalog, ComputeSchedule(request, settings, NgPerMl(mid)))) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  // Down to the reporting resolution, then confirmed on every step (a rounding step may still tip one over).
  double candidate = std::floor(lo * settings.highestStepsPerNgPerMl) / settings.highestStepsPerNgPerMl;
  for (int attempt = 0; attempt < 20 && candidate > 0.0; ++attempt) {
    if (!CheckSchedule(request, catalog, ComputeSchedule(request, settings, NgPerMl(candidate))).exceeds) break;
    candidate = std::floor(candidate * settings.highestStepsPerNgPerMl - 1.0) / settings.highestStepsPerNgPerMl;
  }
  return NgPerMl(std::max(0.0, candidate));
}

// The doses the simulator is given: the bolus over its push time, then each running step. Figures are rounded
// here once (times to 1e-6 min, doses to 1e-6 mg), and these same numbers are simulated and returned, so the
// simulate action given them reproduces the curve exactly.
std::vector<DoseSegment> Segments(const Schedule& schedule) {
  std::vector<DoseSegment> segments;
  if (schedule.bolus) {
    segments.push_back(DoseSegment{Minutes(0.0), Milligrams(Round(schedule.bolus->dose.value(), 1e6)),
                                   Minutes(Time(schedule.bolus->over))});
  }
  for (const RateStep& step : schedule.steps) {
    if (step.rate.value() <= 0.0) continue;  // the pump stopped: no dose
    const Minutes length = step.end - step.start;
    segments.push_back(DoseSegment{Minutes(Time(step.start)),
                                   Milligrams(Round(AmountOver(step.rate, ToHours(length)).value(), 1e6)),
                                   Minutes(Time(length))});
  }
  return segments;
}

std::string Show(double value, const std::string& unit) { return FormatNumber(RoundForDisplay(value)) + " " + unit; }

std::string SiteWords(const TargetRequest& request) {
  return request.site == Site::kPlasma ? "plasma" : "effect-site";
}

// Which models suit this regimen's drug (domain/pk_model.hpp SuitabilityOf).
Suitability SuitabilityFor(const PkModelRecord& record, const Json& regimen) {
  return SuitabilityOf(record, regimen.value("drug", ""), regimen.value("setting", ""));
}

std::optional<TargetRequest> ReadTargetRequest(const Json& request, const Catalog& catalog,
                                               const TargetSettings& settings, Errors& errors) {
  RejectUnknownKeys(request, "",
                    {"action", "model", "patient", "dosing_weight", "protocol", "target_ng_per_ml", "target_site",
                     "reach_min", "hold_min", "step_min", "concentration_mg_per_ml", "ke0_half_life_min",
                     "significant_comorbidity"},
                    errors);
  TargetRequest target;
  const auto protocol = ReadString(request, "protocol", "", errors);
  if (protocol) {
    target.protocolId = *protocol;
    target.regimen = RegimenDocument(catalog, *protocol);
    if (target.regimen == nullptr) {
      errors.Add("protocol", "There is no regimen \"" + *protocol + "\". Choose one from the catalog.");
    } else if (!target.regimen->contains("infusion")) {
      errors.Add("protocol",
                 "This regimen has no infusion, so no pump schedule can hold a concentration under its limits. "
                 "Choose a regimen with an infusion.");
    }
  }
  const auto patient = ReadPatient(request, catalog, errors);
  const auto basis = ReadWeightBasis(request, catalog, errors);
  const auto modelId = ReadString(request, "model", "", errors);
  if (modelId) {
    target.modelRecord = FindPkModel(*modelId);
    if (target.modelRecord == nullptr) {
      errors.Add("model", "There is no concentration model \"" + *modelId + "\". Choose one of " + PkModelIds() +
                              " (the catalog lists them).");
    }
  }
  const auto level = ReadNumber(request, "target_ng_per_ml", "", FieldLabel{"Target concentration", "ng/mL"},
                                settings.target, errors);
  const auto siteName = ReadChoice(request, "target_site", "", {"plasma", "effect"}, errors, Presence::kOptional);
  const auto reach = ReadNumber(request, "reach_min", "", FieldLabel{"Time to reach the target", "min"},
                                settings.reach, errors);
  const auto hold =
      ReadNumber(request, "hold_min", "", FieldLabel{"Time to hold the target", "min"}, settings.hold, errors);
  const auto step = ReadNumber(request, "step_min", "", FieldLabel{"Interval between rate changes", "min"},
                               settings.step, errors);
  const auto concentration =
      ReadNumber(request, "concentration_mg_per_ml", "", FieldLabel{"Bag concentration", "mg/mL"},
                 PlausibleRange(catalog, "concentration_mg_per_ml"), errors);
  const SimulationSettingsRecord& limits = PkSimulationLimits();
  const auto ke0HalfLife =
      ReadNumber(request, "ke0_half_life_min", "", FieldLabel{"Effect-site equilibration half-life", "min"},
                 PkKe0Default().allowedHalfLifeMin, errors, Presence::kOptional);
  const auto comorbidity = ReadBool(request, "significant_comorbidity", "", errors);
  if (reach && hold && *reach + *hold > limits.maxUntil.value()) {
    errors.Add("hold_min", "Reaching (" + FormatNumber(*reach) + " min) and holding (" + FormatNumber(*hold) +
                               " min) together exceed the longest planned time of " +
                               FormatNumber(limits.maxUntil.value()) + " min. Shorten the hold.");
  }
  if (hold && step) {
    const double steps = std::ceil(*hold / *step - 1e-9) + 1.0;
    const double most = static_cast<double>(limits.maxSegments) - 1.0;
    if (steps > most) {
      errors.Add("step_min", "Holding for " + FormatNumber(*hold) + " min with a rate change every " +
                                 FormatNumber(*step) + " min gives " + FormatNumber(steps) +
                                 " pump rates, more than the " + FormatNumber(most) +
                                 " a schedule may have. Choose a longer interval (at least " +
                                 FormatNumber(std::ceil(*hold / (most - 1.0))) + " min) or a shorter hold.");
    }
  }
  if (target.regimen != nullptr && target.modelRecord != nullptr) {
    const Suitability suitability = SuitabilityFor(*target.modelRecord, *target.regimen);
    if (!suitability.suits) {
      errors.Add("model", "The model \"" + target.modelRecord->id + "\" describes " +
                              target.modelRecord->drug + ", but this regimen gives " +
                              target.regimen->value("drug", "") +
                              ": a schedule from it would be for another drug. Choose a model of " +
                              target.regimen->value("drug", "") + " (the response's models list says which suit).");
    }
  }
  if (!errors.Empty() || !patient || !basis || !level || !reach || !hold || !step || !concentration ||
      target.regimen == nullptr || target.modelRecord == nullptr) {
    return std::nullopt;
  }
  const auto weight = ChooseDosingWeight(*patient, *basis, catalog, errors);
  if (!weight) return std::nullopt;
  target.patient = *patient;
  target.basis = *basis;
  target.weight = *weight;
  target.significantComorbidity = comorbidity.value_or(false);
  target.siteName = siteName.value_or("plasma");
  target.site = target.siteName == "effect" ? Site::kEffect : Site::kPlasma;
  target.target = NgPerMl(*level);
  target.reach = Minutes(*reach);
  target.hold = Minutes(*hold);
  target.step = Minutes(*step);
  target.concentration = MgPerMl(*concentration);
  if (ke0HalfLife) target.ke0HalfLife = Minutes(*ke0HalfLife);
  target.loadingBolus = target.regimen->contains("bolus") && target.reach <= settings.loadingBolusReachMax;
  const auto model = ModelForPatient(*target.modelRecord, PkSubjectOf(target.patient), target.ke0HalfLife);
  if (!model) {
    errors.Add("model", "This concentration model could not be applied: its content record is incomplete. "
                        "Choose another model.");
    return std::nullopt;
  }
  target.model = *model;
  return target;
}

OrderedJson AlertsWithStep(const std::vector<Alert>& alerts, const std::optional<std::size_t>& step) {
  OrderedJson out = AlertsJson(alerts, {});
  if (step) {
    for (OrderedJson& alert : out) alert["step"] = *step;
  }
  return out;
}

void PutPrediction(const TargetRequest& request, OrderedJson& response) {
  const PkModelRecord& record = *request.modelRecord;
  OrderedJson prediction;
  prediction["statement"] =
      "A model prediction, not a measurement: the " + SiteWords(request) +
      " concentration an average patient of the population this model was fitted in would have under this "
      "schedule. A real patient's concentration can differ several-fold; watch the patient, not the curve.";
  prediction["population"] = record.population;
  PutSource(prediction, request.model.source);
  const Suitability chosen = SuitabilityFor(record, *request.regimen);
  if (!chosen.caution.empty()) prediction["caution"] = chosen.caution;
  response["prediction"] = std::move(prediction);
  OrderedJson models = OrderedJson::array();
  for (const PkModelRecord& other : PkModelRecords()) {
    const Suitability suitability = SuitabilityFor(other, *request.regimen);
    OrderedJson item;
    item["id"] = other.id;
    item["title"] = other.title;
    item["drug"] = other.drug;
    item["population"] = other.population;
    item["suits"] = suitability.suits;
    if (!suitability.suits) {
      item["reason"] = "Describes " + other.drug + "; this regimen gives " +
                       request.regimen->value("drug", "") + ".";
    }
    if (!suitability.caution.empty()) item["caution"] = suitability.caution;
    models.push_back(std::move(item));
  }
  response["models"] = std::move(models);
}

void PutUnreachable(const TargetRequest& request, const TargetSettings& settings, const Catalog& catalog,
                    const Schedule& schedule, const CheckedSchedule& checked, OrderedJson& response) {
  const NgPerMl highest = HighestReachable(request, settings, catalog);
  OrderedJson exceeded = OrderedJson::array();
  std::string first;
  for (std::size_t i = 0; i < checked.steps.size(); ++i) {
    std::vector<Alert> limits;
    for (const Alert& alert : checked.steps[i].alerts) {
      if (ExceedsLimit(alert)) limits.push_back(alert);
    }
    if (limits.empty()) continue;
    const RateStep& step = schedule.steps[i];
    OrderedJson item;
    item["step"] = i;
    item["start_min"] = Time(step.start);
    item["end_min"] = Time(step.end);
    item["needed_rate_mg_per_h"] = RoundForDisplay(step.rate.value());
    item["needed_rate_mg_per_kg_per_h"] = RoundForDisplay(RatePerKg(step.rate, request.weight.weight).value());
    if (i == 0 && schedule.bolus) {
      item["needed_bolus_mg"] = RoundForDisplay(schedule.bolus->dose.value());
      item["needed_bolus_mg_per_kg"] =
          RoundForDisplay(DosePerKg(schedule.bolus->dose, request.weight.weight).value());
    }
    item["alerts"] = AlertsWithStep(limits, i);
    if (first.empty()) first = limits.front().message;
    exceeded.push_back(std::move(item));
  }
  response["highest_target_ng_per_ml"] = RoundForDisplay(highest.value());
  response["exceeded"] = std::move(exceeded);
  std::string message = "A " + SiteWords(request) + " target of " + Show(request.target.value(), "ng/mL") +
                        " reached in " + Show(request.reach.value(), "min") + " and held for " +
                        Show(request.hold.value(), "min") +
                        " needs doses beyond this regimen's limits, so no schedule is given for it. First limit "
                        "exceeded: " + first + " ";
  message += highest.value() > 0.0
                 ? "The highest target the limits allow with these times is " + Show(highest.value(), "ng/mL") +
                       " (a longer time to reach it may allow more)."
                 : "No target can be reached within the limits with these times.";
  response["message"] = message;
}

void PutSchedule(const TargetRequest& request, const Schedule& schedule, const CheckedSchedule& checked,
                 const Catalog& catalog, OrderedJson& response) {
  const Kilograms kg = request.weight.weight;
  Milligrams total(0.0);
  if (schedule.bolus) {
    const Loading& bolus = *schedule.bolus;
    total = total + bolus.dose;
    OrderedJson item;
    item["dose_mg"] = RoundForDisplay(bolus.dose.value());
    item["dose_mg_per_kg"] = RoundForDisplay(DosePerKg(bolus.dose, kg).value());
    item["volume_ml"] = RoundForDisplay(bolus.volume.value());
    item["concentration_mg_per_ml"] = RoundForDisplay(request.concentration.value());
    item["over_min"] = Time(bolus.over);
    response["bolus"] = std::move(item);
  }
  OrderedJson steps = OrderedJson::array();
  Setting setting = Setting::kStandard;
  for (std::size_t i = 0; i < schedule.steps.size(); ++i) {
    const RateStep& step = schedule.steps[i];
    const MgPerKgPerHour perKg = RatePerKg(step.rate, kg);
    const Milligrams given = AmountOver(step.rate, ToHours(step.end - step.start));
    total = total + given;
    if (checked.steps[i].setting == Setting::kMonitored) setting = Setting::kMonitored;
    OrderedJson item;
    item["start_min"] = Time(step.start);
    item["end_min"] = Time(step.end);
    item["rate_ml_per_h"] = RoundForDisplay(step.pump.value());
    item["rate_mg_per_h"] = RoundForDisplay(step.rate.value());
    item["rate_mg_per_kg_per_h"] = RoundForDisplay(perKg.value());
    item["rate_ug_per_kg_per_min"] = RoundForDisplay(ToUgPerKgPerMin(perKg).value());
    item["dose_mg"] = RoundForDisplay(given.value());
    item["alerts"] = AlertsWithStep(checked.steps[i].alerts, i);
    steps.push_back(std::move(item));
  }
  response["steps"] = std::move(steps);
  response["total_mg"] = RoundForDisplay(total.value());
  response["total_ml"] = RoundForDisplay(VolumeOf(total, request.concentration).value());
  response["setting"] = SettingName(setting);

  // Course alerts: the whole infusion (its mean rate over its duration) after the bolus, as one plan.
  const Hours duration = InfusionDuration(request, schedule);
  const Milligrams infused = total - (schedule.bolus ? schedule.bolus->dose : Milligrams(0.0));
  const PlanRequest course =
      PlanFor(request, schedule.bolus, MgPerHour(infused.value() / duration.value()), duration);
  const Plan coursePlan = ComputePlan(course, request.weight, catalog);
  std::vector<Alert> courseAlerts = EvaluatePlan(course, coursePlan, *request.regimen, catalog).alerts;
  courseAlerts.erase(std::remove_if(courseAlerts.begin(), courseAlerts.end(),
                                    [](const Alert& alert) { return !IsCourseAlert(alert); }),
                     courseAlerts.end());
  response["alerts"] = AlertsWithStep(courseAlerts, std::nullopt);
}

// The plan the calculator opens: the loading bolus and the first running rate, for the infusion's duration.
// Figures are passed unrounded so that the plan computes the same mg as this schedule; the later steps are the
// titration listed with it.
OrderedJson PlanRequestJson(const Json& request, const TargetRequest& target, const Schedule& schedule) {
  OrderedJson plan;
  plan["action"] = "plan";
  plan["protocol"] = target.protocolId;
  plan["patient"] = request.at("patient");
  plan["dosing_weight"] = BasisName(target.basis);
  if (target.significantComorbidity) plan["significant_comorbidity"] = true;
  if (schedule.bolus) {
    OrderedJson item;
    item["dose_mg_per_kg"] = DosePerKg(schedule.bolus->dose, target.weight.weight).value();
    item["concentration_mg_per_ml"] = target.concentration.value();
    item["over_min"] = schedule.bolus->over.value();
    plan["bolus"] = std::move(item);
  }
  const auto running = std::find_if(schedule.steps.begin(), schedule.steps.end(),
                                    [](const RateStep& step) { return step.rate.value() > 0.0; });
  if (running != schedule.steps.end()) {
    OrderedJson item;
    item["rate_mg_per_h"] = running->rate.value();
    item["duration_h"] = InfusionDuration(target, schedule).value();
    item["concentration_mg_per_ml"] = target.concentration.value();
    plan["infusion"] = std::move(item);
  }
  return plan;
}

}  // namespace

void TargetAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors) {
  const TargetSettings settings = ReadSettings(catalog);
  const auto target = ReadTargetRequest(request, catalog, settings, errors);
  if (!target) return;

  response["protocol"] = target->protocolId;
  response["regimen_title"] = target->regimen->value("title", "");
  response["drug"] = target->regimen->value("drug", "");
  response["target_ng_per_ml"] = RoundForDisplay(target->target.value());
  response["target_site"] = target->siteName;
  response["reach_min"] = Time(target->reach);
  response["hold_min"] = Time(target->hold);
  response["step_min"] = Time(target->step);
  response["concentration_mg_per_ml"] = RoundForDisplay(target->concentration.value());
  response["dosing_weight_kg"] = RoundForDisplay(target->weight.weight.value());
  response["dosing_weight_basis"] = BasisName(target->basis);
  response["loading"] = target->loadingBolus ? "bolus" : "infusion";
  PutSource(response, settings.source);

  const Schedule schedule = ComputeSchedule(*target, settings, target->target);
  const CheckedSchedule checked = CheckSchedule(*target, catalog, schedule);
  response["reachable"] = !checked.exceeds;
  PutPrediction(*target, response);
  if (checked.exceeds) {
    PutUnreachable(*target, settings, catalog, schedule, checked, response);
    return;
  }
  PutSchedule(*target, schedule, checked, catalog, response);
  response["plan_request"] = PlanRequestJson(request, *target, schedule);

  // The predicted curve: the simulator's own output for exactly these doses.
  const std::vector<DoseSegment> segments = Segments(schedule);
  const Minutes total = Total(*target);
  const double curveStep = std::max(1.0, std::ceil(total.value() / (settings.curvePointsMax - 1.0) - 1e-9));
  SimulationOptions options;
  options.model = target->modelRecord;
  options.step = Minutes(curveStep);
  options.until = total;
  options.threshold = target->target;
  options.ke0HalfLife = target->ke0HalfLife;
  OrderedJson simulation;
  PutSimulation(options, target->patient, segments, "", simulation, errors);
  if (!errors.Empty()) return;

  const CurveRange range = RangeOfCurve(target->model.constants, segments, target->site, target->target,
                                        Minutes(0.0), total);
  const Minutes from = range.reached ? std::min(range.firstReached, target->reach) : target->reach;
  const CurveRange after = RangeOfCurve(target->model.constants, segments, target->site, target->target, from, total);
  const double level = target->target.value();
  const double over = std::max(0.0, after.highest.value() - level);
  const double under = std::max(0.0, level - after.lowest.value());
  OrderedJson deviation;
  deviation["site"] = target->siteName;
  deviation["from_min"] = Round(from.value(), 1e4);
  if (range.reached) deviation["first_reached_min"] = Round(range.firstReached.value(), 1e4);
  deviation["highest_ng_per_ml"] = Up(after.highest.value(), 1e4);
  deviation["highest_time_min"] = Round(after.highestTime.value(), 1e4);
  deviation["lowest_ng_per_ml"] = Down(after.lowest.value(), 1e4);
  deviation["lowest_time_min"] = Round(after.lowestTime.value(), 1e4);
  deviation["overshoot_ng_per_ml"] = Up(over, 1e4);
  deviation["overshoot_percent"] = Up(over / level * 100.0, 1e3);
  deviation["undershoot_ng_per_ml"] = Up(under, 1e4);
  deviation["undershoot_percent"] = Up(under / level * 100.0, 1e3);
  response["deviation"] = std::move(deviation);

  for (const char* key : {"model", "peak_plasma_ng_per_ml", "peak_time_min", "peak_effect_ng_per_ml",
                          "peak_effect_time_min", "times_min", "plasma_ng_per_ml", "effect_ng_per_ml"}) {
    response[key] = simulation[key];
  }
  // The simulate request that gives this curve (tests/unit/target_test.cpp runs it).
  OrderedJson regimen = OrderedJson::array();
  for (const DoseSegment& segment : segments) {
    OrderedJson item;
    item["start_min"] = segment.start.value();
    item["dose_mg"] = segment.dose.value();
    item["over_min"] = segment.over.value();
    regimen.push_back(std::move(item));
  }
  OrderedJson simulate;
  simulate["action"] = "simulate";
  simulate["model"] = target->model.id;
  simulate["patient"] = request.at("patient");
  simulate["regimen"] = std::move(regimen);
  simulate["step_min"] = curveStep;
  simulate["until_min"] = total.value();
  simulate["threshold_ng_per_ml"] = level;
  if (target->ke0HalfLife) simulate["ke0_half_life_min"] = target->ke0HalfLife->value();
  response["simulate"] = std::move(simulate);
}

}  // namespace ketadose
