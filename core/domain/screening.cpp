// Screening: condition ids to findings (content/screening.json), verdict, tests, and the Opioid Risk Tool
// (content/ort.json). Every figure and sentence shown comes from content with its source.
#include "domain/screening.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "content/content_fields.hpp"
#include "api/fields.hpp"

namespace ketadose {

namespace {

using content::ArrayAt;
using content::FindById;
using content::NumberAt;
using content::ObjectAt;
using content::TextsAt;

std::string Text(const Json& record, const char* key) { return content::TextAt(record, key); }

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Unknown or missing levels read as avoid: content that fails to say how serious a condition is must not pass.
Level ParseLevel(const std::string& name) {
  if (name == "caution") return Level::kCaution;
  if (name == "precaution") return Level::kPrecaution;
  return Level::kAvoid;
}

Finding ParseFinding(const Json& record) {
  Finding finding;
  finding.id = Text(record, "id");
  finding.title = Text(record, "title");
  finding.category = Text(record, "category");
  finding.level = ParseLevel(Text(record, "level"));
  finding.grade = Text(record, "grade");
  finding.certainty = Text(record, "certainty");
  finding.reason = Text(record, "reason");
  finding.note = Text(record, "note");
  finding.comorbidity = record.value("comorbidity", false) == true;
  finding.source = ReadSource(record);
  for (const Json& other : ArrayAt(record, "also")) {
    if (other.is_object()) finding.also.push_back(SourceRef{Text(other, "ref"), Text(other, "where")});
  }
  return finding;
}

std::optional<OrtAnswers> ReadOrt(const Json& section, const std::string& parent, const Json& ort,
                                  const Catalog& catalog, Errors& errors) {
  const std::size_t errorsBefore = errors.List().size();
  RejectUnknownKeys(section, parent, {"sex", "items", "age_years"}, errors);
  const auto sex = ReadChoice(section, "sex", parent, {"female", "male"}, errors);
  const auto items = ReadStringArray(section, "items", parent, errors, Presence::kRequired);
  const auto age = ReadNumber(section, "age_years", parent, FieldLabel{"Age", "years"},
                              PlausibleRange(catalog, "age_years"), errors, Presence::kOptional);
  OrtAnswers answers;
  if (items) {
    const std::string ageItem = Text(ObjectAt(ort, "age_item"), "id");
    for (std::size_t index = 0; index < items->size(); ++index) {
      const std::string& id = (*items)[index];
      const std::string path = parent + ".items." + std::to_string(index);
      if (FindById(ArrayAt(ort, "items"), id) == nullptr) {
        errors.Add(path, "\"" + id + "\" is not an Opioid Risk Tool item. Use the item ids listed in the catalog.");
        continue;
      }
      if (age && id == ageItem && !OrtAgeItemApplies(Years(*age), ort)) {
        errors.Add(path, "The age item (16 to 45 years) is ticked, but the age given is " + FormatNumber(*age) +
                             " years. Untick it or correct the age.");
        continue;
      }
      if (!Contains(answers.items, id)) answers.items.push_back(id);
    }
  }
  if (errors.List().size() != errorsBefore || !sex || !items) return std::nullopt;
  answers.sex = *sex == "male" ? Sex::kMale : Sex::kFemale;
  if (age) answers.age = Years(*age);
  return answers;
}

}  // namespace

const char* LevelName(Level level) {
  switch (level) {
    case Level::kAvoid: return "avoid";
    case Level::kCaution: return "caution";
    case Level::kPrecaution: return "precaution";
  }
  return "avoid";
}

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAvoid: return "avoid";
    case Verdict::kCaution: return "caution";
    case Verdict::kProceed: return "proceed";
  }
  return "avoid";
}

const char* OrtBandName(OrtBand band) {
  switch (band) {
    case OrtBand::kLow: return "low";
    case OrtBand::kModerate: return "moderate";
    case OrtBand::kHigh: return "high";
  }
  return "high";
}

namespace {

// Reads conditions and ort at `parent` ("" for the screen action, "screening" inside a plan).
void ReadConditionsAndOrt(const Json& request, const std::string& parent, const Json& screening, const Json& ort,
                          const Catalog& catalog, ScreenRequest& screen, Errors& errors) {
  const std::string prefix = parent.empty() ? "" : parent + ".";
  const auto conditions = ReadStringArray(request, "conditions", parent, errors, Presence::kRequired);
  if (conditions) {
    for (std::size_t index = 0; index < conditions->size(); ++index) {
      const std::string& id = (*conditions)[index];
      if (FindById(ArrayAt(screening, "conditions"), id) == nullptr) {
        errors.Add(prefix + "conditions." + std::to_string(index),
                   "\"" + id + "\" is not a condition this screen knows. Choose one from the catalog's conditions.");
        continue;
      }
      if (!Contains(screen.conditions, id)) screen.conditions.push_back(id);
    }
  }
  if (const Json* section = ReadObject(request, "ort", parent, errors))
    screen.ort = ReadOrt(*section, prefix + "ort", ort, catalog, errors);
}

}  // namespace

std::optional<ScreenRequest> ReadScreenRequest(const Json& request, const Json& screening, const Json& ort,
                                               const Catalog& catalog, Errors& errors) {
  const std::size_t errorsBefore = errors.List().size();
  RejectUnknownKeys(request, "", {"action", "conditions", "planned_high_dose_frequent", "ort"}, errors);
  ScreenRequest screen;
  ReadConditionsAndOrt(request, "", screening, ort, catalog, screen, errors);
  const auto highDose = ReadBool(request, "planned_high_dose_frequent", "", errors);
  screen.plannedHighDoseFrequent = highDose.value_or(false);
  if (errors.List().size() != errorsBefore) return std::nullopt;
  return screen;
}

