// Site configuration: validation (each bad field an error with its path) and overlay on the catalog.
#include "content/site.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "json/json_bounds.hpp"
#include "json/fields.hpp"
#include "base/sha256.hpp"
#include "content/catalog_json.hpp"

namespace ketadose {

namespace {

constexpr const char* kLimitKeys[] = {"dose_mg_per_kg", "over_min", "rate_mg_per_kg_per_h", "rate_mg_per_h",
                                      "duration_h", "dose_mg", "every_h", "daily_mg"};
constexpr const char* kBounds[] = {"min", "max", "hard_max", "cap"};
// The parts of a regimen a site may limit: a regimen record's other members (its id, title, source...) are not.
constexpr const char* kParts[] = {"bolus", "infusion", "repeated"};

// A site limit must lie where the input it limits can lie: the plausibility range of content/rules.json (for
// daily_mg, that of a single dose in mg, which is far above any daily amount the sources state), with its unit
// for the error sentence.
struct LimitScale {
  const char* key;
  const char* plausibility;
  const char* unit;
};
constexpr LimitScale kLimitScales[] = {
    {"dose_mg_per_kg", "dose_mg_per_kg", "mg/kg"}, {"over_min", "bolus_over_min", "min"},
    {"rate_mg_per_kg_per_h", "rate_mg_per_kg_per_h", "mg/kg/h"}, {"rate_mg_per_h", "rate_mg_per_h", "mg/h"},
    {"duration_h", "infusion_duration_h", "h"}, {"dose_mg", "dose_mg", "mg"},
    {"every_h", "repeat_every_h", "h"}, {"daily_mg", "dose_mg", "mg"}};

// Longest lists a site may give (a pharmacy stocks a few strengths and container sizes). Longer lists are
// refused at the list's path rather than multiplied into every response.
constexpr std::size_t kMaxStockedConcentrations = 8;
constexpr std::size_t kMaxContainers = 16;

std::string Describe(const Json& value) {
  if (value.is_number()) return FormatNumber(value.get<double>());
  if (!value.is_array() || value.empty()) return "none";
  std::string list;
  for (const Json& item : value) list += (list.empty() ? "" : ", ") + Describe(item);
  return list;
}

class SiteReader {
 public:
  SiteReader(const Catalog& base, Catalog& out, CatalogDocuments& docs, Errors& errors)
      : base_(base), out_(out), docs_(docs), errors_(errors) {}

  void Read(const Json& site) {
    RejectUnknownKeys(site, "site",
                      {"schemaVersion", "institution", "approval", "stocked_concentrations_mg_per_ml", "containers_ml",
                       "default_dosing_weight", "hidden_regimens", "regimen_limits", "setting_thresholds",
                       "quality_log", "s_ketamine_concentrations_mg_per_ml", "pump_rate_step_ml_per_h",
                       "syringe_steps_ml", "container_max_hours"},
                      errors_);
    const auto version = ReadNumber(site, "schemaVersion", "site", FieldLabel{"Schema version", ""}, Range{1, 1},
                                    errors_);
    (void)version;
    const auto institution = ReadString(site, "institution", "site", errors_);
    const auto approval = ReadString(site, "approval", "site", errors_, Presence::kOptional);
    docs_.site = Json::object();
    docs_.site["institution"] = institution.value_or("");
    docs_.site["approval"] = approval.value_or("");
    docs_.site["differences"] = Json::array();

    ReadNumberList(site, "stocked_concentrations_mg_per_ml", "/products/injection_mg_per_ml",
                   PlausibleRange(base_, "concentration_mg_per_ml"), "Stocked concentration", "mg/mL",
                   kMaxStockedConcentrations);
    ReadNumberList(site, "containers_ml", "/containers_ml/sizes", Range{0, 5000, true}, "Container size", "mL",
                   kMaxContainers);
    ReadNumberList(site, "s_ketamine_concentrations_mg_per_ml", "/s_ketamine_products/injection_mg_per_ml",
                   PlausibleRange(base_, "concentration_mg_per_ml"), "Stocked S-ketamine concentration", "mg/mL",
                   kMaxStockedConcentrations);
    ReadMeasurable(site);

    if (site.contains("default_dosing_weight")) {
      const auto basis =
          ReadChoice(site, "default_dosing_weight", "site", {"actual", "ideal", "adjusted"}, errors_);
      if (basis && *basis != out_.defaultDosingWeight) {
        Difference("default_dosing_weight", "changed", out_.defaultDosingWeight, *basis);
        out_.defaultDosingWeight = *basis;
      }
    }
    ReadHidden(site);
    ReadLimits(site);
    ReadThresholds(site);
    ReadQualityLog(site);
  }

