// The JSON mapping of the typed content records (records.hpp): nlohmann from_json functions, used once when the
// catalog is built (and once per distinct site text). A field that is missing or of the wrong type throws a
// ContentError naming the field's path; ValidateAllContent (validate.hpp) turns that into a build failure.
#include "content/records_json.hpp"

namespace ketadose {

namespace {

[[noreturn]] void Fail(const std::string& path, const std::string& what) { throw ContentError(path, what); }

// The field readers every family's records share (record_json.hpp): a missing key or a wrong type names the field,
// a list's item its index ("items.3.text").
using records::Optional;
using records::Required;

// A number field that may be null (the guideline's figure of a bound the guideline does not state).
std::optional<double> NumberOrNull(const Json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_number()) return std::nullopt;
  return found->get<double>();
}

}  // namespace

namespace records {

void RethrowAt(const std::string& key) {
  try {
    throw;
  } catch (RecordError& error) {
    error.path = error.path.empty() ? key : key + "." + error.path;
    throw;
  } catch (const Json::exception& error) {
    std::string detail = error.what();
    const auto bracket = detail.find("] ");
    if (bracket != std::string::npos) detail = detail.substr(bracket + 2);
    throw RecordError(key, detail);
  }
}

void RecordFailure(const char* file, Errors& errors) {
  try {
    throw;
  } catch (const RecordError& error) {
    errors.Add(
        std::string(file) + ":" + error.path,
        std::string("content/") + file + " " + (error.path.empty() ? "" : error.path + " ") + error.what() + ".");
  } catch (const std::exception& error) {
    errors.Add(std::string(file) + ":", std::string("content/") + file + " could not be read: " + error.what());
  }
}

}  // namespace records

// Every figure's source names the reference and the section or table ("where"): both required.
void from_json(const Json& j, SourceRef& source) {
  Required(j, "ref", source.ref);
  Required(j, "where", source.where);
}

void to_json(Json& j, const SourceRef& source) {
  j = Json::object();
  j["ref"] = source.ref;
  j["where"] = source.where;
}

void from_json(const Json& j, Limit& limit) {
  if (!j.is_object()) Fail("", "must be an object");
  Optional(j, "min", limit.min);
  Optional(j, "max", limit.max);
  Optional(j, "hard_max", limit.hardMax);
  Optional(j, "cap", limit.cap);
  Optional(j, "source", limit.source);
  std::string kind;
  Optional(j, "kind", kind);
  if (!kind.empty()) {
    limit.kind = LimitKindFromName(kind);
    if (limit.kind == LimitKind::kUnstated) Fail("kind", "\"" + kind + "\" is not a kind of figure");
  }
  Optional(j, "for", limit.appliesTo);
  Optional(j, "titrated_up_to", limit.titratedUpTo);
  Optional(j, "site_modified", limit.siteModified);
  // The site overlay (site.cpp) keeps the guideline's figure of each bound it changes under "guideline".
  const auto guideline = j.find("guideline");
  if (guideline != j.end() && guideline->is_object()) {
    limit.siteChangedMin = guideline->contains("min");
    limit.siteChangedMax = guideline->contains("max");
    limit.siteChangedHardMax = guideline->contains("hard_max");
    limit.siteChangedCap = guideline->contains("cap");
    limit.guidelineMin = NumberOrNull(*guideline, "min");
    limit.guidelineMax = NumberOrNull(*guideline, "max");
    limit.sitePath = guideline->value("site_rule", "");
  }
}

void from_json(const Json& j, RegimenPart& part) {
  Optional(j, "route", part.route);
  Optional(j, "dose_mg_per_kg", part.doseMgPerKg);
  Optional(j, "over_min", part.overMin);
  Optional(j, "rate_mg_per_kg_per_h", part.rateMgPerKgPerH);
  Optional(j, "rate_mg_per_h", part.rateMgPerH);
  Optional(j, "duration_h", part.durationH);
  Optional(j, "dose_mg", part.doseMg);
  Optional(j, "every_h", part.everyH);
  Optional(j, "daily_mg", part.dailyMg);
}

namespace {
struct MinMaxDefault {
  double min = 0.0, max = 0.0, fallback = 0.0;
};
void from_json(const Json& j, MinMaxDefault& range) {
  Required(j, "min", range.min);
  Required(j, "max", range.max);
  Required(j, "default", range.fallback);
}
}  // namespace

