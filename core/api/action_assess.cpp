// The "assess" action: before/after measures in; percentage changes, positive response and alerts out.
#include "api/actions.hpp"
#include "content/catalog_json.hpp"
#include "content/content_fields.hpp"
#include "content/content.hpp"
#include "domain/plan.hpp"
#include "domain/response.hpp"

namespace ketadose {

void AssessAction(const Json& request, const Catalog& /*catalog*/, OrderedJson& response, Errors& errors) {
  const Json& rules = ContentJson("response.json");
  const auto input = ReadResponseInput(request, rules, errors);
  if (!input) return;
  const ResponseAssessment result = AssessResponse(*input, rules);
  const auto R = [](double value) { return RoundForDisplay(value); };

  response["pain_reduction_percent"] = R(result.painReductionPercent);
  if (result.odiImprovementPercent) {
    response["odi_improvement_percent"] = R(*result.odiImprovementPercent);
    response["odi_change_points"] = R(*result.odiChangePoints);
  }
  if (result.opioidReductionPercent) response["opioid_reduction_percent"] = R(*result.opioidReductionPercent);
  response["verdict"] = ResponseVerdictName(result.verdict);
  response["positive"] = result.positive;
  response["verdict_reasons"] = OrderedJson::array();
  for (const VerdictReason& reason : result.verdictReasons) {
    OrderedJson item{{"id", reason.id}};
    if (reason.met) item["met"] = *reason.met;  // absent while the duration is not known
    item["text"] = reason.text;
    response["verdict_reasons"].push_back(item);
  }
  response["reasons"] = OrderedJson::array();
  for (const ResponseReason& reason : result.reasons) {
    response["reasons"].push_back(OrderedJson{{"id", reason.id}, {"met", reason.met}, {"text", reason.text}});
  }
  OrderedJson rule;
  rule["text"] = content::TextAt(content::ObjectAt(rules, "positive_response"), "rule");
  PutSource(rule, result.source);
  response["rule"] = rule;
  OrderedJson verdictRule;
  verdictRule["text"] = content::TextAt(content::ObjectAt(rules, "verdict"), "rule");
  PutSource(verdictRule, ReadSource(content::ObjectAt(rules, "verdict")));
  response["verdict_rule"] = verdictRule;

  OrderedJson duration;
  if (result.durationCounts) {
    duration["counts"] = *result.durationCounts;
    duration["relief_weeks"] = R(*input->reliefWeeks);
    duration["regimen_kind"] = RegimenKindName(*input->regimenKind);
    duration["weeks_more_than"] = R(*result.durationWeeksMoreThan);
  } else {
    duration["counts"] = nullptr;
  }
  duration["text"] = content::TextAt(content::ObjectAt(rules, "duration"), "rule");
  PutSource(duration, result.durationSource);
  response["duration"] = duration;

  if (input->treatmentsLast12Months) response["treatments_last_12_months"] = *input->treatmentsLast12Months;
  response["alerts"] = OrderedJson::array();
  for (const ResponseAlert& alert : result.alerts) {
    OrderedJson item;
    item["code"] = alert.code;
    item["title"] = AlertTitle(alert.code);
    item["severity"] = AlertStrengthName(alert.strength);
    item["message"] = alert.message;
    PutSource(item, alert.source);
    item["field"] = alert.field;
    response["alerts"].push_back(item);
  }
}

}  // namespace ketadose
