// Published ketamine PK models (content/pk-models.json) turned into one patient's rate constants.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/catalog.hpp"
#include "content/catalog_json.hpp"  // Json, ReadSource (until this family is typed: issue 13)
#include "domain/patient.hpp"
#include "domain/pk.hpp"
#include "base/units.hpp"

namespace ketadose {

// A model record as the simulator applies it to one patient.
struct PatientPkModel {
  std::string id;
  std::string title;
  std::string drug;
  SourceRef source;
  MicroConstants constants;
  Minutes ke0HalfLife;
  SourceRef ke0Source;                   // where the effect-site half-life comes from
  std::vector<std::string> assumptions;  // plain sentences: what was assumed for this patient
};

// The "models" array of content/pk-models.json.
const Json& PkModelRecords();

// The models as the catalog lists them: id, title, drug, source and where, weight, population, parameters,
// where each value was read, derived figures and the comparison with the seed documents.
Json PkModelCatalog();

// The model record with this id, or nullptr.
const Json* FindPkModel(std::string_view id);

// The ids of all models, quoted and comma-separated, for error sentences.
std::string PkModelIds();

// Limits and defaults for simulation requests (content/pk-models.json "simulation").
struct SimulationLimits {
  Minutes maxUntil;
  std::size_t maxPoints = 0;
  std::size_t maxSegments = 0;
  Milligrams maxDose;
  Minutes defaultStep;
  Minutes defaultTail;  // default horizon = end of the last dose + this
  NgPerMl defaultThreshold;
  NgPerMl maxThreshold;
  Range ke0HalfLifeMin;  // accepted blood-effect-site half-lives, min
  Minutes defaultKe0HalfLife;
  SourceRef ke0Source;
};
SimulationLimits PkSimulationLimits();

// The model applied to the patient (actual body weight, age where the model uses it). `ke0HalfLife`
// overrides the default effect-site half-life. nullopt only if the record is malformed (a content error).
std::optional<PatientPkModel> ModelForPatient(const Json& record, const Patient& patient,
                                              std::optional<Minutes> ke0HalfLife);

}  // namespace ketadose
