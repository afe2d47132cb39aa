// Serialising screening results: findings, tests, notes and the ORT, for the screen action and the plan.
#include "api/screening_io.hpp"

#include "content/catalog_json.hpp"
#include "content/content_fields.hpp"
#include "content/content.hpp"

namespace ketadose {

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


OrderedJson TestsJson(const std::vector<RecommendedTest>& tests) {
  OrderedJson list = OrderedJson::array();
  for (const RecommendedTest& test : tests) {
    OrderedJson item;
    item["id"] = test.id;
    item["title"] = test.title;
    item["reason"] = test.reason;
    item["because"] = test.because;
    PutSource(item, test.source);
    list.push_back(item);
  }
  return list;
}

}  // namespace ketadose
