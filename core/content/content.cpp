// Parses compiled-in content files, each once and only when first asked for, and hands out read-only JSON.
#include "content/content.hpp"

#include <cstddef>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

namespace ketadose {

namespace {

// The parsed JSON of one embedded file, filled on first use. A file is parsed when something first reads it, not
// with all the others: the page's first plan needs the regimens, rules, references and the texts its catalog
// carries, not the quiz, the drills or the worked examples, and parsing is most of what the core does before its
// first answer (docs/design.md, "The page's load sequence").
struct Parsed {
  std::once_flag once;
  Json json;
};

}  // namespace

const Json& ContentJson(std::string_view name) {
  // Content is constant data compiled into the binary; parsing each file once is the only state here: one slot per
  // embedded file, in EmbeddedContent()'s order. That list never changes size, so the slots do not move.
  const std::vector<EmbeddedFile>& embedded = EmbeddedContent();
  static const std::unique_ptr<Parsed[]> parsed = std::make_unique<Parsed[]>(embedded.size());
  static const Json missing(Json::value_t::discarded);
  for (std::size_t i = 0; i < embedded.size(); ++i) {
    if (embedded[i].name != name) continue;
    std::call_once(parsed[i].once, [&] { parsed[i].json = Json::parse(embedded[i].text, nullptr, false); });
    return parsed[i].json;
  }
  return missing;
}

}  // namespace ketadose
