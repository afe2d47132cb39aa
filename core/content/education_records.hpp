// The education records the core computes with (content/education/), read once from the embedded content.
// Only the fields a figure or a judgement depends on are compiled in (cmake/embed_content.cmake keeps them): ids,
// quiz answer keys, tolerances and units, worked examples' requests, drills' patients, orders and checks. The
// text a learner reads (summaries, stems, options, explanations, vignettes, debriefs, their references) is a
// static file the site build writes for the Learn screen (docs/design.md, "Education text outside the core").
// JSON-free: the requests these records carry are reached through content/education_records_json.hpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ketadose {

struct EvidenceTopic {
  std::string id;
  std::string title;  // for the catalog's menus
};

struct QuizQuestion {
  std::size_t index = 0;  // position in quiz.json's "questions"
  std::string id;
  std::string topic;
  std::string kind;  // "single" (answer = index of the right option) or "numeric"
  std::string unit;  // numeric items: the unit the answer is typed in
  std::size_t optionCount = 0;       // single items
  std::optional<double> answer;      // single: the option index; numeric: a stated figure
  double tolerance = 0.0;            // numeric items, absolute, in `unit`
  bool computed = false;             // numeric: the answer is `computedField` of a plan request the core runs
  std::string computedField;         // dotted path into that response, e.g. "infusion.rate_ml_per_h"
  bool Single() const { return kind == "single"; }
};

struct WorkedExample {
  std::size_t index = 0;  // position in examples.json's "examples"
  std::string id;
  std::string protocol;  // the regimen its request names
};

struct DrillCompare {
  std::string field;  // dotted path into a plan response
  std::string label;  // the figure's name in the review's findings
};

struct Drill {
  std::size_t index = 0;  // position in drills.json's "drills"
  std::string id;
  double patientWeight = 0.0;          // as the vignette states it, in patientWeightUnit
  std::string patientWeightUnit = "kg";  // "kg" or "lb"
  std::vector<std::string> protocols;  // the regimens the vignette's order may be planned under
  std::vector<DrillCompare> compare;
  std::vector<std::string> expectedFlags;  // what the order as written raises (checked by the unit tests)
};

// The Learn screen's computed records. The evidence topics are not among them: EvidenceTopics() reads those alone.
struct EducationContent {
  std::vector<QuizQuestion> questions;
  std::vector<WorkedExample> examples;
  std::vector<Drill> drills;
};

// The records, read once; a malformed education file throws std::runtime_error naming the record on first use
// (the unit tests read every record, so a broken file fails the build's tests, not a learner's request).
const EducationContent& Education();

// The evidence topics (id and title, in evidence.json's order): what the catalog lists for the page's menus, read
// on their own, without the quiz, the worked examples and the drills, which only the Learn screen asks for. Like
// Education(), a malformed record throws std::runtime_error naming it on first use.
const std::vector<EvidenceTopic>& EvidenceTopics();

const EvidenceTopic* FindTopic(const std::string& id);
const QuizQuestion* FindQuestion(const std::string& id);
const Drill* FindDrill(const std::string& id);

}  // namespace ketadose
