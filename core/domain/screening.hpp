// Pre-infusion screening: condition findings, a verdict, recommended tests and the Opioid Risk Tool.
// Typed in, typed out: the request is read in api/screening_io.cpp, the records come from
// content/screening_records.hpp, and no JSON is seen here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/units.hpp"
#include "content/screening_records.hpp"

namespace ketadose {

enum class Verdict { kAvoid, kCaution, kProceed };

struct Finding {
  std::string id;
  std::string title;
  std::string category;
  Level level = Level::kPrecaution;
  std::string grade;      // USPSTF grade as the guideline states it; empty when ungraded
  std::string certainty;  // "low", "moderate", ...; empty when ungraded
  std::string reason;     // plain-language, in this tool's words
  std::string note;       // where sources disagree; usually empty
  bool comorbidity = false;  // counts as significant comorbidity in a plan (content "comorbidity": true)
  SourceRef source;
  std::vector<SourceRef> also;
};

struct RecommendedTest {
  std::string id;  // "ecg" or "lft"
  std::string title;
  std::string reason;
  SourceRef source;
  std::vector<std::string> because;  // condition ids (or "planned_high_dose_frequent") that call for it
};

// The sex whose ORT weights apply (the form scores some items differently for women and men).
enum class OrtSex { kFemale, kMale };

struct OrtAnswers {
  OrtSex sex = OrtSex::kFemale;
  std::vector<std::string> items;  // ids from content/ort.json that apply
  std::optional<Years> age;        // when given, decides the age item
};

struct OrtItemScore {
  std::string id;
  int points = 0;
};

struct OrtResult {
  int score = 0;
  OrtBand band = OrtBand::kLow;
  std::vector<OrtItemScore> items;  // the items that applied, with the points each scored for this sex
  bool ageDerived = false;          // the age item came from age_years
};

struct ScreenRequest {
  std::vector<std::string> conditions;  // unique, in request order, each a known condition id
  bool plannedHighDoseFrequent = false;
  std::optional<OrtAnswers> ort;
  // Calls from the plan's own shape ("multi-day-infusion", "series-regimen"; content "plan_shape"), each
  // adding the plan-shape tests whatever was screened.
  std::vector<std::string> planShape;
};

struct ScreenResult {
  Verdict verdict = Verdict::kProceed;
  std::vector<Finding> findings;  // one per condition, in request order; then the abuse-risk finding
  std::vector<RecommendedTest> tests;
  std::optional<OrtResult> ort;
};

// What a plan's own shape calls for (Cohen 2018 Q5, Q2): "multi-day-infusion" when the infusion runs longer
// than content "plan_shape.multi_day_infusion_h_more_than", "series-regimen" for a regimen given as a series.
std::vector<std::string> PlanShapeCalls(const std::string& protocolId, std::optional<Hours> infusionDuration,
                                        const ScreeningContent& screening);

// Avoid if any finding is avoid; else caution if any is caution or precaution; else proceed.
Verdict VerdictFor(const std::vector<Finding>& findings);

// The finding for one condition id (content/screening.json "conditions"); nullopt for an unknown id.
std::optional<Finding> FindingFor(const std::string& conditionId, const ScreeningContent& screening);

// Sums the sex-specific item weights and places the total in a band (Webster & Webster 2005).
OrtResult ScoreOrt(const OrtAnswers& answers, const OrtContent& ort);

// Whether the ORT age item applies at this age (whole years 16 to 45).
bool OrtAgeItemApplies(Years age, const OrtContent& ort);

ScreenResult Screen(const ScreenRequest& request, const ScreeningContent& screening, const OrtContent& ort);

const char* LevelName(Level level);
const char* VerdictName(Verdict verdict);
const char* OrtBandName(OrtBand band);

}  // namespace ketadose
