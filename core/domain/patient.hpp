// Validated patient demographics and the dosing weight (actual, ideal by Devine, or adjusted).
#pragma once

#include <optional>
#include <string>

#include "content/catalog.hpp"
#include "base/errors.hpp"
#include "base/units.hpp"

namespace ketadose {

enum class Sex { kMale, kFemale };
enum class WeightBasis { kActual, kIdeal, kAdjusted };

struct Patient {
  Kilograms actualWeight;
  std::optional<Centimetres> height;
  std::optional<Sex> sex;
  std::optional<Years> age;
  bool weightEnteredInPounds = false;
};

struct DosingWeight {
  Kilograms weight;                // the weight every per-kg figure is multiplied by
  WeightBasis basis;               // what the user chose
  std::optional<Kilograms> ideal;  // when height and sex are known
  std::optional<Kilograms> adjusted;
  bool cappedAtActual = false;     // ideal/adjusted exceeded actual, so actual was used
};

// (request["patient"] and request["dosing_weight"] are read by ReadPatient and ReadWeightBasis, api/plan_io.hpp.)

// Devine ideal body weight; nullopt below the formula's base height (60 in).
std::optional<Kilograms> IdealBodyWeight(Centimetres height, Sex sex, const Catalog& catalog);

// IBW + fraction x (actual - IBW).
Kilograms AdjustedBodyWeight(Kilograms actual, Kilograms ideal, const Catalog& catalog);

// The weight to dose on. Ideal and adjusted need height and sex: otherwise an error at "patient.height_cm"
// and/or "patient.sex", whichever is missing.
std::optional<DosingWeight> ChooseDosingWeight(const Patient& patient, WeightBasis basis, const Catalog& catalog,
                                               Errors& errors);

const char* BasisName(WeightBasis basis);

}  // namespace ketadose
