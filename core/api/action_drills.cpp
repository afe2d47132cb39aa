// The "drills" and "drill-check" actions: patient vignettes to plan, and a reviewer's comparison of the learner's
// plan with the order as written. Both plans run through the calculator's plan action under the same catalog, so
// the reviewer's flags are exactly what the calculator raises for the order as written. The comparison is
// domain/education.cpp; the vignettes' text (title, vignette, task, debrief, references) is the Learn screen's
// static text file, joined by id.
#include <utility>

#include "api/actions.hpp"
#include "api/education.hpp"
#include "content/education_records_json.hpp"
#include "domain/plan.hpp"

namespace ketadose {

namespace {

OrderedJson StringList(const std::vector<std::string>& values) {
  OrderedJson list = OrderedJson::array();
  for (const std::string& value : values) list.push_back(value);
  return list;
}

std::string Figure(const std::optional<double>& value) {
  return value ? FormatNumber(*value) : std::string("nothing");
}

}  // namespace

void DrillsAction(const Json& request, const Catalog& /*catalog*/, OrderedJson& response, Errors& errors) {
  RejectUnknownKeys(request, "", {"action"}, errors);
  if (!errors.Empty()) return;
  response["drills"] = OrderedJson::array();
  for (const Drill& drill : Education().drills) {
    OrderedJson item;
    item["id"] = drill.id;
    item["patient"] = DrillPatientJson(drill);
    item["protocols"] = StringList(drill.protocols);
    // The order as the vignette writes it, as a plan request: "Plan it" fills exactly this, nothing added.
    item["order"] = DrillModelPlanJson(drill);
    response["drills"].push_back(std::move(item));
  }
}

void DrillCheckAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors) {
  RejectUnknownKeys(request, "", {"action", "drill", "plan", "predicted_flags"}, errors);
  const auto id = ReadString(request, "drill", "", errors);
  const Json* plan = ReadObject(request, "plan", "", errors, Presence::kRequired);
  const auto predicted = ReadStringArray(request, "predicted_flags", "", errors);
  const Drill* drill = id ? FindDrill(*id) : nullptr;
  if (id && drill == nullptr) {
    errors.Add("drill", "There is no case drill \"" + *id + "\". The drills action lists them.");
  }
  if (!errors.Empty() || drill == nullptr || plan == nullptr) return;

  // The learner's plan, read by the calculator itself; its field errors are reported under "plan.".
  Json planRequest = *plan;
  planRequest["action"] = "plan";
  const Calculation mine = RunCalculation(planRequest, catalog);
  if (!mine.computed) {
    for (const OrderedJson& error : mine.response.value("errors", OrderedJson::array())) {
      errors.Add(Path("plan", error.value("field", "")), error.value("message", ""));
    }
    return;
  }
  Json modelRequest = DrillModelPlanJson(*drill);
  modelRequest["action"] = "plan";
  const Calculation model = RunCalculation(modelRequest, catalog);
  if (!model.computed) {
    // Only a site configuration that hides the drill's regimen does this (the unit tests run every model plan).
    errors.Add("drill", "This drill's regimen is not available under this site's configuration.");
    return;
  }

  const std::vector<std::string> raised = AlertCodes(mine.response);
  const std::vector<std::string> reviewer = AlertCodes(model.response);
  std::vector<FigureComparison> comparisons;
  for (const DrillCompare& compare : drill->compare) {
    comparisons.push_back(CompareFigure(NumberAt(mine.response, compare.field), NumberAt(model.response, compare.field)));
  }
  const double enteredKg = mine.response.value("weights", OrderedJson::object()).value("actual_kg", 0.0);
  const std::string protocol = mine.response.value("protocol", "");
  const DrillReview review = ReviewDrill(*drill, Kilograms(enteredKg), protocol, reviewer, raised, comparisons);

  OrderedJson findings = OrderedJson::array();
  if (!review.patientMatches) {
    findings.push_back("The weight entered (" + FormatNumber(enteredKg) +
                       " kg) is not the patient's weight in the vignette (" +
                       FormatNumber(RoundForDisplay(DrillPatientWeight(*drill).value())) + " kg).");
  }
  if (!review.protocolMatches) {
    findings.push_back("The regimen chosen (" + protocol + ") is not the one the vignette describes.");
  }
  for (const std::string& code : review.caught) {
    findings.push_back("Flagged, as for the order as written: " + AlertTitle(code) + ".");
  }
  for (const std::string& code : review.missed) {
    findings.push_back("The order as written raises \"" + AlertTitle(code) +
                       "\" but your plan does not: check it is entered as written.");
  }
  for (const std::string& code : review.unexpected) {
    findings.push_back("Your plan raises \"" + AlertTitle(code) +
                       "\", which the order as written does not: check your entry.");
  }
  OrderedJson figures = OrderedJson::array();
  for (std::size_t i = 0; i < drill->compare.size(); ++i) {
    const DrillCompare& compare = drill->compare[i];
    const FigureComparison& comparison = comparisons[i];
    const OrderedJson* yours = FieldAt(mine.response, compare.field);
    const OrderedJson* expected = FieldAt(model.response, compare.field);
    OrderedJson row;
    row["field"] = compare.field;
    row["label"] = compare.label;
    if (yours != nullptr) row["yours"] = *yours;  // left out, never null, when a plan lacks the figure
    if (expected != nullptr) row["order_as_written"] = *expected;
    row["matches"] = comparison.matches;
    figures.push_back(std::move(row));
    if (!comparison.matches) {
      findings.push_back(compare.label + ": your plan gives " + Figure(comparison.yours) +
                         ", the order as written gives " + Figure(comparison.expected) + ".");
    }
  }

  response["drill"] = *id;
  response["plan"] = mine.response;
  OrderedJson written;
  written["matches_order"] = review.MatchesOrder();
  written["patient_matches"] = review.patientMatches;
  written["protocol_matches"] = review.protocolMatches;
  written["reviewer_flags"] = StringList(reviewer);
  written["your_flags"] = StringList(raised);
  written["caught"] = StringList(review.caught);
  written["missed"] = StringList(review.missed);
  written["unexpected"] = StringList(review.unexpected);
  written["figures"] = std::move(figures);
  written["findings"] = std::move(findings);
  response["review"] = std::move(written);
  if (predicted) {
    const FlagPredictions scored = ComparePredictions(*predicted, reviewer);
    response["predictions"] = OrderedJson{{"right", StringList(scored.right)},
                                          {"wrong", StringList(scored.wrong)},
                                          {"not_predicted", StringList(scored.notPredicted)},
                                          {"all_right", scored.AllRight()}};
  }
  response["model_plan"] = DrillModelPlanJson(*drill);
}

}  // namespace ketadose
