// The screen action's JSON edge: request readers (screen action and a plan's "screening") and the writers of
// findings, tests, notes and the ORT. Content comes from the typed records (content/screening_records.hpp).
#include "api/screening_io.hpp"

#include <algorithm>
#include <utility>

#include "json/fields.hpp"
#include "content/catalog_json.hpp"
#include "content/content_fields.hpp"
#include "content/content.hpp"

namespace ketadose {

namespace {

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// A content file that failed its check (never in a build that passed the content tests) refuses visibly.
bool RecordsReady(Errors& errors) {
  if (ScreeningRecords().loaded && OrtRecords().loaded) return true;
  errors.Add("", "This build's screening content (content/screening.json, content/ort.json) failed its check, so "
                 "no screen can be given. Rebuild from a release that passed its tests.");
  return false;
}

std::optional<OrtAnswers> ReadOrt(const Json& section, const std::string& parent, const Catalog& catalog,
                                  Errors& errors) {
  const OrtContent& ort = OrtRecords();
  const std::size_t errorsBefore = errors.List().size();
  RejectUnknownKeys(section, parent, {"sex", "items", "age_years"}, errors);
  const auto sex = ReadChoice(section, "sex", parent, {"female", "male"}, errors);
  const auto items = ReadStringArray(section, "items", parent, errors, Presence::kRequired);
  const auto age = ReadNumber(section, "age_years", parent, FieldLabel{"Age", "years"},
                              PlausibleRange(catalog, "age_years"), errors, Presence::kOptional);
  OrtAnswers answers;
  if (items) {
    answers.items.reserve(items->size());
    for (std::size_t index = 0; index < items->size(); ++index) {
      const std::string& id = (*items)[index];
      const std::string path = parent + ".items." + std::to_string(index);
      if (ort.FindItem(id) == nullptr) {
        errors.Add(path, "\"" + id + "\" is not an Opioid Risk Tool item. Use the item ids listed in the catalog.");
        continue;
      }
      if (age && id == ort.ageItem.id && !OrtAgeItemApplies(Years(*age), ort)) {
        errors.Add(path, "The age item (16 to 45 years) is ticked, but the age given is " + FormatNumber(*age) +
                             " years. Untick it or correct the age.");
        continue;
      }
      if (!Contains(answers.items, id)) answers.items.push_back(id);
    }
  }
  if (errors.List().size() != errorsBefore || !sex || !items) return std::nullopt;
  answers.sex = *sex == "male" ? OrtSex::kMale : OrtSex::kFemale;
  if (age) answers.age = Years(*age);
  return answers;
}

// Reads conditions and ort at `parent` ("" for the screen action, "screening" inside a plan).
void ReadConditionsAndOrt(const Json& request, const std::string& parent, const Catalog& catalog,
                          ScreenRequest& screen, Errors& errors) {
  const ScreeningContent& screening = ScreeningRecords();
  const std::string prefix = parent.empty() ? "" : parent + ".";
  const auto conditions = ReadStringArray(request, "conditions", parent, errors, Presence::kRequired);
  if (conditions) {
    screen.conditions.reserve(conditions->size());
    for (std::size_t index = 0; index < conditions->size(); ++index) {
      const std::string& id = (*conditions)[index];
      if (screening.FindCondition(id) == nullptr) {
        errors.Add(prefix + "conditions." + std::to_string(index),
                   "\"" + id + "\" is not a condition this screen knows. Choose one from the catalog's conditions.");
        continue;
      }
      if (!Contains(screen.conditions, id)) screen.conditions.push_back(id);
    }
  }
  if (const Json* section = ReadObject(request, "ort", parent, errors))
    screen.ort = ReadOrt(*section, prefix + "ort", catalog, errors);
}

}  // namespace

std::optional<ScreenRequest> ReadScreenRequest(const Json& request, const Catalog& catalog, Errors& errors) {
  const std::size_t errorsBefore = errors.List().size();
  RejectUnknownKeys(request, "", {"action", "conditions", "planned_high_dose_frequent", "ort"}, errors);
  if (!RecordsReady(errors)) return std::nullopt;
  ScreenRequest screen;
  ReadConditionsAndOrt(request, "", catalog, screen, errors);
  const auto highDose = ReadBool(request, "planned_high_dose_frequent", "", errors);
  screen.plannedHighDoseFrequent = highDose.value_or(false);
  if (errors.List().size() != errorsBefore) return std::nullopt;
  return screen;
}

std::optional<ScreenRequest> ReadPlanScreening(const Json& section, const Catalog& catalog, Errors& errors) {
  const std::size_t errorsBefore = errors.List().size();
  RejectUnknownKeys(section, "screening", {"conditions", "ort"}, errors);
  if (!RecordsReady(errors)) return std::nullopt;
  ScreenRequest screen;
  ReadConditionsAndOrt(section, "screening", catalog, screen, errors);
  if (errors.List().size() != errorsBefore) return std::nullopt;
  return screen;
}

void PutScreenResult(const ScreenResult& result, OrderedJson& response) {
  const ScreeningContent& screening = ScreeningRecords();
  response["verdict"] = VerdictName(result.verdict);
  response["verdict_rule"] = NoteJson(screening.verdictRule);
  OrderedJson findings = OrderedJson::array();
  for (const Finding& finding : result.findings) findings.push_back(FindingJson(finding));
  response["findings"] = std::move(findings);
  response["tests"] = TestsJson(result.tests);
  if (result.tests.empty()) response["tests_note"] = NoteJson(screening.noTests);
  if (result.ort) response["ort"] = OrtJson(*result.ort, OrtRecords());
  OrderedJson notes = OrderedJson::array();
  for (const NoteRecord& note : screening.notes) notes.push_back(NoteJson(note));
  response["notes"] = std::move(notes);
}

OrderedJson FindingJson(const Finding& finding) {
  OrderedJson item;
  item["id"] = finding.id;
  item["title"] = finding.title;
  item["category"] = finding.category;
  item["level"] = LevelName(finding.level);
  if (!finding.grade.empty()) item["grade"] = finding.grade;
  if (!finding.certainty.empty()) item["certainty"] = finding.certainty;
  item["reason"] = finding.reason;
  PutSource(item, finding.source);
  if (!finding.note.empty()) item["note"] = finding.note;
  if (finding.comorbidity) item["comorbidity"] = true;
  if (!finding.also.empty()) {
    OrderedJson also = OrderedJson::array();
    for (const SourceRef& other : finding.also) {
      OrderedJson ref;
      PutSource(ref, other);
      also.push_back(std::move(ref));
    }
    item["also"] = std::move(also);
  }
  return item;
}

OrderedJson NoteJson(const NoteRecord& record) {
  OrderedJson note;
  if (!record.id.empty()) note["id"] = record.id;
  note["text"] = record.text;
  PutSource(note, record.source);
  return note;
}

OrderedJson OrtJson(const OrtResult& result, const OrtContent& ort) {
  OrderedJson out;
  out["tool"] = ort.title;
  out["score"] = result.score;
  out["band"] = OrtBandName(result.band);
  OrderedJson items = OrderedJson::array();
  for (const OrtItemScore& score : result.items) {
    OrderedJson item;
    item["id"] = score.id;
    item["points"] = score.points;
    items.push_back(std::move(item));
  }
  out["items"] = std::move(items);
  out["age_derived"] = result.ageDerived;
  PutSource(out, ort.source);
  out["caveat"] = NoteJson(ort.caveat);
  return out;
}

OrderedJson TestsJson(const std::vector<RecommendedTest>& tests) {
  OrderedJson list = OrderedJson::array();
  for (const RecommendedTest& test : tests) {
    OrderedJson item;
    item["id"] = test.id;
    item["title"] = test.title;
    item["reason"] = test.reason;
    item["because"] = test.because;
    PutSource(item, test.source);
    list.push_back(std::move(item));
  }
  return list;
}

}  // namespace ketadose
