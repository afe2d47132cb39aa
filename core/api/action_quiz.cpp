// The "quiz" and "quiz-answer" actions: the questions' keys without their answers, and the core's verdict on one
// answer. Numeric answers are checked here, not in the page; a question whose answer is a dose calculation gets
// its expected value from the calculator's plan action, so the quiz cannot disagree with the calculator. The
// questions' text (stem, options, explanation, references) is the Learn screen's static text file.
#include <cmath>
#include <limits>

#include "api/actions.hpp"
#include "api/education.hpp"

namespace ketadose {

void QuizAction(const Json& request, const Catalog& /*catalog*/, OrderedJson& response, Errors& errors) {
  const auto filter = ReadTopicFilter(request, errors);
  if (!filter) return;
  const std::optional<std::string>& topic = *filter;
  OrderedJson list = OrderedJson::array();
  for (const QuizQuestion& question : Education().questions) {
    if (topic && question.topic != *topic) continue;
    OrderedJson item;
    item["id"] = question.id;
    item["topic"] = question.topic;
    item["kind"] = question.kind;
    if (question.Single()) item["option_count"] = question.optionCount;
    if (!question.unit.empty()) item["unit"] = question.unit;
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
  const QuizQuestion* question = id ? FindQuestion(*id) : nullptr;
  if (id && question == nullptr) {
    errors.Add("question", "There is no quiz question \"" + *id + "\". The quiz action lists the questions.");
  }
  if (question == nullptr) {
    if (!request.contains("answer")) errors.Add("answer", "The answer is missing.");
    return;
  }
  const bool single = question->Single();
  const std::size_t optionCount = single ? question->optionCount : 0;
  const Range range = single ? Range{0.0, static_cast<double>(optionCount) - 1.0}
                             : Range{0.0, std::numeric_limits<double>::infinity()};  // no answer is negative
  const FieldLabel label = single ? FieldLabel{"The chosen option", ""} : FieldLabel{"The answer", question->unit};
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
  response["kind"] = question->kind;
  if (single) {
    const SingleVerdict verdict = JudgeSingle(*question, static_cast<int>(*answer));
    response["answer"] = verdict.answer;
    response["correct"] = verdict.correct;
    response["expected"] = verdict.expected;
  } else {
    // Quiz calculations teach the guideline figures, so they run on the built-in catalog, not a site's.
    OrderedJson working = OrderedJson::array();
    const NumericVerdict verdict =
        JudgeNumeric(*question, *answer, ExpectedNumericAnswer(*question, DefaultCatalog(), &working));
    response["answer"] = verdict.answer;
    response["correct"] = verdict.correct;
    response["expected"] = verdict.expected;
    response["unit"] = question->unit;
    response["tolerance"] = verdict.tolerance;
    if (!working.empty()) response["working"] = std::move(working);
  }
}

}  // namespace ketadose
