// Response assessment: the figures come from the content/response.json records (Cohen 2018 Q8); this file only
// compares.
#include "domain/response.hpp"

#include <cmath>
#include <limits>

#include "base/format.hpp"

namespace ketadose {

namespace {

std::string Percent(double value) { return FormatNumber(RoundForDisplay(value)) + "%"; }

// Criteria compare the figure as shown (3 decimals), so 8 -> 5.6 is exactly the 30% it displays.
bool AtLeast(double value, double threshold) { return RoundForDisplay(value) >= threshold; }

std::string Change(const char* what, double percent, const BeforeAfter& measure, const std::string& unit) {
  const std::string fromTo =
      " (" + FormatNumber(measure.before) + unit + " to " + FormatNumber(measure.after) + unit + ")";
  if (RoundForDisplay(percent) < 0.0) return std::string(what) + " rose by " + Percent(-percent) + fromTo;
  return std::string(what) + " fell by " + Percent(percent) + fromTo;
}

}  // namespace

const char* RegimenKindName(RegimenKind kind) {
  return kind == RegimenKind::kSingleOutpatient ? "single-outpatient" : "inpatient-or-series";
}

const char* AlertStrengthName(AlertStrength strength) { return strength == AlertStrength::kSoft ? "soft" : "strong"; }

const char* ResponseVerdictName(ResponseVerdict verdict) {
  switch (verdict) {
    case ResponseVerdict::kPositive: return "positive";
    case ResponseVerdict::kPending: return "pending";
    case ResponseVerdict::kNotPositive: return "not-positive";
  }
  return "not-positive";
}

double PercentReduction(BeforeAfter measure) { return (measure.before - measure.after) / measure.before * 100.0; }

ResponseAssessment AssessResponse(const ResponseInput& input, const ResponseContent& rules) {
  ResponseAssessment result;
  const PositiveResponseRecord& positive = rules.positiveResponse;
  result.source = positive.source;
  const double painThreshold = positive.painReductionPercentAtLeast;
  const double odiThresholdPoints = positive.odiImprovementPointsAtLeast;
  const double opioidThreshold = positive.opioidReductionPercentAtLeast;

  result.painReductionPercent = PercentReduction(input.painScore);
  const bool painMet = AtLeast(result.painReductionPercent, painThreshold);
  result.reasons.push_back({"pain", painMet,
                            Change("Pain", result.painReductionPercent, input.painScore, "") +
                                (painMet ? ": at least " : ": less than ") + Percent(painThreshold) + "."});
  result.reasons.push_back({"satisfaction", input.satisfied,
                            input.satisfied ? "The patient is satisfied with the result."
                                            : "The patient is not satisfied with the result."});
  bool objectiveMet = false;
  if (input.odiPercent) {
    result.odiImprovementPercent = PercentReduction(*input.odiPercent);
    result.odiChangePoints = input.odiPercent->before - input.odiPercent->after;
    // The ODI is scored in %: "12.8% improvement" is read as 12.8 percentage points (content/response.json).
    const bool met = AtLeast(*result.odiChangePoints, odiThresholdPoints);
    objectiveMet = objectiveMet || met;
    result.reasons.push_back(
        {"odi", met,
         Change("The Oswestry Disability Index", *result.odiImprovementPercent, *input.odiPercent, "%") + ", " +
             FormatNumber(RoundForDisplay(*result.odiChangePoints)) + " points" +
             (met ? ": at least " : ": less than ") + FormatNumber(odiThresholdPoints) + " points."});
  }
  if (input.opioidMmePerDay) {
    result.opioidReductionPercent = PercentReduction(*input.opioidMmePerDay);
    const bool met = AtLeast(*result.opioidReductionPercent, opioidThreshold);
    objectiveMet = objectiveMet || met;
    result.reasons.push_back(
        {"opioid", met,
         Change("Opioid use", *result.opioidReductionPercent, *input.opioidMmePerDay, " mg MME/day") +
             (met ? ": at least " : ": less than ") + Percent(opioidThreshold) + "."});
  }
  result.benefitMet = painMet && (input.satisfied || objectiveMet);

  const DurationRecord& duration = rules.duration;
  result.durationSource = duration.source;
  if (input.reliefWeeks && input.regimenKind) {
    const double weeksMoreThan = *input.regimenKind == RegimenKind::kSingleOutpatient
                                     ? duration.singleOutpatientWeeksMoreThan
                                     : duration.inpatientOrSeriesWeeksMoreThan;
    result.durationWeeksMoreThan = weeksMoreThan;
    result.durationCounts = *input.reliefWeeks > weeksMoreThan;
  }

  // The verdict: size and duration together (Cohen 2018 Q8; texts in content/response.json "verdict").
  const ResponseVerdictRecord& verdict = rules.verdict;
  result.verdictReasons.push_back(
      {"benefit", result.benefitMet, result.benefitMet ? verdict.benefitMet : verdict.benefitNotMet});
  if (result.durationCounts) {
    const std::string& kind = *input.regimenKind == RegimenKind::kSingleOutpatient ? verdict.afterSingleOutpatient
                                                                                  : verdict.afterInpatientOrSeries;
    result.verdictReasons.push_back(
        {"duration", *result.durationCounts,
         "Relief lasted " + FormatNumber(RoundForDisplay(*input.reliefWeeks)) +
             (RoundForDisplay(*input.reliefWeeks) == 1.0 ? " week " : " weeks ") + kind + ": " +
             (*result.durationCounts ? "more than " : "not more than ") +
             FormatNumber(*result.durationWeeksMoreThan) + " weeks, " +
             (*result.durationCounts ? verdict.durationMet : verdict.durationNotMet)});
  } else {
    result.verdictReasons.push_back({"duration", std::nullopt, verdict.durationNotGiven});
  }
  if (!result.benefitMet) {
    result.verdict = ResponseVerdict::kNotPositive;
  } else if (!result.durationCounts) {
    result.verdict = ResponseVerdict::kPending;
  } else {
    result.verdict = *result.durationCounts ? ResponseVerdict::kPositive : ResponseVerdict::kNotPositive;
  }
  result.positive = result.verdict == ResponseVerdict::kPositive;

  if (input.treatmentsLast12Months) {
    const TreatmentsPerYearRecord& perYear = rules.treatmentsPerYear;
    const int count = *input.treatmentsLast12Months;
    const double softAbove = perYear.softAbove;
    const double strongAbove = perYear.strongAbove;
    const std::string counted = std::to_string(count) + " treatments in the last 12 months";
    if (count > strongAbove) {
      result.alerts.push_back({"treatments-per-year-above-upper-limit", AlertStrength::kStrong,
                               counted + " is above the upper limit of " + FormatNumber(strongAbove) +
                                   " a year. Go beyond it only in exceptional circumstances, and record why.",
                               perYear.source, "treatments_last_12_months"});
    } else if (count > softAbove) {
      result.alerts.push_back({"treatments-per-year-above-lower-limit", AlertStrength::kSoft,
                               counted + " is above " + FormatNumber(softAbove) +
                                   ": the guideline considers no more than " + FormatNumber(softAbove) + " to " +
                                   FormatNumber(strongAbove) +
                                   " a year reasonable. Tailor further treatments to the response, not by rote.",
                               perYear.source, "treatments_last_12_months"});
    }
  }
  return result;
}

}  // namespace ketadose