 private:
  void Difference(const std::string& path, const std::string& kind, const std::string& before,
                  const std::string& after) {
    Json difference;
    difference["path"] = path;
    difference["kind"] = kind;
    difference["default"] = before;
    difference["site"] = after;
    docs_.site["differences"].push_back(std::move(difference));
  }

  void ReadNumberList(const Json& site, const char* key, const char* pointer, const Range& range, const char* name,
                      const char* unit, std::size_t maxItems) {
    if (!site.contains(key)) return;
    const std::string path = Path("site", key);
    const Json& list = site[key];
    if (!list.is_array() || list.empty()) {
      errors_.Add(path, std::string("This must be a non-empty list of numbers in ") + unit + ".");
      return;
    }
    if (list.size() > maxItems) {
      errors_.Add(path, "This list has " + std::to_string(list.size()) + " entries; a site can list at most " +
                            std::to_string(maxItems) + ".");
      return;
    }
    Json values = Json::array();
    for (std::size_t i = 0; i < list.size(); ++i) {
      Json holder;
      holder["value"] = list[i];
      Errors itemErrors;
      const auto value = ReadNumber(holder, "value", "", FieldLabel{name, unit}, range, itemErrors);
      if (!value) {
        errors_.Add(Path(path, std::to_string(i)), itemErrors.List().front().message);
        continue;
      }
      values.push_back(*value);
    }
    if (values.size() != list.size()) return;
    const Json::json_pointer target(pointer);
    const Json before = docs_.rules.contains(target) ? docs_.rules.at(target) : Json();
    docs_.rules[target] = values;
    Difference(key, "changed", Describe(before), Describe(values));
  }

  // The pump's and syringes' steps and a bag's longest hang time (content/rules.json measurable_resolution,
  // container_max_hours: tool conventions a site replaces with its own equipment and policy).
  void ReadOneNumber(const Json& object, const char* key, const std::string& parent, const FieldLabel& label,
                     const Range& range, const char* pointer, const std::string& differencePath) {
    const auto value = ReadNumber(object, key, parent, label, range, errors_, Presence::kOptional);
    if (!value) return;
    const Json::json_pointer target(pointer);
    const Json before = docs_.rules.contains(target) ? docs_.rules.at(target) : Json();
    if (before.is_number() && before.get<double>() == *value) return;
    docs_.rules[target] = *value;
    Difference(differencePath, "changed", Describe(before), FormatNumber(*value));
  }

  void ReadMeasurable(const Json& site) {
    ReadOneNumber(site, "pump_rate_step_ml_per_h", "site", FieldLabel{"The pump's rate step", "mL/h"},
                  Range{0.001, 1}, "/measurable_resolution/pump_rate_ml_per_h", "pump_rate_step_ml_per_h");
    ReadOneNumber(site, "container_max_hours", "site", FieldLabel{"The longest a bag may hang", "h"}, Range{1, 168},
                  "/container_max_hours/value", "container_max_hours");
    const Json* steps = ReadObject(site, "syringe_steps_ml", "site", errors_);
    if (steps == nullptr) return;
    RejectUnknownKeys(*steps, "site.syringe_steps_ml", {"below_1_ml", "from_1_ml"}, errors_);
    ReadOneNumber(*steps, "below_1_ml", "site.syringe_steps_ml", FieldLabel{"The syringe step under 1 mL", "mL"},
                  Range{0.001, 0.1}, "/measurable_resolution/syringe_ml_below_1_ml", "syringe_steps_ml.below_1_ml");
    ReadOneNumber(*steps, "from_1_ml", "site.syringe_steps_ml", FieldLabel{"The syringe step from 1 mL", "mL"},
                  Range{0.01, 1}, "/measurable_resolution/syringe_ml_from_1_ml", "syringe_steps_ml.from_1_ml");
  }

