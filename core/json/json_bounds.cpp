// One pass over the bytes of a JSON text: size, nesting depth, fields per object and items per list.
#include "json/json_bounds.hpp"

#include <array>
#include <cstring>

namespace ketadose {

std::string JsonBoundsProblem(std::string_view text, const std::string& what) {
  if (text.size() > kMaxJsonBytes) {
    return what + " is " + std::to_string(text.size()) + " bytes, more than the " +
           std::to_string(kMaxJsonBytes / 1024) + " KB this tool accepts; nothing was read from it.";
  }
  // For each open object or list: whether it is an object, and how many commas it holds so far (items - 1).
  // A comma or bracket inside a string is text, not structure; a backslash escapes the next character.
  std::array<bool, kMaxJsonDepth + 1> isObject{};
  std::array<std::size_t, kMaxJsonDepth + 1> commas{};
  int depth = 0;
  for (std::size_t at = 0; at < text.size(); ++at) {
    const char c = text[at];
    switch (c) {
      case '"': {
        // A string is skipped whole: the next quote not escaped, found with memchr rather than byte by byte (most of
        // a site text's bytes are in strings; and each byte compared here was a traced comparison in the fuzz build).
        // A quote is escaped when an odd number of backslashes runs up to it ("\\" is one backslash).
        std::size_t from = at + 1;
        for (;;) {
          const void* quote = from < text.size() ? std::memchr(text.data() + from, '"', text.size() - from) : nullptr;
          if (quote == nullptr) return "";  // an unterminated string is left for the parser to refuse
          const auto close = static_cast<std::size_t>(static_cast<const char*>(quote) - text.data());
          std::size_t backslashes = 0;
          while (close - backslashes > at + 1 && text[close - backslashes - 1] == '\\') ++backslashes;
          if (backslashes % 2 == 0) {
            at = close;
            break;
          }
          from = close + 1;
        }
        break;
      }
      case '{':
      case '[':
        if (++depth > kMaxJsonDepth) {
          return what + " has objects and lists nested more than " + std::to_string(kMaxJsonDepth) +
                 " levels deep; nothing was read from it.";
        }
        isObject[depth] = c == '{';
        commas[depth] = 0;
        break;
      case '}':
      case ']':
        if (depth > 0) --depth;  // an unmatched bracket is left for the parser to refuse
        break;
      case ',':
        if (depth == 0) break;
        if (isObject[depth] && ++commas[depth] >= kMaxJsonMembers) {
          return what + " has an object with more than " + std::to_string(kMaxJsonMembers) +
                 " fields; nothing was read from it.";
        }
        if (!isObject[depth] && ++commas[depth] >= kMaxJsonItems) {
          return what + " has a list of more than " + std::to_string(kMaxJsonItems) +
                 " items; nothing was read from it.";
        }
        break;
      default: break;
    }
  }
  return "";
}

}  // namespace ketadose
