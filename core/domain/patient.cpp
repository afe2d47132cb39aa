// Patient validation and dosing weight. Figures come from content/rules.json (input_plausibility, dosing_weight).
#include "domain/patient.hpp"


namespace ketadose {

std::optional<Kilograms> IdealBodyWeight(Centimetres height, Sex sex, const Catalog& catalog) {
  const Rules::Devine& devine = catalog.rules.devine;
  const double inches = ToInches(height).value();
  if (inches < devine.baseHeightIn) return std::nullopt;
  const double base = sex == Sex::kMale ? devine.maleBaseKg : devine.femaleBaseKg;
  return Kilograms(base + devine.kgPerInchOverBase * (inches - devine.baseHeightIn));
}

Kilograms AdjustedBodyWeight(Kilograms actual, Kilograms ideal, const Catalog& catalog) {
  const double fraction = catalog.rules.adjustedFraction.value;
  return ideal + (actual - ideal) * fraction;
}

std::optional<DosingWeight> ChooseDosingWeight(const Patient& patient, WeightBasis basis, const Catalog& catalog,
                                               Errors& errors) {
  DosingWeight result{patient.actualWeight, basis, std::nullopt, std::nullopt, false};
  if (patient.height && patient.sex) {
    result.ideal = IdealBodyWeight(*patient.height, *patient.sex, catalog);
    if (result.ideal) result.adjusted = AdjustedBodyWeight(patient.actualWeight, *result.ideal, catalog);
  }
  if (basis == WeightBasis::kActual) return result;

  // The error sits on the missing field itself, so the form marks the box to fill.
  if (!patient.height || !patient.sex) {
    const std::string needs = std::string(basis == WeightBasis::kIdeal ? "Ideal" : "Adjusted") + " body weight needs ";
    if (!patient.height) {
      errors.Add("patient.height_cm", needs + "the patient's height. Enter the height in cm, or dose on actual weight.");
    }
    if (!patient.sex) {
      errors.Add("patient.sex", needs + "the patient's sex (the Devine formula differs for men and women). Enter it, "
                                        "or dose on actual weight.");
    }
    return std::nullopt;
  }
  if (!result.ideal) {
    errors.Add("dosing_weight",
               "The Devine ideal-body-weight formula is defined only for heights of 152.4 cm (60 in) and over. "
               "Dose on actual weight for this patient.");
    return std::nullopt;
  }
  const Kilograms chosen = basis == WeightBasis::kIdeal ? *result.ideal : *result.adjusted;
  // Never dose a patient as heavier than they are.
  if (chosen > patient.actualWeight) {
    result.cappedAtActual = true;
    return result;
  }
  result.weight = chosen;
  return result;
}

const char* BasisName(WeightBasis basis) {
  switch (basis) {
    case WeightBasis::kIdeal: return "ideal";
    case WeightBasis::kAdjusted: return "adjusted";
    default: return "actual";
  }
}

}  // namespace ketadose
