// Internal: simulation requests and responses shared by the "simulate" action and plan's "simulate" option.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/actions.hpp"
#include "domain/patient.hpp"
#include "domain/pk.hpp"
#include "domain/pk_model.hpp"
#include "domain/plan.hpp"

namespace ketadose {

// What a request asks of the simulator besides the doses: the model and the output grid.
struct SimulationOptions {
  const PkModelRecord* model = nullptr;  // the content record
  std::optional<Minutes> step;
  std::optional<Minutes> until;
  NgPerMl threshold;
  bool thresholdGiven = false;  // false: the default racemic figure, which an S-ketamine curve is not read against
  std::optional<Minutes> ke0HalfLife;
};

// What the PK models need of a patient (actual weight, age).
PkSubject PkSubjectOf(const Patient& patient);

// The models as the catalog lists them: each content record as written (id, title, drug, weight, population,
// parameters, where each value was read, derived figures, the comparison with the seed documents), with its
// source flattened to "source" and "where" and without "form". Built once.
const Json& PkModelCatalog();

// Reads "model", "step_min", "until_min", "threshold_ng_per_ml" and "ke0_half_life_min" from `object`;
// errors are reported at parent.key.
std::optional<SimulationOptions> ReadSimulationOptions(const Json& object, const std::string& parent, Errors& errors);

// Reads request["regimen"]: a list of {start_min, dose_mg, over_min}. Errors name "regimen.N.key".
std::optional<std::vector<DoseSegment>> ReadRegimen(const Json& request, Errors& errors);

// Simulates and writes the response fields (model, peaks, times, concentrations) into `out`.
void PutSimulation(const SimulationOptions& options, const Patient& patient, const std::vector<DoseSegment>& regimen,
                   const std::string& parent, OrderedJson& out, Errors& errors);

// The plan's own bolus and infusion, simulated when the request has a "simulate" object: adds
// response["simulation"]. Errors name "simulate" or "simulate.<key>".
void AddPlanSimulation(const Json& request, const PlanRequest& order, const Plan& plan, OrderedJson& response,
                       Errors& errors);

// Checks a plan's simulation against its regimen (content/regimens.json): a model of another drug (racemic for
// an S-ketamine regimen, or the reverse) is an error at "simulate.model"; a regimen that may be given by
// another route than IV adds its "simulation_assumption" (e.g. subcutaneous bioavailability) to the model's
// assumptions and as "route_assumption".
void CheckPlanSimulation(const Json& regimen, OrderedJson& response, Errors& errors);

}  // namespace ketadose
