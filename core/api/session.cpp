// Session: the site configuration applied once (see session.hpp).
#include "api/session.hpp"

#include <exception>

#include "base/errors.hpp"
#include "content/site.hpp"

namespace ketadose {

std::string Session::SetSite(std::string_view siteText) {
  applied_.reset();
  state_ = State::kRejected;  // until the text is accepted, nothing is evaluated under a half-known site
  try {
    if (siteText.empty()) {
      state_ = State::kDefaults;
      return Handle(R"({"action":"site-check"})").json;
    }
    Errors errors;
    std::optional<Catalog> catalog = ApplySite(DefaultCatalog(), siteText, errors);
    if (!catalog) return RejectedResult(errors).json;
    applied_ = std::move(catalog);
    state_ = State::kApplied;
    return Handle(R"({"action":"site-check"})").json;
  } catch (const std::exception& error) {
    Errors errors;
    errors.Add("site", std::string("The site configuration could not be applied (") + error.what() + ").");
    return RejectedResult(errors).json;
  }
}

ApiResult Session::Handle(std::string_view requestJson) const {
  if (state_ == State::kRejected) {
    Errors errors;
    errors.Add("site", "The site configuration given was rejected, so nothing is computed until a valid one is "
                       "applied.");
    return RejectedResult(errors);
  }
  // Without an applied site a request may still carry its own "site" text (as through the CLI); with one, the
  // applied site cannot be replaced or removed by a request.
  if (state_ == State::kDefaults) return ketadose::Handle(requestJson);
  return ketadose::Handle(requestJson, *applied_);
}

const Catalog& Session::catalog() const { return applied_ ? *applied_ : DefaultCatalog(); }

}  // namespace ketadose
