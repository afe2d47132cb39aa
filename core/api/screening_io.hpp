// Internal: the screen action's JSON edge. Reads a screen request (or a plan's "screening" object) into a typed
// ScreenRequest, and writes findings, tests, notes and the Opioid Risk Tool (screen action and plan).
#pragma once

#include <optional>
#include <vector>

#include "api/actions.hpp"
#include "domain/screening.hpp"

namespace ketadose {

// Reads a screen request against the condition ids of content/screening.json and the item ids of
// content/ort.json. Unknown condition ids are errors at "conditions.N"; ORT errors at "ort.<field>".
std::optional<ScreenRequest> ReadScreenRequest(const Json& request, const Catalog& catalog, Errors& errors);

// The same answers as a plan's "screening" object: {conditions, ort?}; errors at "screening.<field>".
std::optional<ScreenRequest> ReadPlanScreening(const Json& section, const Catalog& catalog, Errors& errors);

// The screen action's response fields, written into `response`.
void PutScreenResult(const ScreenResult& result, OrderedJson& response);

OrderedJson FindingJson(const Finding& finding);
OrderedJson NoteJson(const NoteRecord& record);
OrderedJson OrtJson(const OrtResult& result, const OrtContent& ort);
OrderedJson TestsJson(const std::vector<RecommendedTest>& tests);

}  // namespace ketadose
