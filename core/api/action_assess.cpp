// The "assess" action: before/after measures in; percentage changes, positive response and alerts out.
// Read (ReadResponseInput, here) -> AssessResponse (domain/response.cpp) -> write (PutAssessment, here).
#include <cmath>
#include <utility>

#include "api/actions.hpp"
#include "json/fields.hpp"
#include "api/response_io.hpp"
#include "content/catalog_json.hpp"
#include "content/content_fields.hpp"
#include "content/content.hpp"
#include "domain/plan.hpp"
#include "domain/response.hpp"

namespace ketadose {

namespace {

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

OrderedJson RuleJson(const std::string& text, const SourceRef& source) {
  OrderedJson rule;
  rule["text"] = text;
  PutSource(rule, source);
  return rule;
}

void PutAssessment(const ResponseInput& input, const ResponseAssessment& result, const ResponseContent& rules,
                   OrderedJson& response) {
  const auto R = [](double value) { return RoundForDisplay(value); };
  response["pain_reduction_percent"] = R(result.painReductionPercent);
  if (result.odiImprovementPercent) {
    response["odi_improvement_percent"] = R(*result.odiImprovementPercent);
    response["odi_change_points"] = R(*result.odiChangePoints);
  }
  if (result.opioidReductionPercent) response["opioid_reduction_percent"] = R(*result.opioidReductionPercent);
  response["verdict"] = ResponseVerdictName(result.verdict);
  response["positive"] = result.positive;
  OrderedJson verdictReasons = OrderedJson::array();
  for (const VerdictReason& reason : result.verdictReasons) {
    OrderedJson item;
    item["id"] = reason.id;
    if (reason.met) item["met"] = *reason.met;  // absent while the duration is not known
    item["text"] = reason.text;
    verdictReasons.push_back(std::move(item));
  }
  response["verdict_reasons"] = std::move(verdictReasons);
  OrderedJson reasons = OrderedJson::array();
  for (const ResponseReason& reason : result.reasons) {
    OrderedJson item;
    item["id"] = reason.id;
    item["met"] = reason.met;
    item["text"] = reason.text;
    reasons.push_back(std::move(item));
  }
  response["reasons"] = std::move(reasons);
  response["rule"] = RuleJson(rules.positiveResponse.rule, result.source);
  response["verdict_rule"] = RuleJson(rules.verdict.rule, rules.verdict.source);

  OrderedJson duration;
  if (result.durationCounts) {
    duration["counts"] = *result.durationCounts;
    duration["relief_weeks"] = R(*input.reliefWeeks);
    duration["regimen_kind"] = RegimenKindName(*input.regimenKind);
    duration["weeks_more_than"] = R(*result.durationWeeksMoreThan);
  } else {
    duration["counts"] = nullptr;
  }
  duration["text"] = rules.duration.rule;
  PutSource(duration, result.durationSource);
  response["duration"] = std::move(duration);

  if (input.treatmentsLast12Months) response["treatments_last_12_months"] = *input.treatmentsLast12Months;
  OrderedJson alerts = OrderedJson::array();
  for (const ResponseAlert& alert : result.alerts) {
    OrderedJson item;
    item["code"] = alert.code;
    item["title"] = AlertTitle(alert.code);
    item["severity"] = AlertStrengthName(alert.strength);
    item["message"] = alert.message;
    PutSource(item, alert.source);
    item["field"] = alert.field;
    alerts.push_back(std::move(item));
  }
  response["alerts"] = std::move(alerts);
}

}  // namespace

std::optional<ResponseInput> ReadResponseInput(const Json& request, const ResponseContent& rules, Errors& errors) {
  const std::size_t errorsBefore = errors.List().size();
  RejectUnknownKeys(
      request, "",
      {"action", "pain_before", "pain_after", "opioid_mme_per_day_before", "opioid_mme_per_day_after", "odi_before",
       "odi_after", "satisfied", "relief_weeks", "regimen_kind", "treatments_last_12_months"},
      errors);
  ResponseInput input;
  const auto pain =
      ReadPair(request, "pain", "Pain score", "", rules.plausibility.painScore, Presence::kRequired, errors);
  const auto opioid = ReadPair(request, "opioid_mme_per_day", "Opioid use", "mg MME/day",
                               rules.plausibility.opioidMmePerDay, Presence::kOptional, errors);
  const auto odi = ReadPair(request, "odi", "Oswestry Disability Index", "%", rules.plausibility.odiPercent,
                            Presence::kOptional, errors);
  const auto satisfied = ReadBool(request, "satisfied", "", errors, Presence::kRequired);
  const auto weeks = ReadNumber(request, "relief_weeks", "", FieldLabel{"Duration of relief", "weeks"},
                                rules.plausibility.reliefWeeks, errors, Presence::kOptional);
  const auto kind = ReadChoice(request, "regimen_kind", "", {"single-outpatient", "inpatient-or-series"}, errors,
                               Presence::kOptional);
  if (request.contains("relief_weeks") && !request.contains("regimen_kind")) {
    errors.Add("regimen_kind",
               "Say whether relief followed a single outpatient infusion (\"single-outpatient\") or an inpatient "
               "infusion or series (\"inpatient-or-series\"): the duration that counts depends on it.");
  }
  const auto treatments =
      ReadNumber(request, "treatments_last_12_months", "", FieldLabel{"Treatments in the last 12 months", ""},
                 rules.plausibility.treatmentsLast12Months, errors, Presence::kOptional);
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

void AssessAction(const Json& request, const Catalog& /*catalog*/, OrderedJson& response, Errors& errors) {
  const ResponseContent& rules = ResponseRecords();
  if (!rules.loaded) {
    errors.Add("", "This build's response content (content/response.json) failed its check, so no assessment can "
                   "be given. Rebuild from a release that passed its tests.");
    return;
  }
  const auto input = ReadResponseInput(request, rules, errors);
  if (!input) return;
  PutAssessment(*input, AssessResponse(*input, rules), rules, response);
}

}  // namespace ketadose
