// Parses compiled-in content files, each once and only when first asked for, and hands out read-only JSON.
#include "content/content.hpp"

#include <cstddef>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

namespace ketadose {

namespace {

// One embedded file and its parsed JSON, filled on first use. A file is parsed when something first reads it, not
// with all the others: the page's first plan needs the regimens, rules, references and the texts its catalog
// carries, not the quiz, the drills or the worked examples, and parsing is most of what the core does before its
// first answer (docs/design.md, "The page's load sequence").
struct ParsedFile {
  std::string_view name;
  std::string_view text;
  std::once_flag once;
  Json json;
};

}  // namespace

const Json& ContentJson(std::string_view name) {
  // Content is constant data compiled into the binary; parsing each file once is the only state here. The list is
  // built once, in the embedded (sorted) order, and never changes size, so its entries do not move.
  static const std::unique_ptr<ParsedFile[]> files = [] {
    const std::vector<EmbeddedFile>& embedded = EmbeddedContent();
    auto list = std::make_unique<ParsedFile[]>(embedded.size());
    for (std::size_t i = 0; i < embedded.size(); ++i) {
      list[i].name = embedded[i].name;
      list[i].text = embedded[i].text;
    }
    return list;
  }();
  static const Json missing(Json::value_t::discarded);
  const std::size_t count = EmbeddedContent().size();
  for (std::size_t i = 0; i < count; ++i) {
    ParsedFile& file = files[i];
    if (file.name != name) continue;
    std::call_once(file.once, [&file] { file.json = Json::parse(file.text, nullptr, false); });
    return file.json;
  }
  return missing;
}

}  // namespace ketadose