void from_json(const Json& j, ScheduleRecord& schedule) {
  MinMaxDefault start;
  Required(j, "start_mg_per_kg_per_h", start);
  schedule.startMin = start.min;
  schedule.startMax = start.max;
  schedule.startDefault = start.fallback;
  Required(j, "max_mg_per_kg_per_h", schedule.maxMgPerKgPerH);
  std::optional<MinMaxDefault> weaning;
  Optional(j, "weaning_h", weaning);
  if (weaning) {
    schedule.weaningMin = weaning->min;
    schedule.weaningMax = weaning->max;
    schedule.weaningDefault = weaning->fallback;
  }
  Optional(j, "observe_h_after_stop", schedule.observeHAfterStop);
  Required(j, "source", schedule.source);
  Optional(j, "convention", schedule.convention);
}

void from_json(const Json& j, Note& note) {
  Required(j, "text", note.text);
  Required(j, "source", note.source);
}

void from_json(const Json& j, Regimen& regimen) {
  Required(j, "id", regimen.id);
  Required(j, "title", regimen.title);
  Required(j, "drug", regimen.drug);
  Required(j, "setting", regimen.setting);
  Optional(j, "chronic_pain_minimum", regimen.chronicPainMinimum);
  Optional(j, "bolus", regimen.bolus);
  Optional(j, "infusion", regimen.infusion);
  Optional(j, "repeated", regimen.repeated);
  Optional(j, "schedule", regimen.schedule);
  Optional(j, "notes", regimen.notes);
  if (!regimen.bolus && !regimen.infusion && !regimen.repeated) {
    Fail("bolus", "is missing (a regimen needs a bolus, infusion or repeated part)");
  }
  if (regimen.infusion && !regimen.infusion->rateMgPerKgPerH && !regimen.infusion->rateMgPerH) {
    Fail("infusion.rate_mg_per_kg_per_h", "is missing (an infusion states its rate in mg/kg/h or mg/h)");
  }
  if (regimen.repeated && !regimen.repeated->everyH) Fail("repeated.every_h", "is missing");
}

// A rule record's kind, source and site marks (its figures are read by name below).
static Limit About(const Json& j) {
  Limit about;
  from_json(j, about);
  return about;
}

void from_json(const Json& j, Range& range) {
  if (j.contains("min_exclusive")) {
    Required(j, "min_exclusive", range.min);
    range.minExclusive = true;
  } else {
    Required(j, "min", range.min);
    range.minExclusive = false;
  }
  Required(j, "max", range.max);
}

void from_json(const Json& j, SourcedNumber& number) {
  Required(j, "value", number.value);
  number.about = About(j);
}

void from_json(const Json& j, Rules::Plausibility& p) {
  Required(j, "weight_kg", p.weightKg);
  Required(j, "height_cm", p.heightCm);
  Required(j, "age_years", p.ageYears);
  Required(j, "concentration_mg_per_ml", p.concentrationMgPerMl);
  Required(j, "infusion_duration_h", p.infusionDurationH);
  Required(j, "bolus_over_min", p.bolusOverMin);
  Required(j, "repeat_every_h", p.repeatEveryH);
  Required(j, "bolus_mg_per_kg", p.bolusMgPerKg);
  Required(j, "rate_mg_per_kg_per_h", p.rateMgPerKgPerH);
  Required(j, "rate_ug_per_kg_per_min", p.rateUgPerKgPerMin);
  Required(j, "rate_mg_per_h", p.rateMgPerH);
  Required(j, "dose_mg", p.doseMg);
  Required(j, "dose_mg_per_kg", p.doseMgPerKg);
  Required(j, "pump_ml_per_h", p.pumpMlPerH);
}

