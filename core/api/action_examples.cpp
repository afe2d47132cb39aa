// The "examples" action: worked dose calculations. Each example's request runs through the calculator's own
// plan or pump-check action, so the figures and working lines are the calculator's and cannot drift from it.
// A curated example's text (title, teaching point, trap, references) is the Learn screen's static text file,
// joined by id; a regimen without a curated example gets one built from its default order for the reference
// patient, with its title and sources from the catalog.
#include <algorithm>

#include "api/actions.hpp"
#include "content/catalog_json.hpp"
#include "content/content.hpp"
#include "api/education.hpp"
#include "content/education_records_json.hpp"

namespace ketadose {

namespace {

// The request a regimen's own defaults make for the reference patient.
OrderedJson DefaultRequest(const Json& regimen) {
  OrderedJson request;
  request["action"] = "plan";
  request["protocol"] = regimen.value("id", "");
  request["patient"] = DefaultExamplePatientJson();
  for (const char* part : {"bolus", "infusion", "repeated"}) {
    if (regimen.contains(part) && regimen[part].contains("default")) request[part] = regimen[part]["default"];
  }
  return request;
}

void AddWorked(OrderedJson& list, OrderedJson example, const Catalog& catalog) {
  const Calculation run = RunCalculation(example["request"], catalog);
  example["outcome"] = run.computed ? "computed" : "rejected";
  example["response"] = run.response;
  list.push_back(std::move(example));
}

}  // namespace

void ExamplesAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors) {
  RejectUnknownKeys(request, "", {"action", "regimen", "id"}, errors);
  const auto regimen = ReadString(request, "regimen", "", errors, Presence::kOptional);
  const auto id = ReadString(request, "id", "", errors, Presence::kOptional);
  if (!errors.Empty()) return;
  if (regimen && FindRegimen(catalog, *regimen) == nullptr) {
    errors.Add("regimen", "There is no regimen \"" + *regimen + "\" in this catalog.");
  }
  if (!errors.Empty()) return;

  OrderedJson list = OrderedJson::array();
  std::vector<std::string> covered;
  for (const WorkedExample& example : Education().examples) {
    if (FindRegimen(catalog, example.protocol) == nullptr) continue;  // hidden by the site configuration
    covered.push_back(example.protocol);
    if ((regimen && example.protocol != *regimen) || (id && example.id != *id)) continue;
    OrderedJson worked;
    worked["id"] = example.id;
    worked["request"] = ExampleRequestJson(example);
    AddWorked(list, std::move(worked), catalog);
  }
  for (const Json& record : Documents(catalog).regimens) {
    const std::string protocol = record.value("id", "");
    if (std::find(covered.begin(), covered.end(), protocol) != covered.end()) continue;
    if ((regimen && protocol != *regimen) || (id && "default-" + protocol != *id)) continue;
    OrderedJson example;
    example["id"] = "default-" + protocol;
    example["title"] = record.value("title", protocol) + ": the regimen's default order";
    example["outcome"] = "computed";
    example["teaching_point"] =
        "The regimen's default order for a reference adult; change any figure on the calculator page to see how the "
        "working changes.";
    example["refs"] = OrderedJson::array();
    for (const Json& source : record.value("sources", Json::array())) example["refs"].push_back(source);
    example["request"] = DefaultRequest(record);
    AddWorked(list, std::move(example), catalog);
  }
  if (id && list.empty()) {
    errors.Add("id", "There is no worked example \"" + *id + "\"" + (regimen ? " for that regimen." : "."));
    return;
  }
  response["examples"] = std::move(list);
}

}  // namespace ketadose
