// Internal: JSON for screening findings, tests, notes and the Opioid Risk Tool (screen action and plan).
#pragma once

#include <vector>

#include "api/actions.hpp"
#include "domain/screening.hpp"

namespace ketadose {

OrderedJson FindingJson(const Finding& finding);
OrderedJson NoteJson(const Json& record);
OrderedJson OrtJson(const OrtResult& result, const Json& ort);
OrderedJson TestsJson(const std::vector<RecommendedTest>& tests);

}  // namespace ketadose
