// Internal: the bounds every JSON text crossing into the core must keep (a request, a site.json), checked in one
// cheap pass over the bytes before it is parsed, so a crafted text cannot cost more than linear time or overflow
// the stack of the parser, the copy or the destructor. The figures are part of the contract (docs/design.md).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ketadose {

// A request or a site configuration is at most 64 KB (the largest request the page or a golden case sends is
// under 4 KB; docs/site.example.json is under 1 KB).
constexpr std::size_t kMaxJsonBytes = 64 * 1024;
// At most 32 objects and lists inside each other (the deepest request or site.json the contract has is 5 deep).
constexpr int kMaxJsonDepth = 32;
// At most 256 fields in one object: parsing an object costs the square of its field count (nlohmann's
// ordered_json looks each key up in a list), so this keeps the parse of a 64 KB text linear in practice.
constexpr std::size_t kMaxJsonMembers = 256;
// At most 1024 items in one list (the longest list the contract accepts is a simulation's 200 doses).
constexpr std::size_t kMaxJsonItems = 1024;

// "" when `text` keeps every bound above, else a plain sentence that names `what` ("The request", "The site
// configuration") and the bound it breaks. Looks at the bytes only: a text it passes may still be invalid JSON,
// which the parser then refuses at or before the first byte where the two could disagree.
std::string JsonBoundsProblem(std::string_view text, const std::string& what);

}  // namespace ketadose
