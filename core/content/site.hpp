// Site configuration (site.json): a hospital's stocked strengths, containers, default dosing weight, hidden
// regimens, changed limits and lowered monitoring thresholds, validated field by field and laid over the
// built-in catalog. Every changed limit is marked site_modified and listed in the catalog's site differences.
#pragma once

#include <optional>
#include <string_view>

#include "content/catalog.hpp"
#include "base/errors.hpp"

namespace ketadose {

// Validates the site configuration text and returns `base` with it applied. Errors name "site.<path>".
// The checksum recorded in catalog.site is the SHA-256 of the exact text (what `sha256sum site.json` prints).
std::optional<Catalog> ApplySite(const Catalog& base, std::string_view siteText, Errors& errors);

}  // namespace ketadose