  void ReadHidden(const Json& site) {
    const auto hidden = ReadStringArray(site, "hidden_regimens", "site", errors_);
    if (!hidden) return;
    if (hidden->size() > base_.regimens.size()) {
      errors_.Add("site.hidden_regimens", "This list has " + std::to_string(hidden->size()) +
                                              " entries; there are only " + std::to_string(base_.regimens.size()) +
                                              " regimens, and a site cannot hide every one.");
      return;
    }
    for (std::size_t i = 0; i < hidden->size(); ++i) {
      if (FindRegimen(base_, (*hidden)[i]) == nullptr) {
        errors_.Add("site.hidden_regimens." + std::to_string(i), "There is no regimen \"" + (*hidden)[i] + "\".");
      }
    }
    if (hidden->size() >= base_.regimens.size()) {
      errors_.Add("site.hidden_regimens", "A site cannot hide every regimen.");
      return;
    }
    Json kept = Json::array();
    for (const Json& regimen : docs_.regimens) {
      const std::string id = regimen.value("id", "");
      if (std::find(hidden->begin(), hidden->end(), id) == hidden->end()) {
        kept.push_back(regimen);
      } else {
        Difference("regimens." + id, "hidden", "shown", "hidden");
      }
    }
    docs_.regimens = kept;
  }

  void ReadLimits(const Json& site) {
    const Json* limits = ReadObject(site, "regimen_limits", "site", errors_);
    if (limits == nullptr) return;
    for (auto regimenItem = limits->begin(); regimenItem != limits->end(); ++regimenItem) {
      const std::string id = regimenItem.key();
      const std::string regimenPath = "site.regimen_limits." + id;
      Json* regimen = nullptr;
      for (Json& candidate : docs_.regimens) {
        if (candidate.value("id", "") == id) regimen = &candidate;
      }
      if (FindRegimen(base_, id) == nullptr) {
        errors_.Add(regimenPath, "There is no regimen \"" + id + "\".");
        continue;
      }
      if (regimen == nullptr) continue;  // hidden: its limits no longer matter
      if (!regimenItem->is_object()) {
        errors_.Add(regimenPath, "This must be an object of parts (bolus, infusion, repeated).");
        continue;
      }
      for (auto partItem = regimenItem->begin(); partItem != regimenItem->end(); ++partItem) {
        const std::string part = partItem.key();
        const std::string partPath = regimenPath + "." + part;
        const bool knownPart =
            std::any_of(std::begin(kParts), std::end(kParts), [&](const char* name) { return part == name; });
        if (!knownPart || !regimen->contains(part) || !(*regimen)[part].is_object() || !partItem->is_object()) {
          errors_.Add(partPath, "This regimen has no \"" + part + "\" part to limit (use bolus, infusion or repeated "
                                "as the regimen has them).");
          continue;
        }
        for (auto keyItem = partItem->begin(); keyItem != partItem->end(); ++keyItem) {
          ReadOneLimit(id, part, keyItem.key(), keyItem.value(), partPath + "." + keyItem.key(), (*regimen)[part]);
        }
      }
    }
  }

