// Plan arithmetic: every dose, volume, pump rate, total and preparation figure the product shows.
#include "ketadose/plan.hpp"

#include <algorithm>
#include <cmath>

#include "ketadose/fields.hpp"

namespace ketadose {

double RoundForDisplay(double value) {
  const double rounded = std::round(value * 1000.0) / 1000.0;
  return rounded == 0.0 ? 0.0 : rounded;  // never print -0
}

namespace {

std::string Show(double value, const char* unit) { return FormatNumber(RoundForDisplay(value)) + " " + unit; }

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
  const Json* regimen = nullptr;
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
    if (regimen != nullptr && !regimen->contains(part.key)) {
      errors.Add(part.key, "The regimen \"" + regimen->value("title", plan.protocolId) + "\" does not include " +
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
  return plan;
}

namespace {

std::vector<double> NumberList(const Catalog& catalog, const char* pointer) {
  std::vector<double> values;
  const Json& list = RuleRecord(catalog, pointer);
  if (!list.is_array()) return values;
  for (const Json& value : list) {
    if (value.is_number()) values.push_back(value.get<double>());
  }
  std::sort(values.begin(), values.end());
  return values;
}

std::vector<StockDraw> DrawsFromStock(Milligrams drug, Millilitres madeUpTo, MgPerMl concentration,
                                      const std::vector<double>& stocks) {
  std::vector<StockDraw> draws;
  for (const double strength : stocks) {
    if (strength < concentration.value()) continue;
    const Millilitres stockVolume = VolumeOf(drug, MgPerMl(strength));
    draws.push_back(StockDraw{MgPerMl(strength), stockVolume, madeUpTo - stockVolume});
  }
  return draws;
}

}  // namespace

Plan ComputePlan(const PlanRequest& request, const DosingWeight& weight, const Catalog& catalog) {
  Plan plan;
  plan.weight = weight;
  const Kilograms kg = weight.weight;
  const std::string kgText = Show(kg.value(), "kg");
  const std::vector<double> stocks = NumberList(catalog, "/products/injection_mg_per_ml");
  const std::vector<double> containers = NumberList(catalog, "/containers_ml/sizes");
  auto step = [&plan](const char* field, std::string working) {
    plan.arithmetic.push_back(ArithmeticStep{field, std::move(working)});
  };

  if (request.patient.weightEnteredInPounds) {
    step("dosing_weight_kg", Show(ToPounds(request.patient.actualWeight).value(), "lb") + " × 0.45359237 kg/lb = " +
                                 Show(request.patient.actualWeight.value(), "kg") + " actual weight");
  }
  if (weight.ideal) {
    const Json& devine = RuleRecord(catalog, "/dosing_weight/devine");
    const double base = devine.value(request.patient.sex == Sex::kMale ? "male_base_kg" : "female_base_kg", 0.0);
    step("weight.ideal_kg",
         "Devine: " + Show(base, "kg") + " + " + Show(devine.value("kg_per_inch_over_base", 0.0), "kg") + " × (" +
             Show(ToInches(*request.patient.height).value(), "in") + " − " +
             Show(devine.value("base_height_in", 0.0), "in") + ") = " + Show(weight.ideal->value(), "kg"));
  }
  if (weight.adjusted && weight.ideal) {
    step("weight.adjusted_kg", Show(weight.ideal->value(), "kg") + " + " +
                                   FormatNumber(RuleNumber(catalog, "/dosing_weight/adjusted_fraction/value")) +
                                   " × (" + Show(request.patient.actualWeight.value(), "kg") + " − " +
                                   Show(weight.ideal->value(), "kg") + ") = " + Show(weight.adjusted->value(), "kg"));
  }

  if (request.bolus) {
    const BolusOrder& order = *request.bolus;
    BolusPlan bolus{order.dose, DoseFor(order.dose, kg), Millilitres(0), order.concentration, order.over, std::nullopt};
    bolus.volume = VolumeOf(bolus.dose, order.concentration);
    step("bolus.dose_mg", Show(order.dose.value(), "mg/kg") + " × " + kgText + " = " + Show(bolus.dose.value(), "mg"));
    step("bolus.volume_ml", Show(bolus.dose.value(), "mg") + " ÷ " + Show(order.concentration.value(), "mg/mL") +
                                " = " + Show(bolus.volume.value(), "mL"));
    if (order.over) {
      bolus.pushRate = PushRate(bolus.volume, *order.over);
      step("bolus.rate_ml_per_min", Show(bolus.volume.value(), "mL") + " ÷ " + Show(order.over->value(), "min") +
                                        " = " + Show(bolus.pushRate->value(), "mL/min"));
    }
    plan.bolus = bolus;
    plan.preparation.push_back(PartPreparation{"bolus", order.concentration, bolus.volume, 1, bolus.dose,
                                               DrawsFromStock(bolus.dose, bolus.volume, order.concentration, stocks)});
  }

  if (request.infusion) {
    const InfusionOrder& order = *request.infusion;
    InfusionPlan infusion;
    switch (order.form) {
      case RateForm::kMgPerKgPerHour:
        infusion.ratePerKg = MgPerKgPerHour(order.givenRate);
        infusion.rate = RateFor(infusion.ratePerKg, kg);
        step("infusion.rate_mg_per_h",
             Show(order.givenRate, "mg/kg/h") + " × " + kgText + " = " + Show(infusion.rate.value(), "mg/h"));
        break;
      case RateForm::kUgPerKgPerMin:
        infusion.ratePerKg = ToMgPerKgPerHour(UgPerKgPerMin(order.givenRate));
        infusion.rate = RateFor(infusion.ratePerKg, kg);
        step("infusion.rate_mg_per_kg_per_h", Show(order.givenRate, "ug/kg/min") + " × 60 min/h ÷ 1000 ug/mg = " +
                                                  Show(infusion.ratePerKg.value(), "mg/kg/h"));
        step("infusion.rate_mg_per_h", Show(infusion.ratePerKg.value(), "mg/kg/h") + " × " + kgText + " = " +
                                           Show(infusion.rate.value(), "mg/h"));
        break;
      case RateForm::kMgPerHour:
        infusion.rate = MgPerHour(order.givenRate);
        infusion.ratePerKg = RatePerKg(infusion.rate, kg);
        step("infusion.rate_mg_per_kg_per_h",
             Show(order.givenRate, "mg/h") + " ÷ " + kgText + " = " + Show(infusion.ratePerKg.value(), "mg/kg/h"));
        break;
    }
    infusion.rateUgPerKgPerMin =
        order.form == RateForm::kUgPerKgPerMin ? UgPerKgPerMin(order.givenRate) : ToUgPerKgPerMin(infusion.ratePerKg);
    if (order.form != RateForm::kUgPerKgPerMin) {
      step("infusion.rate_ug_per_kg_per_min",
           Show(infusion.ratePerKg.value(), "mg/kg/h") +
               " × 1000 ug/mg ÷ 60 min/h = " + Show(infusion.rateUgPerKgPerMin.value(), "ug/kg/min"));
    }
    infusion.pumpRate = PumpRate(infusion.rate, order.concentration);
    step("infusion.rate_ml_per_h", Show(infusion.rate.value(), "mg/h") + " ÷ " +
                                       Show(order.concentration.value(), "mg/mL") + " = " +
                                       Show(infusion.pumpRate.value(), "mL/h"));
    infusion.duration = order.duration;
    infusion.total = AmountOver(infusion.rate, order.duration);
    infusion.totalVolume = VolumeOf(infusion.total, order.concentration);
    infusion.concentration = order.concentration;
    step("infusion.total_mg", Show(infusion.rate.value(), "mg/h") + " × " + Show(order.duration.value(), "h") + " = " +
                                  Show(infusion.total.value(), "mg"));
    step("infusion.total_ml", Show(infusion.total.value(), "mg") + " ÷ " + Show(order.concentration.value(), "mg/mL") +
                                  " = " + Show(infusion.totalVolume.value(), "mL"));
    plan.infusion = infusion;

    // The smallest container that holds the whole volume; several of the largest when none does.
    PartPreparation prep{"infusion", order.concentration, infusion.totalVolume, 1, infusion.total, {}};
    if (!containers.empty()) {
      const auto fits = std::find_if(containers.begin(), containers.end(),
                                     [&](double size) { return size >= infusion.totalVolume.value(); });
      if (fits != containers.end()) {
        prep.containerVolume = Millilitres(*fits);
      } else {
        prep.containerVolume = Millilitres(containers.back());
        // An absurd volume (a near-zero concentration) must not overflow the count: such a plan is refused
        // later for its non-finite figures, but the arithmetic itself stays defined.
        constexpr double kMostContainers = 1e6;
        prep.containers =
            static_cast<int>(std::min(kMostContainers, std::ceil(infusion.totalVolume.value() / containers.back())));
      }
      prep.drugPerContainer = AmountIn(prep.containerVolume, order.concentration);
    }
    prep.options = DrawsFromStock(prep.drugPerContainer, prep.containerVolume, order.concentration, stocks);
    plan.preparation.push_back(prep);
  }

  if (request.repeated) {
    const RepeatedOrder& order = *request.repeated;
    RepeatedPlan repeated;
    repeated.dosePerKg = order.dosePerKg;
    repeated.dose = order.dosePerKg ? DoseFor(*order.dosePerKg, kg) : *order.doseMg;
    if (order.dosePerKg) {
      step("repeated.dose_mg",
           Show(order.dosePerKg->value(), "mg/kg") + " × " + kgText + " = " + Show(repeated.dose.value(), "mg"));
    }
    if (order.concentration) {
      repeated.volume = VolumeOf(repeated.dose, *order.concentration);
      step("repeated.volume_ml", Show(repeated.dose.value(), "mg") + " ÷ " +
                                     Show(order.concentration->value(), "mg/mL") + " = " +
                                     Show(repeated.volume->value(), "mL"));
    }
    repeated.every = order.every;
    repeated.dosesPerDay = 24.0 / order.every.value();
    repeated.daily = repeated.dose * repeated.dosesPerDay;
    step("repeated.daily_mg", Show(repeated.dose.value(), "mg") + " × (24 h ÷ " + Show(order.every.value(), "h") +
                                  ") = " + Show(repeated.daily.value(), "mg per day"));
    plan.repeated = repeated;
  }

  plan.total = Milligrams(0);
  if (plan.bolus) plan.total = plan.total + plan.bolus->dose;
  if (plan.infusion) plan.total = plan.total + plan.infusion->total;
  if (plan.bolus && plan.infusion) {
    step("total_mg", Show(plan.bolus->dose.value(), "mg") + " + " + Show(plan.infusion->total.value(), "mg") + " = " +
                         Show(plan.total.value(), "mg"));
  }
  return plan;
}

}  // namespace ketadose
