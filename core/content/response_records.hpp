// Typed records of content/response.json: the positive-response rule, the duration rule, the verdict texts, the
// treatments-per-year limits and the accepted input ranges (Cohen 2018 Q8). JSON-free; read once and checked
// field by field (response_records.cpp).
#pragma once

#include <string>

#include "base/errors.hpp"
#include "base/units.hpp"
#include "content/source.hpp"

namespace ketadose {

struct PositiveResponseRecord {
  double painReductionPercentAtLeast = 0.0;
  double odiImprovementPointsAtLeast = 0.0;  // ODI points (the ODI is scored in %)
  double opioidReductionPercentAtLeast = 0.0;
  std::string rule;
  SourceRef source;
};

struct DurationRecord {
  double singleOutpatientWeeksMoreThan = 0.0;
  double inpatientOrSeriesWeeksMoreThan = 0.0;
  std::string rule;
  SourceRef source;
};

struct ResponseVerdictRecord {
  std::string rule;
  std::string benefitMet;
  std::string benefitNotMet;
  std::string afterSingleOutpatient;
  std::string afterInpatientOrSeries;
  std::string durationMet;
  std::string durationNotMet;
  std::string durationNotGiven;
  SourceRef source;
};

struct TreatmentsPerYearRecord {
  double softAbove = 0.0;    // treatments in 12 months
  double strongAbove = 0.0;
  std::string rule;
  SourceRef source;
};

// Accepted ranges of the assess inputs (ketadose conventions: scale limits and typing-error bounds).
struct ResponsePlausibility {
  Range painScore;
  Range opioidMmePerDay;
  Range odiPercent;
  Range reliefWeeks;
  Range treatmentsLast12Months;
  SourceRef source;
};

struct ResponseContent {
  bool loaded = false;  // false only when content/response.json failed its check
  SourceRef source;
  PositiveResponseRecord positiveResponse;
  DurationRecord duration;
  ResponseVerdictRecord verdict;
  TreatmentsPerYearRecord treatmentsPerYear;
  ResponsePlausibility plausibility;
};

const ResponseContent& ResponseRecords();

// Every problem of content/response.json, each at "response.json:<field path>".
Errors ValidateResponseContent();

}  // namespace ketadose
