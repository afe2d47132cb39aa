// Typed records of content/screening.json (conditions, tests, notes, plan-shape calls) and content/ort.json
// (the Opioid Risk Tool). JSON-free: read once from the embedded content (screening_records.cpp) and checked
// field by field, so a malformed file is named with its field rather than read as a default.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/errors.hpp"
#include "content/source.hpp"

namespace ketadose {

// How strongly a finding weighs against an elective infusion (content/screening.json "levels").
enum class Level { kAvoid, kCaution, kPrecaution };

// A sentence with its source ("verdict_rule", "no_tests", "notes", the ORT "caveat", ...). `id` may be empty.
struct NoteRecord {
  std::string id;
  std::string text;
  SourceRef source;
};

// One condition of content/screening.json "conditions" (also the shape of "abuse_risk_finding").
struct ConditionRecord {
  std::string id;
  std::string title;
  std::string category;
  Level level = Level::kAvoid;
  std::string grade;      // USPSTF grade as the guideline states it; empty when ungraded
  std::string certainty;  // "low", "moderate", ...; empty when ungraded
  std::string reason;
  std::string note;          // where sources disagree; usually empty
  bool comorbidity = false;  // counts as significant comorbidity in a plan
  std::vector<std::string> tests;  // ids of "tests" this condition calls for
  SourceRef source;
  std::vector<SourceRef> also;
};

// A recommended pre-infusion test ("tests": ecg, lft).
struct TestRecord {
  std::string id;
  std::string title;
  std::string reason;
  SourceRef source;
};

// "planned_high_dose_frequent": the tests a planned high-dose, frequent regimen calls for.
struct TestCallRecord {
  std::vector<std::string> tests;
  std::string reason;
  SourceRef source;
};

// "plan_shape": what a plan's own shape calls for (Cohen 2018 Q5, Q2).
struct PlanShapeRecord {
  double multiDayInfusionHoursMoreThan = 0.0;  // content "multi_day_infusion_h_more_than", hours
  std::vector<std::string> seriesRegimens;     // regimen ids given as a series
  std::vector<std::string> tests;
  std::vector<std::string> notes;  // ids of "notes" shown with the call
  std::string reason;
  SourceRef source;
  SourceRef thresholdSource;
};

struct ScreeningContent {
  bool loaded = false;  // false only when content/screening.json failed its check (never in a passing build)
  NoteRecord verdictRule;
  std::vector<ConditionRecord> conditions;
  NoteRecord comorbidityRule;
  NoteRecord avoidInPlan;
  PlanShapeRecord planShape;
  ConditionRecord abuseRiskFinding;
  std::vector<TestRecord> tests;
  TestCallRecord plannedHighDoseFrequent;
  NoteRecord noTests;
  std::vector<NoteRecord> notes;

  const ConditionRecord* FindCondition(const std::string& id) const;
};

// One item of the Opioid Risk Tool with its sex-specific points (Webster & Webster 2005).
struct OrtItemRecord {
  std::string id;
  std::string group;
  std::string label;
  int pointsFemale = 0;
  int pointsMale = 0;
};

struct OrtAgeItemRecord {
  std::string id;
  double minYears = 0.0;  // whole years, inclusive
  double maxYears = 0.0;
  std::string rule;
  SourceRef source;
};

enum class OrtBand { kLow, kModerate, kHigh };

struct OrtBandRecord {
  OrtBand band = OrtBand::kHigh;
  double min = 0.0;
  std::optional<double> max;  // absent for the open top band
};

struct OrtContent {
  bool loaded = false;
  std::string id;
  std::string title;
  SourceRef source;
  std::vector<OrtItemRecord> items;  // in the order of the form
  OrtAgeItemRecord ageItem;
  std::vector<OrtBandRecord> bands;
  NoteRecord caveat;

  const OrtItemRecord* FindItem(const std::string& id) const;
};

// The records, read once from the embedded content.
const ScreeningContent& ScreeningRecords();
const OrtContent& OrtRecords();

// Reads both files again and returns every problem, each at "screening.json:<field path>" or "ort.json:...".
Errors ValidateScreeningContent();

}  // namespace ketadose
