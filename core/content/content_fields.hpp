// Internal: reading values out of compiled-in content records without exceptions. Content is checked by the
// content tests, but a missing or mistyped field must still give a safe default rather than throw.
#pragma once

#include <string>
#include <vector>

#include "json/json_type.hpp"

namespace ketadose::content {

// record[key] when it is an array, else an empty array.
inline const Json& ArrayAt(const Json& record, const char* key) {
  static const Json empty = Json::array();
  if (!record.is_object()) return empty;
  const auto found = record.find(key);
  return found != record.end() && found->is_array() ? *found : empty;
}

// record[key] when it is an object, else an empty object.
inline const Json& ObjectAt(const Json& record, const char* key) {
  static const Json empty = Json::object();
  if (!record.is_object()) return empty;
  const auto found = record.find(key);
  return found != record.end() && found->is_object() ? *found : empty;
}

inline std::string TextAt(const Json& record, const char* key) {
  if (!record.is_object()) return {};
  const auto found = record.find(key);
  return found != record.end() && found->is_string() ? found->get<std::string>() : std::string();
}

inline double NumberAt(const Json& record, const char* key, double fallback) {
  if (!record.is_object()) return fallback;
  const auto found = record.find(key);
  return found != record.end() && found->is_number() ? found->get<double>() : fallback;
}

inline bool HasNumber(const Json& record, const char* key) {
  if (!record.is_object()) return false;
  const auto found = record.find(key);
  return found != record.end() && found->is_number();
}

inline std::vector<std::string> TextsAt(const Json& record, const char* key) {
  std::vector<std::string> values;
  for (const Json& value : ArrayAt(record, key)) {
    if (value.is_string()) values.push_back(value.get<std::string>());
  }
  return values;
}

// The record in `list` whose "id" is `id`, or nullptr.
inline const Json* FindById(const Json& list, const std::string& id) {
  if (!list.is_array()) return nullptr;
  for (const Json& record : list) {
    if (TextAt(record, "id") == id) return &record;
  }
  return nullptr;
}

}  // namespace ketadose::content
