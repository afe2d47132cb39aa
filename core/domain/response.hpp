// Response assessment after ketamine for chronic pain: percentage changes, the positive-response rule,
// whether the relief lasted long enough to count, and the treatments-per-year check (Cohen 2018 Q8).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "content/catalog.hpp"
#include "content/catalog_json.hpp"  // Json, ReadSource (until this family is typed: issue 13)
#include "base/errors.hpp"

namespace ketadose {

enum class RegimenKind { kSingleOutpatient, kInpatientOrSeries };

// A measure taken before and after treatment, in its own unit (named in the field that holds it).
struct BeforeAfter {
  double before = 0.0;
  double after = 0.0;
};

struct ResponseInput {
  BeforeAfter painScore;                       // 0-10 numeric rating scale
  std::optional<BeforeAfter> opioidMmePerDay;  // oral morphine milligram equivalents per day
  std::optional<BeforeAfter> odiPercent;       // Oswestry Disability Index, 0-100 %
  bool satisfied = false;
  std::optional<double> reliefWeeks;
  std::optional<RegimenKind> regimenKind;
  std::optional<int> treatmentsLast12Months;
};

// One criterion of the positive-response rule and whether it was met.
struct ResponseReason {
  std::string id;  // "pain", "satisfaction", "odi", "opioid"
  bool met = false;
  std::string text;
};

enum class AlertStrength { kSoft, kStrong };

// Cohen 2018 Q8 needs the size of the benefit and its duration together: positive only when both are met,
// pending while the benefit is met and no duration has been given, not-positive otherwise.
enum class ResponseVerdict { kPositive, kNotPositive, kPending };

// One step of the verdict: "benefit" (the positive-response criteria) or "duration" (how long relief lasted).
// `met` is empty for a duration not yet given.
struct VerdictReason {
  std::string id;
  std::optional<bool> met;
  std::string text;
};

struct ResponseAlert {
  std::string code;
  AlertStrength strength = AlertStrength::kSoft;
  std::string message;
  SourceRef source;
  std::string field;
};

struct ResponseAssessment {
  double painReductionPercent = 0.0;  // (before - after) / before x 100; negative when pain rose
  std::optional<double> opioidReductionPercent;
  std::optional<double> odiImprovementPercent;
  std::optional<double> odiChangePoints;  // before - after, in ODI points
  bool benefitMet = false;  // the size criteria of the positive-response rule
  bool positive = false;    // true only when the verdict is positive (benefit and duration both met)
  ResponseVerdict verdict = ResponseVerdict::kNotPositive;
  std::vector<VerdictReason> verdictReasons;  // benefit first, then duration
  std::vector<ResponseReason> reasons;
  std::optional<bool> durationCounts;           // when relief weeks and regimen kind are given
  std::optional<double> durationWeeksMoreThan;  // the threshold that applied
  std::vector<ResponseAlert> alerts;
  SourceRef source;          // the positive-response rule
  SourceRef durationSource;  // the duration rule
};

// Reads an assess request; figures and ranges from `rules` (content/response.json). Errors name the field.
std::optional<ResponseInput> ReadResponseInput(const Json& request, const Json& rules, Errors& errors);

// (before - after) / before x 100, so a fall is positive. `before` must be > 0.
double PercentReduction(BeforeAfter measure);

ResponseAssessment AssessResponse(const ResponseInput& input, const Json& rules);

const char* RegimenKindName(RegimenKind kind);
const char* AlertStrengthName(AlertStrength strength);
const char* ResponseVerdictName(ResponseVerdict verdict);

}  // namespace ketadose
