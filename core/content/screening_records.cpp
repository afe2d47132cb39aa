// content/screening.json and content/ort.json into typed records (screening_records.hpp), once.
#include "content/screening_records.hpp"

#include "content/content.hpp"
#include "content/record_json.hpp"

namespace ketadose {

// {id, title, reason, source}: every field required. Read from the core's one JSON type (ordered_json): nlohmann's
// NON_INTRUSIVE macro maps from nlohmann::json, which converted every record to a second JSON type first.
void from_json(const Json& json, TestRecord& test) {
  records::Required(json, "id", test.id);
  records::Required(json, "title", test.title);
  records::Required(json, "reason", test.reason);
  records::Required(json, "source", test.source);
}

void from_json(const Json& json, Level& level) {
  const std::string name = json.get<std::string>();
  if (name == "avoid") {
    level = Level::kAvoid;
  } else if (name == "caution") {
    level = Level::kCaution;
  } else if (name == "precaution") {
    level = Level::kPrecaution;
  } else {
    throw records::RecordError("", "must be \"avoid\", \"caution\" or \"precaution\", not \"" + name + "\"");
  }
}

void from_json(const Json& json, NoteRecord& note) {
  records::Optional(json, "id", note.id);
  records::Required(json, "text", note.text);
  records::Required(json, "source", note.source);
}

void from_json(const Json& json, ConditionRecord& condition) {
  using records::Optional;
  using records::Required;
  Required(json, "id", condition.id);
  Required(json, "title", condition.title);
  Required(json, "category", condition.category);
  Required(json, "level", condition.level);
  Optional(json, "grade", condition.grade);
  Optional(json, "certainty", condition.certainty);
  Required(json, "reason", condition.reason);
  Optional(json, "note", condition.note);
  Optional(json, "comorbidity", condition.comorbidity);
  Required(json, "tests", condition.tests);
  Required(json, "source", condition.source);
  Optional(json, "also", condition.also);
}

void from_json(const Json& json, TestCallRecord& call) {
  records::Required(json, "tests", call.tests);
  records::Required(json, "reason", call.reason);
  records::Required(json, "source", call.source);
}

void from_json(const Json& json, PlanShapeRecord& shape) {
  using records::Required;
  records::RequiredNonNegative(json, "multi_day_infusion_h_more_than", shape.multiDayInfusionHoursMoreThan);
  Required(json, "series_regimens", shape.seriesRegimens);
  Required(json, "tests", shape.tests);
  Required(json, "notes", shape.notes);
  Required(json, "reason", shape.reason);
  Required(json, "source", shape.source);
  Required(json, "threshold_source", shape.thresholdSource);
}

void from_json(const Json& json, OrtItemRecord& item) {
  using records::Required;
  Required(json, "id", item.id);
  Required(json, "group", item.group);
  Required(json, "label", item.label);
  Required(json, "points_female", item.pointsFemale);
  Required(json, "points_male", item.pointsMale);
}

void from_json(const Json& json, OrtAgeItemRecord& item) {
  using records::Required;
  Required(json, "id", item.id);
  records::RequiredNonNegative(json, "min_years", item.minYears);
  records::RequiredNonNegative(json, "max_years", item.maxYears);
  if (item.maxYears < item.minYears) throw records::RecordError("max_years", "is below min_years");
  Required(json, "rule", item.rule);
  Required(json, "source", item.source);
}

void from_json(const Json& json, OrtBandRecord& band) {
  std::string id;
  records::Required(json, "id", id);
  if (id == "low") {
    band.band = OrtBand::kLow;
  } else if (id == "moderate") {
    band.band = OrtBand::kModerate;
  } else if (id == "high") {
    band.band = OrtBand::kHigh;
  } else {
    throw records::RecordError("id", "must be \"low\", \"moderate\" or \"high\", not \"" + id + "\"");
  }
  records::Required(json, "min", band.min);
  records::Optional(json, "max", band.max);
}

namespace {

void ReadScreening(const Json& json, ScreeningContent& content) {
  using records::Required;
  Required(json, "verdict_rule", content.verdictRule);
  Required(json, "conditions", content.conditions);
  Required(json, "comorbidity_rule", content.comorbidityRule);
  Required(json, "avoid_in_plan", content.avoidInPlan);
  Required(json, "plan_shape", content.planShape);
  Required(json, "abuse_risk_finding", content.abuseRiskFinding);
  Required(json, "tests", content.tests);
  Required(json, "planned_high_dose_frequent", content.plannedHighDoseFrequent);
  Required(json, "no_tests", content.noTests);
  Required(json, "notes", content.notes);
}

void ReadOrt(const Json& json, OrtContent& content) {
  using records::Required;
  Required(json, "id", content.id);
  Required(json, "title", content.title);
  Required(json, "source", content.source);
  Required(json, "items", content.items);
  Required(json, "age_item", content.ageItem);
  Required(json, "bands", content.bands);
  Required(json, "caveat", content.caveat);
}

template <class T, class Read>
T Load(const char* file, Errors& errors, Read read) {
  T content;
  records::ReadRecords(ContentJson(file), file, content, errors, read);
  return content;
}

}  // namespace

bool ReadScreeningContent(const Json& json, ScreeningContent& out, Errors& errors) {
  return records::ReadRecords(json, "screening.json", out, errors, ReadScreening);
}

bool ReadOrtContent(const Json& json, OrtContent& out, Errors& errors) {
  return records::ReadRecords(json, "ort.json", out, errors, ReadOrt);
}

const ConditionRecord* ScreeningContent::FindCondition(const std::string& id) const {
  for (const ConditionRecord& condition : conditions) {
    if (condition.id == id) return &condition;
  }
  return nullptr;
}

const OrtItemRecord* OrtContent::FindItem(const std::string& id) const {
  for (const OrtItemRecord& item : items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

const ScreeningContent& ScreeningRecords() {
  static const ScreeningContent content = [] {
    Errors ignored;  // ValidateScreeningContent reports them; an unread file leaves `loaded` false
    return Load<ScreeningContent>("screening.json", ignored, ReadScreening);
  }();
  return content;
}

const OrtContent& OrtRecords() {
  static const OrtContent content = [] {
    Errors ignored;
    return Load<OrtContent>("ort.json", ignored, ReadOrt);
  }();
  return content;
}

Errors ValidateScreeningContent() {
  Errors errors;
  Load<ScreeningContent>("screening.json", errors, ReadScreening);
  Load<OrtContent>("ort.json", errors, ReadOrt);
  return errors;
}

}  // namespace ketadose
