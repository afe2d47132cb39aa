// Plan arithmetic: every dose, volume, pump rate, total and preparation figure the product shows.
#include "domain/plan.hpp"

#include <algorithm>
#include <cmath>

#include "base/format.hpp"

namespace ketadose {

namespace {

std::string Show(double value, const char* unit) { return FormatNumber(RoundForDisplay(value)) + " " + unit; }

}  // namespace


namespace {

// A figure on a step grid, cleaned of binary noise (0.1 x 349 = 34.900000000000006 -> 34.9).
double Clean(double value) { return std::round(value * 1e9) / 1e9; }

// Rounded down to the step; a value within rounding error of a step counts as on it (2.4999999999 -> 2.5).
double FloorTo(double value, double step) {
  if (!(step > 0.0) || !std::isfinite(value)) return value;
  return Clean(std::floor(value / step * (1.0 + 1e-9) + 1e-9) * step);
}

double NearestTo(double value, double step) {
  if (!(step > 0.0) || !std::isfinite(value)) return value;
  return Clean(std::round(value / step) * step);
}

double SyringeStep(double volume, const Resolution& resolution) {
  return volume < 1.0 ? resolution.syringeFine.value() : resolution.syringe.value();
}

}  // namespace

Resolution MeasurableResolution(const Catalog& catalog) {
  const Rules::MeasurableResolution& steps = catalog.rules.measurableResolution;
  return Resolution{MlPerHour(steps.pumpRateMlPerH), Millilitres(steps.syringeMlBelow1Ml),
                    Millilitres(steps.syringeMlFrom1Ml)};
}

Millilitres MeasurableVolume(Millilitres volume, const Resolution& resolution) {
  return Millilitres(FloorTo(volume.value(), SyringeStep(volume.value(), resolution)));
}

Millilitres NearestMeasurableVolume(Millilitres volume, const Resolution& resolution) {
  return Millilitres(NearestTo(volume.value(), SyringeStep(volume.value(), resolution)));
}

MlPerHour PumpSetting(MlPerHour rate, const Resolution& resolution) {
  return MlPerHour(FloorTo(rate.value(), resolution.pumpRate.value()));
}

Millilitres PumpVolume(Millilitres volume, const Resolution& resolution) {
  return Millilitres(FloorTo(volume.value(), resolution.pumpRate.value()));
}

Hours ContainerMaxHours(const Catalog& catalog) { return Hours(catalog.rules.containerMaxHours.value); }

namespace {

std::vector<double> Sorted(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values;
}

// The stock a part is drawn from: its volume to the nearest step a syringe measures (a strength whose draw is
// below that step is not offered), made up to `madeUpTo` with diluent.
std::vector<StockDraw> DrawsFromStock(Milligrams drug, Millilitres madeUpTo, MgPerMl concentration,
                                      const std::vector<double>& stocks, const Resolution& resolution) {
  std::vector<StockDraw> draws;
  for (const double strength : stocks) {
    if (strength < concentration.value() * (1.0 - 1e-9)) continue;
    const Millilitres exact = VolumeOf(drug, MgPerMl(strength));
    Millilitres measured = NearestMeasurableVolume(exact, resolution);
    if (!(measured.value() > 0.0)) continue;
    if (measured > madeUpTo) measured = madeUpTo;
    StockDraw draw{MgPerMl(strength), measured, Millilitres(std::max(0.0, Clean((madeUpTo - measured).value()))),
                   std::nullopt};
    if (std::fabs(measured.value() - exact.value()) > 1e-9 * std::max(1.0, exact.value())) draw.roundedFrom = exact;
    draws.push_back(draw);
  }
  return draws;
}

std::string ListNumbers(const std::vector<int>& numbers) {
  std::string text;
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    if (i > 0) text += i + 1 == numbers.size() ? " and " : ", ";
    text += std::to_string(numbers[i]);
  }
  return text;
}

// Splits an infusion into bags: none runs longer than the hang time (content/rules.json container_max_hours)
// or holds more than the largest container; each is made up in the smallest container that holds its volume
// to be infused, to that container's size unless that would hold more than the hang time at the planned rate.
constexpr int kMostBags = 100;

std::vector<InfusionBag> SplitIntoBags(const InfusionPlan& infusion, const std::vector<double>& containers,
                                       Hours hangTime, const Resolution& resolution, int& bagsNeeded) {
  std::vector<InfusionBag> bags;
  const double rate = infusion.pumpRate.value();
  const double hours = infusion.duration.value();
  double period = hangTime.value() > 0.0 ? std::min(hangTime.value(), hours) : hours;
  if (!containers.empty() && rate > 0.0 && rate * period > containers.back() * (1.0 + 1e-9)) {
    period = containers.back() / rate;
    if (period >= 1.0) period = std::floor(period + 1e-9);  // bag changes on the hour where the bag allows it
  }
  const double count = period > 0.0 ? std::ceil(hours / period - 1e-9) : 1.0;
  bagsNeeded = static_cast<int>(std::min(1e6, std::max(1.0, count)));
  if (bagsNeeded > kMostBags) return bags;
  for (int i = 0; i < bagsNeeded; ++i) {
    InfusionBag bag;
    bag.number = i + 1;
    bag.start = Hours(Clean(i * period));
    bag.end = Hours(i + 1 == bagsNeeded ? hours : Clean((i + 1) * period));
    bag.vtbi = PumpVolume(Millilitres(rate * (bag.end - bag.start).value()), resolution);
    bag.drug = AmountIn(bag.vtbi, infusion.concentration);
    bag.container = bag.vtbi;
    if (!containers.empty()) {
      const auto fits = std::find_if(containers.begin(), containers.end(),
                                     [&](double size) { return size >= bag.vtbi.value() * (1.0 - 1e-9); });
      bag.container = Millilitres(fits != containers.end() ? *fits : containers.back());
    }
    double madeUpTo = bag.container.value();
    if (hangTime.value() > 0.0) madeUpTo = std::min(madeUpTo, PumpVolume(Millilitres(rate * hangTime.value()), resolution).value());
    bag.madeUpTo = Millilitres(std::max(madeUpTo, bag.vtbi.value()));
    bag.drugInBag = AmountIn(bag.madeUpTo, infusion.concentration);
    bags.push_back(bag);
  }
  return bags;
}

}  // namespace

