// libFuzzer target: arbitrary bytes as a hospital's site.json (the --site FILE of the CLI, "site" in a request).
// The validator must accept it with no errors or refuse it with errors that name site fields; plans evaluated
// under an accepted site keep the API invariants; and no site can unlock an anaesthetic-range infusion (the
// sub-anaesthetic scope is not a site setting).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "invariants.hpp"
#include "api/plan_io.hpp"
#include "content/catalog_json.hpp"
#include "api/api.hpp"
#include "content/catalog.hpp"
#include "base/errors.hpp"
#include "content/site.hpp"

namespace {

// The worked example of the design (70 kg, 0.35 mg/kg bolus, 0.5 mg/kg/h for 4 h).
constexpr const char* kWorkedExample =
    R"({"action":"plan","protocol":"chronic-iv-outpatient","patient":{"weight":70,"height_cm":175,"sex":"male"},)"
    R"("bolus":{"dose_mg_per_kg":0.35,"concentration_mg_per_ml":10,"over_min":10},)"
    R"("infusion":{"rate_mg_per_kg_per_h":0.5,"duration_h":4,"concentration_mg_per_ml":1}})";
// 8.333 ug/kg/min typed as mg/kg/h: 8.333 mg/kg/h is an anaesthetic rate whatever the site says.
constexpr const char* kAnaestheticSlip =
    R"({"action":"plan","protocol":"chronic-iv-outpatient","patient":{"weight":70},"dosing_weight":"actual",)"
    R"("infusion":{"rate_mg_per_kg_per_h":8.333,"duration_h":4,"concentration_mg_per_ml":1},)"
    R"("acknowledged":["above-protocol-range","monitored-setting-required"]})";

[[noreturn]] void Broken(const std::string& what, std::string_view site, const std::string& response) {
  ketadose::invariants::Abort(what, "site", site, response);
}

// True when a rejected response names a site field: the site was refused. A plan can also be refused for
// reasons of its own under a valid site (the site hides its regimen, doses on adjusted weight without a height):
// that is not a disagreement about the site.
bool RefusedForTheSite(const ketadose::invariants::Json& response) {
  for (const auto& error : response.value("errors", ketadose::invariants::Json::array())) {
    if (error.value("field", "").rfind("site", 0) == 0) return true;
  }
  return false;
}

// Under an accepted site, every absolute limit (hard_max, cap) of every regimen is at most the guideline's.
std::string RaisedAbsoluteLimit(const ketadose::Catalog& applied) {
  for (const auto& regimen : ketadose::Documents(ketadose::DefaultCatalog()).regimens) {
    const std::string id = regimen.value("id", "");
    const ketadose::Json* mine = ketadose::RegimenDocument(applied, id);
    if (mine == nullptr) continue;  // hidden
    for (const char* part : {"bolus", "infusion", "repeated"}) {
      if (!regimen.contains(part)) continue;
      for (auto limit = regimen[part].begin(); limit != regimen[part].end(); ++limit) {
        const auto before = ketadose::RegimenLimit(regimen, part, limit.key().c_str());
        const auto after = ketadose::RegimenLimit(*mine, part, limit.key().c_str());
        if (!before || !after) continue;
        if (before->hardMax && (!after->hardMax || *after->hardMax > *before->hardMax)) {
          return id + "." + part + "." + limit.key() + ".hard_max";
        }
        if (before->cap && (!after->cap || *after->cap > *before->cap)) return id + "." + part + "." + limit.key() + ".cap";
      }
    }
  }
  return "";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using ketadose::invariants::Json;
  const std::string_view site(reinterpret_cast<const char*>(data), size);
  ketadose::Errors errors;
  // The site applied as Handle applies it (ApplySite, once per distinct text): the requests below, under the same
  // text, are evaluated under this very catalog rather than the site being validated and applied again.
  const ketadose::Catalog* catalog = ketadose::SiteCatalog(site, errors);
  if ((catalog != nullptr) != errors.Empty()) Broken("ApplySite returned a catalog and errors, or neither", site, "");
  for (const ketadose::FieldError& error : errors.List()) {
    if (error.field.rfind("site", 0) != 0 || error.message.empty()) {
      Broken("a site error that does not name a site field: " + error.field, site, "");
    }
  }
  if (catalog) {
    const std::string raised = RaisedAbsoluteLimit(*catalog);
    if (!raised.empty()) Broken("an accepted site raised or removed the absolute limit " + raised, site, "");
  }
  // An empty site text means "no site": the built-in defaults apply, and nothing is refused for the site.
  const bool siteValid = site.empty() || catalog != nullptr;
  // The steps the plans are checked against, from the catalog applied above (not applied again per request).
  const ketadose::invariants::Steps steps =
      catalog ? ketadose::invariants::StepsOf(*catalog) : ketadose::invariants::DefaultSteps();
  ketadose::ApiResult slip{"", ketadose::Outcome::kRejected};
  Json slipResponse;
  // Each request with its action; each response is parsed once, for the invariants and for the checks here.
  const std::pair<const char*, const char*> requests[] = {
      {kWorkedExample, "plan"}, {kAnaestheticSlip, "plan"}, {R"({"action":"site-check"})", "site-check"}};
  for (const auto& [request, action] : requests) {
    const ketadose::ApiResult result = ketadose::Handle(request, site);
    std::string broken;
    Json response = ketadose::invariants::ParseResponse(result, broken);
    if (broken.empty()) broken = ketadose::invariants::CheckParsedResponse(result, response, action, steps);
    if (!broken.empty()) Broken(broken, site, result.json);
    const bool refusedForSite = result.outcome == ketadose::Outcome::kRejected && RefusedForTheSite(response);
    if (siteValid == refusedForSite) {
      Broken(siteValid ? "the API refused a site that ApplySite accepts" : "the API used a site that ApplySite refuses",
             site, result.json);
    }
    if (request == kAnaestheticSlip) {
      slip = result;
      slipResponse = std::move(response);
    }
  }
  if (siteValid) {
    // Whatever the site, the anaesthetic slip gets no plan that is not blocked by the hard anaesthetic-range alert
    // (a refusal for another reason, such as a hidden regimen, gives no dose at all and is fine too).
    // (The slip's response is the one checked in the loop above: the core keeps no state, api_fuzz checks that.)
    const Json& response = slipResponse;
    bool anaesthetic = false;
    for (const auto& alert : response.value("alerts", Json::array())) {
      anaesthetic =
          anaesthetic || (alert.value("code", "") == "anesthetic-range" && alert.value("severity", "") == "hard");
    }
    if (slip.outcome == ketadose::Outcome::kComputed && (!response.value("blocked", false) || !anaesthetic)) {
      Broken("a site unlocked an anaesthetic infusion", site, slip.json);
    }
  }
  return 0;
}
