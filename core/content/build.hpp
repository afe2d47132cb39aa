// Which build and which content this core is: printed on plans and checked by the page at start.
#pragma once

#include <string>

namespace ketadose {

// A hash of every source and content file the core was built from (cmake/build_id.cmake); 16 hex digits.
// The web page is stamped with the id of the core it was built beside and refuses to run with another.
const char* CoreBuildId();

// SHA-256 (hex) of a manifest of the compiled-in content files, "<SHA-256 of its bytes>  <path>\n" each, in path
// order (computed by cmake/embed_content.cmake): what the print-out carries beside the content version, so a
// sheet names the exact content used.
const std::string& ContentHash();

}  // namespace ketadose
