// What every API response must be, whatever the request: shared by the fuzz targets and the property tests.
// CheckResponse returns "" when the response keeps every invariant, else a sentence naming the first one broken.
#pragma once

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "ketadose/api.hpp"

namespace ketadose::invariants {

using Json = nlohmann::json;

// Keys whose value is null on purpose: "site" when the built-in defaults apply; "observe_h_after_stop" in a
// monitoring plan when no regimen asks for observation after stopping; "counts" in an assessment when the relief
// duration is not known. Any other null is taken for a NaN or infinity. A new field that may be unknown is better
// left out of the response than set to null; if it must be null, name it here.
inline bool MayBeNull(const std::string& key) {
  return key == "site" || key == "observe_h_after_stop" || key == "counts";
}

// A number or null in the response: nlohmann prints NaN and infinity as null, so a null where a number
// belongs is how a non-finite figure shows. Nulls are allowed only under MayBeNull keys.
inline std::string CheckValues(const Json& value, const std::string& path, const std::string& key) {
  if (value.is_null() && !MayBeNull(key)) return "null (a NaN or infinity?) at " + path;
  if (value.is_number_float() && !std::isfinite(value.get<double>())) return "non-finite number at " + path;
  if (value.is_object()) {
    for (auto item = value.begin(); item != value.end(); ++item) {
      const std::string broken = CheckValues(item.value(), path + "." + item.key(), item.key());
      if (!broken.empty()) return broken;
    }
  }
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string broken = CheckValues(value[i], path + "." + std::to_string(i), key);
      if (!broken.empty()) return broken;
    }
  }
  return "";
}

// Alerts are well formed, and a response that can be blocked (plan, pump-check) is blocked when a hard or an
// unacknowledged soft alert stands. Severities: hard, soft, info (guardrails); soft, strong (assess, docs/design.md).
inline std::string CheckAlerts(const Json& response) {
  const auto alerts = response.find("alerts");
  if (alerts == response.end()) return "";
  if (!alerts->is_array()) return "alerts is not an array";
  bool mustBlock = false;
  for (const Json& alert : *alerts) {
    if (!alert.is_object()) return "an alert is not an object";
    for (const char* key : {"code", "severity", "message", "source"}) {
      if (!alert.contains(key) || !alert[key].is_string() || alert[key].get<std::string>().empty()) {
        return std::string("an alert has no ") + key + ": " + alert.dump();
      }
    }
    const std::string severity = alert["severity"].get<std::string>();
    if (severity != "hard" && severity != "soft" && severity != "info" && severity != "strong") {
      return "unknown severity " + severity;
    }
    if (severity == "hard" && alert.value("acknowledged", false)) return "a hard alert is marked acknowledged";
    mustBlock = mustBlock || severity == "hard" || (severity == "soft" && !alert.value("acknowledged", false));
  }
  if (mustBlock && response.contains("blocked") && !response.value("blocked", false)) {
    return "a hard or unacknowledged soft alert stands but blocked is not true";
  }
  return "";
}

// The invariants of one response. `action` is the request's action when known ("" otherwise).
inline std::string CheckResponse(const ApiResult& result, const std::string& action = "") {
  Json response;
  try {
    response = Json::parse(result.json);
  } catch (const Json::exception& error) {
    return std::string("the response is not valid JSON: ") + error.what();
  }
  if (!response.is_object()) return "the response is not a JSON object";
  if (!response.contains("ok") || !response["ok"].is_boolean()) return "the response has no boolean ok";
  const bool ok = response["ok"].get<bool>();
  switch (result.outcome) {
    case Outcome::kComputed:
      if (!ok) return "outcome computed (0) but ok is false";
      break;
    case Outcome::kRejected:
      if (ok) return "outcome rejected (2) but ok is true";
      break;
    case Outcome::kInternalFault:
      // A fault means an exception escaped an action: a check is missing somewhere.
      return "internal fault (exit 1): " + result.json;
    default: return "unknown outcome " + std::to_string(static_cast<int>(result.outcome));
  }
  if (!ok) {
    // A rejected request carries errors and nothing else: never a dose, a rate or a total.
    for (auto item = response.begin(); item != response.end(); ++item) {
      if (item.key() != "ok" && item.key() != "errors") return "a rejected response carries \"" + item.key() + "\"";
    }
    const Json& errors = response.value("errors", Json());
    if (!errors.is_array() || errors.empty()) return "a rejected response has no errors";
    for (const Json& error : errors) {
      if (!error.is_object() || !error.contains("field") || !error["field"].is_string() || !error.contains("message") ||
          !error["message"].is_string() || error["message"].get<std::string>().empty()) {
        return "a malformed error: " + error.dump();
      }
    }
    return "";
  }
  if (response.contains("errors")) return "a computed response carries errors";
  std::string broken = CheckValues(response, "response", "");
  if (broken.empty()) broken = CheckAlerts(response);
  if (broken.empty() && action == "plan" && !response.contains("blocked")) broken = "a plan has no blocked flag";
  return broken;
}

// The request's action, if the text is a JSON object with a string "action"; "" otherwise.
inline std::string ActionOf(std::string_view request) {
  const Json parsed = Json::parse(request.begin(), request.end(), nullptr, false);
  if (!parsed.is_object() || !parsed.contains("action") || !parsed["action"].is_string()) return "";
  return parsed["action"].get<std::string>();
}

}  // namespace ketadose::invariants
