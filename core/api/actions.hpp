// Internal: the action handlers behind the JSON API. One handler per action, each in its own file.
#pragma once

#include <string>
#include <vector>

#include "json/fields.hpp"
#include "content/alert_titles.hpp"
#include "content/catalog.hpp"
#include "base/errors.hpp"

namespace ketadose {

using OrderedJson = Json;  // the responses' name for the core's one JSON type

// A handler fills `response` (after "ok":true) or adds to `errors`; it never throws for bad input.
using ActionHandler = void (*)(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors);

void PlanAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors);
void CatalogAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors);
void SiteCheckAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors);
void PumpCheckAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors);
void ScreenAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors);
void AssessAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors);
void GuidanceAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors);
void SimulateAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors);
void TargetAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors);
// Education (content/education/): evidence topics, worked examples, quiz and case drills.
void EvidenceAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors);
void ExamplesAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors);
void QuizAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors);
void QuizAnswerAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors);
void DrillsAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors);
void DrillCheckAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors);

struct Alert;
// Serialises guardrail alerts; a soft alert carries its ack_key (AckKey) and, when that key is in `acknowledged`,
// is marked acknowledged.
OrderedJson AlertsJson(const std::vector<Alert>& alerts, const std::vector<std::string>& acknowledged);


// A refusal: {"ok": false, "errors": [{"field", "message"}, ...]}, the body of every rejected request
// (api.cpp) and of a worked example that could not be computed (education.cpp).
OrderedJson RejectedJson(const Errors& errors);

// Serialises a source reference as {"source": ref, "where": section}.
void PutSource(OrderedJson& object, const SourceRef& source);

}  // namespace ketadose
