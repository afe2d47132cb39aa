// Reading request fields without exceptions: each reader checks presence, type and range, and
// records a FieldError with the field's path instead of throwing. Every action uses these.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "json/json_type.hpp"
#include "base/errors.hpp"
#include "base/format.hpp"  // FormatNumber
#include "base/range.hpp"

namespace ketadose {

// What a field means to a clinician, for the error sentence: "Weight" / "kg".
struct FieldLabel {
  std::string name;
  std::string unit;
};

enum class Presence { kRequired, kOptional };

// Returns the number at object[key] if it is a finite JSON number within range; otherwise records
// an error at path.key (unless optional and absent) and returns nullopt.
std::optional<double> ReadNumber(const Json& object, const std::string& key, const std::string& parent,
                                 const FieldLabel& label, const Range& range, Errors& errors,
                                 Presence presence = Presence::kRequired);

// Returns a string field that must be one of `allowed`; absent optional fields give nullopt.
std::optional<std::string> ReadChoice(const Json& object, const std::string& key, const std::string& parent,
                                      std::initializer_list<const char*> allowed, Errors& errors,
                                      Presence presence = Presence::kRequired);

// Returns any non-empty string field.
std::optional<std::string> ReadString(const Json& object, const std::string& key, const std::string& parent,
                                      Errors& errors, Presence presence = Presence::kRequired);

std::optional<bool> ReadBool(const Json& object, const std::string& key, const std::string& parent, Errors& errors,
                             Presence presence = Presence::kOptional);

// Returns a pointer to object[key] when it is a JSON object, nullptr when absent (an error if required)
// or of the wrong type (always an error).
const Json* ReadObject(const Json& object, const std::string& key, const std::string& parent, Errors& errors,
                       Presence presence = Presence::kOptional);

// Returns the strings of an array field (each element must be a string: errors name "key.N").
std::optional<std::vector<std::string>> ReadStringArray(const Json& object, const std::string& key,
                                                        const std::string& parent, Errors& errors,
                                                        Presence presence = Presence::kOptional);

// Records an error for every key of `object` not in `known`, so a misspelt field is not silently ignored.
void RejectUnknownKeys(const Json& object, const std::string& parent, std::initializer_list<const char*> known,
                       Errors& errors);

}  // namespace ketadose
