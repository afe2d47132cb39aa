// Parses compiled-in content files once and hands out read-only JSON.
#include "content/content.hpp"

#include <map>
#include <string>

namespace ketadose {

const nlohmann::ordered_json& ContentJson(std::string_view name) {
  // Content is constant data compiled into the binary; parsing it lazily once is the only state here.
  static const std::map<std::string, nlohmann::ordered_json, std::less<>> parsed = [] {
    std::map<std::string, nlohmann::ordered_json, std::less<>> files;
    for (const EmbeddedFile& file : EmbeddedContent()) {
      files.emplace(std::string(file.name), nlohmann::ordered_json::parse(file.text, nullptr, false));
    }
    return files;
  }();
  static const nlohmann::ordered_json missing(nlohmann::ordered_json::value_t::discarded);
  const auto found = parsed.find(name);
  return found == parsed.end() ? missing : found->second;
}

}  // namespace ketadose
