// Alert titles: the plain phrase the page shows in place of an alert code (content/alerts.json).
#pragma once

#include <string>

namespace ketadose {

// The plain title of an alert code; the code itself if the file has none (a unit test checks that every code the
// core can raise has a title).
std::string AlertTitle(const std::string& code);

}  // namespace ketadose
