// Pre-infusion screening: condition findings, a verdict, recommended tests and the Opioid Risk Tool.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "content/catalog.hpp"
#include "content/catalog_json.hpp"  // Json, ReadSource (until this family is typed: issue 13)
#include "base/errors.hpp"
#include "domain/patient.hpp"
#include "base/units.hpp"

namespace ketadose {

// How strongly a finding weighs against an elective infusion (content/screening.json "levels").
enum class Level { kAvoid, kCaution, kPrecaution };
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

enum class OrtBand { kLow, kModerate, kHigh };

struct OrtAnswers {
  Sex sex = Sex::kFemale;
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
  std::vector<std::string> conditions;  // unique, in request order
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

// Reads a screen request against the condition ids of `screening` (content/screening.json) and the item ids of
// `ort` (content/ort.json). Unknown condition ids are errors at "conditions.N"; ORT errors at "ort.<field>".
std::optional<ScreenRequest> ReadScreenRequest(const Json& request, const Json& screening, const Json& ort,
                                               const Catalog& catalog, Errors& errors);

// The same answers as a plan's "screening" object: {conditions, ort?}; errors at "screening.<field>".
std::optional<ScreenRequest> ReadPlanScreening(const Json& section, const Json& screening, const Json& ort,
                                               const Catalog& catalog, Errors& errors);

// What a plan's own shape calls for (Cohen 2018 Q5, Q2): "multi-day-infusion" when the infusion runs longer
// than content "plan_shape.multi_day_infusion_h_more_than", "series-regimen" for a regimen given as a series.
std::vector<std::string> PlanShapeCalls(const std::string& protocolId, std::optional<Hours> infusionDuration,
                                        const Json& screening);

// Avoid if any finding is avoid; else caution if any is caution or precaution; else proceed.
Verdict VerdictFor(const std::vector<Finding>& findings);

// The finding for one condition id (content/screening.json "conditions"); nullopt for an unknown id.
std::optional<Finding> FindingFor(const std::string& conditionId, const Json& screening);

// Sums the sex-specific item weights and places the total in a band (Webster & Webster 2005).
OrtResult ScoreOrt(const OrtAnswers& answers, const Json& ort);

// Whether the ORT age item applies at this age (whole years 16 to 45).
bool OrtAgeItemApplies(Years age, const Json& ort);

ScreenResult Screen(const ScreenRequest& request, const Json& screening, const Json& ort);

const char* LevelName(Level level);
const char* VerdictName(Verdict verdict);
const char* OrtBandName(OrtBand band);

}  // namespace ketadose
