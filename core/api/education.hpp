// Education module: evidence topics, worked examples, quiz and case drills from content/education/, with every
// figure a learner sees computed by the calculator's own actions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/fields.hpp"  // Json
#include "content/catalog.hpp"
#include "base/errors.hpp"

namespace ketadose {

using OrderedJson = nlohmann::ordered_json;

// The array at `key` in a content file (e.g. "education/quiz.json", "questions"); an empty array when absent.
const Json& ContentList(std::string_view name, const char* key);

// A content value as the ordered JSON responses are built from.
OrderedJson ToOrdered(const Json& value);

// What the calculator answers to a request of one of the actions the education module may run
// ("plan", "pump-check"): the response fields after "ok":true, or {"ok":false,"errors":[...]}.
struct Calculation {
  bool computed = false;
  OrderedJson response;
};
Calculation RunCalculation(const Json& request, const Catalog& catalog);

// The value at a dotted path such as "infusion.rate_ml_per_h"; nullptr when any step is missing.
const OrderedJson* FieldAt(const OrderedJson& document, const std::string& dottedPath);

// A numeric quiz answer is right when it is within `tolerance` of the expected value (absolute).
bool NumericAnswerMatches(double answer, double expected, double tolerance);

// Two figures from plans agree when within 1% of each other (rounding of displayed figures aside).
bool FiguresAgree(double a, double b);

// The record with this "id" in a content array, or nullptr.
const Json* FindById(const Json& list, const std::string& id);

// Reads the optional "topic" filter of an education request; an unknown topic id is an error at "topic".
// The outer optional is empty when the request was rejected; the inner one when no topic was given.
std::optional<std::optional<std::string>> ReadTopicFilter(const Json& request, Errors& errors);

// Alert codes of a plan or pump-check response, in the order the response lists them.
std::vector<std::string> AlertCodes(const OrderedJson& response);

// The expected answer of a numeric quiz item: its stated answer, or the figure its plan request computes
// (with that plan's working lines in `working`). Throws std::runtime_error on broken content.
double ExpectedNumericAnswer(const Json& question, const Catalog& catalog, OrderedJson* working);

}  // namespace ketadose