Plan ComputePlan(const PlanRequest& request, const DosingWeight& weight, const Catalog& catalog) {
  Plan plan;
  plan.weight = weight;
  const Kilograms kg = weight.weight;
  const std::string kgText = Show(kg.value(), "kg");
  const Regimen* regimen = FindRegimen(catalog, request.protocolId);
  plan.sKetamine = regimen != nullptr && regimen->IsSKetamine();
  const std::string product = plan.sKetamine ? "S-ketamine (esketamine)" : "racemic ketamine";
  const std::string drugWord = plan.sKetamine ? "S-ketamine" : "racemic ketamine";  // in sentences
  // S-ketamine is never drawn from racemic stock: its strengths come from the site (none built in).
  const std::vector<double> stocks = Sorted(plan.sKetamine ? catalog.rules.sKetamineProducts.injectionMgPerMl
                                                            : catalog.rules.products.injectionMgPerMl);
  const std::vector<double> containers = Sorted(catalog.rules.containersMl.sizes);
  const Resolution resolution = MeasurableResolution(catalog);
  const std::string syringeSteps = "a syringe measures " + Show(resolution.syringeFine.value(), "mL") +
                                   " steps under 1 mL and " + Show(resolution.syringe.value(), "mL") + " steps from 1 mL";
  auto step = [&plan](const char* field, std::string working) {
    plan.arithmetic.push_back(ArithmeticStep{field, std::move(working)});
  };
  auto strengthNeeded = [&](PartPreparation& prep) {
    if (!prep.options.empty()) return;
    prep.strengthNeeded =
        plan.sKetamine
            ? "This site's configuration lists no S-ketamine strength and the sources give none: read the strength "
              "on the S-ketamine product you hold and prepare from it alone. Racemic ketamine stock is not offered: "
              "S-ketamine is about 3-4 times as potent, so the two are not interchangeable mg for mg."
            : "No stocked strength can be measured out for this part: check the concentration.";
  };

  if (request.patient.weightEnteredInPounds && request.weightTypedInPounds && request.weightBeforeRounding) {
    const double before = request.weightBeforeRounding->value();
    const double after = request.patient.actualWeight.value();
    step("dosing_weight_kg", Show(request.weightTypedInPounds->value(), "lb") + " × 0.45359237 kg/lb = " +
                                 Show(before, "kg") +
                                 (std::fabs(before - after) > 1e-9 ? ", taken to the nearest 0.1 kg: " + Show(after, "kg")
                                                                   : std::string()) +
                                 " actual weight");
  } else if (request.patient.weightEnteredInPounds) {
    step("dosing_weight_kg", Show(ToPounds(request.patient.actualWeight).value(), "lb") + " × 0.45359237 kg/lb = " +
                                 Show(request.patient.actualWeight.value(), "kg") + " actual weight");
  }
  if (weight.ideal) {
    const Rules::Devine& devine = catalog.rules.devine;
    const double base = request.patient.sex == Sex::kMale ? devine.maleBaseKg : devine.femaleBaseKg;
    step("weight.ideal_kg",
         "Devine: " + Show(base, "kg") + " + " + Show(devine.kgPerInchOverBase, "kg") + " × (" +
             Show(ToInches(*request.patient.height).value(), "in") + " − " + Show(devine.baseHeightIn, "in") +
             ") = " + Show(weight.ideal->value(), "kg"));
  }
  if (weight.adjusted && weight.ideal) {
    step("weight.adjusted_kg", Show(weight.ideal->value(), "kg") + " + " +
                                   FormatNumber(catalog.rules.adjustedFraction.value) +
                                   " × (" + Show(request.patient.actualWeight.value(), "kg") + " − " +
                                   Show(weight.ideal->value(), "kg") + ") = " + Show(weight.adjusted->value(), "kg"));
  }

  if (request.bolus) {
    const BolusOrder& order = *request.bolus;
    BolusPlan bolus;
    bolus.dosePerKg = order.dose;
    bolus.concentration = order.concentration;
    bolus.over = order.over;
    bolus.orderedDose = DoseFor(order.dose, kg);
    bolus.orderedVolume = VolumeOf(bolus.orderedDose, order.concentration);
    // What a syringe can measure, rounded down so no more than ordered is drawn; the dose is what that holds.
    bolus.volume = MeasurableVolume(bolus.orderedVolume, resolution);
    bolus.dose = AmountIn(bolus.volume, order.concentration);
    step("bolus.dose_mg",
         Show(order.dose.value(), "mg/kg") + " × " + kgText + " = " + Show(bolus.orderedDose.value(), "mg"));
    std::string volume = Show(bolus.orderedDose.value(), "mg") + " ÷ " + Show(order.concentration.value(), "mg/mL") +
                         " = " + Show(bolus.orderedVolume.value(), "mL");
    const bool rounded = RoundForDisplay(bolus.volume.value()) != RoundForDisplay(bolus.orderedVolume.value());
    if (rounded) {
      volume += "; " + syringeSteps + ", so " + Show(bolus.volume.value(), "mL") +
                " (rounded down: never more than ordered)";
    }
    step("bolus.volume_ml", volume);
    if (rounded) {
      step("bolus.dose_mg", Show(bolus.volume.value(), "mL") + " × " + Show(order.concentration.value(), "mg/mL") +
                                " = " + Show(bolus.dose.value(), "mg") + ", the dose the measured volume holds");
    }
    if (order.over) {
      bolus.pushRate = PushRate(bolus.volume, *order.over);
      step("bolus.rate_ml_per_min", Show(bolus.volume.value(), "mL") + " ÷ " + Show(order.over->value(), "min") +
                                        " = " + Show(bolus.pushRate->value(), "mL/min"));
    }
    plan.bolus = bolus;
    PartPreparation prep;
    prep.part = "bolus";
    prep.concentration = order.concentration;
    prep.containerVolume = bolus.volume;
    prep.madeUpTo = bolus.volume;
    prep.drugPerContainer = bolus.dose;
    prep.options = DrawsFromStock(bolus.dose, bolus.volume, order.concentration, stocks, resolution);
    prep.product = product;
    prep.infuse = bolus.volume;
    prep.instruction = "Prepare " + Show(bolus.volume.value(), "mL") + " of " +
                       Show(order.concentration.value(), "mg/mL") + " " + drugWord + " (" +
                       Show(bolus.dose.value(), "mg") + ") in a syringe and give all of it.";
    strengthNeeded(prep);
    plan.preparation.push_back(prep);
  }

  if (request.infusion) {
    const InfusionOrder& order = *request.infusion;
    InfusionPlan infusion;
    switch (order.form) {
      case RateForm::kMgPerKgPerHour:
        infusion.ratePerKg = MgPerKgPerHour(order.givenRate);
        infusion.orderedRate = RateFor(infusion.ratePerKg, kg);
        step("infusion.rate_mg_per_h",
             Show(order.givenRate, "mg/kg/h") + " × " + kgText + " = " + Show(infusion.orderedRate.value(), "mg/h"));
        break;
      case RateForm::kUgPerKgPerMin:
        infusion.ratePerKg = ToMgPerKgPerHour(UgPerKgPerMin(order.givenRate));
        infusion.orderedRate = RateFor(infusion.ratePerKg, kg);
        step("infusion.rate_mg_per_kg_per_h", Show(order.givenRate, "ug/kg/min") + " × 60 min/h ÷ 1000 ug/mg = " +
                                                  Show(infusion.ratePerKg.value(), "mg/kg/h"));
        step("infusion.rate_mg_per_h", Show(infusion.ratePerKg.value(), "mg/kg/h") + " × " + kgText + " = " +
                                           Show(infusion.orderedRate.value(), "mg/h"));
        break;
      case RateForm::kMgPerHour:
        infusion.orderedRate = MgPerHour(order.givenRate);
        infusion.ratePerKg = RatePerKg(infusion.orderedRate, kg);
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
    // The pump is set in its own steps, rounded down so it never runs faster than ordered; what it then
    // delivers (mL/h x mg/mL) is the rate every later figure is worked from.
    infusion.orderedPumpRate = PumpRate(infusion.orderedRate, order.concentration);
    infusion.pumpRate = PumpSetting(infusion.orderedPumpRate, resolution);
    infusion.rate = DeliveredRate(infusion.pumpRate, order.concentration);
    std::string pump = Show(infusion.orderedRate.value(), "mg/h") + " ÷ " +
                       Show(order.concentration.value(), "mg/mL") + " = " +
                       Show(infusion.orderedPumpRate.value(), "mL/h");
    const bool pumpRounded = RoundForDisplay(infusion.pumpRate.value()) != RoundForDisplay(infusion.orderedPumpRate.value());
    if (pumpRounded) {
      pump += "; the pump is set in " + Show(resolution.pumpRate.value(), "mL/h") + " steps, so " +
              Show(infusion.pumpRate.value(), "mL/h") + " (rounded down: never faster than ordered)";
    }
    step("infusion.rate_ml_per_h", pump);
    if (pumpRounded) {
      step("infusion.rate_mg_per_h", Show(infusion.pumpRate.value(), "mL/h") + " × " +
                                         Show(order.concentration.value(), "mg/mL") + " = " +
                                         Show(infusion.rate.value(), "mg/h") + ", the rate the pump setting delivers");
    }
    infusion.duration = order.duration;
    infusion.concentration = order.concentration;

    int bagsNeeded = 1;
    infusion.bags = SplitIntoBags(infusion, containers, ContainerMaxHours(catalog), resolution, bagsNeeded);
    infusion.totalVolume = Millilitres(0);
    for (const InfusionBag& bag : infusion.bags) infusion.totalVolume = infusion.totalVolume + bag.vtbi;
    if (infusion.bags.empty()) infusion.totalVolume = PumpVolume(Millilitres(infusion.pumpRate.value() * order.duration.value()), resolution);
    infusion.totalVolume = Millilitres(Clean(infusion.totalVolume.value()));
    infusion.total = AmountIn(infusion.totalVolume, order.concentration);
    std::string totalMl = Show(infusion.pumpRate.value(), "mL/h") + " × " + Show(order.duration.value(), "h") + " = " +
                          Show(infusion.totalVolume.value(), "mL");
    if (infusion.bags.size() > 1) {
      std::string sum;
      for (const InfusionBag& bag : infusion.bags) sum += (sum.empty() ? "" : " + ") + Show(bag.vtbi.value(), "mL");
      totalMl = Show(infusion.pumpRate.value(), "mL/h") + " × " + Show(order.duration.value(), "h") + " in " +
                std::to_string(infusion.bags.size()) + " bags: " + sum + " = " + Show(infusion.totalVolume.value(), "mL");
    }
    step("infusion.total_ml", totalMl);
    step("infusion.total_mg", Show(infusion.totalVolume.value(), "mL") + " × " +
                                  Show(order.concentration.value(), "mg/mL") + " = " + Show(infusion.total.value(), "mg"));
    for (const InfusionBag& bag : infusion.bags) {
      const std::string field = bag.number == 1 ? "infusion.vtbi_ml" : "infusion.bags." + std::to_string(bag.number - 1) + ".vtbi_ml";
      plan.arithmetic.push_back(ArithmeticStep{
          field, "bag " + std::to_string(bag.number) + ", " + FormatNumber(RoundForDisplay(bag.start.value())) + "-" +
                     Show(bag.end.value(), "h") + ": " + Show(infusion.pumpRate.value(), "mL/h") + " × " +
                     Show((bag.end - bag.start).value(), "h") + " = " + Show(bag.vtbi.value(), "mL") +
                     " to be infused (" + Show(bag.drug.value(), "mg") + ")"});
    }

    // Preparation: one entry per way a bag is made up (container and volume), naming the bags it serves.
    for (std::size_t i = 0; i < infusion.bags.size(); ++i) {
      const InfusionBag& bag = infusion.bags[i];
      PartPreparation* same = nullptr;
      for (PartPreparation& prep : plan.preparation) {
        if (prep.part == "infusion" && prep.containerVolume == bag.container &&
            prep.drugPerContainer == bag.drugInBag) {
          same = &prep;
        }
      }
      if (same == nullptr) {
        PartPreparation prep;
        prep.part = "infusion";
        prep.concentration = order.concentration;
        prep.containerVolume = bag.container;
        prep.madeUpTo = bag.madeUpTo;
        prep.containers = 0;
        prep.drugPerContainer = bag.drugInBag;
        prep.options = DrawsFromStock(bag.drugInBag, bag.madeUpTo, order.concentration, stocks, resolution);
        prep.product = product;
        strengthNeeded(prep);
        plan.preparation.push_back(prep);
        same = &plan.preparation.back();
      }
      same->containers += 1;
      same->bags.push_back(bag.number);
    }
    for (PartPreparation& prep : plan.preparation) {
      if (prep.part != "infusion") continue;
      const Millilitres madeUpTo = prep.madeUpTo;
      const bool several = prep.bags.size() > 1;
      const std::string contents = Show(madeUpTo.value(), "mL") + " of " + Show(order.concentration.value(), "mg/mL") +
                                   " " + drugWord + " (" + Show(prep.drugPerContainer.value(), "mg") + ") in a " +
                                   Show(prep.containerVolume.value(), "mL") + " bag.";
      std::string sentence = several ? "Bags " + ListNumbers(prep.bags) + ": make up each to " + contents
                                     : (infusion.bags.size() > 1 ? "Bag " + ListNumbers(prep.bags) + ": make up " : "Make up ") + contents;
      for (const int number : prep.bags) {
        const InfusionBag& bag = infusion.bags[static_cast<std::size_t>(number - 1)];
        const Millilitres rest(Clean((bag.madeUpTo - bag.vtbi).value()));
        if (!several) {
          prep.infuse = bag.vtbi;
          prep.discard = rest;
        }
        const std::string which = several ? " Bag " + std::to_string(number) + ": set" : " Set";
        if (rest.value() > 0.0) {
          sentence += which + " the pump to infuse " + Show(bag.vtbi.value(), "mL") + " (" +
                      Show(bag.drug.value(), "mg") + ") of the " + Show(bag.madeUpTo.value(), "mL") +
                      "; the other " + Show(rest.value(), "mL") + " (" +
                      Show(AmountIn(rest, order.concentration).value(), "mg") +
                      ") is not to be infused: discard it.";
        } else {
          sentence += which + " the pump to infuse all " + Show(bag.vtbi.value(), "mL") + " (" +
                      Show(bag.drug.value(), "mg") + ").";
        }
      }
      prep.instruction = sentence;
    }
    if (infusion.bags.empty()) {
      // More bags than can be listed (an implausible concentration): no preparation; a hard alert says why.
      PartPreparation prep;
      prep.part = "infusion";
      prep.concentration = order.concentration;
      prep.containers = bagsNeeded;
      prep.product = product;
      prep.instruction = "This infusion would need " + std::to_string(bagsNeeded) + " bags: check the concentration.";
      plan.preparation.push_back(prep);
    }
    plan.infusion = infusion;
    plan.bagsNeeded = bagsNeeded;
  }

  if (request.repeated) {
    const RepeatedOrder& order = *request.repeated;
    RepeatedPlan repeated;
    repeated.dosePerKg = order.dosePerKg;
    repeated.orderedDose = order.dosePerKg ? DoseFor(*order.dosePerKg, kg) : *order.doseMg;
    repeated.dose = repeated.orderedDose;
    if (order.dosePerKg) {
      step("repeated.dose_mg", Show(order.dosePerKg->value(), "mg/kg") + " × " + kgText + " = " +
                                   Show(repeated.orderedDose.value(), "mg"));
    }
    if (order.concentration) {
      const Millilitres exact = VolumeOf(repeated.orderedDose, *order.concentration);
      repeated.volume = MeasurableVolume(exact, resolution);
      repeated.dose = AmountIn(*repeated.volume, *order.concentration);
      std::string volume = Show(repeated.orderedDose.value(), "mg") + " ÷ " +
                           Show(order.concentration->value(), "mg/mL") + " = " + Show(exact.value(), "mL");
      const bool rounded = RoundForDisplay(repeated.volume->value()) != RoundForDisplay(exact.value());
      if (rounded) {
        volume += "; " + syringeSteps + ", so " + Show(repeated.volume->value(), "mL") +
                  " (rounded down: never more than ordered)";
      }
      step("repeated.volume_ml", volume);
      if (rounded) {
        step("repeated.dose_mg", Show(repeated.volume->value(), "mL") + " × " +
                                     Show(order.concentration->value(), "mg/mL") + " = " +
                                     Show(repeated.dose.value(), "mg") + ", the dose the measured volume holds");
      }
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
