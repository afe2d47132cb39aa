// Typed records of content/pk-models.json: the published PK models (parameters, citations, which regimens' drug
// each suits), the simulation limits and defaults, the effect-site default and the target-planning bounds.
// JSON-free; read once and checked field by field (pk_records.cpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "base/errors.hpp"
#include "base/units.hpp"
#include "content/source.hpp"

namespace ketadose {

// How a model's parameters map to rate constants (content "form").
enum class PkForm { kMicroConstantsPerKg, kHepatoPortal };

// "micro-constants-per-kg" (Domino, Clements, Hijazi): V1 scales with actual weight, rate constants fixed.
struct PerKgParameters {
  double v1LitresPerKg = 0.0;
  double k10PerMin = 0.0;
  double k12PerMin = 0.0;
  double k21PerMin = 0.0;
  double k13PerMin = 0.0;  // 0 for a two-compartment model
  double k31PerMin = 0.0;
};

// "hepato-portal" (Perez-Ruixo 2021): volumes in L and flows in L/h, independent of weight.
struct HepatoPortalParameters {
  double centralLitres = 0.0;      // vc_l
  double shallowLitres = 0.0;      // vp1_l
  double deepLitres = 0.0;         // vp2_l
  double liverLitres = 0.0;        // vh_l
  double toShallowLitresPerHour = 0.0;  // q1_l_per_h
  double toDeepLitresPerHour = 0.0;     // q2_l_per_h
  double hepaticLitresPerHour = 0.0;    // qh_l_per_h
  double hepaticDeclineLitresPerHourPerYearOver60 = 0.0;
  double eliminationPerHour = 0.0;   // kel_per_h
  double metabolismPerHour = 0.0;    // kmet_per_h
};

struct PkModelRecord {
  std::string id;
  std::string title;
  std::string drug;  // "ketamine" or "S-ketamine"
  std::string population;
  PkForm form = PkForm::kMicroConstantsPerKg;
  PerKgParameters perKg;              // when form is kMicroConstantsPerKg
  HepatoPortalParameters hepatoPortal;  // when form is kHepatoPortal
  SourceRef source;
  std::vector<std::string> forRegimenDrugs;  // regimen "drug" values this model suits
  std::vector<std::string> cautionSettings;  // regimen "setting" values it is flagged for
  std::string caution;
};

// "simulation": limits and defaults of simulation requests (ketadose conventions).
struct SimulationSettingsRecord {
  Minutes maxUntil;
  std::size_t maxPoints = 0;
  std::size_t maxSegments = 0;
  Milligrams maxDose;
  Minutes defaultStep;
  Minutes defaultTail;  // default horizon = end of the last dose + this
  NgPerMl defaultThreshold;
  NgPerMl maxThreshold;
  SourceRef source;
};

// "ke0_default": the effect-site equilibration half-life used and the range a request may choose.
struct Ke0DefaultRecord {
  Minutes halfLife;
  Range allowedHalfLifeMin;
  SourceRef source;
};

// "target": bounds of target planning (ketadose conventions).
struct TargetSettingsRecord {
  Range targetNgPerMl;
  Range reachMin;
  Range holdMin;
  Range stepMin;
  Minutes loadingBolusReachAtMost;
  double highestTargetResolutionNgPerMl = 0.1;
  double curvePointsMax = 0.0;
  SourceRef source;
};

struct PkContent {
  bool loaded = false;  // false only when content/pk-models.json failed its check
  SimulationSettingsRecord simulation;
  Ke0DefaultRecord ke0Default;
  TargetSettingsRecord target;
  std::vector<PkModelRecord> models;

  const PkModelRecord* FindModel(const std::string& id) const;
};

const PkContent& PkRecords();

// Every problem of content/pk-models.json, each at "pk-models.json:<field path>".
Errors ValidatePkContent();

// All four clinical record files at once (screening, ORT, response, PK): for the build's content check.
Errors ValidateClinicalContent();

}  // namespace ketadose
