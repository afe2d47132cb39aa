// The JSON API: the single entry point the CLI and the wasm module share (contract in docs/design.md).
#pragma once

#include <string>
#include <string_view>


namespace ketadose {

struct Catalog;
class Errors;

// Exit status of a request: 0 computed (alerts may be present), 2 rejected (errors), 1 internal fault.
enum class Outcome { kComputed = 0, kInternalFault = 1, kRejected = 2 };

struct ApiResult {
  std::string json;  // the response document, one line, UTF-8
  Outcome outcome;
};

// Handles one request document. Never throws. A request may carry "site": "<text of site.json>" to be
// evaluated under that site configuration (see site.hpp); a broken one rejects the request field by field.
ApiResult Handle(std::string_view requestJson);

// As Handle, under the site configuration text `siteJson` (the CLI's --site FILE).
ApiResult Handle(std::string_view requestJson, std::string_view siteJson);

// As Handle, under an already-validated catalog (a Session's applied site configuration, session.hpp). A request
// carrying "site" is rejected on that field: the catalog given cannot be replaced or removed by a request.
ApiResult Handle(std::string_view requestJson, const Catalog& catalog);

// The catalog Handle(request, siteText) evaluates under: the site configuration applied to the built-in catalog
// (ApplySite, site.hpp), once per distinct text, as Handle applies it. Returns nullptr, with the refusal's errors
// added, for a refused text. The catalog stays valid until this thread applies another text (through this or
// Handle): for a caller that checks a site's catalog and then asks Handle about the same text (site_fuzz).
const Catalog* SiteCatalog(std::string_view siteText, Errors& errors);

// The response document of a rejection with these field errors ({"ok":false,"errors":[...]}).
ApiResult RejectedResult(const Errors& errors);

// Handle(request).json: the form the wasm binding exposed before setSite (session.hpp).
std::string Api(std::string_view requestJson);

}  // namespace ketadose
