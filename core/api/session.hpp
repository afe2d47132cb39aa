// A session: the site configuration a long-lived caller (the web page's wasm module) hands to the core once,
// validated and applied, so that every later request is evaluated under it without carrying it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/api.hpp"
#include "content/catalog.hpp"

namespace ketadose {

class Session {
 public:
  // Validates and applies the text of site.json; "" clears it (the guideline defaults apply). Returns the answer
  // as JSON, shaped as the site-check action's: {"ok":true,"site":{...},"using_defaults":false} when applied,
  // {"ok":true,"site":null,"using_defaults":true} when cleared, {"ok":false,"errors":[...]} when rejected.
  // A rejected text fails closed: until a text is accepted or cleared, every request is rejected on "site".
  std::string SetSite(std::string_view siteText);

  // Evaluates a request under the applied site (Handle(request, catalog): a request's own "site" is then
  // rejected); without one, as Handle(request). Never throws.
  [[nodiscard]] ApiResult Handle(std::string_view requestJson) const;

  // The catalog requests are evaluated against (the built-in one when no site is applied).
  [[nodiscard]] const Catalog& catalog() const;

 private:
  enum class State { kDefaults, kApplied, kRejected };
  State state_ = State::kDefaults;
  std::optional<Catalog> applied_;
};

}  // namespace ketadose
