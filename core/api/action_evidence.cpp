// The "evidence" action: the evidence topics (content/education/evidence.json), all or one, by id and title.
// Their text (summaries, sections, references) and the search's synonym groups are the Learn screen's static
// text file (scripts/build-site.mjs), not part of the core.
#include "api/actions.hpp"
#include "api/education.hpp"

namespace ketadose {

void EvidenceAction(const Json& request, const Catalog& /*catalog*/, OrderedJson& response, Errors& errors) {
  const auto filter = ReadTopicFilter(request, errors);
  if (!filter) return;
  const std::optional<std::string>& topic = *filter;
  response["topics"] = OrderedJson::array();
  for (const EvidenceTopic& item : EvidenceTopics()) {
    if (!topic || item.id == *topic) response["topics"].push_back(OrderedJson{{"id", item.id}, {"title", item.title}});
  }
}

}  // namespace ketadose
