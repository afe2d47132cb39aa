// The "screen" action: conditions (and optionally the Opioid Risk Tool) in; findings, verdict and tests out.
#include "actions.hpp"
#include "content_fields.hpp"
#include "ketadose/content.hpp"
#include "ketadose/screening.hpp"

namespace ketadose {

namespace {

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
  if (!finding.also.empty()) {
    item["also"] = OrderedJson::array();
    for (const SourceRef& other : finding.also) {
      OrderedJson ref;
      PutSource(ref, other);
      item["also"].push_back(ref);
    }
  }
  return item;
}

OrderedJson NoteJson(const Json& record) {
  OrderedJson note;
  if (!content::TextAt(record, "id").empty()) note["id"] = content::TextAt(record, "id");
  note["text"] = content::TextAt(record, "text");
  PutSource(note, ReadSource(record));
  return note;
}

OrderedJson OrtJson(const OrtResult& result, const Json& ort) {
  OrderedJson out;
  out["tool"] = content::TextAt(ort, "title");
  out["score"] = result.score;
  out["band"] = OrtBandName(result.band);
  out["items"] = OrderedJson::array();
  for (const OrtItemScore& item : result.items) {
    out["items"].push_back(OrderedJson{{"id", item.id}, {"points", item.points}});
  }
  out["age_derived"] = result.ageDerived;
  PutSource(out, ReadSource(ort));
  out["caveat"] = NoteJson(content::ObjectAt(ort, "caveat"));
  return out;
}

}  // namespace

void ScreenAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors) {
  const Json& screening = ContentJson("screening.json");
  const Json& ort = ContentJson("ort.json");
  const auto screen = ReadScreenRequest(request, screening, ort, catalog, errors);
  if (!screen) return;
  const ScreenResult result = Screen(*screen, screening, ort);

  response["verdict"] = VerdictName(result.verdict);
  response["verdict_rule"] = NoteJson(content::ObjectAt(screening, "verdict_rule"));
  response["findings"] = OrderedJson::array();
  for (const Finding& finding : result.findings) response["findings"].push_back(FindingJson(finding));
  response["tests"] = OrderedJson::array();
  for (const RecommendedTest& test : result.tests) {
    OrderedJson item;
    item["id"] = test.id;
    item["title"] = test.title;
    item["reason"] = test.reason;
    item["because"] = test.because;
    PutSource(item, test.source);
    response["tests"].push_back(item);
  }
  if (result.tests.empty()) response["tests_note"] = NoteJson(content::ObjectAt(screening, "no_tests"));
  if (result.ort) response["ort"] = OrtJson(*result.ort, ort);
  response["notes"] = OrderedJson::array();
  for (const Json& note : content::ArrayAt(screening, "notes")) response["notes"].push_back(NoteJson(note));
}

}  // namespace ketadose
