// Response assessment: the figures are read from content/response.json (Cohen 2018 Q8); this file only compares.
#include "domain/response.hpp"

#include <cmath>
#include <limits>

#include "content/content_fields.hpp"
#include "api/fields.hpp"
#include "domain/plan.hpp"

namespace ketadose {

namespace {

using content::NumberAt;
using content::ObjectAt;

Range ScaleRange(const Json& rules, const char* name, bool minExclusive = false) {
  const Json& record = ObjectAt(ObjectAt(rules, "plausibility"), name);
  return Range{NumberAt(record, "min", 0.0), NumberAt(record, "max", std::numeric_limits<double>::infinity()),
               minExclusive};
}

// Reads "<stem>_before" and "<stem>_after" as a pair: both or neither (unless required).
std::optional<BeforeAfter> ReadPair(const Json& request, const std::string& stem, const std::string& name,
                                    const std::string& unit, const Range& afterRange, Presence presence,
                                    Errors& errors) {
  const std::string beforeKey = stem + "_before";
  const std::string afterKey = stem + "_after";
  const bool hasBefore = request.contains(beforeKey);
  const bool hasAfter = request.contains(afterKey);
  if (presence == Presence::kOptional && !hasBefore && !hasAfter) return std::nullopt;
  // A percentage change needs a starting value above zero: say so, rather than call 0 implausible.
  Range beforeRange = afterRange;
  beforeRange.minExclusive = true;
  const auto given = request.find(beforeKey);
  if (given != request.end() && given->is_number() && given->get<double>() == 0.0) {
    errors.Add(beforeKey, name + " before is 0, so no percentage change can be worked out from it." +
                              (presence == Presence::kOptional
                                   ? " If there is nothing to compare, leave out both the before and after fields."
                                   : ""));
    return std::nullopt;
  }
  const auto before = ReadNumber(request, beforeKey, "", FieldLabel{name + " before", unit}, beforeRange, errors);
  const auto after = ReadNumber(request, afterKey, "", FieldLabel{name + " after", unit}, afterRange, errors);
  if (!before || !after) return std::nullopt;
  return BeforeAfter{*before, *after};
}

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

std::optional<ResponseInput> ReadResponseInput(const Json& request, const Json& rules, Errors& errors) {
  const std::size_t errorsBefore = errors.List().size();
  RejectUnknownKeys(
      request, "",
      {"action", "pain_before", "pain_after", "opioid_mme_per_day_before", "opioid_mme_per_day_after", "odi_before",
       "odi_after", "satisfied", "relief_weeks", "regimen_kind", "treatments_last_12_months"},
      errors);
  ResponseInput input;
  const auto pain =
      ReadPair(request, "pain", "Pain score", "", ScaleRange(rules, "pain_score"), Presence::kRequired, errors);
  const auto opioid = ReadPair(request, "opioid_mme_per_day", "Opioid use", "mg MME/day",
                               ScaleRange(rules, "opioid_mme_per_day"), Presence::kOptional, errors);
  const auto odi = ReadPair(request, "odi", "Oswestry Disability Index", "%", ScaleRange(rules, "odi_percent"),
                            Presence::kOptional, errors);
  const auto satisfied = ReadBool(request, "satisfied", "", errors, Presence::kRequired);
  const auto weeks = ReadNumber(request, "relief_weeks", "", FieldLabel{"Duration of relief", "weeks"},
                                ScaleRange(rules, "relief_weeks"), errors, Presence::kOptional);
  const auto kind = ReadChoice(request, "regimen_kind", "", {"single-outpatient", "inpatient-or-series"}, errors,
                               Presence::kOptional);
  if (request.contains("relief_weeks") && !request.contains("regimen_kind")) {
    errors.Add("regimen_kind",
               "Say whether relief followed a single outpatient infusion (\"single-outpatient\") or an inpatient "
               "infusion or series (\"inpatient-or-series\"): the duration that counts depends on it.");
  }
  const auto treatments =
      ReadNumber(request, "treatments_last_12_months", "", FieldLabel{"Treatments in the last 12 months", ""},
                 ScaleRange(rules, "treatments_last_12_months"), errors, Presence::kOptional);
  if (treatments && std::floor(*treatments) != *treatments) {
    errors.Add("treatments_last_12_months",
               "Treatments in the last 12 months must be a whole number, not " + FormatNumber(*treatments) + ".");
  }
  if (errors.List().size() != errorsBefore || !pain || !satisfied) return std::nullopt;
  input.painScore = *pain;
  input.opioidMmePerDay = opioid;
  input.odiPercent = odi;
  input.satisfied = *satisfied;
  input.reliefWeeks = weeks;
  if (kind)
    input.regimenKind = *kind == "single-outpatient" ? RegimenKind::kSingleOutpatient : RegimenKind::kInpatientOrSeries;
  if (treatments) input.treatmentsLast12Months = static_cast<int>(*treatments);
  return input;
}

double PercentReduction(BeforeAfter measure) { return (measure.before - measure.after) / measure.before * 100.0; }

ResponseAssessment AssessResponse(const ResponseInput& input, const Json& rules) {
  ResponseAssessment result;
  const Json& positive = ObjectAt(rules, "positive_response");
  result.source = ReadSource(positive);
  const double painThreshold = NumberAt(positive, "pain_reduction_percent_at_least", 30.0);
  const double odiThresholdPoints = NumberAt(positive, "odi_improvement_points_at_least", 12.8);
  const double opioidThreshold = NumberAt(positive, "opioid_reduction_percent_at_least", 20.0);

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

  const Json& duration = ObjectAt(rules, "duration");
  result.durationSource = ReadSource(duration);
  if (input.reliefWeeks && input.regimenKind) {
    const double weeksMoreThan = NumberAt(ObjectAt(duration, RegimenKindName(*input.regimenKind)), "weeks_more_than",
                                          std::numeric_limits<double>::infinity());
    result.durationWeeksMoreThan = weeksMoreThan;
    result.durationCounts = *input.reliefWeeks > weeksMoreThan;
  }

  // The verdict: size and duration together (Cohen 2018 Q8; texts in content/response.json "verdict").
  const Json& verdict = ObjectAt(rules, "verdict");
  result.verdictReasons.push_back(
      {"benefit", result.benefitMet,
       content::TextAt(verdict, result.benefitMet ? "benefit_met" : "benefit_not_met")});
  if (result.durationCounts) {
    const std::string kind =
        *input.regimenKind == RegimenKind::kSingleOutpatient ? content::TextAt(verdict, "after_single_outpatient")
                                                             : content::TextAt(verdict, "after_inpatient_or_series");
    result.verdictReasons.push_back(
        {"duration", *result.durationCounts,
         "Relief lasted " + FormatNumber(RoundForDisplay(*input.reliefWeeks)) +
             (RoundForDisplay(*input.reliefWeeks) == 1.0 ? " week " : " weeks ") + kind + ": " +
             (*result.durationCounts ? "more than " : "not more than ") +
             FormatNumber(*result.durationWeeksMoreThan) + " weeks, " +
             content::TextAt(verdict, *result.durationCounts ? "duration_met" : "duration_not_met")});
  } else {
    result.verdictReasons.push_back({"duration", std::nullopt, content::TextAt(verdict, "duration_not_given")});
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
    const Json& perYear = ObjectAt(rules, "treatments_per_year");
    const int count = *input.treatmentsLast12Months;
    const double softAbove = NumberAt(perYear, "soft_above", 6.0);
    const double strongAbove = NumberAt(perYear, "strong_above", 12.0);
    const std::string counted = std::to_string(count) + " treatments in the last 12 months";
    if (count > strongAbove) {
      result.alerts.push_back({"treatments-per-year-above-upper-limit", AlertStrength::kStrong,
                               counted + " is above the upper limit of " + FormatNumber(strongAbove) +
                                   " a year. Go beyond it only in exceptional circumstances, and record why.",
                               ReadSource(perYear), "treatments_last_12_months"});
    } else if (count > softAbove) {
      result.alerts.push_back({"treatments-per-year-above-lower-limit", AlertStrength::kSoft,
                               counted + " is above " + FormatNumber(softAbove) +
                                   ": the guideline considers no more than " + FormatNumber(softAbove) + " to " +
                                   FormatNumber(strongAbove) +
                                   " a year reasonable. Tailor further treatments to the response, not by rote.",
                               ReadSource(perYear), "treatments_last_12_months"});
    }
  }
  return result;
}

}  // namespace ketadose
