// Typed content records: content/regimens.json and content/rules.json read once into C++ structs (the mapping
// from JSON is in records_json.cpp, with nlohmann's from_json). No JSON type appears here: the domain reads
// figures from these records by name, never by a JSON pointer or a string key.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/range.hpp"
#include "content/source.hpp"

namespace ketadose {


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

// A figure with its source (rules.json {"value": n, "source": {...}}).
struct SourcedNumber {
  double value = 0.0;
  Limit about;  // kind, source and site marks of the record
};

// One part of a regimen (bolus, infusion or repeated): its limits by figure, and the default order.
// One part of a regimen (bolus, infusion or repeated): its limits by figure (absent where neither the source nor
// the site states one; a site may add any of them). The part's "default" order is the page's starting form: it
// stays in the catalog response, not here.
struct RegimenPart {
  std::string route;  // repeated doses: "oral", "intranasal", ...
  std::optional<Limit> doseMgPerKg;
  std::optional<Limit> overMin;
  std::optional<Limit> rateMgPerKgPerH;
  std::optional<Limit> rateMgPerH;
  std::optional<Limit> durationH;
  std::optional<Limit> doseMg;
  std::optional<Limit> everyH;
  std::optional<Limit> dailyMg;
};

// The regimen's titration and weaning figures (regimens.json "schedule").
struct ScheduleRecord {
  double startMin = 0.0;
  double startMax = 0.0;
  double startDefault = 0.0;
  double maxMgPerKgPerH = 0.0;
  std::optional<double> weaningMin;
  std::optional<double> weaningMax;
  std::optional<double> weaningDefault;
  std::optional<double> observeHAfterStop;
  SourceRef source;
  SourceRef convention;
};

struct Note {
  std::string text;
  SourceRef source;
};

struct Regimen {
  std::string id;
  std::string title;
  std::string drug;  // content "drug": "ketamine", "s-ketamine", ...
  std::string setting;  // "outpatient", "inpatient", ...
  bool chronicPainMinimum = false;  // rules.json chronic_pain_minimum applies
  std::optional<RegimenPart> bolus;
  std::optional<RegimenPart> infusion;
  std::optional<RegimenPart> repeated;
  std::optional<ScheduleRecord> schedule;
  std::vector<Note> notes;
  [[nodiscard]] bool IsSKetamine() const { return drug == "s-ketamine"; }
};

// content/rules.json: every rule the calculator and the guardrails use, by name. Each record's `about` holds
// its kind, source and site marks (the figures themselves are the named members).
struct Rules {
  struct Plausibility {
    Range weightKg, heightCm, ageYears, concentrationMgPerMl, infusionDurationH, bolusOverMin, repeatEveryH,
        bolusMgPerKg, rateMgPerKgPerH, rateUgPerKgPerMin, rateMgPerH, doseMg, doseMgPerKg, pumpMlPerH;
  } plausibility;
  struct Devine {
    double maleBaseKg = 0.0, femaleBaseKg = 0.0, kgPerInchOverBase = 0.0, baseHeightIn = 0.0;
    Limit about;
  } devine;
  SourcedNumber adjustedFraction;
  SourcedNumber obesityFlagRatio;
  struct WeightForHeight {
    double ratioAbove = 0.0, ratioBelow = 0.0;
    Limit about;
  } weightForHeight;
  struct SettingThresholds {
    double bolusMgPerKg = 0.0, infusionMgPerKgPerH = 0.0;
    Limit about;  // about.siteModified: a site lowered them
  } settingThresholds;
  struct SubanaestheticScope {
    double bolusMgPerKgBelow = 0.0, infusionMgPerKgPerHMax = 0.0;
    Limit about;
  } subanaestheticScope;
  struct BolusAdministration {
    double rapidOverMinBelow = 0.0;
    Limit about;
  } bolusAdministration;
  struct BolusVolumeCheck {
    double volumeMlAbove = 0.0, unlessOverMinAtLeast = 0.0;
    Limit about;
  } bolusVolumeCheck;
  struct OutpatientDuration {
    double durationHMax = 0.0;
    Limit about;
  } outpatientDuration;
  struct ChronicPainMinimum {
    double totalMgAtLeast = 0.0, durationHMoreThan = 0.0;
    Limit about;
  } chronicPainMinimum;
  struct AdultScope {
    double ageYearsAtLeast = 0.0, weightKgFloorWithoutAge = 0.0;
    Limit about;
  } adultScope;
  struct Products {
    std::vector<double> injectionMgPerMl;  // as listed (a site may replace the list)
    Limit about;
  } products, sKetamineProducts;
  struct Containers {
    std::vector<double> sizes;
    Limit about;
  } containersMl;
  struct MeasurableResolution {
    double pumpRateMlPerH = 0.0, syringeMlBelow1Ml = 0.0, syringeMlFrom1Ml = 0.0, weightKg = 0.0;
    Limit about;
  } measurableResolution;
  SourcedNumber containerMaxHours;
};

// content/monitoring.json: the monitoring items and how the setting thresholds are lowered.
struct MonitoringRecord {
  std::string id;
  std::string section;  // "setting", "staff", "observations", "equipment", "discharge"
  std::string when;     // "any", "parenteral", "monitored", "standard"
  std::string text;
  SourceRef source;
  std::vector<std::string> regimens;     // only these regimens (empty: every one)
  std::vector<std::string> notRegimens;  // never these
  std::optional<double> observeHAfterStop;
};

struct MonitoringContent {
  struct Lowering {
    double ageYearsAtLeast = 65.0;
    double factor = 1.0;
    SourceRef source;     // how much (ketadose-conventions)
    SourceRef guideline;  // why at all (cohen2018 Q6)
  } lowering;
  std::vector<MonitoringRecord> items;
  Note ageUnknownNote;
};

// The typed monitoring content (built once from the compiled-in content/monitoring.json).
const MonitoringContent& MonitoringRecords();

}  // namespace ketadose
