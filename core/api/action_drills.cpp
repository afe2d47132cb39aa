// The "drills" and "drill-check" actions: patient vignettes to plan, and a reviewer's comparison of the learner's
// plan with the order as written. Both plans run through the calculator's plan action under the same catalog, so
// the reviewer's flags are exactly what the calculator raises for the order as written.
#include <algorithm>

#include "api/actions.hpp"
#include "api/education.hpp"
#include "domain/plan.hpp"
#include "base/units.hpp"

namespace ketadose {

namespace {

const Json& Drills() { return ContentList("education/drills.json", "drills"); }

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

OrderedJson StringList(const std::vector<std::string>& values) {
  OrderedJson list = OrderedJson::array();
  for (const std::string& value : values) list.push_back(value);
  return list;
}

// The drill patient's weight in kg (the vignette may state it in lb).
double VignetteWeightKg(const Json& patient) {
  const double weight = patient.value("weight", 0.0);
  return patient.value("weight_unit", "kg") == "lb" ? ToKilograms(Pounds(weight)).value() : weight;
}

std::string Figure(const OrderedJson& value) {
  return value.is_number() ? FormatNumber(value.get<double>()) : std::string("nothing");
}

}  // namespace

void DrillsAction(const Json& request, const Catalog& /*catalog*/, OrderedJson& response, Errors& errors) {
  RejectUnknownKeys(request, "", {"action"}, errors);
  if (!errors.Empty()) return;
  response["drills"] = OrderedJson::array();
  for (const Json& drill : Drills()) {
    OrderedJson item;
    for (const char* key : {"id", "title", "vignette", "task", "patient", "protocols"}) {
      if (drill.contains(key)) item[key] = ToOrdered(drill[key]);
    }
    // The order as the vignette writes it, as a plan request: "Plan it" fills exactly this, nothing added.
    if (drill.contains("model_plan")) item["order"] = ToOrdered(drill["model_plan"]);
    response["drills"].push_back(std::move(item));
  }
}

void DrillCheckAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors) {
  RejectUnknownKeys(request, "", {"action", "drill", "plan", "predicted_flags"}, errors);
  const auto id = ReadString(request, "drill", "", errors);
  const Json* plan = ReadObject(request, "plan", "", errors, Presence::kRequired);
  const auto predicted = ReadStringArray(request, "predicted_flags", "", errors);
  const Json* drill = id ? FindById(Drills(), *id) : nullptr;
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
  Json modelRequest = drill->value("model_plan", Json::object());
  modelRequest["action"] = "plan";
  const Calculation model = RunCalculation(modelRequest, catalog);
  if (!model.computed) {
    // Only a site configuration that hides the drill's regimen does this (the unit tests run every model plan).
    errors.Add("drill", "This drill's regimen is not available under this site's configuration.");
    return;
  }

  const std::vector<std::string> raised = AlertCodes(mine.response);
  const std::vector<std::string> reviewer = AlertCodes(model.response);
  std::vector<std::string> caught;
  std::vector<std::string> missed;
  std::vector<std::string> unexpected;
  for (const std::string& code : reviewer) (Contains(raised, code) ? caught : missed).push_back(code);
  for (const std::string& code : raised) {
    if (!Contains(reviewer, code)) unexpected.push_back(code);
  }

  OrderedJson findings = OrderedJson::array();
  const double vignetteKg = VignetteWeightKg(drill->value("patient", Json::object()));
  const double enteredKg = mine.response.value("weights", OrderedJson::object()).value("actual_kg", 0.0);
  const bool patientMatches = FiguresAgree(enteredKg, vignetteKg);
  if (!patientMatches) {
    findings.push_back("The weight entered (" + FormatNumber(enteredKg) +
                       " kg) is not the patient's weight in the vignette (" +
                       FormatNumber(RoundForDisplay(vignetteKg)) + " kg).");
  }
  const std::string protocol = mine.response.value("protocol", "");
  std::vector<std::string> protocols;
  for (const Json& accepted : drill->value("protocols", Json::array()))
    protocols.push_back(accepted.get<std::string>());
  const bool protocolMatches = Contains(protocols, protocol);
  if (!protocolMatches) {
    findings.push_back("The regimen chosen (" + protocol + ") is not the one the vignette describes.");
  }
  for (const std::string& code : caught) {
    findings.push_back("Flagged, as for the order as written: " + AlertTitle(code) + ".");
  }
  for (const std::string& code : missed) {
    findings.push_back("The order as written raises \"" + AlertTitle(code) +
                       "\" but your plan does not: check it is entered as written.");
  }
  for (const std::string& code : unexpected) {
    findings.push_back("Your plan raises \"" + AlertTitle(code) +
                       "\", which the order as written does not: check your entry.");
  }
  OrderedJson figures = OrderedJson::array();
  bool figuresMatch = true;
  for (const Json& compare : drill->value("compare", Json::array())) {
    const std::string field = compare.value("field", "");
    const OrderedJson* yours = FieldAt(mine.response, field);
    const OrderedJson* expected = FieldAt(model.response, field);
    const bool matches = yours != nullptr && expected != nullptr && yours->is_number() && expected->is_number() &&
                         FiguresAgree(yours->get<double>(), expected->get<double>());
    figuresMatch = figuresMatch && matches;
    OrderedJson row;
    row["field"] = field;
    row["label"] = compare.value("label", field);
    if (yours != nullptr) row["yours"] = *yours;  // left out, never null, when a plan lacks the figure
    if (expected != nullptr) row["order_as_written"] = *expected;
    row["matches"] = matches;
    figures.push_back(row);
    if (!matches) {
      findings.push_back(compare.value("label", field) + ": your plan gives " + Figure(yours ? *yours : OrderedJson()) +
                         ", the order as written gives " + Figure(expected ? *expected : OrderedJson()) + ".");
    }
  }

  response["drill"] = *id;
  response["plan"] = mine.response;
  OrderedJson review;
  review["matches_order"] = patientMatches && protocolMatches && missed.empty() && unexpected.empty() && figuresMatch;
  review["patient_matches"] = patientMatches;
  review["protocol_matches"] = protocolMatches;
  review["reviewer_flags"] = StringList(reviewer);
  review["your_flags"] = StringList(raised);
  review["caught"] = StringList(caught);
  review["missed"] = StringList(missed);
  review["unexpected"] = StringList(unexpected);
  review["figures"] = std::move(figures);
  review["findings"] = std::move(findings);
  response["review"] = std::move(review);
  if (predicted) {
    std::vector<std::string> right;
    std::vector<std::string> wrong;
    std::vector<std::string> notPredicted;
    for (const std::string& code : *predicted) (Contains(reviewer, code) ? right : wrong).push_back(code);
    for (const std::string& code : reviewer) {
      if (!Contains(*predicted, code)) notPredicted.push_back(code);
    }
    response["predictions"] = OrderedJson{{"right", StringList(right)},
                                          {"wrong", StringList(wrong)},
                                          {"not_predicted", StringList(notPredicted)},
                                          {"all_right", wrong.empty() && notPredicted.empty()}};
  }
  response["model_plan"] = ToOrdered(drill->value("model_plan", Json::object()));
  response["debrief"] = drill->value("debrief", "");
  response["refs"] = ToOrdered(drill->value("refs", Json::array()));
}

}  // namespace ketadose
