// The compiled-in content catalog: every JSON file under content/ (the education files as their core view, see
// cmake/embed_content.cmake), identical bytes natively and in wasm.
#pragma once

#include <string_view>
#include <vector>

#include "json/json_type.hpp"

namespace ketadose {

struct EmbeddedFile {
  std::string_view name;  // path relative to content/, e.g. "regimens.json"
  std::string_view text;
};

// All content files, sorted by name (generated at build time from content/).
const std::vector<EmbeddedFile>& EmbeddedContent();

// SHA-256 (hex) of the manifest of the embedded files, computed when they were embedded (see ContentHash()).
const char* EmbeddedContentHash();

// The parsed JSON of one content file; a discarded value if the file is missing or malformed
// (the content tests guarantee neither happens in a build that passed them). Parsed once.
const Json& ContentJson(std::string_view name);

}  // namespace ketadose
