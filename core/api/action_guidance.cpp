// The "guidance" action: what to do during an infusion (pause, slow and stop rules, rescue drugs by problem,
// premedication evidence), straight from content/guidance.json with a source on every item. With a protocol,
// only the rules that regimen's sources give, and its take-home notes.
#include <algorithm>
#include <vector>

#include "api/actions.hpp"
#include "content/content_fields.hpp"
#include "api/guidance_io.hpp"
#include "content/content.hpp"
#include "json/fields.hpp"

namespace ketadose {

namespace {

const Json& Guidance() { return ContentJson("guidance.json"); }

bool AppliesTo(const Json& rule, const std::string& protocolId) {
  if (!rule.contains("regimens")) return true;
  const auto regimens = content::TextsAt(rule, "regimens");
  return std::find(regimens.begin(), regimens.end(), protocolId) != regimens.end();
}

// The content's rules that apply to `protocolId`, in content order.
std::vector<const Json*> RulesFor(const std::string& protocolId) {
  std::vector<const Json*> rules;
  for (const Json& rule : content::ArrayAt(Guidance(), "rules")) {
    if (AppliesTo(rule, protocolId)) rules.push_back(&rule);
  }
  return rules;
}

// The content's take-home notes when a plan (or regimen) has repeated ketamine or S-ketamine doses; else null.
const Json* TakeHomeNotes(const Regimen& regimen, bool hasRepeatedDoses) {
  const Json& takeHome = content::ObjectAt(Guidance(), "take_home");
  const auto drugs = content::TextsAt(takeHome, "drugs");
  const bool ketamine = std::find(drugs.begin(), drugs.end(), regimen.drug) != drugs.end();
  return hasRepeatedDoses && ketamine ? &content::ArrayAt(takeHome, "notes") : nullptr;
}

// A rule or note named by its id, with its source: the plan says which of the catalog's records apply.
OrderedJson Reference(const Json& record) {
  OrderedJson out;
  out["id"] = record.at("id");
  out["source"] = record.at("source");
  return out;
}

}  // namespace

OrderedJson GuidanceRulesFor(const std::string& protocolId) {
  OrderedJson rules = OrderedJson::array();
  for (const Json* rule : RulesFor(protocolId)) rules.push_back(*rule);
  return rules;
}

OrderedJson TakeHomeNotesFor(const Regimen& regimen, bool hasRepeatedDoses) {
  const Json* notes = TakeHomeNotes(regimen, hasRepeatedDoses);
  return notes ? OrderedJson(*notes) : OrderedJson::array();
}

OrderedJson PlanGuidanceJson(const std::string& protocolId, const Regimen& regimen, bool hasRepeatedDoses) {
  OrderedJson guidance;
  guidance["protocol"] = protocolId;
  OrderedJson rules = OrderedJson::array();
  for (const Json* rule : RulesFor(protocolId)) rules.push_back(Reference(*rule));
  guidance["rules"] = std::move(rules);
  OrderedJson takeHome = OrderedJson::array();
  if (const Json* notes = TakeHomeNotes(regimen, hasRepeatedDoses)) {
    for (const Json& note : *notes) takeHome.push_back(Reference(note));
  }
  guidance["take_home"] = std::move(takeHome);
  return guidance;
}

void GuidanceAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors) {
  RejectUnknownKeys(request, "", {"action", "protocol"}, errors);
  const auto protocol = ReadString(request, "protocol", "", errors, Presence::kOptional);
  const Regimen* regimen = protocol ? FindRegimen(catalog, *protocol) : nullptr;
  if (protocol && regimen == nullptr) {
    errors.Add("protocol", "\"" + *protocol + "\" is not a regimen in the catalog. Choose one of the catalog's regimens.");
  }
  if (!errors.Empty()) return;
  const Json& guidance = Guidance();
  if (protocol) {
    response["protocol"] = *protocol;
    response["rules"] = GuidanceRulesFor(*protocol);
    response["take_home"] = TakeHomeNotesFor(*regimen, regimen->repeated.has_value());
  } else {
    response["rules"] = content::ArrayAt(guidance, "rules");
    response["take_home"] = content::ArrayAt(content::ObjectAt(guidance, "take_home"), "notes");
  }
  response["scope_note"] = content::ObjectAt(guidance, "scope_note");
  response["rescue"] = content::ArrayAt(guidance, "rescue");
  response["premedication"] = content::ObjectAt(guidance, "premedication");
}

}  // namespace ketadose
