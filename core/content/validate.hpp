// Content validation at build time: every content file that has typed records is read into them once, and a
// missing or mistyped field is an error naming the file and the field. The native build runs this
// (ketadose_content_check, CMakeLists.txt) so that a malformed content file fails the build, not a request.
#pragma once

#include <string_view>

#include "base/errors.hpp"

namespace ketadose {

// Reads `text` as the content file `file` ("regimens.json") into its typed records; each problem is an error at
// "<file>:<field path>" (e.g. "regimens.json:regimens.2.infusion.rate_mg_per_kg_per_h.max"). A file without
// typed records is only checked to be JSON.
void ValidateContent(std::string_view file, std::string_view text, Errors& errors);

// ValidateContent over every compiled-in content file.
void ValidateAllContent(Errors& errors);

}  // namespace ketadose
