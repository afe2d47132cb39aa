// The "evidence" action: the evidence summaries (content/education/evidence.json), all topics or one, and the
// synonym groups the page's search treats as one word (content/education/synonyms.json).
#include "api/actions.hpp"
#include "api/education.hpp"

namespace ketadose {

void EvidenceAction(const Json& request, const Catalog& /*catalog*/, OrderedJson& response, Errors& errors) {
  const auto filter = ReadTopicFilter(request, errors);
  if (!filter) return;
  const std::optional<std::string>& topic = *filter;
  response["topics"] = OrderedJson::array();
  for (const Json& item : ContentList("education/evidence.json", "topics")) {
    if (!topic || item.value("id", "") == *topic) response["topics"].push_back(ToOrdered(item));
  }
  response["synonyms"] = OrderedJson::array();
  for (const Json& group : ContentList("education/synonyms.json", "groups")) {
    if (group.is_array()) response["synonyms"].push_back(ToOrdered(group));
  }
}

}  // namespace ketadose
