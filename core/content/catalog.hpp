// The clinical catalog a request is evaluated against: built-in content, optionally overlaid by a site config.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/fields.hpp"
#include "content/source.hpp"

namespace ketadose {

using Json = nlohmann::ordered_json;  // one JSON type in the core: keeps file and contract order, and one template instantiation


// What kind of figure a limit is (content "kind"): the alert's words follow it, so a trial's mean is never
// called a maximum. kUnstated only when a record gives no kind (the content test requires one on every limit).
enum class LimitKind {
  kUnstated,
  kStatedRange,    // the source states this range for the regimen
  kStatedMaximum,  // the source states it as a maximum ("up to", "maximum")
  kStatedMinimum,  // the source states it as a minimum ("at least")
  kTrialProtocol,  // the figure a trial's protocol used
  kTrialMean,      // a trial's mean (half the patients were above it)
  kTrialMedian,    // a reported median (half the patients were above it)
  kTypicalDose,    // the usual dose or interval the source gives
  kConvention,     // a ketadose convention where the sources are silent (ketadose-conventions)
  kSite,           // a limit that only the site configuration sets
};

// The content name of a kind ("stated-range", ...), and the kind for a name (kUnstated when unknown).
const char* LimitKindName(LimitKind kind);
LimitKind LimitKindFromName(const std::string& name);

// A numeric limit from a regimen or rule record. Absent bounds are nullopt.
// min/max: the stated range (leaving it needs acknowledgement); hardMax and cap: absolute ceilings.
struct Limit {
  std::optional<double> min;
  std::optional<double> max;
  std::optional<double> hardMax;
  std::optional<double> cap;
  SourceRef source;
  LimitKind kind = LimitKind::kUnstated;
  std::string appliesTo;      // content "for": whose figure it is, e.g. "a single 25 mg dose"
  bool titratedUpTo = false;  // the source reaches this range by titrating up from lower rates
  bool siteModified = false;
  // When a site changed a bound: the guideline's figure (nullopt when the guideline states none) and the
  // site rule's path, e.g. "regimen_limits.chronic-iv-outpatient.infusion.rate_mg_per_kg_per_h.max".
  bool siteChangedMin = false;
  bool siteChangedMax = false;
  bool siteChangedHardMax = false;
  bool siteChangedCap = false;
  std::optional<double> guidelineMin;
  std::optional<double> guidelineMax;
  std::string sitePath;
};

struct Catalog {
  Json regimens;    // content/regimens.json "regimens" array
  Json rules;       // content/rules.json
  Json references;  // content/references.json "references" array
  // The site configuration in force: null for the built-in defaults, else {institution, approval, checksum,
  // differences:[{path, kind, default, site}]} (see site.hpp).
  Json site;
  std::string defaultDosingWeight = "actual";
};

// The built-in catalog compiled from content/.
const Catalog& DefaultCatalog();

// The regimen record with this id, or nullptr.
const Json* FindRegimen(const Catalog& catalog, std::string_view id);

// The limit record regimen[part][key] (e.g. "infusion", "rate_mg_per_kg_per_h"), if the regimen states one.
std::optional<Limit> RegimenLimit(const Json& regimen, const char* part, const char* key);

// A limit read from any record with min/max/hard_max/cap, kind, for, titrated_up_to and the site marks.
Limit ReadLimit(const Json& record);

// The "source" object of a content record.
SourceRef ReadSource(const Json& record);

// The record in the rules file at a JSON pointer such as "/dosing_weight/devine"; null when absent.
const Json& RuleRecord(const Catalog& catalog, const char* pointer);

// The accepted range of an input named in rules.json "input_plausibility" (e.g. "weight_kg").
Range PlausibleRange(const Catalog& catalog, const std::string& name);

// A number from the rules file at a JSON pointer such as "/setting_thresholds/bolus_mg_per_kg".
double RuleNumber(const Catalog& catalog, const char* pointer);

}  // namespace ketadose
