// The clinical catalog a request is evaluated against: the built-in content as typed records (records.hpp),
// optionally overlaid by a site configuration (site.hpp). JSON-free: the content's JSON, which the catalog
// response returns as it stands, is reached only through content/catalog_json.hpp by content and api code.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/range.hpp"
#include "content/records.hpp"

namespace ketadose {

struct CatalogDocuments;  // catalog_json.hpp

// The site configuration in force (its differences from the guideline are listed in the catalog response).
struct SiteInForce {
  std::string institution;
  std::string approval;
  std::string checksum;  // SHA-256 of the exact site.json text
  bool qualityLog = true;
};

struct Catalog {
  std::vector<Regimen> regimens;  // content/regimens.json, less any a site hides
  Rules rules;                    // content/rules.json, with a site's changes
  std::optional<SiteInForce> site;  // nullopt: the built-in defaults
  std::string defaultDosingWeight = "actual";
  // The same content as JSON documents, for the catalog response and the JSON-side readers (catalog_json.hpp).
  std::shared_ptr<const CatalogDocuments> documents;
};

// The built-in catalog compiled from content/ (built once; the content is checked when the core is built).
const Catalog& DefaultCatalog();

// The regimen with this id, or nullptr.
const Regimen* FindRegimen(const Catalog& catalog, std::string_view id);

// The accepted range of an input named in rules.json "input_plausibility" (e.g. "weight_kg").
Range PlausibleRange(const Catalog& catalog, const std::string& name);

}  // namespace ketadose
