// Site configuration: validation (each bad field an error with its path) and overlay on the catalog.
#include "ketadose/site.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "ketadose/fields.hpp"
#include "ketadose/sha256.hpp"

namespace ketadose {

namespace {

constexpr const char* kLimitKeys[] = {"dose_mg_per_kg", "over_min", "rate_mg_per_kg_per_h", "rate_mg_per_h",
                                      "duration_h", "dose_mg", "every_h", "daily_mg"};
constexpr const char* kBounds[] = {"min", "max", "hard_max", "cap"};

std::string Describe(const Json& value) {
  if (value.is_number()) return FormatNumber(value.get<double>());
  if (!value.is_array()) return "none";
  std::string list;
  for (const Json& item : value) list += (list.empty() ? "" : ", ") + Describe(item);
  return list;
}

class SiteReader {
 public:
  SiteReader(const Catalog& base, Catalog& out, Errors& errors) : base_(base), out_(out), errors_(errors) {}

  void Read(const Json& site) {
    RejectUnknownKeys(site, "site",
                      {"schemaVersion", "institution", "approval", "stocked_concentrations_mg_per_ml", "containers_ml",
                       "default_dosing_weight", "hidden_regimens", "regimen_limits", "setting_thresholds"},
                      errors_);
    const auto version = ReadNumber(site, "schemaVersion", "site", FieldLabel{"Schema version", ""}, Range{1, 1},
                                    errors_);
    (void)version;
    const auto institution = ReadString(site, "institution", "site", errors_);
    const auto approval = ReadString(site, "approval", "site", errors_, Presence::kOptional);
    out_.site = Json::object();
    out_.site["institution"] = institution.value_or("");
    out_.site["approval"] = approval.value_or("");
    out_.site["differences"] = Json::array();

    ReadNumberList(site, "stocked_concentrations_mg_per_ml", "/products/injection_mg_per_ml",
                   PlausibleRange(base_, "concentration_mg_per_ml"), "Stocked concentration", "mg/mL");
    ReadNumberList(site, "containers_ml", "/containers_ml/sizes", Range{0, 5000, true}, "Container size", "mL");

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
  }

 private:
  void Difference(const std::string& path, const std::string& kind, const std::string& before,
                  const std::string& after) {
    out_.site["differences"].push_back(Json{{"path", path}, {"kind", kind}, {"default", before}, {"site", after}});
  }

  void ReadNumberList(const Json& site, const char* key, const char* pointer, const Range& range, const char* name,
                      const char* unit) {
    if (!site.contains(key)) return;
    const std::string path = Path("site", key);
    const Json& list = site[key];
    if (!list.is_array() || list.empty()) {
      errors_.Add(path, std::string("This must be a non-empty list of numbers in ") + unit + ".");
      return;
    }
    Json values = Json::array();
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Json holder = Json{{"value", list[i]}};
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
    const Json before = out_.rules.contains(target) ? out_.rules.at(target) : Json();
    out_.rules[target] = values;
    Difference(key, "changed", Describe(before), Describe(values));
  }

  void ReadHidden(const Json& site) {
    const auto hidden = ReadStringArray(site, "hidden_regimens", "site", errors_);
    if (!hidden) return;
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
    for (const Json& regimen : out_.regimens) {
      const std::string id = regimen.value("id", "");
      if (std::find(hidden->begin(), hidden->end(), id) == hidden->end()) {
        kept.push_back(regimen);
      } else {
        Difference("regimens." + id, "hidden", "shown", "hidden");
      }
    }
    out_.regimens = kept;
  }

  void ReadLimits(const Json& site) {
    const Json* limits = ReadObject(site, "regimen_limits", "site", errors_);
    if (limits == nullptr) return;
    for (auto regimenItem = limits->begin(); regimenItem != limits->end(); ++regimenItem) {
      const std::string id = regimenItem.key();
      const std::string regimenPath = "site.regimen_limits." + id;
      Json* regimen = nullptr;
      for (Json& candidate : out_.regimens) {
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
        if (!regimen->contains(part) || !partItem->is_object()) {
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
      record = Json{{"kind", "site"}, {"source", {{"ref", "site"}, {"where", "site configuration"}}}};
    }
    const std::size_t errorsBefore = errors_.List().size();
    for (auto bound = value.begin(); bound != value.end(); ++bound) {
      const bool knownBound = std::any_of(std::begin(kBounds), std::end(kBounds),
                                          [&](const char* name) { return bound.key() == name; });
      if (!knownBound) {
        errors_.Add(Path(path, bound.key()), "Use min, max, hard_max or cap.");
        continue;
      }
      const auto number = ReadNumber(value, bound.key(), path, FieldLabel{"A limit", ""},
                                     Range{0, 1e6, true}, errors_);
      if (!number) continue;
      const Json before = record.value(bound.key(), Json());
      if (before.is_number() && before.get<double>() == *number) continue;
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
    if (errors_.List().size() == errorsBefore && record.contains("min") && record.contains("max") &&
        record["min"].get<double>() > record["max"].get<double>()) {
      errors_.Add(path, "The minimum is above the maximum for this limit.");
    }
    // A regimen's default order must not start outside the site's limits: bring it inside them.
    Json& defaults = partRecord["default"];
    if (errors_.List().size() == errorsBefore && defaults.is_object() && defaults.contains(key) &&
        defaults[key].is_number()) {
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
      const double builtIn = RuleNumber(base_, (std::string("/setting_thresholds/") + key).c_str());
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
      out_.rules["setting_thresholds"][key] = *value;
      out_.rules["setting_thresholds"]["site_modified"] = true;
      Difference(std::string("setting_thresholds.") + key, "tightened", FormatNumber(builtIn), FormatNumber(*value));
    }
  }

  const Catalog& base_;
  Catalog& out_;
  Errors& errors_;
};

}  // namespace

std::optional<Catalog> ApplySite(const Catalog& base, std::string_view siteText, Errors& errors) {
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
  Errors siteErrors;
  SiteReader(base, applied, siteErrors).Read(site);
  if (!siteErrors.Empty()) {
    for (const FieldError& error : siteErrors.List()) errors.Add(error.field, error.message);
    return std::nullopt;
  }
  applied.site["checksum"] = Sha256Hex(siteText);
  return applied;
}

}  // namespace ketadose