void from_json(const Json& j, Rules::Devine& d) {
  Required(j, "male_base_kg", d.maleBaseKg);
  Required(j, "female_base_kg", d.femaleBaseKg);
  Required(j, "kg_per_inch_over_base", d.kgPerInchOverBase);
  Required(j, "base_height_in", d.baseHeightIn);
  d.about = About(j);
}
void from_json(const Json& j, Rules::WeightForHeight& w) {
  Required(j, "ratio_above", w.ratioAbove);
  Required(j, "ratio_below", w.ratioBelow);
  w.about = About(j);
}
void from_json(const Json& j, Rules::SettingThresholds& t) {
  Required(j, "bolus_mg_per_kg", t.bolusMgPerKg);
  Required(j, "infusion_mg_per_kg_per_h", t.infusionMgPerKgPerH);
  t.about = About(j);
}
void from_json(const Json& j, Rules::SubanaestheticScope& s) {
  Required(j, "bolus_mg_per_kg_below", s.bolusMgPerKgBelow);
  Required(j, "infusion_mg_per_kg_per_h_max", s.infusionMgPerKgPerHMax);
  s.about = About(j);
}
void from_json(const Json& j, Rules::BolusAdministration& b) {
  Required(j, "rapid_over_min_below", b.rapidOverMinBelow);
  b.about = About(j);
}
void from_json(const Json& j, Rules::BolusVolumeCheck& b) {
  Required(j, "volume_ml_above", b.volumeMlAbove);
  Required(j, "unless_over_min_at_least", b.unlessOverMinAtLeast);
  b.about = About(j);
}
void from_json(const Json& j, Rules::OutpatientDuration& o) {
  Required(j, "duration_h_max", o.durationHMax);
  o.about = About(j);
}
void from_json(const Json& j, Rules::ChronicPainMinimum& c) {
  Required(j, "total_mg_at_least", c.totalMgAtLeast);
  Required(j, "duration_h_more_than", c.durationHMoreThan);
  c.about = About(j);
}
void from_json(const Json& j, Rules::AdultScope& a) {
  Required(j, "age_years_at_least", a.ageYearsAtLeast);
  Required(j, "weight_kg_floor_without_age", a.weightKgFloorWithoutAge);
  a.about = About(j);
}
void from_json(const Json& j, Rules::Products& p) {
  Required(j, "injection_mg_per_ml", p.injectionMgPerMl);
  p.about = About(j);
}
void from_json(const Json& j, Rules::Containers& c) {
  Required(j, "sizes", c.sizes);
  c.about = About(j);
}
void from_json(const Json& j, Rules::MeasurableResolution& m) {
  Required(j, "pump_rate_ml_per_h", m.pumpRateMlPerH);
  Required(j, "syringe_ml_below_1_ml", m.syringeMlBelow1Ml);
  Required(j, "syringe_ml_from_1_ml", m.syringeMlFrom1Ml);
  Required(j, "weight_kg", m.weightKg);
  m.about = About(j);
}

void from_json(const Json& j, Rules& rules) {
  Required(j, "input_plausibility", rules.plausibility);
  const auto dosing = j.find("dosing_weight");
  if (dosing == j.end() || !dosing->is_object()) Fail("dosing_weight", "is missing");
  records::Nested("dosing_weight", [&] {
    Required(*dosing, "devine", rules.devine);
    Required(*dosing, "adjusted_fraction", rules.adjustedFraction);
    Required(*dosing, "obesity_flag_ratio", rules.obesityFlagRatio);
    Required(*dosing, "weight_for_height_check", rules.weightForHeight);
  });
  Required(j, "setting_thresholds", rules.settingThresholds);
  Required(j, "subanaesthetic_scope", rules.subanaestheticScope);
  Required(j, "bolus_administration", rules.bolusAdministration);
  Required(j, "bolus_volume_check", rules.bolusVolumeCheck);
  Required(j, "outpatient_duration", rules.outpatientDuration);
  Required(j, "chronic_pain_minimum", rules.chronicPainMinimum);
  Required(j, "adult_scope", rules.adultScope);
  Required(j, "products", rules.products);
  Required(j, "s_ketamine_products", rules.sKetamineProducts);
  Required(j, "containers_ml", rules.containersMl);
  Required(j, "measurable_resolution", rules.measurableResolution);
  Required(j, "container_max_hours", rules.containerMaxHours);
}

void from_json(const Json& j, MonitoringRecord& record) {
  Required(j, "id", record.id);
  Required(j, "section", record.section);
  Required(j, "when", record.when);
  Required(j, "text", record.text);
  Required(j, "source", record.source);
  Optional(j, "regimens", record.regimens);
  Optional(j, "not_regimens", record.notRegimens);
  Optional(j, "observe_h_after_stop", record.observeHAfterStop);
}

void from_json(const Json& j, MonitoringContent::Lowering& lowering) {
  Required(j, "age_years_at_least", lowering.ageYearsAtLeast);
  Required(j, "factor", lowering.factor);
  Required(j, "source", lowering.source);
  Required(j, "guideline", lowering.guideline);
}

void from_json(const Json& j, MonitoringContent& content) {
  Required(j, "lowered_thresholds", content.lowering);
  Required(j, "items", content.items);
  Required(j, "age_unknown_note", content.ageUnknownNote);
}

std::vector<Regimen> ReadRegimens(const Json& list) {
  std::vector<Regimen> regimens;
  records::Nested("regimens", [&] { records::Get(list, regimens); });  // an error names "regimens.<i>.<field>"
  return regimens;
}

Rules ReadRules(const Json& document) {
  try {
    return document.get<Rules>();
  } catch (const ContentError&) {
    throw;
  } catch (const Json::exception& error) {
    Fail("", error.what());
  }
}

}  // namespace ketadose
