// Shared by the education actions: ordered content, running calculator requests, reading response fields.
#include "api/education.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "api/actions.hpp"
#include "content/content.hpp"

namespace ketadose {

const Json& ContentList(std::string_view name, const char* key) {
  static const Json empty = Json::array();
  const Json& document = ContentJson(name);
  if (!document.is_object()) return empty;
  const auto found = document.find(key);
  return found != document.end() && found->is_array() ? *found : empty;
}

OrderedJson ToOrdered(const Json& value) { return OrderedJson::parse(value.dump()); }

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
  result.response = OrderedJson::object();
  result.response["ok"] = false;
  result.response["errors"] = OrderedJson::array();
  for (const FieldError& error : errors.List()) {
    result.response["errors"].push_back(OrderedJson{{"field", error.field}, {"message", error.message}});
  }
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

bool NumericAnswerMatches(double answer, double expected, double tolerance) {
  // A hair of slack so that an answer typed at exactly the tolerance's edge is not lost to binary rounding.
  constexpr double kSlack = 1e-9;
  return std::fabs(answer - expected) <= tolerance + kSlack * std::max(1.0, std::fabs(expected));
}

bool FiguresAgree(double a, double b) {
  constexpr double kRelative = 0.01;
  return std::fabs(a - b) <= kRelative * std::max(std::fabs(a), std::fabs(b)) + 1e-9;
}

const Json* FindById(const Json& list, const std::string& id) {
  if (!list.is_array()) return nullptr;
  for (const Json& item : list) {
    if (item.is_object() && item.value("id", "") == id) return &item;
  }
  return nullptr;
}

std::vector<std::string> AlertCodes(const OrderedJson& response) {
  std::vector<std::string> codes;
  const auto alerts = response.find("alerts");
  if (alerts == response.end() || !alerts->is_array()) return codes;
  for (const OrderedJson& alert : *alerts) codes.push_back(alert.value("code", ""));
  return codes;
}

double ExpectedNumericAnswer(const Json& question, const Catalog& catalog, OrderedJson* working) {
  const std::string id = question.value("id", "?");
  const auto stated = question.find("answer");
  if (stated != question.end() && stated->is_number()) return stated->get<double>();
  const auto computed = question.find("computed");
  if (computed == question.end() || !computed->is_object()) {
    throw std::runtime_error("quiz item " + id + " has neither an answer nor a computation");
  }
  const Calculation run = RunCalculation(computed->value("request", Json::object()), catalog);
  const OrderedJson* value = run.computed ? FieldAt(run.response, computed->value("field", "")) : nullptr;
  if (value == nullptr || !value->is_number()) {
    throw std::runtime_error("quiz item " + id + ": its calculation did not give " + computed->value("field", "?"));
  }
  if (working != nullptr) *working = run.response.value("arithmetic", OrderedJson::array());
  return value->get<double>();
}

std::optional<std::optional<std::string>> ReadTopicFilter(const Json& request, Errors& errors) {
  RejectUnknownKeys(request, "", {"action", "topic"}, errors);
  const auto topic = ReadString(request, "topic", "", errors, Presence::kOptional);
  if (!errors.Empty()) return std::nullopt;
  if (topic && FindById(ContentList("education/evidence.json", "topics"), *topic) == nullptr) {
    errors.Add("topic", "There is no evidence topic \"" + *topic + "\". The catalog action lists the topics.");
    return std::nullopt;
  }
  return topic;
}

}  // namespace ketadose
