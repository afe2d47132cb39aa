// The "guidance" action: what to do during an infusion (pause and stop rules, rescue drugs by problem,
// premedication evidence), straight from content/guidance.json with a source on every item.
#include "actions.hpp"
#include "content_fields.hpp"
#include "ketadose/content.hpp"

namespace ketadose {

namespace {
OrderedJson Ordered(const Json& value) { return OrderedJson::parse(value.dump()); }
}  // namespace

void GuidanceAction(const Json& request, const Catalog& /*catalog*/, OrderedJson& response, Errors& errors) {
  RejectUnknownKeys(request, "", {"action"}, errors);
  if (!errors.Empty()) return;
  const Json& guidance = ContentJson("guidance.json");
  response["rules"] = Ordered(content::ArrayAt(guidance, "rules"));
  response["rescue"] = Ordered(content::ArrayAt(guidance, "rescue"));
  response["premedication"] = Ordered(content::ObjectAt(guidance, "premedication"));
}

}  // namespace ketadose
