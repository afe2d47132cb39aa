// Request field readers: presence, type and range checks that turn into FieldErrors.
#include "json/fields.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ketadose {

namespace {

std::string RangeSentence(const FieldLabel& label, const Range& range) {
  const std::string unit = label.unit.empty() ? "" : " " + label.unit;
  if (range.minExclusive && range.min == 0.0 && std::isinf(range.max)) {
    return label.name + " must be a number greater than 0" + unit + ".";
  }
  if (std::isinf(range.max)) {
    return label.name + " must be a number of at least " + FormatNumber(range.min) + unit + ".";
  }
  if (range.minExclusive) {
    return label.name + " must be a number greater than " + FormatNumber(range.min) + " and at most " +
           FormatNumber(range.max) + unit + ".";
  }
  return label.name + " must be a number between " + FormatNumber(range.min) + " and " + FormatNumber(range.max) +
         unit + ".";
}

const char* TypeName(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return "empty";
    case Json::value_t::boolean: return "true/false";
    case Json::value_t::string: return "text";
    case Json::value_t::array: return "a list";
    case Json::value_t::object: return "an object";
    default: return "a number";
  }
}

}  // namespace

std::optional<double> ReadNumber(const Json& object, const std::string& key, const std::string& parent,
                                 const FieldLabel& label, const Range& range, Errors& errors, Presence presence) {
  const std::string path = Path(parent, key);
  const auto found = object.find(key);
  if (found == object.end()) {
    if (presence == Presence::kRequired) errors.Add(path, label.name + " is missing. " + RangeSentence(label, range));
    return std::nullopt;
  }
  if (!found->is_number()) {
    errors.Add(path, label.name + " must be a number, not " + TypeName(*found) + ". " + RangeSentence(label, range));
    return std::nullopt;
  }
  const double value = found->get<double>();
  if (!std::isfinite(value)) {
    errors.Add(path, label.name + " is not a finite number. " + RangeSentence(label, range));
    return std::nullopt;
  }
  const bool belowMin = range.minExclusive ? value <= range.min : value < range.min;
  if (belowMin || value > range.max) {
    errors.Add(path, label.name + " of " + FormatNumber(value) + (label.unit.empty() ? "" : " " + label.unit) +
                         " is not plausible. " + RangeSentence(label, range));
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> ReadChoice(const Json& object, const std::string& key, const std::string& parent,
                                      std::initializer_list<const char*> allowed, Errors& errors, Presence presence) {
  std::string choices;
  for (const char* choice : allowed) choices += (choices.empty() ? "\"" : ", \"") + std::string(choice) + "\"";
  const std::string path = Path(parent, key);
  const auto found = object.find(key);
  if (found == object.end()) {
    if (presence == Presence::kRequired) errors.Add(path, "Choose one of " + choices + ".");
    return std::nullopt;
  }
  if (found->is_string()) {
    const auto& text = found->get_ref<const std::string&>();
    for (const char* choice : allowed) {
      if (text == choice) return text;
    }
  }
  errors.Add(path, "This must be one of " + choices + ".");
  return std::nullopt;
}

std::optional<std::string> ReadString(const Json& object, const std::string& key, const std::string& parent,
                                      Errors& errors, Presence presence) {
  const std::string path = Path(parent, key);
  const auto found = object.find(key);
  if (found == object.end()) {
    if (presence == Presence::kRequired) errors.Add(path, "This field is missing.");
    return std::nullopt;
  }
  if (!found->is_string() || found->get_ref<const std::string&>().empty()) {
    errors.Add(path, "This must be a non-empty text value.");
    return std::nullopt;
  }
  return found->get<std::string>();
}

std::optional<bool> ReadBool(const Json& object, const std::string& key, const std::string& parent, Errors& errors,
                             Presence presence) {
  const std::string path = Path(parent, key);
  const auto found = object.find(key);
  if (found == object.end()) {
    if (presence == Presence::kRequired) errors.Add(path, "This field is missing: give true or false.");
    return std::nullopt;
  }
  if (!found->is_boolean()) {
    errors.Add(path, "This must be true or false.");
    return std::nullopt;
  }
  return found->get<bool>();
}

const Json* ReadObject(const Json& object, const std::string& key, const std::string& parent, Errors& errors,
                       Presence presence) {
  const std::string path = Path(parent, key);
  const auto found = object.find(key);
  if (found == object.end()) {
    if (presence == Presence::kRequired) errors.Add(path, "This section is missing.");
    return nullptr;
  }
  if (!found->is_object()) {
    errors.Add(path, "This must be an object of named fields, not " + std::string(TypeName(*found)) + ".");
    return nullptr;
  }
  return &*found;
}

std::optional<std::vector<std::string>> ReadStringArray(const Json& object, const std::string& key,
                                                        const std::string& parent, Errors& errors,
                                                        Presence presence) {
  const std::string path = Path(parent, key);
  const auto found = object.find(key);
  if (found == object.end()) {
    if (presence == Presence::kRequired) errors.Add(path, "This list is missing.");
    return std::nullopt;
  }
  if (!found->is_array()) {
    errors.Add(path, "This must be a list of text values.");
    return std::nullopt;
  }
  std::vector<std::string> values;
  bool allStrings = true;
  for (std::size_t index = 0; index < found->size(); ++index) {
    const Json& element = (*found)[index];
    if (!element.is_string()) {
      errors.Add(Path(path, std::to_string(index)), "Each entry must be a text value.");
      allStrings = false;
      continue;
    }
    values.push_back(element.get<std::string>());
  }
  if (!allStrings) return std::nullopt;
  return values;
}

void RejectUnknownKeys(const Json& object, const std::string& parent, std::initializer_list<const char*> known,
                       Errors& errors) {
  if (!object.is_object()) return;
  for (auto item = object.begin(); item != object.end(); ++item) {
    bool isKnown = false;
    for (const char* name : known) isKnown = isKnown || item.key() == name;
    if (!isKnown) errors.Add(Path(parent, item.key()), "This field is not recognised; check its spelling.");
  }
}

}  // namespace ketadose
