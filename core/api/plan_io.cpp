// Reading the plan request (and its patient and dosing weight) from JSON into the typed request the domain
// computes with (domain/plan.hpp, domain/patient.hpp). Every field is checked here, at the edge.
#include "api/plan_io.hpp"

#include <cmath>
#include <limits>

#include "json/fields.hpp"
#include "api/schedule_io.hpp"

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

namespace {

std::optional<BolusOrder> ReadBolus(const Json& section, const Catalog& catalog, Errors& errors) {
  RejectUnknownKeys(section, "bolus", {"dose_mg_per_kg", "concentration_mg_per_ml", "over_min"}, errors);
  const auto dose = ReadNumber(section, "dose_mg_per_kg", "bolus", FieldLabel{"Bolus dose", "mg/kg"},
                               PlausibleRange(catalog, "bolus_mg_per_kg"), errors);
  const auto concentration =
      ReadNumber(section, "concentration_mg_per_ml", "bolus", FieldLabel{"Bolus concentration", "mg/mL"},
                 PlausibleRange(catalog, "concentration_mg_per_ml"), errors);
  const auto over = ReadNumber(section, "over_min", "bolus", FieldLabel{"Bolus time", "min"},
                               PlausibleRange(catalog, "bolus_over_min"), errors, Presence::kOptional);
  if (!dose || !concentration || (section.contains("over_min") && !over)) return std::nullopt;
  BolusOrder order{MgPerKg(*dose), MgPerMl(*concentration), std::nullopt};
  if (over) order.over = Minutes(*over);
  return order;
}

std::optional<InfusionOrder> ReadInfusion(const Json& section, const Catalog& catalog, Errors& errors) {
  RejectUnknownKeys(
      section, "infusion",
      {"rate_mg_per_kg_per_h", "rate_ug_per_kg_per_min", "rate_mg_per_h", "duration_h", "concentration_mg_per_ml"},
      errors);
  struct Form {
    const char* key;
    RateForm form;
    const char* unit;
  };
  const Form forms[] = {{"rate_mg_per_kg_per_h", RateForm::kMgPerKgPerHour, "mg/kg/h"},
                        {"rate_ug_per_kg_per_min", RateForm::kUgPerKgPerMin, "ug/kg/min"},
                        {"rate_mg_per_h", RateForm::kMgPerHour, "mg/h"}};
  int given = 0;
  for (const Form& form : forms) given += section.contains(form.key) ? 1 : 0;
  if (given != 1) {
    errors.Add("infusion.rate_mg_per_kg_per_h",
               given == 0 ? "The infusion rate is missing: give it in mg/kg/h (or ug/kg/min, or mg/h)."
                          : "Give the infusion rate in one unit only (mg/kg/h, ug/kg/min or mg/h), not several.");
  }
  InfusionOrder order;
  bool rateOk = false;
  for (const Form& form : forms) {
    if (!section.contains(form.key)) continue;
    const auto rate = ReadNumber(section, form.key, "infusion", FieldLabel{"Infusion rate", form.unit},
                                 PlausibleRange(catalog, form.key), errors);
    if (rate) {
      order.form = form.form;
      order.givenRate = *rate;
      rateOk = given == 1;
    }
  }
  const auto duration = ReadNumber(section, "duration_h", "infusion", FieldLabel{"Infusion duration", "h"},
                                   PlausibleRange(catalog, "infusion_duration_h"), errors);
  const auto concentration =
      ReadNumber(section, "concentration_mg_per_ml", "infusion", FieldLabel{"Infusion concentration", "mg/mL"},
                 PlausibleRange(catalog, "concentration_mg_per_ml"), errors);
  if (!rateOk || !duration || !concentration) return std::nullopt;
  order.duration = Hours(*duration);
  order.concentration = MgPerMl(*concentration);
  return order;
}

std::optional<RepeatedOrder> ReadRepeated(const Json& section, const Catalog& catalog, Errors& errors) {
  RejectUnknownKeys(section, "repeated", {"dose_mg_per_kg", "dose_mg", "every_h", "concentration_mg_per_ml"}, errors);
  const bool perKg = section.contains("dose_mg_per_kg");
  const bool fixed = section.contains("dose_mg");
  if (perKg == fixed) {
    errors.Add("repeated.dose_mg_per_kg", perKg ? "Give the dose either in mg/kg or in mg, not both."
                                                : "The dose is missing: give it in mg/kg (or in mg).");
    return std::nullopt;
  }
  RepeatedOrder order;
  bool doseOk = false;
  if (perKg) {
    const auto dose = ReadNumber(section, "dose_mg_per_kg", "repeated", FieldLabel{"Dose", "mg/kg"},
                                 PlausibleRange(catalog, "dose_mg_per_kg"), errors);
    if (dose) order.dosePerKg = MgPerKg(*dose);
    doseOk = dose.has_value();
  } else {
    const auto dose = ReadNumber(section, "dose_mg", "repeated", FieldLabel{"Dose", "mg"},
                                 PlausibleRange(catalog, "dose_mg"), errors);
    if (dose) order.doseMg = Milligrams(*dose);
    doseOk = dose.has_value();
  }
  const auto every = ReadNumber(section, "every_h", "repeated", FieldLabel{"Dosing interval", "h"},
                                PlausibleRange(catalog, "repeat_every_h"), errors);
  const auto concentration =
      ReadNumber(section, "concentration_mg_per_ml", "repeated", FieldLabel{"Concentration", "mg/mL"},
                 PlausibleRange(catalog, "concentration_mg_per_ml"), errors, Presence::kOptional);
  if (!doseOk || !every || (section.contains("concentration_mg_per_ml") && !concentration)) return std::nullopt;
  order.every = Hours(*every);
  if (concentration) order.concentration = MgPerMl(*concentration);
  return order;
}

}  // namespace