std::optional<ScreenRequest> ReadPlanScreening(const Json& section, const Json& screening, const Json& ort,
                                               const Catalog& catalog, Errors& errors) {
  const std::size_t errorsBefore = errors.List().size();
  RejectUnknownKeys(section, "screening", {"conditions", "ort"}, errors);
  ScreenRequest screen;
  ReadConditionsAndOrt(section, "screening", screening, ort, catalog, screen, errors);
  if (errors.List().size() != errorsBefore) return std::nullopt;
  return screen;
}

std::vector<std::string> PlanShapeCalls(const std::string& protocolId, std::optional<Hours> infusionDuration,
                                        const Json& screening) {
  std::vector<std::string> calls;
  const Json& shape = ObjectAt(screening, "plan_shape");
  // Without the figure in content nothing is called a multi-day infusion, rather than everything.
  const double multiDayMoreThan =
      NumberAt(shape, "multi_day_infusion_h_more_than", std::numeric_limits<double>::infinity());
  if (infusionDuration && infusionDuration->value() > multiDayMoreThan) calls.emplace_back("multi-day-infusion");
  if (Contains(TextsAt(shape, "series_regimens"), protocolId)) calls.emplace_back("series-regimen");
  return calls;
}

Verdict VerdictFor(const std::vector<Finding>& findings) {
  const auto any = [&](Level level) {
    return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.level == level; });
  };
  if (any(Level::kAvoid)) return Verdict::kAvoid;
  if (any(Level::kCaution) || any(Level::kPrecaution)) return Verdict::kCaution;
  return Verdict::kProceed;
}

std::optional<Finding> FindingFor(const std::string& conditionId, const Json& screening) {
  const Json* record = FindById(ArrayAt(screening, "conditions"), conditionId);
  if (record == nullptr) return std::nullopt;
  return ParseFinding(*record);
}

bool OrtAgeItemApplies(Years age, const Json& ort) {
  // Whole years: someone aged 45 years and 6 months is still "45".
  const double wholeYears = std::floor(age.value());
  const Json& ageItem = ObjectAt(ort, "age_item");
  const double minYears = NumberAt(ageItem, "min_years", 16.0);
  const double maxYears = NumberAt(ageItem, "max_years", 45.0);
  return wholeYears >= minYears && wholeYears <= maxYears;
}

OrtResult ScoreOrt(const OrtAnswers& answers, const Json& ort) {
  OrtResult result;
  const std::string ageItem = Text(ObjectAt(ort, "age_item"), "id");
  std::vector<std::string> applied;
  for (const std::string& id : answers.items) {
    if (answers.age && id == ageItem) continue;  // decided by age_years below
    if (!Contains(applied, id)) applied.push_back(id);
  }
  if (answers.age) {
    result.ageDerived = true;
    if (OrtAgeItemApplies(*answers.age, ort)) applied.push_back(ageItem);
  }
  const char* pointsKey = answers.sex == Sex::kMale ? "points_male" : "points_female";
  // Items are listed and summed in the order of the form.
  for (const Json& item : ArrayAt(ort, "items")) {
    const std::string id = Text(item, "id");
    if (!Contains(applied, id)) continue;
    const int points = static_cast<int>(NumberAt(item, pointsKey, 0.0));
    result.items.push_back(OrtItemScore{id, points});
    result.score += points;
  }
  result.band = OrtBand::kHigh;
  for (const Json& band : ArrayAt(ort, "bands")) {
    const double min = NumberAt(band, "min", 0.0);
    const double max = NumberAt(band, "max", std::numeric_limits<double>::infinity());
    if (result.score >= min && result.score <= max) {
      const std::string id = Text(band, "id");
      result.band = id == "low" ? OrtBand::kLow : id == "moderate" ? OrtBand::kModerate : OrtBand::kHigh;
      break;
    }
  }
  return result;
}

ScreenResult Screen(const ScreenRequest& request, const Json& screening, const Json& ort) {
  ScreenResult result;
  // Which condition (or flag) calls for each test id.
  std::vector<std::pair<std::string, std::string>> testCalls;
  for (const std::string& id : request.conditions) {
    const auto finding = FindingFor(id, screening);
    if (!finding) continue;
    result.findings.push_back(*finding);
    for (const std::string& test : TextsAt(*FindById(ArrayAt(screening, "conditions"), id), "tests")) {
      testCalls.emplace_back(test, id);
    }
  }
  for (const std::string& call : request.planShape) {
    for (const std::string& test : TextsAt(ObjectAt(screening, "plan_shape"), "tests")) testCalls.emplace_back(test, call);
  }
  if (request.plannedHighDoseFrequent) {
    for (const std::string& test : TextsAt(ObjectAt(screening, "planned_high_dose_frequent"), "tests"))
      testCalls.emplace_back(test, "planned_high_dose_frequent");
  }
  if (request.ort) {
    result.ort = ScoreOrt(*request.ort, ort);
    if (result.ort->band == OrtBand::kHigh) {
      result.findings.push_back(ParseFinding(ObjectAt(screening, "abuse_risk_finding")));
    }
  }
  for (const Json& record : ArrayAt(screening, "tests")) {
    RecommendedTest test;
    test.id = Text(record, "id");
    for (const auto& [testId, because] : testCalls) {
      if (testId == test.id && !Contains(test.because, because)) test.because.push_back(because);
    }
    if (test.because.empty()) continue;
    test.title = Text(record, "title");
    test.reason = Text(record, "reason");
    test.source = ReadSource(record);
    result.tests.push_back(test);
  }
  result.verdict = VerdictFor(result.findings);
  return result;
}

}  // namespace ketadose
