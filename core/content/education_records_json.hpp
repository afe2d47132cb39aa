// The JSON requests carried by education records (for core/content and core/api .cpp files only): a worked
// example's request, a numeric quiz item's plan request, a drill's patient and order as written.
#pragma once

#include "json/json_type.hpp"
#include "content/education_records.hpp"

namespace ketadose {

const Json& ExampleRequestJson(const WorkedExample& example);
const Json& QuizRequestJson(const QuizQuestion& question);  // {} when not computed
const Json& DrillPatientJson(const Drill& drill);
const Json& DrillModelPlanJson(const Drill& drill);
// The reference patient of examples built from a regimen's defaults (examples.json "default_patient").
const Json& DefaultExamplePatientJson();

}  // namespace ketadose
