// libFuzzer target: arbitrary bytes as a hospital's site.json (the --site FILE of the CLI, "site" in a request).
// The validator must accept it with no errors or refuse it with errors that name site fields; plans evaluated
// under an accepted site keep the API invariants; and no site can unlock an anaesthetic-range infusion (the
// sub-anaesthetic scope is not a site setting).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "invariants.hpp"
#include "ketadose/api.hpp"
#include "ketadose/catalog.hpp"
#include "ketadose/errors.hpp"
#include "ketadose/site.hpp"

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
  std::fprintf(stderr, "INVARIANT BROKEN: %s\nsite: %.*s\nresponse: %s\n", what.c_str(), static_cast<int>(site.size()),
               site.data(), response.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view site(reinterpret_cast<const char*>(data), size);
  ketadose::Errors errors;
  const auto catalog = ketadose::ApplySite(ketadose::DefaultCatalog(), site, errors);
  if (catalog.has_value() != errors.Empty()) Broken("ApplySite returned a catalog and errors, or neither", site, "");
  for (const ketadose::FieldError& error : errors.List()) {
    if (error.field.rfind("site", 0) != 0 || error.message.empty()) {
      Broken("a site error that does not name a site field: " + error.field, site, "");
    }
  }
  for (const char* request : {kWorkedExample, kAnaestheticSlip, R"({"action":"site-check"})"}) {
    const ketadose::ApiResult result = ketadose::Handle(request, site);
    const std::string broken = ketadose::invariants::CheckResponse(result, ketadose::invariants::ActionOf(request));
    if (!broken.empty()) Broken(broken, site, result.json);
    // An empty site text means "no site": the built-in defaults apply.
    if (!site.empty() && (result.outcome == ketadose::Outcome::kComputed) != catalog.has_value()) {
      Broken("the API and ApplySite disagree on whether the site is valid", site, result.json);
    }
  }
  if (catalog) {
    const ketadose::ApiResult slip = ketadose::Handle(kAnaestheticSlip, site);
    const auto response = ketadose::invariants::Json::parse(slip.json);
    bool anaesthetic = false;
    for (const auto& alert : response.value("alerts", ketadose::invariants::Json::array())) {
      anaesthetic =
          anaesthetic || (alert.value("code", "") == "anesthetic-range" && alert.value("severity", "") == "hard");
    }
    if (!response.value("blocked", false) || !anaesthetic)
      Broken("a site unlocked an anaesthetic infusion", site, slip.json);
  }
  return 0;
}
