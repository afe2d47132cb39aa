// Education logic without JSON: judging quiz answers, and a reviewer's comparison of a learner's plan with a
// drill's order as written. The figures compared come from the calculator's own plans (core/api runs them).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/units.hpp"
#include "content/education_records.hpp"

namespace ketadose {

// A numeric quiz answer is right when it is within `tolerance` of the expected value (absolute, same unit).
bool NumericAnswerMatches(double answer, double expected, double tolerance);

// Two figures from plans agree when within 1% of each other (rounding of displayed figures aside).
bool FiguresAgree(double a, double b);

struct SingleVerdict {
  int answer = 0;
  int expected = -1;
  bool correct = false;
};
// The verdict on option `chosen` (already checked to be a whole number from 0 to optionCount - 1).
SingleVerdict JudgeSingle(const QuizQuestion& question, int chosen);

struct NumericVerdict {
  double answer = 0.0;
  double expected = 0.0;
  double tolerance = 0.0;
  bool correct = false;
};
NumericVerdict JudgeNumeric(const QuizQuestion& question, double answer, double expected);

// The drill patient's weight (the vignette may state it in lb).
Kilograms DrillPatientWeight(const Drill& drill);

// One compared figure: the learner's plan's and the order as written's, each absent when the plan lacks it.
struct FigureComparison {
  std::optional<double> yours;
  std::optional<double> expected;
  bool matches = false;
};
FigureComparison CompareFigure(std::optional<double> yours, std::optional<double> expected);

struct DrillReview {
  bool patientMatches = false;
  bool protocolMatches = false;
  std::vector<std::string> caught;      // raised by both plans, in the order as written's order
  std::vector<std::string> missed;      // raised by the order as written only
  std::vector<std::string> unexpected;  // raised by the learner's plan only
  bool figuresMatch = true;
  bool MatchesOrder() const {
    return patientMatches && protocolMatches && missed.empty() && unexpected.empty() && figuresMatch;
  }
};
// reviewer / raised: alert codes of the order as written and of the learner's plan, in response order.
DrillReview ReviewDrill(const Drill& drill, Kilograms enteredWeight, const std::string& protocol,
                        const std::vector<std::string>& reviewer, const std::vector<std::string>& raised,
                        const std::vector<FigureComparison>& figures);

struct FlagPredictions {
  std::vector<std::string> right;
  std::vector<std::string> wrong;
  std::vector<std::string> notPredicted;
  bool AllRight() const { return wrong.empty() && notPredicted.empty(); }
};
FlagPredictions ComparePredictions(const std::vector<std::string>& predicted, const std::vector<std::string>& reviewer);

}  // namespace ketadose
