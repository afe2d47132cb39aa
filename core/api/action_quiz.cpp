// The "quiz" and "quiz-answer" actions: questions without their answers, and the core's verdict on one answer.
// Numeric answers are checked here, not in the page; a question whose answer is a dose calculation gets its
// expected value from the calculator's plan action, so the quiz cannot disagree with the calculator.
#include <cmath>
#include <limits>

#include "api/actions.hpp"
#include "api/education.hpp"

namespace ketadose {

namespace {

const Json& Questions() { return ContentList("education/quiz.json", "questions"); }

}  // namespace

void QuizAction(const Json& request, const Catalog& /*catalog*/, OrderedJson& response, Errors& errors) {
  const auto filter = ReadTopicFilter(request, errors);
  if (!filter) return;
  const std::optional<std::string>& topic = *filter;
  OrderedJson list = OrderedJson::array();
  for (const Json& question : Questions()) {
    if (topic && question.value("topic", "") != *topic) continue;
    OrderedJson item;
    for (const char* key : {"id", "topic", "kind", "stem", "options", "unit"}) {
      if (question.contains(key)) item[key] = ToOrdered(question[key]);
    }
    list.push_back(std::move(item));
  }
  response["count"] = list.size();
  response["answer_format"] =
      "single: the index of the chosen option, counting from 0; numeric: a number in the given unit";
  response["questions"] = std::move(list);
}

void QuizAnswerAction(const Json& request, const Catalog& /*catalog*/, OrderedJson& response, Errors& errors) {
  RejectUnknownKeys(request, "", {"action", "question", "answer"}, errors);
  const auto id = ReadString(request, "question", "", errors);
  const Json* question = id ? FindById(Questions(), *id) : nullptr;
  if (id && question == nullptr) {
    errors.Add("question", "There is no quiz question \"" + *id + "\". The quiz action lists the questions.");
  }
  if (question == nullptr) {
    if (!request.contains("answer")) errors.Add("answer", "The answer is missing.");
    return;
  }
  const bool single = question->value("kind", "") == "single";
  const std::size_t optionCount = single ? question->value("options", Json::array()).size() : 0;
  const Range range = single ? Range{0.0, static_cast<double>(optionCount) - 1.0}
                             : Range{0.0, std::numeric_limits<double>::infinity()};  // no answer is negative
  const FieldLabel label =
      single ? FieldLabel{"The chosen option", ""} : FieldLabel{"The answer", question->value("unit", "")};
  const auto given = request.find("answer");
  if (given != request.end() && !given->is_number()) {
    // One plain sentence for text where a number belongs (not the type error and the range stacked together).
    errors.Add("answer", single ? std::string("Choose one of the options.")
                                : "Enter the answer as a number" +
                                      (label.unit.empty() ? std::string() : " in " + label.unit) + ".");
    return;
  }
  const auto answer = ReadNumber(request, "answer", "", label, range, errors);
  if (!answer) return;
  if (single && std::floor(*answer) != *answer) {
    errors.Add("answer", "Choose an option by its position, a whole number from 0 to " + FormatNumber(range.max) + ".");
    return;
  }

  response["question"] = *id;
  response["kind"] = question->value("kind", "");
  bool correct = false;
  if (single) {
    const auto expected = question->value("answer", -1);
    correct = static_cast<int>(*answer) == expected;
    response["answer"] = static_cast<int>(*answer);
    response["correct"] = correct;
    response["expected"] = expected;
    response["expected_text"] =
        question->value("options", Json::array()).at(static_cast<std::size_t>(expected)).get<std::string>();
  } else {
    // Quiz calculations teach the guideline figures, so they run on the built-in catalog, not a site's.
    OrderedJson working = OrderedJson::array();
    const double expected = ExpectedNumericAnswer(*question, DefaultCatalog(), &working);
    const double tolerance = question->value("tolerance", 0.0);
    correct = NumericAnswerMatches(*answer, expected, tolerance);
    response["answer"] = *answer;
    response["correct"] = correct;
    response["expected"] = expected;
    response["unit"] = question->value("unit", "");
    response["tolerance"] = tolerance;
    if (!working.empty()) response["working"] = std::move(working);
  }
  response["explanation"] = question->value("explanation", "");
  response["refs"] = ToOrdered(question->value("refs", Json::array()));
}

}  // namespace ketadose
