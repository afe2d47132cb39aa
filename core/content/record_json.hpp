// Internal to the content layer's record readers (*_records.cpp) and their tests: nlohmann from_json helpers that
// name the field a malformed record fails at. A reader throws RecordError with a path ("conditions.3.level");
// ReadRecords turns it into an error value naming the file. No exception leaves ReadRecords.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "json/json_type.hpp"
#include "base/errors.hpp"
#include "base/units.hpp"
#include "content/source.hpp"

namespace ketadose {

namespace records {

struct RecordError : std::runtime_error {
  RecordError(std::string at, const std::string& message) : std::runtime_error(message), path(std::move(at)) {}
  std::string path;
};

// Called inside a catch block: rethrows the exception being handled as a RecordError with `key` prefixed to its path
// (nlohmann's own type errors become RecordErrors at `key`; anything else passes through unchanged). Out of line,
// so that each Nested instance below holds one catch-all rather than its own copy of this handling: the readers
// instantiate Nested once per field and record type, and with the handling inline those instances were 65 KB of
// the wasm module's code (docs/design.md, "The page's load sequence").
[[noreturn]] void RethrowAt(const std::string& key);

// Runs `read` with `key` prefixed to the path of any error it raises; nlohmann's own type errors become
// RecordErrors at `key`.
template <class Read>
void Nested(const std::string& key, Read&& read) {
  try {
    read();
  } catch (...) {
    RethrowAt(key);
  }
}

template <class T>
void Get(const Json& value, T& out) {
  value.get_to(out);
}

template <class T>
void Get(const Json& value, std::vector<T>& out) {
  if (!value.is_array()) throw RecordError("", "must be a list");
  out.clear();
  out.reserve(value.size());
  for (std::size_t index = 0; index < value.size(); ++index) {
    T item{};
    Nested(std::to_string(index), [&] { Get(value[index], item); });
    out.push_back(std::move(item));
  }
}

template <class T>
void Get(const Json& value, std::optional<T>& out) {
  T item{};
  Get(value, item);
  out = std::move(item);
}

// record[key] into `out`; an error when absent.
template <class T>
void Required(const Json& record, const char* key, T& out) {
  Nested(key, [&] {
    if (!record.is_object() || !record.contains(key)) throw RecordError("", "is missing");
    Get(record.at(key), out);
  });
}

// record[key] into `out` when present; `out` keeps its default when absent.
template <class T>
void Optional(const Json& record, const char* key, T& out) {
  if (record.is_object() && record.contains(key)) Nested(key, [&] { Get(record.at(key), out); });
}

// A number that must be finite and >= 0 (every figure in these files is a limit, a count or a constant).
inline void RequiredNonNegative(const Json& record, const char* key, double& out) {
  Required(record, key, out);
  if (!(out >= 0.0) || out > 1e300) throw RecordError(key, "must be a number of at least 0");
}

// {min, max} or {min_exclusive, max}; `max` may be left open.
inline void ReadRange(const Json& record, const char* key, Range& out) {
  Nested(key, [&] {
    if (!record.is_object() || !record.contains(key)) throw RecordError("", "is missing");
    const Json& value = record.at(key);
    if (!value.is_object()) throw RecordError("", "must be an object {min, max}");
    out = Range{0.0, std::numeric_limits<double>::infinity(), false};
    if (value.contains("min_exclusive")) {
      Required(value, "min_exclusive", out.min);
      out.minExclusive = true;
    } else {
      Required(value, "min", out.min);
    }
    Optional(value, "max", out.max);
    if (out.max < out.min) throw RecordError("max", "is below min");
  });
}

// Called inside a catch block: records the exception being handled as an error at "<file>:<path>" (a RecordError)
// or "<file>:" (any other exception). Out of line for the reason RethrowAt is.
void RecordFailure(const char* file, Errors& errors);

// Parses `json` with `read` (which throws RecordError); a failure becomes an error at "<file>:<path>".
template <class T, class Read>
bool ReadRecords(const Json& json, const char* file, T& out, Errors& errors, Read&& read) {
  try {
    if (!json.is_object()) throw RecordError("", "is missing or not a JSON object");
    read(json, out);
    out.loaded = true;
    return true;
  } catch (...) {
    RecordFailure(file, errors);
  }
  out = T{};
  return false;
}

}  // namespace records

// {ref, where}: ONE mapping for every family (records_json.cpp: "ref" and "where" both required). A second
// definition here (there was one, from nlohmann's macro) would break the one-definition rule: which of the two a
// call reached would depend on the linker.
void from_json(const Json& j, SourceRef& source);
void to_json(Json& j, const SourceRef& source);

}  // namespace ketadose

namespace ketadose {

struct ScreeningContent;
struct OrtContent;
struct ResponseContent;
struct PkContent;

// Reads one file's JSON into its records; false with errors at "<file>:<field path>" when malformed. The
// built-in records come from these (screening_records.hpp, response_records.hpp, pk_records.hpp); tests feed
// them malformed copies.
bool ReadScreeningContent(const Json& json, ScreeningContent& out, Errors& errors);
bool ReadOrtContent(const Json& json, OrtContent& out, Errors& errors);
bool ReadResponseContent(const Json& json, ResponseContent& out, Errors& errors);
bool ReadPkContent(const Json& json, PkContent& out, Errors& errors);

}  // namespace ketadose
