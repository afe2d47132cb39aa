// The "evidence" action: the evidence summaries (content/education/evidence.json), all topics or one.
#include "actions.hpp"
#include "ketadose/education.hpp"

namespace ketadose {

void EvidenceAction(const Json& request, const Catalog& /*catalog*/, OrderedJson& response, Errors& errors) {
  RejectUnknownKeys(request, "", {"action", "topic"}, errors);
  const auto topic = ReadString(request, "topic", "", errors, Presence::kOptional);
  if (!errors.Empty()) return;
  const Json& topics = ContentList("education/evidence.json", "topics");
  if (topic && FindById(topics, *topic) == nullptr) {
    errors.Add("topic", "There is no evidence topic \"" + *topic + "\". The catalog action lists the topics.");
    return;
  }
  response["topics"] = OrderedJson::array();
  for (const Json& item : topics) {
    if (!topic || item.value("id", "") == *topic) response["topics"].push_back(ToOrdered(item));
  }
}

}  // namespace ketadose
