// The "screen" action: conditions (and optionally the Opioid Risk Tool) in; findings, verdict and tests out.
#include "api/actions.hpp"
#include "content/content_fields.hpp"
#include "content/content.hpp"
#include "domain/screening.hpp"
#include "api/screening_io.hpp"

namespace ketadose {


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
  response["tests"] = TestsJson(result.tests);
  if (result.tests.empty()) response["tests_note"] = NoteJson(content::ObjectAt(screening, "no_tests"));
  if (result.ort) response["ort"] = OrtJson(*result.ort, ort);
  response["notes"] = OrderedJson::array();
  for (const Json& note : content::ArrayAt(screening, "notes")) response["notes"].push_back(NoteJson(note));
}

}  // namespace ketadose
