// What every API response must be, whatever the request: shared by the fuzz targets and the property tests.
// CheckResponse returns "" when the response keeps every invariant, else a sentence naming the first one broken.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/api.hpp"
#include "api/plan_io.hpp"
#include "content/catalog_json.hpp"
#include "content/catalog.hpp"
#include "base/errors.hpp"
#include "domain/plan.hpp"
#include "content/site.hpp"
#include "json/json_type.hpp"

namespace ketadose::invariants {

// The core's JSON type (json/json_type.hpp: an object keeps its members in one list, in the order written), not
// nlohmann::json, whose std::map makes one allocation per member: parsing each response to check it was a third of
// an execution of the structure-aware target, and under ASan every allocation records a stack. The checks read
// members by name and never compare two objects, so the order of members changes nothing here.
using Json = ketadose::Json;

// Keys whose value is null on purpose: "site" when the built-in defaults apply; "observe_h_after_stop" in a
// monitoring plan when no regimen asks for observation after stopping; "counts" in an assessment when the relief
// duration is not known. Any other null is taken for a NaN or infinity. A new field that may be unknown is better
// left out of the response than set to null; if it must be null, name it here.
inline bool MayBeNull(const std::string& key) {
  return key == "site" || key == "observe_h_after_stop" || key == "counts";
}

// A limit's bound a site changed keeps the guideline's own figure in the limit's "guideline" record
// (content/site.cpp; docs/design.md "Site-changed bounds"), null when the guideline states none (a site adding a
// hard_max where the guideline has none). Only these bounds, and only there, may be null.
inline bool MayBeNullInGuidelineRecord(const std::string& key) {
  return key == "min" || key == "max" || key == "hard_max" || key == "cap";
}

// A number or null in the response: nlohmann prints NaN and infinity as null, so a null where a number
// belongs is how a non-finite figure shows. Nulls are allowed only under MayBeNull keys, and for a bound in a
// "guideline" record (MayBeNullInGuidelineRecord).
// The path of the offending value is written only once one is found (appended on the way back up), so a clean
// response, the usual case, costs a walk and no string building (fuzz speed, issue 13).
inline std::string CheckValuesUnder(const Json& value, const std::string& key, bool inGuidelineRecord = false) {
  if (value.is_null() && !MayBeNull(key) && !(inGuidelineRecord && MayBeNullInGuidelineRecord(key))) {
    return "null (a NaN or infinity?) at ";
  }
  if (value.is_number_float() && !std::isfinite(value.get<double>())) return "non-finite number at ";
  if (value.is_object()) {
    for (auto item = value.begin(); item != value.end(); ++item) {
      const std::string broken = CheckValuesUnder(item.value(), item.key(), key == "guideline");
      if (!broken.empty()) return broken + "\x1f" + item.key();
    }
  }
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string broken = CheckValuesUnder(value[i], key);
      if (!broken.empty()) return broken + "\x1f" + std::to_string(i);
    }
  }
  return "";
}