  void ReadOneLimit(const std::string& id, const std::string& part, const std::string& key, const Json& value,
                    const std::string& path, Json& partRecord) {
    const bool knownKey = std::any_of(std::begin(kLimitKeys), std::end(kLimitKeys),
                                      [&](const char* name) { return key == name; });
    if (!knownKey || !value.is_object()) {
      errors_.Add(path, "This is not a limit this tool knows. Use one of dose_mg_per_kg, over_min, "
                        "rate_mg_per_kg_per_h, rate_mg_per_h, duration_h, dose_mg, every_h, daily_mg, each an object "
                        "of min, max, hard_max or cap.");
      return;
    }
    Json& record = partRecord[key];
    if (record.is_null()) {
      record["kind"] = "site";
      record["source"]["ref"] = "site";
      record["source"]["where"] = "site configuration";
    }
    const std::size_t errorsBefore = errors_.List().size();
    for (auto bound = value.begin(); bound != value.end(); ++bound) {
      const bool knownBound = std::any_of(std::begin(kBounds), std::end(kBounds),
                                          [&](const char* name) { return bound.key() == name; });
      if (!knownBound) {
        errors_.Add(Path(path, bound.key()), "Use min, max, hard_max or cap.");
        continue;
      }
      const LimitScale& scale = *std::find_if(std::begin(kLimitScales), std::end(kLimitScales),
                                              [&](const LimitScale& item) { return key == item.key; });
      const Range plausible{0, PlausibleRange(base_, scale.plausibility).max, true};
      const auto number = ReadNumber(value, bound.key(), path, FieldLabel{"A limit", scale.unit}, plausible, errors_);
      if (!number) continue;
      const Json before = record.value(bound.key(), Json());
      if (before.is_number() && before.get<double>() == *number) continue;
      // hard_max and cap are absolute limits the sources state: a site may lower one, never raise it.
      const bool absolute = bound.key() == "hard_max" || bound.key() == "cap";
      if (absolute && before.is_number() && *number > before.get<double>()) {
        const SourceRef source = ReadSource(record);
        errors_.Add(Path(path, bound.key()),
                    "A site can lower this absolute limit, not raise it above the guideline's " +
                        FormatNumber(before.get<double>()) + " " + scale.unit + " (" + source.ref +
                        (source.where.empty() ? "" : ", " + source.where) + ").");
        continue;
      }
      const bool isMinimum = bound.key() == "min";
      std::string kind = "tightened";
      if (before.is_number()) {
        const bool raised = *number > before.get<double>();
        kind = (raised == isMinimum) ? "tightened" : "loosened";
      } else if (isMinimum) {
        kind = "tightened";
      }
      // Alerts name the site rule and the guideline's figure of each bound the site changed (guardrails.cpp).
      {
        Json& guideline = record["guideline"];
        if (!guideline.contains(bound.key())) guideline[bound.key()] = before.is_number() ? before : Json();
        guideline["site_rule"] = path;
      }
      record[bound.key()] = *number;
      record["site_modified"] = true;
      Difference("regimens." + id + "." + part + "." + key + "." + bound.key(), kind, Describe(before),
                 FormatNumber(*number));
    }
    if (errors_.List().size() == errorsBefore && record.value("min", Json()).is_number() &&
        record.value("max", Json()).is_number() && record["min"].get<double>() > record["max"].get<double>()) {
      errors_.Add(path, "The minimum is above the maximum for this limit.");
    }
    // A regimen's default order must not start outside the site's limits: bring it inside them.
    const auto defaultsItem = partRecord.find("default");  // looked up, never added: a part may state no default
    if (errors_.List().size() == errorsBefore && defaultsItem != partRecord.end() && defaultsItem->is_object() &&
        defaultsItem->contains(key) && (*defaultsItem)[key].is_number()) {
      Json& defaults = *defaultsItem;
      const double before = defaults[key].get<double>();
      double clamped = before;
      for (const char* ceiling : {"max", "hard_max", "cap"}) {
        if (record.contains(ceiling) && record[ceiling].is_number()) clamped = std::min(clamped, record[ceiling].get<double>());
      }
      if (record.contains("min") && record["min"].is_number()) clamped = std::max(clamped, record["min"].get<double>());
      if (clamped != before) {
        defaults[key] = clamped;
        Difference("regimens." + id + "." + part + ".default." + key, "changed", FormatNumber(before),
                   FormatNumber(clamped));
      }
    }
  }

