// Alert titles: the plain phrase the page shows in place of an alert code (content/alerts.json).
#include "content/alert_titles.hpp"

#include <map>

#include "content/content.hpp"

namespace ketadose {

std::string AlertTitle(const std::string& code) {
  // Read once into a typed table (validated when the core is built: every title is text).
  static const std::map<std::string, std::string, std::less<>> titles =
      ContentJson("alerts.json").at("titles").get<std::map<std::string, std::string, std::less<>>>();
  const auto found = titles.find(code);
  return found != titles.end() ? found->second : code;
}

}  // namespace ketadose
