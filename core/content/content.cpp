// Parses compiled-in content files once and hands out read-only JSON.
#include "content/content.hpp"

#include <map>
#include <string>

namespace ketadose {

const Json& ContentJson(std::string_view name) {
  // Content is constant data compiled into the binary; parsing it lazily once is the only state here.
  static const std::map<std::string, Json, std::less<>> parsed = [] {
    std::map<std::string, Json, std::less<>> files;
    for (const EmbeddedFile& file : EmbeddedContent()) {
      files.emplace(std::string(file.name), Json::parse(file.text, nullptr, false));
    }
    return files;
  }();
  static const Json missing(Json::value_t::discarded);
  const auto found = parsed.find(name);
  return found == parsed.end() ? missing : found->second;
}

}  // namespace ketadose
