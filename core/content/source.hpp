// Where a figure comes from. JSON-free: every content record and domain result carries one.
#pragma once

#include <string>

namespace ketadose {

// A reference id (content/references.json) and the section or table.
struct SourceRef {
  std::string ref;
  std::string where;
};

}  // namespace ketadose
