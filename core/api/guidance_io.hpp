// Internal: in-infusion guidance scoped by regimen (content/guidance.json), for the guidance action and the plan.
#pragma once

#include <string>

#include "api/actions.hpp"

namespace ketadose {

// The rules whose "regimens" list names `protocolId` (a rule with no list applies to every regimen).
OrderedJson GuidanceRulesFor(const std::string& protocolId);

// The take-home safety notes when a plan (or regimen) has repeated ketamine or S-ketamine doses; else [].
OrderedJson TakeHomeNotesFor(const Regimen& regimen, bool hasRepeatedDoses);

// The plan's "guidance": {protocol, rules [{id, source}], take_home [{id, source}]}: which of the catalog's
// guidance records apply to this plan, named by id; their words and the scope note are the catalog's.
OrderedJson PlanGuidanceJson(const std::string& protocolId, const Regimen& regimen, bool hasRepeatedDoses);

}  // namespace ketadose
