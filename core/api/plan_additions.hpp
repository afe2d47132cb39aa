// Internal: the plan's screening (issue 12), in-infusion guidance and titration schedule, kept out of
// action_plan.cpp so that the action only calls them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/actions.hpp"
#include "domain/guardrails.hpp"
#include "domain/plan.hpp"
#include "domain/screening.hpp"

namespace ketadose {

// The request without the fields these additions read ("screening", "schedule"), for ReadPlanRequest.
Json PlanPartOf(const Json& request);

struct PlanScreening {
  bool screened = false;            // the request carried "screening"
  std::vector<std::string> shape;   // the plan's own calls ("multi-day-infusion", "series-regimen")
  ScreenResult result;
  [[nodiscard]] bool Shown() const { return screened || !shape.empty(); }
};

// Reads the request's "screening" (errors at "screening.*") and screens it with the plan's shape added.
// nullopt only when the section has errors.
std::optional<PlanScreening> ScreenPlan(const Json& request, const PlanRequest& order, const Catalog& catalog,
                                        Errors& errors);

// Titles of the findings that count as significant comorbidity (they lower the monitored-setting thresholds).
std::vector<std::string> ComorbidityTitles(const PlanScreening& screening);

// A contraindication at level avoid holds the plan: one soft alert "screening-avoid" naming the findings.
void AddScreeningAlert(const PlanScreening& screening, const std::vector<std::string>& acknowledged,
                       Assessment& assessment);

// The plan response's "screening": {screened, verdict, verdict_rule, findings, tests, tests_note?, ort?,
// comorbidity, plan_shape?, notes}.
OrderedJson PlanScreeningJson(const PlanScreening& screening);

// Reads "schedule" and adds the plan response's "schedule" (errors at "schedule.*").
void AddPlanSchedule(const Json& request, const Regimen& regimen, const Plan& plan, const Catalog& catalog,
                     OrderedJson& response, Errors& errors);

}  // namespace ketadose
