// Published ketamine PK models (content/pk-models.json records) turned into one patient's rate constants.
// Typed in (PkModelRecord, PkSubject), typed out (PatientPkModel); no JSON is seen here.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/units.hpp"
#include "content/pk_records.hpp"
#include "domain/pk.hpp"

namespace ketadose {

// What a model needs to know of the patient: actual body weight, and age where the model uses it.
struct PkSubject {
  Kilograms actualWeight;
  std::optional<Years> age;
};

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

// The models of content/pk-models.json, in file order.
const std::vector<PkModelRecord>& PkModelRecords();

// The model record with this id, or nullptr.
const PkModelRecord* FindPkModel(std::string_view id);

// The ids of all models, quoted and comma-separated, for error sentences (built once).
const std::string& PkModelIds();

// Limits and defaults for simulation requests: the records of content/pk-models.json "simulation" and
// "ke0_default" themselves (PkRecords()), not a copy.
const SimulationSettingsRecord& PkSimulationLimits();
const Ke0DefaultRecord& PkKe0Default();

// The model applied to the patient. `ke0HalfLife` overrides the default effect-site half-life. nullopt only if
// the constants are not solvable (a content error the content check refuses).
std::optional<PatientPkModel> ModelForPatient(const PkModelRecord& record, const PkSubject& subject,
                                              std::optional<Minutes> ke0HalfLife);

// Which models suit a regimen's drug, and a caution where a model's population is unlike the regimen's setting.
struct Suitability {
  bool suits = false;
  std::string caution;
};
Suitability SuitabilityOf(const PkModelRecord& record, const std::string& regimenDrug, const std::string& regimenSetting);

}  // namespace ketadose