std::optional<PlanRequest> ReadPlanRequest(const Json& request, const Catalog& catalog, Errors& errors) {
  RejectUnknownKeys(request, "",
                    {"action", "protocol", "patient", "dosing_weight", "bolus", "infusion", "repeated", "acknowledged",
                     "simulate", "significant_comorbidity"},
                    errors);
  PlanRequest plan;
  const auto protocol = ReadString(request, "protocol", "", errors);
  const Regimen* regimen = nullptr;
  if (protocol) {
    regimen = FindRegimen(catalog, *protocol);
    if (regimen == nullptr) {
      errors.Add("protocol", "There is no regimen \"" + *protocol + "\". Choose one from the catalog.");
    } else {
      plan.protocolId = *protocol;
    }
  }
  const auto patient = ReadPatient(request, catalog, errors);
  const auto basis = ReadWeightBasis(request, catalog, errors);

  struct Part {
    const char* key;
    const char* noun;
  };
  const Part parts[] = {{"bolus", "a bolus"}, {"infusion", "an infusion"}, {"repeated", "repeated doses"}};
  bool anyPart = false;
  for (const Part& part : parts) {
    const Json* section = ReadObject(request, part.key, "", errors);
    if (section == nullptr) continue;
    anyPart = true;
    const std::string key = part.key;
    const bool regimenHasPart = regimen == nullptr || (key == "bolus" && regimen->bolus) ||
                                (key == "infusion" && regimen->infusion) || (key == "repeated" && regimen->repeated);
    if (!regimenHasPart) {
      errors.Add(part.key, "The regimen \"" + regimen->title + "\" does not include " +
                               part.noun + ".");
      continue;
    }
    if (std::string(part.key) == "bolus") plan.bolus = ReadBolus(*section, catalog, errors);
    if (std::string(part.key) == "infusion") plan.infusion = ReadInfusion(*section, catalog, errors);
    if (std::string(part.key) == "repeated") plan.repeated = ReadRepeated(*section, catalog, errors);
  }
  if (!anyPart && !request.contains("bolus") && !request.contains("infusion") && !request.contains("repeated")) {
    errors.Add("infusion", "Nothing to plan: give a bolus, an infusion or repeated doses.");
  }
  const auto acknowledged = ReadStringArray(request, "acknowledged", "", errors);
  if (acknowledged) plan.acknowledged = *acknowledged;
  plan.significantComorbidity = ReadBool(request, "significant_comorbidity", "", errors).value_or(false);

  if (!errors.Empty() || !patient || !basis) return std::nullopt;
  plan.patient = *patient;
  plan.basis = *basis;
  if (plan.patient.weightEnteredInPounds) {
    // A weight typed in pounds is taken to the nearest 0.1 kg (the step of a ward scale), so no figure shows
    // a converted weight's spurious decimals and every dose is worked from the weight shown.
    const double step = catalog.rules.measurableResolution.weightKg;
    plan.weightTypedInPounds = ToPounds(plan.patient.actualWeight);
    plan.weightBeforeRounding = plan.patient.actualWeight;
    if (step > 0.0) {
      const double rounded = std::round(plan.patient.actualWeight.value() / step) * step;
      plan.patient.actualWeight = Kilograms(std::round(rounded * 1e9) / 1e9);
    }
  }
  return plan;
}

std::optional<ScheduleOrder> ReadScheduleOrder(const Json& section, const ScheduleProtocol& protocol,
                                               Errors& errors) {
  const std::size_t errorsBefore = errors.List().size();
  RejectUnknownKeys(section, "schedule", {"step_h", "start_mg_per_kg_per_h", "step_mg_per_kg_per_h", "weaning_h"},
                    errors);
  const auto step = ReadNumber(section, "step_h", "schedule", FieldLabel{"Step interval", "h"},
                               Range{0.0, std::numeric_limits<double>::max(), true}, errors);
  const auto start = ReadNumber(section, "start_mg_per_kg_per_h", "schedule", FieldLabel{"Starting rate", "mg/kg/h"},
                                Range{protocol.startMin.value(), protocol.startMax.value()}, errors,
                                Presence::kOptional);
  const auto increment =
      ReadNumber(section, "step_mg_per_kg_per_h", "schedule", FieldLabel{"Increase per step", "mg/kg/h"},
                 Range{0.0, protocol.maximum.value(), true}, errors, Presence::kOptional);
  std::optional<double> weaning;
  if (section.contains("weaning_h")) {
    if (!protocol.weaningMin) {
      errors.Add("schedule.weaning_h", "The sources of this regimen give no weaning period, so none can be planned.");
    } else if (section["weaning_h"].is_number() && section["weaning_h"].get<double>() == 0.0) {
      weaning = 0.0;  // weaning "can be considered": 0 plans none
    } else {
      weaning = ReadNumber(section, "weaning_h", "schedule", FieldLabel{"Weaning period", "h"},
                           Range{protocol.weaningMin->value(), protocol.weaningMax->value()}, errors);
    }
  }
  if (errors.List().size() != errorsBefore || !step) return std::nullopt;
  ScheduleOrder order;
  order.step = Hours(*step);
  if (start) order.start = MgPerKgPerHour(*start);
  if (increment) order.increment = MgPerKgPerHour(*increment);
  if (weaning) order.weaning = Hours(*weaning);
  return order;
}

}  // namespace ketadose
