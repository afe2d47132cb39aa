// Alert titles: the plain phrase the page shows in place of an alert code (content/alerts.json).
#include "api/actions.hpp"
#include "content/content.hpp"

namespace ketadose {

std::string AlertTitle(const std::string& code) {
  static const Json titles = ContentJson("alerts.json").value("titles", Json::object());
  const auto found = titles.find(code);
  return found != titles.end() && found->is_string() ? found->get<std::string>() : code;
}

}  // namespace ketadose
