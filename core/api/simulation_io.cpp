// Simulation requests and responses: field validation, the output grid and its bounds, the JSON written
// back. Limits and defaults come from content/pk-models.json ("simulation", "ke0_default").
#include "api/simulation_io.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "json/fields.hpp"
#include "content/content.hpp"
#include "content/catalog_json.hpp"

namespace ketadose {

namespace {

// Output rounding: fixed decimals keep native and wasm responses byte-identical even where exp() differs in
// the last bit between C libraries.
double Round(double value, double scale) {
  const double rounded = std::round(value * scale) / scale;
  return rounded == 0.0 ? 0.0 : rounded;  // never print -0
}
double Concentration(NgPerMl value) { return Round(value.value(), 1e4); }
double Time(Minutes value) { return Round(value.value(), 1e6); }
double Constant(double value) { return Round(value, 1e9); }

std::optional<OutputGrid> ResolveGrid(const SimulationOptions& options, const std::vector<DoseSegment>& regimen,
                                      const std::string& parent, Errors& errors) {
  const SimulationSettingsRecord& limits = PkSimulationLimits();
  double lastDoseEnd = 0.0;
  for (const DoseSegment& segment : regimen) {
    lastDoseEnd = std::max(lastDoseEnd, segment.start.value() + segment.over.value());
  }
  const Minutes until = options.until
                            ? *options.until
                            : Minutes(std::min(limits.maxUntil.value(), lastDoseEnd + limits.defaultTail.value()));
  const Minutes step = options.step ? *options.step : limits.defaultStep;
  if (step > until) {
    errors.Add(Path(parent, "step_min"), "The output step of " + FormatNumber(step.value()) +
                                             " min is longer than the simulated time of " +
                                             FormatNumber(until.value()) + " min. Choose a shorter step.");
    return std::nullopt;
  }
  const double points = std::floor(until.value() / step.value() + 1e-9) + 1.0;
  if (points > static_cast<double>(limits.maxPoints)) {
    const double shortest = std::ceil(until.value() / static_cast<double>(limits.maxPoints - 1) * 1000.0) / 1000.0;
    errors.Add(Path(parent, "step_min"), "A step of " + FormatNumber(step.value()) + " min over " +
                                             FormatNumber(until.value()) + " min gives " + FormatNumber(points) +
                                             " points, more than the limit of " +
                                             FormatNumber(static_cast<double>(limits.maxPoints)) +
                                             ". Use a step of at least " + FormatNumber(shortest) + " min.");
    return std::nullopt;
  }
  return OutputGrid{step, until, options.threshold};
}

OrderedJson ModelJson(const PatientPkModel& model, const Patient& patient) {
  const MicroConstants& k = model.constants;
  OrderedJson out;
  out["id"] = model.id;
  out["title"] = model.title;
  out["drug"] = model.drug;
  PutSource(out, model.source);
  out["weight_kg"] = Round(patient.actualWeight.value(), 1e3);
  out["v1_l"] = Constant(k.v1.value());
  out["k10_per_min"] = Constant(k.k10.value());
  out["k12_per_min"] = Constant(k.k12.value());
  out["k21_per_min"] = Constant(k.k21.value());
  out["k13_per_min"] = Constant(k.k13.value());
  out["k31_per_min"] = Constant(k.k31.value());
  if (k.k14.value() > 0.0) {
    out["k14_per_min"] = Constant(k.k14.value());
    out["k41_per_min"] = Constant(k.k41.value());
    out["k40_per_min"] = Constant(k.k40.value());
  }
  out["ke0_per_min"] = Constant(k.ke0.value());
  out["ke0_half_life_min"] = Round(model.ke0HalfLife.value(), 1e6);
  out["ke0_source"] = model.ke0Source.ref;
  out["ke0_where"] = model.ke0Source.where;
  out["clearance_l_per_min"] = Constant(SteadyStateClearance(k).value());
  out["assumptions"] = model.assumptions;
  return out;
}

}  // namespace

PkSubject PkSubjectOf(const Patient& patient) { return PkSubject{patient.actualWeight, patient.age}; }

const Json& PkModelCatalog() {
  static const Json models = [] {
    Json list = Json::array();
    const Json& content = ContentJson("pk-models.json");
    if (!content.is_object() || !content.contains("models") || !content["models"].is_array()) return list;
    for (const Json& record : content["models"]) {
      Json summary = record;
      const SourceRef source = ReadSource(record);
      summary["source"] = source.ref;
      summary["where"] = source.where;
      summary.erase("form");
      list.push_back(std::move(summary));
    }
    return list;
  }();
  return models;
}

std::optional<SimulationOptions> ReadSimulationOptions(const Json& object, const std::string& parent, Errors& errors) {
  const SimulationSettingsRecord& limits = PkSimulationLimits();
  const std::size_t errorsBefore = errors.List().size();
  SimulationOptions options;
  const auto id = ReadString(object, "model", parent, errors);
  if (id) {
    options.model = FindPkModel(*id);
    if (options.model == nullptr) {
      errors.Add(Path(parent, "model"), "There is no concentration model \"" + *id + "\". Choose one of " +
                                            PkModelIds() + " (the catalog lists them).");
    }
  }
  const Range horizon{0.0, limits.maxUntil.value(), true};
  const auto step =
      ReadNumber(object, "step_min", parent, FieldLabel{"Output step", "min"}, horizon, errors, Presence::kOptional);
  const auto until = ReadNumber(object, "until_min", parent, FieldLabel{"Simulated time", "min"}, horizon, errors,
                                Presence::kOptional);
  const auto threshold = ReadNumber(object, "threshold_ng_per_ml", parent, FieldLabel{"Threshold", "ng/mL"},
                                    Range{0.0, limits.maxThreshold.value(), true}, errors, Presence::kOptional);
  const auto ke0HalfLife =
      ReadNumber(object, "ke0_half_life_min", parent, FieldLabel{"Effect-site equilibration half-life", "min"},
                 PkKe0Default().allowedHalfLifeMin, errors, Presence::kOptional);
  // A missing or unknown model leaves options.model null but still returns the grid fields, so that the grid
  // can be checked in the same response.
  const bool onlyModelFailed = !id || options.model == nullptr;
  if (errors.List().size() != errorsBefore + (onlyModelFailed ? 1 : 0)) return std::nullopt;
  if (step) options.step = Minutes(*step);
  if (until) options.until = Minutes(*until);
  options.threshold = threshold ? NgPerMl(*threshold) : limits.defaultThreshold;
  options.thresholdGiven = threshold.has_value();
  if (ke0HalfLife) options.ke0HalfLife = Minutes(*ke0HalfLife);
  return options;
}

std::optional<std::vector<DoseSegment>> ReadRegimen(const Json& request, Errors& errors) {
  const SimulationSettingsRecord& limits = PkSimulationLimits();
  const char* shape =
      "give a list of doses, each {\"start_min\": ..., \"dose_mg\": ..., \"over_min\": ...} "
      "(over_min 0 for an instantaneous bolus).";
  const auto found = request.find("regimen");
  if (found == request.end()) {
    errors.Add("regimen", std::string("The regimen is missing: ") + shape);
    return std::nullopt;
  }
  if (!found->is_array() || found->empty()) {
    errors.Add("regimen",
               std::string(found->is_array() ? "The regimen is empty: " : "The regimen must be a list: ") + shape);
    return std::nullopt;
  }
  if (found->size() > limits.maxSegments) {
    errors.Add("regimen", "The regimen has " + std::to_string(found->size()) + " doses; the limit is " +
                              std::to_string(limits.maxSegments) + ".");
    return std::nullopt;
  }
  const std::size_t errorsBefore = errors.List().size();
  const Range time{0.0, limits.maxUntil.value()};
  std::vector<DoseSegment> regimen;
  for (std::size_t index = 0; index < found->size(); ++index) {
    const Json& item = (*found)[index];
    const std::string path = Path("regimen", std::to_string(index));
    if (!item.is_object()) {
      errors.Add(path, "Each dose must be an object with start_min, dose_mg and over_min.");
      continue;
    }
    RejectUnknownKeys(item, path, {"start_min", "dose_mg", "over_min"}, errors);
    const auto start = ReadNumber(item, "start_min", path, FieldLabel{"Dose start", "min"}, time, errors);
    const auto dose =
        ReadNumber(item, "dose_mg", path, FieldLabel{"Dose", "mg"}, Range{0.0, limits.maxDose.value(), true}, errors);
    const auto over = ReadNumber(item, "over_min", path, FieldLabel{"Dose duration", "min"}, time, errors);
    if (start && dose && over) regimen.push_back(DoseSegment{Minutes(*start), Milligrams(*dose), Minutes(*over)});
  }
  if (errors.List().size() != errorsBefore) return std::nullopt;
  return regimen;
}

void PutSimulation(const SimulationOptions& options, const Patient& patient, const std::vector<DoseSegment>& regimen,
                   const std::string& parent, OrderedJson& out, Errors& errors) {
  const auto grid = ResolveGrid(options, regimen, parent, errors);
  if (!grid || options.model == nullptr || !errors.Empty()) return;
  const auto model = ModelForPatient(*options.model, PkSubjectOf(patient), options.ke0HalfLife);
  if (!model) {
    errors.Add(Path(parent, "model"),
               "This concentration model could not be applied: its content record is "
               "incomplete. Choose another model.");
    return;
  }
  const Simulation simulation = Simulate(model->constants, regimen, *grid);
  out["model"] = ModelJson(*model, patient);
  out["step_min"] = Time(grid->step);
  out["until_min"] = Time(grid->until);
  // The 100 ng/mL default is a racemic figure; S-ketamine is about 3-4 times as potent (cohen2018, pharmacology),
  // so an S-ketamine curve is read against a threshold only when the request gives one.
  const bool racemicDefault = !options.thresholdGiven && model->drug == "S-ketamine";
  if (racemicDefault) {
    out["threshold_note"] =
        "No threshold is drawn: the 100 ng/mL default is a figure for racemic ketamine, and S-ketamine is about 3-4 "
        "times as potent. Give threshold_ng_per_ml to read this curve against a figure of your own.";
  } else {
    out["threshold_ng_per_ml"] = Concentration(grid->threshold);
  }
  out["peak_plasma_ng_per_ml"] = Concentration(simulation.peakPlasma);
  out["peak_time_min"] = Round(simulation.peakPlasmaTime.value(), 1e4);
  if (!racemicDefault) out["minutes_above_threshold"] = Round(simulation.plasmaAboveThreshold.value(), 1e4);
  out["peak_effect_ng_per_ml"] = Concentration(simulation.peakEffect);
  out["peak_effect_time_min"] = Round(simulation.peakEffectTime.value(), 1e4);
  if (!racemicDefault) {
    out["effect_minutes_above_threshold"] = Round(simulation.effectAboveThreshold.value(), 1e4);
  }
  // The same figures rounded for reading (whole ng/mL and whole minutes): a model estimate carries no more.
  // Under an S-ketamine model with no threshold given, the racemic threshold figures are left out here too.
  OrderedJson display;
  if (!racemicDefault) display["threshold_ng_per_ml"] = Round(Round(grid->threshold.value(), 1e4), 1);
  display["peak_plasma_ng_per_ml"] = Round(Round(simulation.peakPlasma.value(), 1e4), 1);
  display["peak_time_min"] = Round(Round(simulation.peakPlasmaTime.value(), 1e4), 1);
  if (!racemicDefault) display["minutes_above_threshold"] = Round(Round(simulation.plasmaAboveThreshold.value(), 1e4), 1);
  display["peak_effect_ng_per_ml"] = Round(Round(simulation.peakEffect.value(), 1e4), 1);
  display["peak_effect_time_min"] = Round(Round(simulation.peakEffectTime.value(), 1e4), 1);
  if (!racemicDefault) {
    display["effect_minutes_above_threshold"] = Round(Round(simulation.effectAboveThreshold.value(), 1e4), 1);
  }
  out["display"] = std::move(display);
  OrderedJson times = OrderedJson::array();
  OrderedJson plasma = OrderedJson::array();
  OrderedJson effect = OrderedJson::array();
  // One allocation per curve rather than one per doubling.
  for (OrderedJson* curve : {&times, &plasma, &effect}) {
    curve->get_ref<OrderedJson::array_t&>().reserve(simulation.times.size());
  }
  for (std::size_t i = 0; i < simulation.times.size(); ++i) {
    times.push_back(Time(simulation.times[i]));
    plasma.push_back(Concentration(simulation.plasma[i]));
    effect.push_back(Concentration(simulation.effect[i]));
  }
  out["times_min"] = std::move(times);
  out["plasma_ng_per_ml"] = std::move(plasma);
  out["effect_ng_per_ml"] = std::move(effect);
}

void AddPlanSimulation(const Json& request, const PlanRequest& order, const Plan& plan, OrderedJson& response,
                       Errors& errors) {
  const Json* section = ReadObject(request, "simulate", "", errors);
  if (section == nullptr) return;
  RejectUnknownKeys(*section, "simulate",
                    {"model", "step_min", "until_min", "threshold_ng_per_ml", "ke0_half_life_min"}, errors);
  const auto options = ReadSimulationOptions(*section, "simulate", errors);
  if (plan.repeated) {
    errors.Add("simulate",
               "The simulator models intravenous doses only, so it cannot include this plan's repeated doses. Plan "
               "the bolus and infusion without them, or use the simulate action for the intravenous doses.");
  }
  if (!errors.Empty() || !options) return;

  // The bolus from time 0 (over its push time, or at once), then the infusion from the end of the bolus.
  std::vector<DoseSegment> regimen;
  Minutes infusionStart(0.0);
  if (plan.bolus) {
    const Minutes over = plan.bolus->over ? *plan.bolus->over : Minutes(0.0);
    regimen.push_back(DoseSegment{Minutes(0.0), plan.bolus->dose, over});
    infusionStart = over;
  }
  if (plan.infusion) {
    regimen.push_back(DoseSegment{infusionStart, plan.infusion->total, ToMinutes(plan.infusion->duration)});
  }
  OrderedJson simulation;
  OrderedJson doses = OrderedJson::array();
  for (const DoseSegment& segment : regimen) {
    OrderedJson item;
    item["start_min"] = Time(segment.start);
    item["dose_mg"] = Round(segment.dose.value(), 1e3);
    item["over_min"] = Time(segment.over);
    doses.push_back(std::move(item));
  }
  simulation["regimen"] = std::move(doses);
  PutSimulation(*options, order.patient, regimen, "simulate", simulation, errors);
  if (errors.Empty()) response["simulation"] = std::move(simulation);
}

void CheckPlanSimulation(const Json& regimen, OrderedJson& response, Errors& errors) {
  if (!response.contains("simulation")) return;
  OrderedJson& model = response["simulation"]["model"];
  // The plan's drug against the model's: "ketamine" regimens are racemic (content/regimens.json).
  const std::string planDrug = regimen.value("drug", "ketamine");
  const std::string modelDrug = model.value("drug", "");
  const bool planIsS = planDrug == "s-ketamine";
  const bool modelIsS = modelDrug == "S-ketamine";
  if (planIsS != modelIsS) {
    errors.Add("simulate.model",
               "This plan is for " + std::string(planIsS ? "S-ketamine" : "racemic ketamine") + ", but the " +
                   model.value("title", "chosen") + " model describes " + modelDrug +
                   ". The two differ in potency and kinetics, so that curve would not describe this plan: choose a "
                   "model of " + (planIsS ? "S-ketamine" : "racemic ketamine") + ".");
    response.erase("simulation");
    return;
  }
  const auto found = regimen.find("simulation_assumption");
  if (found == regimen.end() || !found->is_object()) return;
  const std::string text = found->value("text", "");
  model["assumptions"].push_back(text);
  OrderedJson assumption;
  assumption["text"] = text;
  PutSource(assumption, ReadSource(*found));
  response["simulation"]["route_assumption"] = std::move(assumption);
}

}  // namespace ketadose
