// The JSON requests carried by education records (for core/content and core/api .cpp files only): a worked
// example's request, a numeric quiz item's plan request, a drill's patient and order as written.
#pragma once

#include <nlohmann/json.hpp>

#include "content/education_records.hpp"

namespace ketadose {

const nlohmann::ordered_json& ExampleRequestJson(const WorkedExample& example);
const nlohmann::ordered_json& QuizRequestJson(const QuizQuestion& question);  // {} when not computed
const nlohmann::ordered_json& DrillPatientJson(const Drill& drill);
const nlohmann::ordered_json& DrillModelPlanJson(const Drill& drill);
// The reference patient of examples built from a regimen's defaults (examples.json "default_patient").
const nlohmann::ordered_json& DefaultExamplePatientJson();

}  // namespace ketadose
