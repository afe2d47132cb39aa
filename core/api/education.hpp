// Education module, JSON side: running the calculator's own actions for worked examples, quiz items and drills,
// reading their responses, and the topic filter of education requests. The records are typed
// (content/education_records.hpp) and the judging is JSON-free (domain/education.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "json/fields.hpp"  // Json
#include "base/errors.hpp"
#include "content/catalog.hpp"
#include "content/education_records.hpp"
#include "domain/education.hpp"

namespace ketadose {

using OrderedJson = Json;  // the responses' name for the core's one JSON type

// A content value as the ordered JSON responses are built from (one JSON type in the core: a copy).
inline OrderedJson ToOrdered(const Json& value) { return value; }

// What the calculator answers to a request of one of the actions the education module may run
// ("plan", "pump-check"): the response fields after "ok":true, or {"ok":false,"errors":[...]}.
struct Calculation {
  bool computed = false;
  OrderedJson response;
};
Calculation RunCalculation(const Json& request, const Catalog& catalog);

// The value at a dotted path such as "infusion.rate_ml_per_h"; nullptr when any step is missing.
const OrderedJson* FieldAt(const OrderedJson& document, const std::string& dottedPath);

// The number at a dotted path, or nothing when the path is missing or holds no number.
std::optional<double> NumberAt(const OrderedJson& document, const std::string& dottedPath);

// Reads the optional "topic" filter of an education request; an unknown topic id is an error at "topic".
// The outer optional is empty when the request was rejected; the inner one when no topic was given.
std::optional<std::optional<std::string>> ReadTopicFilter(const Json& request, Errors& errors);

// Alert codes of a plan or pump-check response, in the order the response lists them.
std::vector<std::string> AlertCodes(const OrderedJson& response);

// The expected answer of a numeric quiz item: its stated answer, or the figure its plan request computes
// (with that plan's working lines in `working`). Throws std::runtime_error on broken content.
double ExpectedNumericAnswer(const QuizQuestion& question, const Catalog& catalog, OrderedJson* working);

}  // namespace ketadose
