// The "evidence" action: the evidence summaries (content/education/evidence.json), all topics or one.
#include "actions.hpp"
#include "ketadose/education.hpp"

namespace ketadose {

void EvidenceAction(const Json& request, const Catalog& /*catalog*/, OrderedJson& response, Errors& errors) {
  const auto filter = ReadTopicFilter(request, errors);
  if (!filter) return;
  const std::optional<std::string>& topic = *filter;
  response["topics"] = OrderedJson::array();
  for (const Json& item : ContentList("education/evidence.json", "topics")) {
    if (!topic || item.value("id", "") == *topic) response["topics"].push_back(ToOrdered(item));
  }
}

}  // namespace ketadose
