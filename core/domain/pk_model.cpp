// PK model records from content/pk-models.json applied to one patient. Every number comes from the content
// records; this file only knows how each parameter form ("micro-constants-per-kg", "hepato-portal") maps to
// rate constants.
#include "domain/pk_model.hpp"

#include <algorithm>
#include <cmath>

namespace ketadose {

namespace {

// Volumes scale with actual body weight; rate constants are fixed (Domino, Clements, Hijazi).
MicroConstants PerKgModel(const PerKgParameters& parameters, Kilograms weight) {
  MicroConstants constants{};
  constants.v1 = Litres(parameters.v1LitresPerKg * weight.value());
  constants.k10 = PerMinute(parameters.k10PerMin);
  constants.k12 = PerMinute(parameters.k12PerMin);
  constants.k21 = PerMinute(parameters.k21PerMin);
  constants.k13 = PerMinute(parameters.k13PerMin);
  constants.k31 = PerMinute(parameters.k31PerMin);
  return constants;
}

// Three compartments plus an eliminating hepato-portal compartment exchanging with plasma at hepatic blood
// flow (Perez-Ruixo 2021). Volumes and flows are in litres and litres per hour, independent of weight.
MicroConstants HepatoPortalModel(const HepatoPortalParameters& parameters, const PkSubject& subject,
                                 std::vector<std::string>& assumptions) {
  const Litres central(parameters.centralLitres);
  const Litres shallow(parameters.shallowLitres);
  const Litres deep(parameters.deepLitres);
  const Litres liver(parameters.liverLitres);
  const double decline = parameters.hepaticDeclineLitresPerHourPerYearOver60;
  double yearsOver60 = 0.0;
  if (subject.age) {
    yearsOver60 = std::max(0.0, subject.age->value() - 60.0);
  } else if (decline > 0.0) {
    assumptions.push_back("Age not given: hepatic blood flow taken at its value for age 60 or under.");
  }
  const LitresPerMinute hepatic =
      ToLitresPerMinute(LitresPerHour(parameters.hepaticLitresPerHour - decline * yearsOver60));
  const LitresPerMinute toShallow = ToLitresPerMinute(LitresPerHour(parameters.toShallowLitresPerHour));
  const LitresPerMinute toDeep = ToLitresPerMinute(LitresPerHour(parameters.toDeepLitresPerHour));

  MicroConstants constants{};
  constants.v1 = central;
  constants.k12 = RateConstant(toShallow, central);
  constants.k21 = RateConstant(toShallow, shallow);
  constants.k13 = RateConstant(toDeep, central);
  constants.k31 = RateConstant(toDeep, deep);
  constants.k14 = RateConstant(hepatic, central);
  constants.k41 = RateConstant(hepatic, liver);
  constants.k40 = ToPerMinute(PerHour(parameters.eliminationPerHour + parameters.metabolismPerHour));
  assumptions.push_back("Body weight does not enter this model: its volumes are fixed in litres.");
  return constants;
}

}  // namespace

const std::vector<PkModelRecord>& PkModelRecords() { return PkRecords().models; }

const PkModelRecord* FindPkModel(std::string_view id) {
  for (const PkModelRecord& record : PkModelRecords()) {
    if (record.id == id) return &record;
  }
  return nullptr;
}

const std::string& PkModelIds() {
  static const std::string ids = [] {
    std::string list;
    for (const PkModelRecord& record : PkModelRecords()) list += (list.empty() ? "\"" : ", \"") + record.id + "\"";
    return list;
  }();
  return ids;
}

const SimulationSettingsRecord& PkSimulationLimits() { return PkRecords().simulation; }
const Ke0DefaultRecord& PkKe0Default() { return PkRecords().ke0Default; }

std::optional<PatientPkModel> ModelForPatient(const PkModelRecord& record, const PkSubject& subject,
                                              std::optional<Minutes> ke0HalfLife) {
  PatientPkModel model;
  model.id = record.id;
  model.title = record.title;
  model.drug = record.drug;
  model.source = record.source;
  switch (record.form) {
    case PkForm::kMicroConstantsPerKg: model.constants = PerKgModel(record.perKg, subject.actualWeight); break;
    case PkForm::kHepatoPortal: model.constants = HepatoPortalModel(record.hepatoPortal, subject, model.assumptions); break;
  }
  const Ke0DefaultRecord& ke0 = PkKe0Default();
  model.ke0HalfLife = ke0HalfLife ? *ke0HalfLife : ke0.halfLife;
  model.ke0Source = ke0.source;
  model.constants.ke0 = RateConstantForHalfLife(model.ke0HalfLife);
  if (!IsSolvable(model.constants)) return std::nullopt;
  return model;
}

Suitability SuitabilityOf(const PkModelRecord& record, const std::string& regimenDrug,
                          const std::string& regimenSetting) {
  Suitability suitability;
  suitability.suits = std::find(record.forRegimenDrugs.begin(), record.forRegimenDrugs.end(), regimenDrug) !=
                      record.forRegimenDrugs.end();
  if (std::find(record.cautionSettings.begin(), record.cautionSettings.end(), regimenSetting) !=
      record.cautionSettings.end()) {
    suitability.caution = record.caution;
  }
  return suitability;
}

}  // namespace ketadose
