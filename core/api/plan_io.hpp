// The plan action's request reader: request JSON -> typed request (domain/plan.hpp, patient.hpp, schedule.hpp).
// Each reader checks presence, type and plausibility and records an error at the field's path.
#pragma once

#include <optional>

#include "json/fields.hpp"
#include "domain/patient.hpp"
#include "domain/plan.hpp"

namespace ketadose {

// Reads request["patient"]; lb are converted to kg here, at input. Errors name "patient.<field>".
std::optional<Patient> ReadPatient(const Json& request, const Catalog& catalog, Errors& errors);

// Reads request["dosing_weight"]; when absent, the site's default dosing weight (built in: "actual").
std::optional<WeightBasis> ReadWeightBasis(const Json& request, const Catalog& catalog, Errors& errors);

// Reads and validates a plan request; nullopt with errors when anything is missing or implausible.
std::optional<PlanRequest> ReadPlanRequest(const Json& request, const Catalog& catalog, Errors& errors);

}  // namespace ketadose
