// PK model records from content/pk-models.json applied to one patient. Every number comes from the content
// file; this file only knows how each parameter form ("micro-constants-per-kg", "hepato-portal") maps to
// rate constants.
#include "domain/pk_model.hpp"

#include <algorithm>
#include <cmath>

#include "content/content.hpp"
#include "api/fields.hpp"

namespace ketadose {

namespace {

const Json& PkContent() { return ContentJson("pk-models.json"); }

double Number(const Json& object, const char* key, double fallback = 0.0) {
  if (!object.is_object()) return fallback;
  const auto found = object.find(key);
  return found != object.end() && found->is_number() ? found->get<double>() : fallback;
}

std::string Text(const Json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

// Volumes scale with actual body weight; rate constants are fixed (Domino, Clements, Hijazi).
MicroConstants PerKgModel(const Json& parameters, Kilograms weight) {
  MicroConstants constants{};
  constants.v1 = Litres(Number(parameters, "v1_l_per_kg") * weight.value());
  constants.k10 = PerMinute(Number(parameters, "k10_per_min"));
  constants.k12 = PerMinute(Number(parameters, "k12_per_min"));
  constants.k21 = PerMinute(Number(parameters, "k21_per_min"));
  constants.k13 = PerMinute(Number(parameters, "k13_per_min"));
  constants.k31 = PerMinute(Number(parameters, "k31_per_min"));
  return constants;
}

// Three compartments plus an eliminating hepato-portal compartment exchanging with plasma at hepatic blood
// flow (Perez-Ruixo 2021). Volumes and flows are in litres and litres per hour, independent of weight.
MicroConstants HepatoPortalModel(const Json& parameters, const Patient& patient,
                                 std::vector<std::string>& assumptions) {
  const Litres central(Number(parameters, "vc_l"));
  const Litres shallow(Number(parameters, "vp1_l"));
  const Litres deep(Number(parameters, "vp2_l"));
  const Litres liver(Number(parameters, "vh_l"));
  const double decline = Number(parameters, "qh_decline_l_per_h_per_year_over_60");
  double yearsOver60 = 0.0;
  if (patient.age) {
    yearsOver60 = std::max(0.0, patient.age->value() - 60.0);
  } else if (decline > 0.0) {
    assumptions.push_back("Age not given: hepatic blood flow taken at its value for age 60 or under.");
  }
  const LitresPerMinute hepatic =
      ToLitresPerMinute(LitresPerHour(Number(parameters, "qh_l_per_h") - decline * yearsOver60));
  const LitresPerMinute toShallow = ToLitresPerMinute(LitresPerHour(Number(parameters, "q1_l_per_h")));
  const LitresPerMinute toDeep = ToLitresPerMinute(LitresPerHour(Number(parameters, "q2_l_per_h")));

  MicroConstants constants{};
  constants.v1 = central;
  constants.k12 = RateConstant(toShallow, central);
  constants.k21 = RateConstant(toShallow, shallow);
  constants.k13 = RateConstant(toDeep, central);
  constants.k31 = RateConstant(toDeep, deep);
  constants.k14 = RateConstant(hepatic, central);
  constants.k41 = RateConstant(hepatic, liver);
  constants.k40 = ToPerMinute(PerHour(Number(parameters, "kel_per_h") + Number(parameters, "kmet_per_h")));
  assumptions.push_back("Body weight does not enter this model: its volumes are fixed in litres.");
  return constants;
}

}  // namespace

const Json& PkModelRecords() {
  static const Json empty = Json::array();
  const Json& content = PkContent();
  if (!content.is_object()) return empty;
  const auto found = content.find("models");
  return found != content.end() && found->is_array() ? *found : empty;
}

Json PkModelCatalog() {
  Json models = Json::array();
  for (const Json& record : PkModelRecords()) {
    Json summary = record;
    const SourceRef source = ReadSource(record);
    summary["source"] = source.ref;
    summary["where"] = source.where;
    summary.erase("form");
    models.push_back(std::move(summary));
  }
  return models;
}

const Json* FindPkModel(std::string_view id) {
  for (const Json& record : PkModelRecords()) {
    const auto found = record.find("id");
    if (found != record.end() && found->is_string() && found->get_ref<const std::string&>() == id) return &record;
  }
  return nullptr;
}

std::string PkModelIds() {
  std::string ids;
  for (const Json& record : PkModelRecords()) ids += (ids.empty() ? "\"" : ", \"") + Text(record, "id") + "\"";
  return ids;
}

SimulationLimits PkSimulationLimits() {
  const Json& content = PkContent();
  const Json& simulation = content.is_object() ? content.value("simulation", Json::object()) : Json::object();
  const Json& ke0 = content.is_object() ? content.value("ke0_default", Json::object()) : Json::object();
  const Json& allowed = ke0.value("allowed_half_life_min", Json::object());
  SimulationLimits limits;
  limits.maxUntil = Minutes(Number(simulation, "max_until_min", 14400));
  limits.maxPoints = static_cast<std::size_t>(Number(simulation, "max_points", 20000));
  limits.maxSegments = static_cast<std::size_t>(Number(simulation, "max_segments", 200));
  limits.maxDose = Milligrams(Number(simulation, "max_dose_mg", 5000));
  limits.defaultStep = Minutes(Number(simulation, "default_step_min", 1));
  limits.defaultTail = Minutes(Number(simulation, "default_tail_min", 240));
  limits.defaultThreshold = NgPerMl(Number(simulation, "default_threshold_ng_per_ml", 100));
  limits.maxThreshold = NgPerMl(Number(simulation, "max_threshold_ng_per_ml", 100000));
  limits.ke0HalfLifeMin = Range{Number(allowed, "min", 1), Number(allowed, "max", 10)};
  limits.defaultKe0HalfLife = Minutes(Number(ke0, "half_life_min", 5));
  limits.ke0Source = ReadSource(ke0);
  return limits;
}

std::optional<PatientPkModel> ModelForPatient(const Json& record, const Patient& patient,
                                              std::optional<Minutes> ke0HalfLife) {
  if (!record.is_object()) return std::nullopt;
  PatientPkModel model;
  model.id = Text(record, "id");
  model.title = Text(record, "title");
  model.drug = Text(record, "drug");
  model.source = ReadSource(record);
  const Json& parameters = record.value("parameters", Json::object());
  const std::string form = Text(record, "form");
  if (form == "micro-constants-per-kg") {
    model.constants = PerKgModel(parameters, patient.actualWeight);
  } else if (form == "hepato-portal") {
    model.constants = HepatoPortalModel(parameters, patient, model.assumptions);
  } else {
    return std::nullopt;
  }
  const SimulationLimits limits = PkSimulationLimits();
  model.ke0HalfLife = ke0HalfLife ? *ke0HalfLife : limits.defaultKe0HalfLife;
  model.ke0Source = limits.ke0Source;
  model.constants.ke0 = RateConstantForHalfLife(model.ke0HalfLife);
  if (!IsSolvable(model.constants)) return std::nullopt;
  return model;
}

}  // namespace ketadose
