// content/pk-models.json into typed records (pk_records.hpp), once.
#include "content/pk_records.hpp"

#include "content/content.hpp"
#include "content/record_json.hpp"
#include "content/response_records.hpp"
#include "content/screening_records.hpp"

namespace ketadose {

namespace {

using records::Optional;
using records::Required;
using records::RequiredNonNegative;

template <class T, class Read>
void Part(const Json& json, const char* key, T& out, Read read) {
  records::Nested(key, [&] {
    if (!json.contains(key) || !json.at(key).is_object()) throw records::RecordError("", "must be an object");
    read(json.at(key), out);
  });
}

void ReadPerKg(const Json& json, PerKgParameters& p) {
  RequiredNonNegative(json, "v1_l_per_kg", p.v1LitresPerKg);
  RequiredNonNegative(json, "k10_per_min", p.k10PerMin);
  RequiredNonNegative(json, "k12_per_min", p.k12PerMin);
  RequiredNonNegative(json, "k21_per_min", p.k21PerMin);
  Optional(json, "k13_per_min", p.k13PerMin);  // absent in two-compartment models
  Optional(json, "k31_per_min", p.k31PerMin);
}

void ReadHepatoPortal(const Json& json, HepatoPortalParameters& p) {
  RequiredNonNegative(json, "vc_l", p.centralLitres);
  RequiredNonNegative(json, "vp1_l", p.shallowLitres);
  RequiredNonNegative(json, "vp2_l", p.deepLitres);
  RequiredNonNegative(json, "vh_l", p.liverLitres);
  RequiredNonNegative(json, "q1_l_per_h", p.toShallowLitresPerHour);
  RequiredNonNegative(json, "q2_l_per_h", p.toDeepLitresPerHour);
  RequiredNonNegative(json, "qh_l_per_h", p.hepaticLitresPerHour);
  RequiredNonNegative(json, "qh_decline_l_per_h_per_year_over_60", p.hepaticDeclineLitresPerHourPerYearOver60);
  RequiredNonNegative(json, "kel_per_h", p.eliminationPerHour);
  RequiredNonNegative(json, "kmet_per_h", p.metabolismPerHour);
}

double NonNegative(const Json& json, const char* key) {
  double value = 0.0;
  RequiredNonNegative(json, key, value);
  return value;
}

void ReadSimulation(const Json& json, SimulationSettingsRecord& s) {
  s.maxUntil = Minutes(NonNegative(json, "max_until_min"));
  s.maxPoints = static_cast<std::size_t>(NonNegative(json, "max_points"));
  s.maxSegments = static_cast<std::size_t>(NonNegative(json, "max_segments"));
  if (s.maxPoints < 2) throw records::RecordError("max_points", "must be at least 2");
  s.maxDose = Milligrams(NonNegative(json, "max_dose_mg"));
  s.defaultStep = Minutes(NonNegative(json, "default_step_min"));
  s.defaultTail = Minutes(NonNegative(json, "default_tail_min"));
  s.defaultThreshold = NgPerMl(NonNegative(json, "default_threshold_ng_per_ml"));
  s.maxThreshold = NgPerMl(NonNegative(json, "max_threshold_ng_per_ml"));
  Required(json, "source", s.source);
}

void ReadKe0(const Json& json, Ke0DefaultRecord& k) {
  k.halfLife = Minutes(NonNegative(json, "half_life_min"));
  records::ReadRange(json, "allowed_half_life_min", k.allowedHalfLifeMin);
  Required(json, "source", k.source);
}

void ReadTarget(const Json& json, TargetSettingsRecord& t) {
  records::ReadRange(json, "target_ng_per_ml", t.targetNgPerMl);
  records::ReadRange(json, "reach_min", t.reachMin);
  records::ReadRange(json, "hold_min", t.holdMin);
  records::ReadRange(json, "step_min", t.stepMin);
  t.loadingBolusReachAtMost = Minutes(NonNegative(json, "loading_bolus_reach_min_at_most"));
  RequiredNonNegative(json, "highest_target_resolution_ng_per_ml", t.highestTargetResolutionNgPerMl);
  if (!(t.highestTargetResolutionNgPerMl > 0.0))
    throw records::RecordError("highest_target_resolution_ng_per_ml", "must be above 0");
  RequiredNonNegative(json, "curve_points_max", t.curvePointsMax);
  if (t.curvePointsMax < 2.0) throw records::RecordError("curve_points_max", "must be at least 2");
  Required(json, "source", t.source);
}

}  // namespace

void from_json(const Json& json, PkModelRecord& model) {
  Required(json, "id", model.id);
  Required(json, "title", model.title);
  Required(json, "drug", model.drug);
  Required(json, "population", model.population);
  Required(json, "source", model.source);
  std::string form;
  Required(json, "form", form);
  if (form == "micro-constants-per-kg") {
    model.form = PkForm::kMicroConstantsPerKg;
    Part(json, "parameters", model.perKg, ReadPerKg);
  } else if (form == "hepato-portal") {
    model.form = PkForm::kHepatoPortal;
    Part(json, "parameters", model.hepatoPortal, ReadHepatoPortal);
  } else {
    throw records::RecordError("form", "must be \"micro-constants-per-kg\" or \"hepato-portal\", not \"" + form + "\"");
  }
  Required(json, "for_regimen_drugs", model.forRegimenDrugs);
  Optional(json, "caution_settings", model.cautionSettings);
  Optional(json, "caution", model.caution);
  if (!model.cautionSettings.empty() && model.caution.empty())
    throw records::RecordError("caution", "is missing: caution_settings need the caution they flag");
}

namespace {

void ReadPk(const Json& json, PkContent& content) {
  Part(json, "simulation", content.simulation, ReadSimulation);
  Part(json, "ke0_default", content.ke0Default, ReadKe0);
  Part(json, "target", content.target, ReadTarget);
  Required(json, "models", content.models);
  if (content.models.empty()) throw records::RecordError("models", "must list at least one model");
}

}  // namespace

bool ReadPkContent(const Json& json, PkContent& out, Errors& errors) {
  return records::ReadRecords(json, "pk-models.json", out, errors, ReadPk);
}

const PkModelRecord* PkContent::FindModel(const std::string& id) const {
  for (const PkModelRecord& model : models) {
    if (model.id == id) return &model;
  }
  return nullptr;
}

const PkContent& PkRecords() {
  static const PkContent content = [] {
    PkContent read;
    Errors ignored;  // ValidatePkContent reports them; an unread file leaves `loaded` false
    ReadPkContent(ContentJson("pk-models.json"), read, ignored);
    return read;
  }();
  return content;
}

Errors ValidatePkContent() {
  Errors errors;
  PkContent read;
  ReadPkContent(ContentJson("pk-models.json"), read, errors);
  return errors;
}

Errors ValidateClinicalContent() {
  Errors all;
  for (const Errors& part : {ValidateScreeningContent(), ValidateResponseContent(), ValidatePkContent()}) {
    for (const FieldError& error : part.List()) all.Add(error.field, error.message);
  }
  return all;
}

}  // namespace ketadose
