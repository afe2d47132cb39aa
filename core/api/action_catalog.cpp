// The "catalog" action: what the page needs to build its menus, straight from content.
#include "api/actions.hpp"
#include "content/build.hpp"
#include "content/catalog_json.hpp"
#include "content/content.hpp"
#include "api/education.hpp"
#include "api/simulation_io.hpp"

namespace ketadose {

// Content is already parsed as ordered JSON (Json and OrderedJson are one type): it is copied in, never dumped and
// parsed again. Handle() builds the answer without a site once and reuses it.
void CatalogAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors) {
  RejectUnknownKeys(request, "", {"action"}, errors);
  if (!errors.Empty()) return;
  response["content_version"] = ContentJson("meta.json").value("content_version", "");
  response["content_hash"] = ContentHash();  // printed on every plan beside the version
  response["core_build"] = CoreBuildId();    // the page refuses to run beside a core of another build
  const CatalogDocuments& documents = Documents(catalog);
  response["site"] = documents.site;
  response["default_dosing_weight"] = catalog.defaultDosingWeight;
  response["regimens"] = documents.regimens;
  response["rules"] = documents.rules;
  response["references"] = documents.references;
  response["conditions"] = ContentJson("screening.json").value("conditions", Json::array());
  response["ort"] = ContentJson("ort.json");
  response["guidance"] = ContentJson("guidance.json");
  response["monitoring"] = ContentJson("monitoring.json");  // the items a plan's monitoring names by id
  response["models"] = PkModelCatalog();
  response["alert_titles"] = ContentJson("alerts.json").value("titles", Json::object());
  response["evidence"] = OrderedJson::array();  // the education topics, for the page's menus
  for (const EvidenceTopic& topic : EvidenceTopics()) {
    response["evidence"].push_back(OrderedJson{{"id", topic.id}, {"title", topic.title}});
  }
}

}  // namespace ketadose