inline std::string CheckValues(const Json& value, const std::string& path, const std::string& key) {
  std::string broken = CheckValuesUnder(value, key);
  if (broken.empty()) return "";
  // The segments were appended innermost first: reverse them behind `path`.
  const std::size_t cut = broken.find('\x1f');
  std::string where = path;
  std::vector<std::string> segments;
  for (std::size_t start = cut; start != std::string::npos;) {
    const std::size_t next = broken.find('\x1f', start + 1);
    segments.push_back(broken.substr(start + 1, next == std::string::npos ? std::string::npos : next - start - 1));
    start = next;
  }
  for (auto segment = segments.rbegin(); segment != segments.rend(); ++segment) where += "." + *segment;
  return broken.substr(0, cut) + where;
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

// --- Arithmetic: the figures of a computed plan or pump check agree with each other --------------------------
// Branch prep: a plan shows the figures a person programs or draws. A pump rate is rounded DOWN to the pump's step
// (0.1 mL/h) and a syringe volume DOWN to the syringe's step (0.01 mL under 1 mL, 0.1 mL from 1 mL); a bag's volume
// to be infused is rounded down to the pump's step in mL. Every mg figure given to the patient is then what that
// setting or measured volume holds (70 kg x 0.35 mg/kg = 24.5 mg = 2.45 mL at 10 mg/mL, drawn as 2.4 mL = 24 mg),
// never more than ordered and less by under one step. The per-kg figures stay as ordered.
// The API rounds every figure to 3 decimals (action_plan.cpp R()), so a product of two shown figures a x b can
// differ from a third shown figure by 0.0005 x (|a| + |b| + 1); a relative 2e-9 covers the doubles (and the 1e-9
// by which plan.cpp FloorTo lets a value within rounding error of a step count as on it). What these catch is a
// unit slip (x60, x1000, mL for mg), a figure rounded up past the order, or one rounded down by more than a step.

// The steps a figure is set in: content/rules.json measurable_resolution, or a site's own (site.json
// pump_rate_step_ml_per_h, syringe_steps_ml). The plan response does not carry them, so they come from the site.
struct Steps {
  double pumpMlPerH;     // a pump rate; a bag's volume to be infused is set in the same number of mL
  double syringeBelow1;  // a volume under 1 mL
  double syringeFrom1;   // a volume from 1 mL
  double Syringe(double volumeMl) const { return volumeMl < 1.0 ? syringeBelow1 : syringeFrom1; }
};

inline Steps StepsOf(const Catalog& catalog) {
  const Resolution resolution = MeasurableResolution(catalog);
  return Steps{resolution.pumpRate.value(), resolution.syringeFine.value(), resolution.syringe.value()};
}

inline const Steps& DefaultSteps() {
  static const Steps steps = StepsOf(DefaultCatalog());
  return steps;
}

// The steps under a site's text (the --site FILE, a request's "site"): the built-in ones when the text is empty or
// refused (a refused site gives no plan to check).
// The last text's steps are kept (one thread): a fuzz target asks for the same site's steps several times per input.
inline Steps StepsOfSite(std::string_view siteText) {
  if (siteText.empty()) return DefaultSteps();
  static std::string lastText;
  static Steps lastSteps{};
  if (!lastText.empty() && siteText == lastText) return lastSteps;
  Errors errors;
  std::optional<Catalog> applied;
  try {
    applied = ApplySite(DefaultCatalog(), siteText, errors);
  } catch (const std::exception& error) {
    // Handle answers this text with an internal fault; say so here rather than end in std::terminate.
    std::fprintf(stderr, "INVARIANT BROKEN: applying a site threw (%s)\nsite: %.*s\n", error.what(),
                 static_cast<int>(siteText.size()), siteText.data());
    std::abort();
  }
  lastSteps = applied ? StepsOf(*applied) : DefaultSteps();
  lastText.assign(siteText.begin(), siteText.end());
  return lastSteps;
}

// The steps a request is planned with, from its already parsed text: its "site" text's, if it carries one.
inline Steps StepsOfParsedRequest(const Json& parsed) {
  if (!parsed.is_object() || !parsed.contains("site") || !parsed["site"].is_string()) return DefaultSteps();
  return StepsOfSite(parsed["site"].get_ref<const std::string&>());
}

// The steps a request is planned with: its "site" text's, if it carries one.
inline Steps StepsOfRequest(std::string_view request) {
  return StepsOfParsedRequest(Json::parse(request.begin(), request.end(), nullptr, false));
}

inline bool Near(double expected, double actual, double tolerance) {
  return std::fabs(expected - actual) <= tolerance + 2e-9 * std::fabs(expected);
}

inline double RoundingTolerance(double a, double b) { return 0.0005 * (std::fabs(a) + std::fabs(b) + 1.0); }

// A number at object[key], or NaN when absent (so a relation with an absent figure is skipped).
inline double Number(const Json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_number() ? found->get<double>() : std::nan("");
}

inline std::string Text(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

// "" when product == a x b within display rounding.
inline std::string Product(const std::string& what, double product, double a, double b) {
  if (std::isnan(product) || std::isnan(a) || std::isnan(b)) return "";
  if (Near(a * b, product, RoundingTolerance(a, b))) return "";
  return what + ": " + Text(product) + " is not " + Text(a) + " x " + Text(b);
}

// "" when `given`, a figure set at a step and rounded down, is at most `ordered` and less by under `step` (all in
// one unit), within `tolerance` for the display rounding of the figures they were worked from.
inline std::string RoundedDown(const std::string& what, double given, double ordered, double step, double tolerance) {
  if (std::isnan(given) || std::isnan(ordered) || std::isnan(step)) return "";
  const double slack = tolerance + 2e-9 * std::fabs(ordered);
  if (given > ordered + slack) return what + ": " + Text(given) + " is more than the " + Text(ordered) + " ordered";
  if (given <= ordered - step - slack) {
    return what + ": " + Text(given) + " is a whole step (" + Text(step) + ") or more below the " + Text(ordered) +
           " ordered";
  }
  return "";
}

// Issue 11 point 6: a volume, pump rate or dose that cannot be given (below the step a syringe or pump measures)
// must not be a result. Branch prep makes it the hard alert below-measurable-resolution, which blocks the plan, and
// leaves the figure out of the response rather than show it as 0. CheckPlanArithmetic refuses a zero or missing
// figure in an unblocked plan from every response check (fuzz targets and property probes); the check itself is
// tested directly in tests/unit/invariants_test.cpp.
inline constexpr bool kZeroFiguresMustBeBlocked = true;

// True when the response carries a hard alert: the plan is refused and its figures are not for use (a concentration
// of 1e-9 mg/mL is shown as 0 with too-many-bags), so the arithmetic relations are not asked of them.
inline bool HasHardAlert(const Json& response) {
  for (const Json& alert : response.value("alerts", Json::array())) {
    if (alert.is_object() && alert.value("severity", "") == "hard") return true;
  }
  return false;
}

// `zeroCheck`: refuse a zero or missing figure in an unblocked plan (see kZeroFiguresMustBeBlocked).
inline std::string CheckPlanArithmetic(const Json& plan, bool zeroCheck = kZeroFiguresMustBeBlocked,
                                       const Steps& steps = DefaultSteps()) {
  const double weight = Number(plan, "dosing_weight_kg");
  const bool blocked = plan.value("blocked", true);
  std::string broken;
  auto check = [&broken](std::string problem) {
    if (broken.empty()) broken = std::move(problem);
  };
  auto part = [&plan](const char* name) -> const Json* {
    return plan.contains(name) && plan[name].is_object() ? &plan[name] : nullptr;
  };
  const Json* bolus = part("bolus");
  const Json* infusion = part("infusion");
  const Json* repeated = part("repeated");

  // A figure that cannot be given (0 mL, 0 mL/h, 0 mg, or left out) may stand only in a plan that is blocked (issue
  // 11 point 6: branch prep makes it a hard alert); an unblocked plan must be one a nurse can program.
  auto given = [&](const Json* in, const char* name, const char* key, bool required) {
    if (!zeroCheck || blocked || in == nullptr) return;
    const double value = Number(*in, key);
    if (std::isnan(value) && required) check(std::string("an unblocked plan has no ") + name + "." + key);
    if (!std::isnan(value) && value <= 0) check(std::string("an unblocked plan has ") + name + "." + key + " 0");
  };
  given(bolus, "bolus", "dose_mg", true);
  given(bolus, "bolus", "volume_ml", true);
  given(infusion, "infusion", "rate_mg_per_h", true);
  given(infusion, "infusion", "rate_ml_per_h", true);
  given(infusion, "infusion", "total_mg", true);
  given(repeated, "repeated", "dose_mg", true);
  given(repeated, "repeated", "volume_ml", false);  // an oral dose in mg has no volume
  if (HasHardAlert(plan)) return broken;

  double sum = 0;
  if (bolus != nullptr) {
    const double concentration = Number(*bolus, "concentration_mg_per_ml");
    const double dose = Number(*bolus, "dose_mg");
    const double volume = Number(*bolus, "volume_ml");
    const double perKg = Number(*bolus, "dose_mg_per_kg");
    // What the measured volume holds.
    check(Product("bolus.dose_mg = volume_ml x concentration_mg_per_ml", dose, volume, concentration));
    // The volume drawn is the ordered one rounded down to the syringe's step: compared in mg (x concentration),
    // which stays well conditioned when the concentration shown is small.
    check(RoundedDown("bolus.volume_ml <= dose_mg_per_kg x dosing_weight_kg / concentration_mg_per_ml, within one "
                      "syringe step",
                      volume * concentration, perKg * weight, steps.Syringe(volume) * (concentration + 0.0005),
                      RoundingTolerance(volume, concentration) + RoundingTolerance(perKg, weight)));
    check(Product("bolus.volume_ml = rate_ml_per_min x over_min", volume, Number(*bolus, "rate_ml_per_min"),
                  Number(*bolus, "over_min")));
    sum += dose;
  }
  if (infusion != nullptr) {
    const double concentration = Number(*infusion, "concentration_mg_per_ml");
    const double mgPerH = Number(*infusion, "rate_mg_per_h");
    const double mlPerH = Number(*infusion, "rate_ml_per_h");
    const double perKg = Number(*infusion, "rate_mg_per_kg_per_h");
    const double duration = Number(*infusion, "duration_h");
    const double totalMg = Number(*infusion, "total_mg");
    const double totalMl = Number(*infusion, "total_ml");
    // What the pump setting delivers; the setting is the ordered rate rounded down to the pump's step.
    check(Product("infusion.rate_mg_per_h = rate_ml_per_h x concentration_mg_per_ml", mgPerH, mlPerH, concentration));
    check(RoundedDown("infusion.rate_ml_per_h <= rate_mg_per_kg_per_h x dosing_weight_kg / concentration_mg_per_ml, "
                      "within one pump step",
                      mlPerH * concentration, perKg * weight, steps.pumpMlPerH * (concentration + 0.0005),
                      RoundingTolerance(mlPerH, concentration) + RoundingTolerance(perKg, weight)));
    check(Product("infusion.rate_ug_per_kg_per_min = rate_mg_per_kg_per_h x 1000/60",
                  Number(*infusion, "rate_ug_per_kg_per_min"), perKg, 1000.0 / 60.0));
    // Each bag's volume to be infused is its hours at the pump setting, rounded down to the pump's step in mL: the
    // total is the setting x the duration, less under one step per bag.
    const Json bags = infusion->value("bags", Json::array());
    const double stepsLost = static_cast<double>(std::max<std::size_t>(1, bags.is_array() ? bags.size() : 0));
    check(RoundedDown("infusion.total_mg = rate_mg_per_h x duration_h, less under one pump step per bag", totalMg,
                      mgPerH * duration, stepsLost * steps.pumpMlPerH * (concentration + 0.0005),
                      RoundingTolerance(mgPerH, duration)));
    check(Product("infusion.total_mg = total_ml x concentration_mg_per_ml", totalMg, totalMl, concentration));
    if (bags.is_array() && !bags.empty()) {
      double bagsMl = 0;
      double previousEnd = 0;
      for (std::size_t i = 0; i < bags.size(); ++i) {
        const Json& bag = bags[i];
        if (!bag.is_object()) continue;
        const std::string name = "infusion.bags." + std::to_string(i);
        const double start = Number(bag, "start_h");
        const double end = Number(bag, "end_h");
        const double vtbi = Number(bag, "vtbi_ml");
        // start_h and end_h are each shown to 3 decimals: the hours between them are known to 0.001 h.
        if (!Near(previousEnd, start, 0.001)) check(name + ".start_h " + Text(start) + " is not the last bag's end");
        previousEnd = end;
        check(RoundedDown(name + ".vtbi_ml <= rate_ml_per_h x (end_h - start_h), within one pump step", vtbi,
                          mlPerH * (end - start), steps.pumpMlPerH,
                          RoundingTolerance(mlPerH, end - start) + 0.0005 * std::fabs(mlPerH) + 0.001));
        check(Product(name + ".drug_mg = vtbi_ml x concentration_mg_per_ml", Number(bag, "drug_mg"), vtbi,
                      concentration));
        bagsMl += vtbi;
      }
      if (!Near(duration, previousEnd, 0.001)) check("infusion.bags end at " + Text(previousEnd) + ", not duration_h");
      if (!std::isnan(totalMl) && !Near(bagsMl, totalMl, 0.0005 * (bags.size() + 1.0))) {
        check("infusion.total_ml " + Text(totalMl) + " is not the sum of the bags' vtbi_ml, " + Text(bagsMl));
      }
      const double firstVtbi = Number(*infusion, "vtbi_ml");
      if (!std::isnan(firstVtbi) && firstVtbi != Number(bags[0], "vtbi_ml")) {
        check("infusion.vtbi_ml " + Text(firstVtbi) + " is not the first bag's");
      }
    }
    sum += totalMg;
    // Each row of the rate table: mg/h as ordered for that row, and the pump setting that row would be programmed at.
    for (const Json& row : plan.value("rate_table", Json::array())) {
      const double rowPerKg = Number(row, "rate_mg_per_kg_per_h");
      const double rowMgPerH = Number(row, "rate_mg_per_h");
      const double rowMlPerH = Number(row, "rate_ml_per_h");
      check(Product("rate_table: rate_mg_per_h = rate_mg_per_kg_per_h x dosing_weight_kg", rowMgPerH, rowPerKg, weight));
      check(Product("rate_table: rate_ug_per_kg_per_min = rate_mg_per_kg_per_h x 1000/60",
                    Number(row, "rate_ug_per_kg_per_min"), rowPerKg, 1000.0 / 60.0));
      check(RoundedDown("rate_table: rate_ml_per_h <= rate_mg_per_h / concentration_mg_per_ml, within one pump step",
                        rowMlPerH * concentration, rowMgPerH, steps.pumpMlPerH * (concentration + 0.0005),
                        RoundingTolerance(rowMlPerH, concentration) + 0.0005));
    }
  }
  if (repeated != nullptr) {
    const double dose = Number(*repeated, "dose_mg");
    const double volume = Number(*repeated, "volume_ml");
    const double ordered = Number(*repeated, "dose_mg_per_kg") * weight;
    const double tolerance = RoundingTolerance(Number(*repeated, "dose_mg_per_kg"), weight) + 0.0005;
    if (std::isnan(volume)) {
      check(Product("repeated.dose_mg = dose_mg_per_kg x dosing_weight_kg", dose, Number(*repeated, "dose_mg_per_kg"),
                    weight));
    } else {
      // The response does not show the repeated dose's concentration: it is what the measured volume holds per mL.
      check(RoundedDown("repeated.volume_ml <= dose_mg_per_kg x dosing_weight_kg / concentration, within one syringe "
                        "step",
                        dose, ordered, steps.Syringe(volume) * dose / volume, tolerance));
    }
    check(Product("repeated.daily_mg = dose_mg x doses_per_day", Number(*repeated, "daily_mg"), dose,
                  Number(*repeated, "doses_per_day")));
    check(Product("repeated.doses_per_day = 24 / every_h", Number(*repeated, "doses_per_day"), 24.0,
                  1.0 / Number(*repeated, "every_h")));
  }
  // The plan's total is the bolus plus the infusion (repeated doses are counted per day, in daily_mg).
  const double total = Number(plan, "total_mg");
  if (!std::isnan(total) && !std::isnan(sum) && !Near(sum, total, 0.001)) {
    check("total_mg " + Text(total) + " is not the sum of the bolus and infusion, " + Text(sum));
  }
  return broken;
}

inline std::string CheckPumpArithmetic(const Json& check) {
  const double mgPerKgPerH = Number(check, "delivered_rate_mg_per_kg_per_h");
  std::string broken = Product("delivered_rate_mg_per_h = delivered_rate_mg_per_kg_per_h x dosing_weight_kg",
                               Number(check, "delivered_rate_mg_per_h"), mgPerKgPerH, Number(check, "dosing_weight_kg"));
  if (broken.empty()) {
    broken = Product("delivered_rate_ug_per_kg_per_min = delivered_rate_mg_per_kg_per_h x 1000/60",
                     Number(check, "delivered_rate_ug_per_kg_per_min"), mgPerKgPerH, 1000.0 / 60.0);
  }
  return broken;
}

// The invariants of one response already parsed (`response`, from result.json): for a caller that reads the
// response itself too, so that it is parsed once. `action` is the request's action when known ("" otherwise);
// `steps` are the pump's and syringes' steps it was planned with (StepsOfRequest, StepsOfSite).
inline std::string CheckParsedResponse(const ApiResult& result, const Json& response, const std::string& action = "",
                                       const Steps& steps = DefaultSteps()) {
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
  if (broken.empty() && action == "plan") broken = CheckPlanArithmetic(response, kZeroFiguresMustBeBlocked, steps);
  if (broken.empty() && action == "drill-check" && response.contains("plan") && response["plan"].is_object() &&
      response["plan"].value("ok", false)) {
    broken = CheckPlanArithmetic(response["plan"], kZeroFiguresMustBeBlocked, steps);
  }
  if (broken.empty() && action == "pump-check") broken = CheckPumpArithmetic(response);
  return broken;
}

// The response parsed, or null with `problem` set when it is not JSON.
inline Json ParseResponse(const ApiResult& result, std::string& problem) {
  try {
    return Json::parse(result.json);
  } catch (const Json::exception& error) {
    problem = std::string("the response is not valid JSON: ") + error.what();
    return Json();
  }
}

// The invariants of one response (CheckParsedResponse, parsing result.json first).
inline std::string CheckResponse(const ApiResult& result, const std::string& action = "",
                                 const Steps& steps = DefaultSteps()) {
  std::string problem;
  const Json response = ParseResponse(result, problem);
  return problem.empty() ? CheckParsedResponse(result, response, action, steps) : problem;
}

// The action of a parsed request: its string "action", or "" when it has none (or is not an object).
inline std::string ActionOfParsed(const Json& parsed) {
  if (!parsed.is_object() || !parsed.contains("action") || !parsed["action"].is_string()) return "";
  return parsed["action"].get<std::string>();
}

// Shared by the fuzz targets: prints what broke, the input and the response, then aborts (libFuzzer keeps the input).
[[noreturn]] inline void Abort(const std::string& what, const char* inputName, std::string_view input,
                               const std::string& response) {
  std::fprintf(stderr, "INVARIANT BROKEN: %s\n%s: %.*s\nresponse: %s\n", what.c_str(), inputName,
               static_cast<int>(input.size()), input.data(), response.c_str());
  std::abort();
}

// The request's top-level "action" and "site", and nothing else: every other member is parsed and discarded
// rather than built into a tree (fuzz speed, issue 13: a request is read here only for these two). A text that is
// not JSON gives a discarded value.
inline Json ActionAndSite(std::string_view request) {
  const auto keep = [](int depth, Json::parse_event_t event, Json& parsed) {
    return event != Json::parse_event_t::key || depth != 1 || parsed == "action" || parsed == "site";
  };
  return Json::parse(request.begin(), request.end(), keep, false);
}

// Aborts unless the response to `request` keeps every invariant above. The request is read (for its action and its
// site's steps) only when it was answered: a rejection's invariants do not depend on what was asked, and most fuzz
// inputs are rejected.
inline void RequireInvariants(const ApiResult& result, std::string_view request) {
  std::string broken;
  const Json response = ParseResponse(result, broken);
  if (broken.empty()) {
    const Json parsed = result.outcome == Outcome::kComputed ? ActionAndSite(request) : Json();
    broken = CheckParsedResponse(result, response, ActionOfParsed(parsed), StepsOfParsedRequest(parsed));
  }
  if (!broken.empty()) Abort(broken, "request", request, result.json);
}

}  // namespace ketadose::invariants