  void ReadThresholds(const Json& site) {
    const Json* thresholds = ReadObject(site, "setting_thresholds", "site", errors_);
    if (thresholds == nullptr) return;
    RejectUnknownKeys(*thresholds, "site.setting_thresholds", {"bolus_mg_per_kg", "infusion_mg_per_kg_per_h"},
                      errors_);
    for (const char* key : {"bolus_mg_per_kg", "infusion_mg_per_kg_per_h"}) {
      const double builtIn = std::string(key) == "bolus_mg_per_kg" ? base_.rules.settingThresholds.bolusMgPerKg
                                                                     : base_.rules.settingThresholds.infusionMgPerKgPerH;
      const auto value = ReadNumber(*thresholds, key, "site.setting_thresholds",
                                    FieldLabel{"A monitoring threshold", ""}, Range{0, 1e6, true}, errors_,
                                    Presence::kOptional);
      if (!value || *value == builtIn) continue;
      if (*value > builtIn) {
        errors_.Add(std::string("site.setting_thresholds.") + key,
                    "A site can lower this monitoring threshold, not raise it above the guideline's " +
                        FormatNumber(builtIn) + " (Cohen 2018 Q6).");
        continue;
      }
      docs_.rules["setting_thresholds"][key] = *value;
      docs_.rules["setting_thresholds"]["site_modified"] = true;
      Difference(std::string("setting_thresholds.") + key, "tightened", FormatNumber(builtIn), FormatNumber(*value));
    }
  }

  // Whether the page keeps its on-device override log for quality review (on unless the site says false).
  void ReadQualityLog(const Json& site) {
    const auto enabled = ReadBool(site, "quality_log", "site", errors_, Presence::kOptional);
    docs_.site["quality_log"] = enabled.value_or(true);
    if (enabled && !*enabled) Difference("quality_log", "changed", "on", "off");
  }

  const Catalog& base_;
  Catalog& out_;
  CatalogDocuments& docs_;  // the overlay is applied to the JSON documents; the typed records are rebuilt from them
  Errors& errors_;
};

}  // namespace

std::optional<Catalog> ApplySite(const Catalog& base, std::string_view siteText, Errors& errors) {
  // The same bounds as a request (json_bounds.hpp), before anything is parsed.
  const std::string tooBig = JsonBoundsProblem(siteText, "The site configuration");
  if (!tooBig.empty()) {
    errors.Add("site", tooBig);
    return std::nullopt;
  }
  Json site;
  try {
    site = Json::parse(siteText.begin(), siteText.end());
  } catch (const Json::exception& error) {
    std::string detail = error.what();
    const auto bracket = detail.find("] ");
    if (bracket != std::string::npos) detail = detail.substr(bracket + 2);
    errors.Add("site", "The site configuration is not valid JSON (" + detail + ").");
    return std::nullopt;
  }
  if (!site.is_object()) {
    errors.Add("site", "The site configuration must be a JSON object.");
    return std::nullopt;
  }
  Catalog applied = base;
  CatalogDocuments documents = Documents(base);
  Errors siteErrors;
  SiteReader(base, applied, documents, siteErrors).Read(site);
  if (!siteErrors.Empty()) {
    for (const FieldError& error : siteErrors.List()) errors.Add(error.field, error.message);
    return std::nullopt;
  }
  documents.site["checksum"] = Sha256Hex(siteText);
  try {
    BuildRecords(applied, std::move(documents));
  } catch (const ContentError& error) {  // a site change the records cannot hold (the checks above should prevent it)
    errors.Add("site", "The site configuration could not be applied (" + error.path + ": " + error.what() + ").");
    return std::nullopt;
  }
  return applied;
}

}  // namespace ketadose
