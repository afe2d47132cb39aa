// Internal to content and api .cpp files: the catalog's content as JSON documents (what the catalog response
// returns) and how the typed records are built from them. Domain code never includes this.
#pragma once

#include <string_view>

#include "content/catalog.hpp"
#include "content/records_json.hpp"

namespace ketadose {

struct CatalogDocuments {
  Json regimens;    // content/regimens.json "regimens" array (with a site's marks and hidden regimens removed)
  Json rules;       // content/rules.json
  Json references;  // content/references.json "references" array
  // null for the built-in defaults, else {institution, approval, differences:[{path, kind, default, site}],
  // quality_log, checksum} (see site.hpp).
  Json site;
};

const CatalogDocuments& Documents(const Catalog& catalog);

// The regimen's JSON record with this id, or nullptr.
const Json* RegimenDocument(const Catalog& catalog, std::string_view id);

// Builds the catalog's typed records from `documents` and keeps them; throws ContentError naming the field.
void BuildRecords(Catalog& catalog, CatalogDocuments documents);

// The "source" object of a content record.
SourceRef ReadSource(const Json& record);

// The limit record regimen[part][key] (e.g. "infusion", "rate_mg_per_kg_per_h"), if the regimen states one,
// read by the same from_json as the typed records (throws ContentError on a malformed record).
std::optional<Limit> RegimenLimit(const Json& regimen, const char* part, const char* key);

}  // namespace ketadose
