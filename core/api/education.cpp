// Shared by the education actions: running calculator requests, reading response fields.
#include "api/education.hpp"

#include <stdexcept>
#include <utility>

#include "api/actions.hpp"
#include "content/education_records_json.hpp"

namespace ketadose {

Calculation RunCalculation(const Json& request, const Catalog& catalog) {
  Calculation result;
  Errors errors;
  OrderedJson response;
  response["ok"] = true;
  const std::string action = request.is_object() ? request.value("action", "") : "";
  if (action == "plan") {
    PlanAction(request, catalog, response, errors);
  } else if (action == "pump-check") {
    PumpCheckAction(request, catalog, response, errors);
  } else {
    errors.Add("action", "Only plan and pump-check requests can be worked through here.");
  }
  if (errors.Empty()) {
    result.computed = true;
    result.response = std::move(response);
    return result;
  }
  result.response = RejectedJson(errors);
  return result;
}

const OrderedJson* FieldAt(const OrderedJson& document, const std::string& dottedPath) {
  const OrderedJson* node = &document;
  std::size_t start = 0;
  while (start <= dottedPath.size()) {
    const std::size_t dot = dottedPath.find('.', start);
    const std::string key = dottedPath.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!node->is_object()) return nullptr;
    const auto found = node->find(key);
    if (found == node->end()) return nullptr;
    node = &*found;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return node;
}

std::optional<double> NumberAt(const OrderedJson& document, const std::string& dottedPath) {
  const OrderedJson* value = FieldAt(document, dottedPath);
  if (value == nullptr || !value->is_number()) return std::nullopt;
  return value->get<double>();
}

std::vector<std::string> AlertCodes(const OrderedJson& response) {
  std::vector<std::string> codes;
  const auto alerts = response.find("alerts");
  if (alerts == response.end() || !alerts->is_array()) return codes;
  for (const OrderedJson& alert : *alerts) codes.push_back(alert.value("code", ""));
  return codes;
}

double ExpectedNumericAnswer(const QuizQuestion& question, const Catalog& catalog, OrderedJson* working) {
  if (question.answer) return *question.answer;
  if (!question.computed) throw std::runtime_error("quiz item " + question.id + " has neither an answer nor a computation");
  const Calculation run = RunCalculation(QuizRequestJson(question), catalog);
  const std::optional<double> value = run.computed ? NumberAt(run.response, question.computedField) : std::nullopt;
  if (!value) throw std::runtime_error("quiz item " + question.id + ": its calculation did not give " + question.computedField);
  if (working != nullptr) *working = run.response.value("arithmetic", OrderedJson::array());
  return *value;
}

std::optional<std::optional<std::string>> ReadTopicFilter(const Json& request, Errors& errors) {
  RejectUnknownKeys(request, "", {"action", "topic"}, errors);
  const auto topic = ReadString(request, "topic", "", errors, Presence::kOptional);
  if (!errors.Empty()) return std::nullopt;
  if (topic && FindTopic(*topic) == nullptr) {
    errors.Add("topic", "There is no evidence topic \"" + *topic + "\". The catalog action lists the topics.");
    return std::nullopt;
  }
  return topic;
}

}  // namespace ketadose
