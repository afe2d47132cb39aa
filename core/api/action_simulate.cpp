// The "simulate" action: plasma and effect-site concentrations of a timed regimen under a published model.
#include "api/actions.hpp"
#include "api/plan_io.hpp"
#include "content/catalog_json.hpp"
#include "domain/patient.hpp"
#include "api/simulation_io.hpp"

namespace ketadose {

void SimulateAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors) {
  RejectUnknownKeys(
      request, "",
      {"action", "model", "patient", "regimen", "step_min", "until_min", "threshold_ng_per_ml", "ke0_half_life_min"},
      errors);
  const auto patient = ReadPatient(request, catalog, errors);
  const auto options = ReadSimulationOptions(request, "", errors);
  const auto regimen = ReadRegimen(request, errors);
  if (!patient || !options || !regimen) return;
  // Also checks the output grid when only the model was wrong, so both errors come back together.
  PutSimulation(*options, *patient, *regimen, "", response, errors);
}

}  // namespace ketadose
