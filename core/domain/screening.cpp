// Screening: condition ids to findings (content/screening.json), verdict, tests, and the Opioid Risk Tool
// (content/ort.json). Every figure and sentence shown comes from the content records with its source.
#include "domain/screening.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ketadose {

namespace {

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

Finding FindingOf(const ConditionRecord& record) {
  Finding finding;
  finding.id = record.id;
  finding.title = record.title;
  finding.category = record.category;
  finding.level = record.level;
  finding.grade = record.grade;
  finding.certainty = record.certainty;
  finding.reason = record.reason;
  finding.note = record.note;
  finding.comorbidity = record.comorbidity;
  finding.source = record.source;
  finding.also = record.also;
  return finding;
}

}  // namespace

const char* LevelName(Level level) {
  switch (level) {
    case Level::kAvoid: return "avoid";
    case Level::kCaution: return "caution";
    case Level::kPrecaution: return "precaution";
  }
  return "avoid";
}

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAvoid: return "avoid";
    case Verdict::kCaution: return "caution";
    case Verdict::kProceed: return "proceed";
  }
  return "avoid";
}

const char* OrtBandName(OrtBand band) {
  switch (band) {
    case OrtBand::kLow: return "low";
    case OrtBand::kModerate: return "moderate";
    case OrtBand::kHigh: return "high";
  }
  return "high";
}

std::vector<std::string> PlanShapeCalls(const std::string& protocolId, std::optional<Hours> infusionDuration,
                                        const ScreeningContent& screening) {
  std::vector<std::string> calls;
  // Unread content calls nothing a multi-day infusion (the screen and plan refuse such content anyway).
  if (!screening.loaded) return calls;
  const PlanShapeRecord& shape = screening.planShape;
  if (infusionDuration && infusionDuration->value() > shape.multiDayInfusionHoursMoreThan)
    calls.emplace_back("multi-day-infusion");
  if (Contains(shape.seriesRegimens, protocolId)) calls.emplace_back("series-regimen");
  return calls;
}

Verdict VerdictFor(const std::vector<Finding>& findings) {
  const auto any = [&](Level level) {
    return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.level == level; });
  };
  if (any(Level::kAvoid)) return Verdict::kAvoid;
  if (any(Level::kCaution) || any(Level::kPrecaution)) return Verdict::kCaution;
  return Verdict::kProceed;
}

std::optional<Finding> FindingFor(const std::string& conditionId, const ScreeningContent& screening) {
  const ConditionRecord* record = screening.FindCondition(conditionId);
  if (record == nullptr) return std::nullopt;
  return FindingOf(*record);
}

bool OrtAgeItemApplies(Years age, const OrtContent& ort) {
  // Whole years: someone aged 45 years and 6 months is still "45".
  const double wholeYears = std::floor(age.value());
  return wholeYears >= ort.ageItem.minYears && wholeYears <= ort.ageItem.maxYears;
}

OrtResult ScoreOrt(const OrtAnswers& answers, const OrtContent& ort) {
  OrtResult result;
  const std::string& ageItem = ort.ageItem.id;
  std::vector<std::string> applied;
  applied.reserve(answers.items.size() + 1);
  for (const std::string& id : answers.items) {
    if (answers.age && id == ageItem) continue;  // decided by age_years below
    if (!Contains(applied, id)) applied.push_back(id);
  }
  if (answers.age) {
    result.ageDerived = true;
    if (OrtAgeItemApplies(*answers.age, ort)) applied.push_back(ageItem);
  }
  // Items are listed and summed in the order of the form.
  for (const OrtItemRecord& item : ort.items) {
    if (!Contains(applied, item.id)) continue;
    const int points = answers.sex == OrtSex::kMale ? item.pointsMale : item.pointsFemale;
    result.items.push_back(OrtItemScore{item.id, points});
    result.score += points;
  }
  result.band = OrtBand::kHigh;
  for (const OrtBandRecord& band : ort.bands) {
    const double max = band.max ? *band.max : std::numeric_limits<double>::infinity();
    if (result.score >= band.min && result.score <= max) {
      result.band = band.band;
      break;
    }
  }
  return result;
}

ScreenResult Screen(const ScreenRequest& request, const ScreeningContent& screening, const OrtContent& ort) {
  ScreenResult result;
  result.findings.reserve(request.conditions.size() + 1);
  // Which condition (or flag) calls for each test id.
  std::vector<std::pair<std::string, std::string>> testCalls;
  for (const std::string& id : request.conditions) {
    const ConditionRecord* record = screening.FindCondition(id);
    if (record == nullptr) continue;
    result.findings.push_back(FindingOf(*record));
    for (const std::string& test : record->tests) testCalls.emplace_back(test, id);
  }
  for (const std::string& call : request.planShape) {
    for (const std::string& test : screening.planShape.tests) testCalls.emplace_back(test, call);
  }
  if (request.plannedHighDoseFrequent) {
    for (const std::string& test : screening.plannedHighDoseFrequent.tests)
      testCalls.emplace_back(test, "planned_high_dose_frequent");
  }
  if (request.ort) {
    result.ort = ScoreOrt(*request.ort, ort);
    if (result.ort->band == OrtBand::kHigh) result.findings.push_back(FindingOf(screening.abuseRiskFinding));
  }
  for (const TestRecord& record : screening.tests) {
    RecommendedTest test;
    for (const auto& [testId, because] : testCalls) {
      if (testId == record.id && !Contains(test.because, because)) test.because.push_back(because);
    }
    if (test.because.empty()) continue;
    test.id = record.id;
    test.title = record.title;
    test.reason = record.reason;
    test.source = record.source;
    result.tests.push_back(std::move(test));
  }
  result.verdict = VerdictFor(result.findings);
  return result;
}

}  // namespace ketadose
