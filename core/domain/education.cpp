// Quiz judgement and drill review (see education.hpp).
#include "domain/education.hpp"

#include <algorithm>
#include <cmath>

namespace ketadose {

namespace {

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

bool NumericAnswerMatches(double answer, double expected, double tolerance) {
  // A hair of slack so that an answer typed at exactly the tolerance's edge is not lost to binary rounding.
  constexpr double kSlack = 1e-9;
  return std::fabs(answer - expected) <= tolerance + kSlack * std::max(1.0, std::fabs(expected));
}

bool FiguresAgree(double a, double b) {
  constexpr double kRelative = 0.01;
  return std::fabs(a - b) <= kRelative * std::max(std::fabs(a), std::fabs(b)) + 1e-9;
}

SingleVerdict JudgeSingle(const QuizQuestion& question, int chosen) {
  SingleVerdict verdict;
  verdict.answer = chosen;
  verdict.expected = question.answer ? static_cast<int>(*question.answer) : -1;
  verdict.correct = chosen == verdict.expected;
  return verdict;
}

NumericVerdict JudgeNumeric(const QuizQuestion& question, double answer, double expected) {
  NumericVerdict verdict;
  verdict.answer = answer;
  verdict.expected = expected;
  verdict.tolerance = question.tolerance;
  verdict.correct = NumericAnswerMatches(answer, expected, question.tolerance);
  return verdict;
}

Kilograms DrillPatientWeight(const Drill& drill) {
  return drill.patientWeightUnit == "lb" ? ToKilograms(Pounds(drill.patientWeight)) : Kilograms(drill.patientWeight);
}

FigureComparison CompareFigure(std::optional<double> yours, std::optional<double> expected) {
  FigureComparison comparison;
  comparison.yours = yours;
  comparison.expected = expected;
  comparison.matches = yours && expected && FiguresAgree(*yours, *expected);
  return comparison;
}

DrillReview ReviewDrill(const Drill& drill, Kilograms enteredWeight, const std::string& protocol,
                        const std::vector<std::string>& reviewer, const std::vector<std::string>& raised,
                        const std::vector<FigureComparison>& figures) {
  DrillReview review;
  for (const std::string& code : reviewer) (Contains(raised, code) ? review.caught : review.missed).push_back(code);
  for (const std::string& code : raised) {
    if (!Contains(reviewer, code)) review.unexpected.push_back(code);
  }
  review.patientMatches = FiguresAgree(enteredWeight.value(), DrillPatientWeight(drill).value());
  review.protocolMatches = Contains(drill.protocols, protocol);
  for (const FigureComparison& figure : figures) review.figuresMatch = review.figuresMatch && figure.matches;
  return review;
}

FlagPredictions ComparePredictions(const std::vector<std::string>& predicted, const std::vector<std::string>& reviewer) {
  FlagPredictions result;
  for (const std::string& code : predicted) (Contains(reviewer, code) ? result.right : result.wrong).push_back(code);
  for (const std::string& code : reviewer) {
    if (!Contains(predicted, code)) result.notPredicted.push_back(code);
  }
  return result;
}

}  // namespace ketadose
