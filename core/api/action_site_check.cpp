// The "site-check" action: validates a site configuration ("site" in the request) and lists every place it
// differs from the guideline defaults, for the diff page and for IT teams checking a new site.json.
#include "api/actions.hpp"
#include "content/catalog_json.hpp"

namespace ketadose {

void SiteCheckAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors) {
  RejectUnknownKeys(request, "", {"action"}, errors);
  if (!errors.Empty()) return;
  response["site"] = Documents(catalog).site;
  response["using_defaults"] = !catalog.site.has_value();
}

}  // namespace ketadose
