// The "catalog" action: what the page needs to build its menus, straight from content.
#include "actions.hpp"
#include "ketadose/content.hpp"
#include "ketadose/education.hpp"
#include "ketadose/pk_model.hpp"

namespace ketadose {

namespace {
OrderedJson Ordered(const Json& value) { return OrderedJson::parse(value.dump()); }
}  // namespace

void CatalogAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors) {
  RejectUnknownKeys(request, "", {"action"}, errors);
  if (!errors.Empty()) return;
  response["content_version"] = ContentJson("meta.json").value("content_version", "");
  response["site"] = Ordered(catalog.site);
  response["default_dosing_weight"] = catalog.defaultDosingWeight;
  response["regimens"] = Ordered(catalog.regimens);
  response["rules"] = Ordered(catalog.rules);
  response["references"] = Ordered(catalog.references);
  response["conditions"] = Ordered(ContentJson("screening.json").value("conditions", Json::array()));
  response["ort"] = Ordered(ContentJson("ort.json"));
  response["guidance"] = Ordered(ContentJson("guidance.json"));
  response["models"] = Ordered(PkModelCatalog());
  response["alert_titles"] = Ordered(ContentJson("alerts.json").value("titles", Json::object()));
  response["evidence"] = OrderedJson::array();  // the education topics, for the page's menus
  for (const Json& topic : ContentList("education/evidence.json", "topics")) {
    response["evidence"].push_back(OrderedJson{{"id", topic.value("id", "")}, {"title", topic.value("title", "")}});
  }
}

}  // namespace ketadose
