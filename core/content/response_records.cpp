// content/response.json into typed records (response_records.hpp), once.
#include "content/response_records.hpp"

#include "content/content.hpp"
#include "content/record_json.hpp"

namespace ketadose {

namespace {

using records::Required;
using records::RequiredNonNegative;

void ReadPositive(const Json& json, PositiveResponseRecord& rule) {
  RequiredNonNegative(json, "pain_reduction_percent_at_least", rule.painReductionPercentAtLeast);
  RequiredNonNegative(json, "odi_improvement_points_at_least", rule.odiImprovementPointsAtLeast);
  RequiredNonNegative(json, "opioid_reduction_percent_at_least", rule.opioidReductionPercentAtLeast);
  Required(json, "rule", rule.rule);
  Required(json, "source", rule.source);
}

void WeeksMoreThan(const Json& json, const char* kind, double& weeks) {
  records::Nested(kind, [&] {
    if (!json.contains(kind)) throw records::RecordError("", "is missing");
    RequiredNonNegative(json.at(kind), "weeks_more_than", weeks);
  });
}

void ReadDuration(const Json& json, DurationRecord& rule) {
  WeeksMoreThan(json, "single-outpatient", rule.singleOutpatientWeeksMoreThan);
  WeeksMoreThan(json, "inpatient-or-series", rule.inpatientOrSeriesWeeksMoreThan);
  Required(json, "rule", rule.rule);
  Required(json, "source", rule.source);
}

void ReadVerdict(const Json& json, ResponseVerdictRecord& verdict) {
  Required(json, "rule", verdict.rule);
  Required(json, "benefit_met", verdict.benefitMet);
  Required(json, "benefit_not_met", verdict.benefitNotMet);
  Required(json, "after_single_outpatient", verdict.afterSingleOutpatient);
  Required(json, "after_inpatient_or_series", verdict.afterInpatientOrSeries);
  Required(json, "duration_met", verdict.durationMet);
  Required(json, "duration_not_met", verdict.durationNotMet);
  Required(json, "duration_not_given", verdict.durationNotGiven);
  Required(json, "source", verdict.source);
}

void ReadPerYear(const Json& json, TreatmentsPerYearRecord& limits) {
  RequiredNonNegative(json, "soft_above", limits.softAbove);
  RequiredNonNegative(json, "strong_above", limits.strongAbove);
  if (limits.strongAbove < limits.softAbove) throw records::RecordError("strong_above", "is below soft_above");
  Required(json, "rule", limits.rule);
  Required(json, "source", limits.source);
}

void ReadPlausibility(const Json& json, ResponsePlausibility& ranges) {
  records::ReadRange(json, "pain_score", ranges.painScore);
  records::ReadRange(json, "opioid_mme_per_day", ranges.opioidMmePerDay);
  records::ReadRange(json, "odi_percent", ranges.odiPercent);
  records::ReadRange(json, "relief_weeks", ranges.reliefWeeks);
  records::ReadRange(json, "treatments_last_12_months", ranges.treatmentsLast12Months);
  Required(json, "source", ranges.source);
}

template <class T, class Read>
void Part(const Json& json, const char* key, T& out, Read read) {
  records::Nested(key, [&] {
    if (!json.contains(key) || !json.at(key).is_object()) throw records::RecordError("", "must be an object");
    read(json.at(key), out);
  });
}

void ReadResponse(const Json& json, ResponseContent& content) {
  Required(json, "source", content.source);
  Part(json, "positive_response", content.positiveResponse, ReadPositive);
  Part(json, "duration", content.duration, ReadDuration);
  Part(json, "verdict", content.verdict, ReadVerdict);
  Part(json, "treatments_per_year", content.treatmentsPerYear, ReadPerYear);
  Part(json, "plausibility", content.plausibility, ReadPlausibility);
}

}  // namespace

bool ReadResponseContent(const Json& json, ResponseContent& out, Errors& errors) {
  return records::ReadRecords(json, "response.json", out, errors, ReadResponse);
}

const ResponseContent& ResponseRecords() {
  static const ResponseContent content = [] {
    ResponseContent read;
    Errors ignored;  // ValidateResponseContent reports them; an unread file leaves `loaded` false
    ReadResponseContent(ContentJson("response.json"), read, ignored);
    return read;
  }();
  return content;
}

Errors ValidateResponseContent() {
  Errors errors;
  ResponseContent read;
  ReadResponseContent(ContentJson("response.json"), read, errors);
  return errors;
}

}  // namespace ketadose
