// Patient validation and dosing weight. Figures come from content/rules.json (input_plausibility, dosing_weight).
#include "domain/patient.hpp"

#include "api/fields.hpp"

namespace ketadose {

std::optional<Patient> ReadPatient(const Json& request, const Catalog& catalog, Errors& errors) {
  const Json* patientJson = ReadObject(request, "patient", "", errors, Presence::kRequired);
  if (patientJson == nullptr) return std::nullopt;
  const Json& record = *patientJson;
  RejectUnknownKeys(record, "patient", {"weight", "weight_unit", "height_cm", "sex", "age_years"}, errors);

  const std::size_t errorsBefore = errors.List().size();
  const auto unit = ReadChoice(record, "weight_unit", "patient", {"kg", "lb"}, errors, Presence::kOptional);
  const bool pounds = unit.has_value() && *unit == "lb";
  // The plausible range is stated in kg; in lb it is the same range converted.
  Range weightRange = PlausibleRange(catalog, "weight_kg");
  if (pounds) {
    weightRange.min = ToPounds(Kilograms(weightRange.min)).value();
    weightRange.max = ToPounds(Kilograms(weightRange.max)).value();
  }
  const auto weight =
      ReadNumber(record, "weight", "patient", FieldLabel{"Weight", pounds ? "lb" : "kg"}, weightRange, errors);
  const auto height = ReadNumber(record, "height_cm", "patient", FieldLabel{"Height", "cm"},
                                 PlausibleRange(catalog, "height_cm"), errors, Presence::kOptional);
  const auto sex = ReadChoice(record, "sex", "patient", {"male", "female"}, errors, Presence::kOptional);
  const auto age = ReadNumber(record, "age_years", "patient", FieldLabel{"Age", "years"},
                              PlausibleRange(catalog, "age_years"), errors, Presence::kOptional);
  if (errors.List().size() != errorsBefore || !weight) return std::nullopt;

  Patient patient;
  patient.weightEnteredInPounds = pounds;
  patient.actualWeight = pounds ? ToKilograms(Pounds(*weight)) : Kilograms(*weight);
  if (height) patient.height = Centimetres(*height);
  if (sex) patient.sex = *sex == "male" ? Sex::kMale : Sex::kFemale;
  if (age) patient.age = Years(*age);
  return patient;
}

std::optional<WeightBasis> ReadWeightBasis(const Json& request, const Catalog& catalog, Errors& errors) {
  const std::string fallback = catalog.defaultDosingWeight;
  const auto basis = request.contains("dosing_weight")
                         ? ReadChoice(request, "dosing_weight", "", {"actual", "ideal", "adjusted"}, errors)
                         : std::optional<std::string>(fallback);
  if (!basis) return std::nullopt;
  if (*basis == "ideal") return WeightBasis::kIdeal;
  if (*basis == "adjusted") return WeightBasis::kAdjusted;
  return WeightBasis::kActual;
}

std::optional<Kilograms> IdealBodyWeight(Centimetres height, Sex sex, const Catalog& catalog) {
  const Json& devine = RuleRecord(catalog, "/dosing_weight/devine");
  const double baseHeightIn = devine.value("base_height_in", 60.0);
  const double inches = ToInches(height).value();
  if (inches < baseHeightIn) return std::nullopt;
  const double base = sex == Sex::kMale ? devine.value("male_base_kg", 0.0) : devine.value("female_base_kg", 0.0);
  return Kilograms(base + devine.value("kg_per_inch_over_base", 0.0) * (inches - baseHeightIn));
}

Kilograms AdjustedBodyWeight(Kilograms actual, Kilograms ideal, const Catalog& catalog) {
  const double fraction = RuleNumber(catalog, "/dosing_weight/adjusted_fraction/value");
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
