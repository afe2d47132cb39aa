// Guardrail rules. Each figure is read from content (regimen limits, rules.json) with its source.
#include "domain/guardrails.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "base/format.hpp"
#include "domain/monitoring.hpp"
#include "base/sha256.hpp"

namespace ketadose {

const char* SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kHard: return "hard";
    case Severity::kSoft: return "soft";
    default: return "info";
  }
}


namespace {

// A figure is judged as it is shown (3 decimal places): 8.333 ug/kg/min converts to 0.49998 mg/kg/h, which
// the page shows as 0.5 and which is "at" a 0.5 mg/kg/h minimum, not below it. What remains is rounding
// error, allowed for by a relative 1e-9.
constexpr double kRelativeTolerance = 1e-9;
bool Above(double value, double limit) { return RoundForDisplay(value) > limit * (1.0 + kRelativeTolerance); }
bool Below(double value, double limit) { return RoundForDisplay(value) < limit * (1.0 - kRelativeTolerance); }
bool AtLeast(double value, double limit) { return !Below(value, limit); }

std::string Figure(double value, const std::string& unit) { return FormatNumber(RoundForDisplay(value)) + " " + unit; }

// How an alert names a limit's figure: the words follow the limit's kind (content "kind"), so a trial's dose,
// a reported mean or median and a tool convention are never called a stated maximum.
std::string KindPhrase(const Limit& limit, bool maximum, double figure, const std::string& noun,
                       const std::string& unit) {
  const std::string shown = Figure(figure, unit);
  const std::string side = maximum ? "maximum" : "minimum";
  std::string phrase;
  switch (limit.kind) {
    case LimitKind::kTrialProtocol: phrase = "the " + noun + " used in the trial (" + shown + ")"; break;
    case LimitKind::kTrialMean: phrase = "the mean " + noun + " reported in the trial (" + shown + ")"; break;
    case LimitKind::kTrialMedian: phrase = "the median " + noun + " reported (" + shown + ")"; break;
    case LimitKind::kTypicalDose: phrase = "the usual " + noun + " the source gives (" + shown + ")"; break;
    case LimitKind::kConvention:
      phrase = "this tool's convention of " + shown + " (a ketadose convention: the sources state no " + side + ")";
      break;
    case LimitKind::kStatedRange:
    case LimitKind::kStatedMaximum:
    case LimitKind::kStatedMinimum: phrase = "this regimen's stated " + side + " of " + shown; break;
    default: phrase = "this regimen's " + side + " of " + shown; break;
  }
  if (!limit.appliesTo.empty()) phrase += ", given for " + limit.appliesTo;
  return phrase;
}

bool SiteChanged(const Limit& limit, bool maximum) { return maximum ? limit.siteChangedMax : limit.siteChangedMin; }

// A soft bound the site changed is named as the site's, beside the guideline's figure (issue 11).
std::string BoundPhrase(const Limit& limit, bool maximum, double figure, const std::string& noun,
                        const std::string& unit) {
  if (!SiteChanged(limit, maximum)) return KindPhrase(limit, maximum, figure, noun, unit);
  const std::optional<double>& guideline = maximum ? limit.guidelineMax : limit.guidelineMin;
  return std::string("the site's ") + (maximum ? "maximum" : "minimum") + " of " + Figure(figure, unit) +
         " (site rule " + limit.sitePath + "; guideline: " +
         (guideline ? KindPhrase(limit, maximum, *guideline, noun, unit) : std::string("none stated")) + ")";
}

class Checker {
 public:
  explicit Checker(std::vector<Alert>& alerts) : alerts_(alerts) {}

  // Checks `value` against a regimen limit: the stated range (soft) and an absolute maximum or cap (hard).
  // `noun` names the figure in the alert's words ("rate", "dose", "duration", "interval").
  void CheckRange(const std::optional<Limit>& limit, double value, const std::string& what, const std::string& noun,
                  const std::string& unit, const std::string& field) {
    if (!limit) return;
    const std::string stated = " (" + limit->source.where + ")";
    const std::string given = what + " of " + Figure(value, unit);
    // A ceiling the site set is the site's, not the source's: say so (the site rule names it).
    const std::string bySite = " set by the site (site rule " + limit->sitePath + ")";
    if (limit->cap && Above(value, *limit->cap)) {
      const std::string whose =
          limit->kind == LimitKind::kTrialProtocol ? "the trial protocol's cap of " : "this regimen's cap of ";
      Add("rate-cap-exceeded", Severity::kHard,
          given + " exceeds " + (limit->siteChangedCap ? std::string("the cap of ") : whose) +
              Figure(*limit->cap, unit) + (limit->siteChangedCap ? bySite : "") + stated +
              ". Lower the rate to the cap or below.",
          *limit, field);
    }
    if (limit->hardMax && Above(value, *limit->hardMax)) {
      Add("above-protocol-range", Severity::kHard,
          given + " is above " +
              (limit->siteChangedHardMax ? "the absolute maximum of " : "this regimen's absolute maximum of ") +
              Figure(*limit->hardMax, unit) + (limit->siteChangedHardMax ? bySite : "") + stated +
              ". It cannot be planned.",
          *limit, field);
    } else if (limit->max && Above(value, *limit->max)) {
      // A mean or a median is not a ceiling: many patients in the source received more (cohen2018 Q1, Q4).
      const bool average = limit->kind == LimitKind::kTrialMean || limit->kind == LimitKind::kTrialMedian;
      if (average && !limit->siteChangedMax) {
        Add("above-reported-average", Severity::kInfo,
            given + " is above " + BoundPhrase(*limit, true, *limit->max, noun, unit) + stated +
                ". That figure is an average, not a ceiling: check that the plan is meant.",
            *limit, field);
      } else {
        Add("above-protocol-range", Severity::kSoft,
            given + " is above " + BoundPhrase(*limit, true, *limit->max, noun, unit) + stated +
                ". Check it; acknowledge only if intended.",
            *limit, field);
      }
    } else if (limit->siteChangedMax && limit->guidelineMax && Above(value, *limit->guidelineMax)) {
      Add("site-loosened-limit", Severity::kInfo,
          given + " is above " + KindPhrase(*limit, true, *limit->guidelineMax, noun, unit) + stated +
              ", within the site's maximum of " + Figure(limit->max.value_or(*limit->guidelineMax), unit) +
              " (site rule " + limit->sitePath + "): the site's rule, not the guideline, allows it.",
          *limit, field);
    }
    if (limit->min && Below(value, *limit->min)) {
      // Where the source reaches its range by titrating up from lower rates, a start below it is no slip.
      const std::string advice =
          limit->titratedUpTo
              ? " The source reaches this range by titrating up from lower rates: if this is a starting rate, plan "
                "the steps up; acknowledge to confirm."
              : " Check for a unit or decimal slip; acknowledge only if intended.";
      Add("below-protocol-range", Severity::kSoft,
          given + " is below " + BoundPhrase(*limit, false, *limit->min, noun, unit) + stated + "." + advice, *limit,
          field);
    } else if (limit->siteChangedMin && limit->guidelineMin && Below(value, *limit->guidelineMin)) {
      Add("site-loosened-limit", Severity::kInfo,
          given + " is below " + KindPhrase(*limit, false, *limit->guidelineMin, noun, unit) + stated +
              ", within the site's minimum of " + Figure(limit->min.value_or(*limit->guidelineMin), unit) +
              " (site rule " + limit->sitePath + "): the site's rule, not the guideline, allows it.",
          *limit, field);
    }
  }

  void Add(std::string code, Severity severity, std::string message, const Limit& limit, std::string field) {
    alerts_.push_back(
        Alert{std::move(code), severity, std::move(message), limit.source, std::move(field), limit.siteModified});
  }

 private:
  std::vector<Alert>& alerts_;
};

// The words that mark a rule's figure as a tool convention, so it is never read as guidance.
std::string ConventionNote(const Limit& rule, double figure, const std::string& unit) {
  if (rule.kind != LimitKind::kConvention) return "";
  return " (The " + Figure(figure, unit) + " line is a ketadose convention, not a guideline figure.)";
}

// Scope: every source concerns adults (content/meta.json). Under 18 is refused; with no age given, a weight
// below the adult floor is confirmed as an adult's (content/rules.json adult_scope, a tool convention).
void CheckAdultScope(const PlanRequest& request, const Catalog& catalog, Checker& check) {
  const Limit scope = catalog.rules.adultScope.about;
  const double adultFrom = catalog.rules.adultScope.ageYearsAtLeast;
  const double floorKg = catalog.rules.adultScope.weightKgFloorWithoutAge;
  if (request.patient.age) {
    if (Below(request.patient.age->value(), adultFrom)) {
      check.Add("outside-adult-scope", Severity::kHard,
                "The patient is " + Figure(request.patient.age->value(), "years") + " old, under " +
                    Figure(adultFrom, "years") +
                    ": every source this tool draws on concerns adults, so it plans no dose for a child or an "
                    "adolescent. Use a paediatric reference and your paediatric policy.",
                scope, "patient.age_years");
    }
    return;
  }
  const double actual = request.patient.actualWeight.value();
  if (Below(actual, floorKg)) {
    check.Add("adult-weight-unconfirmed", Severity::kSoft,
              "A weight of " + Figure(actual, "kg") + " with no age given is below " + Figure(floorKg, "kg") +
                  ", a weight more usual in a child: this tool plans for adults only. Enter the age, or acknowledge "
                  "that the patient is an adult. (The " + Figure(floorKg, "kg") +
                  " line is a ketadose convention, not a guideline figure.)",
              scope, "patient.weight");
  }
}

// The smallest stocked injection strength above `concentration`, if any (content/rules.json products).
std::optional<MgPerMl> NextStrongerStock(const Catalog& catalog, MgPerMl concentration) {
  std::optional<MgPerMl> next;
  for (const double stock : catalog.rules.products.injectionMgPerMl) {
    if (!Above(stock, concentration.value())) continue;
    if (!next || stock < next->value()) next = MgPerMl(stock);
  }
  return next;
}

// Entry slips the dose limits cannot see: the mg figure may be right while the way it is given, or the
// number it rests on, is not (error probes, tests/unit/probes_test.cpp; thresholds in content/rules.json).
void CheckEntrySlips(const PlanRequest& request, const Plan& plan, const Regimen& regimen, const Catalog& catalog,
                     Checker& check) {
  if (plan.bolus && plan.bolus->over) {
    const double over = plan.bolus->over->value();
    const double rapid = catalog.rules.bolusAdministration.rapidOverMinBelow;
    if (Below(over, rapid)) {
      check.Add("rapid-bolus", Severity::kSoft,
                "A bolus pushed over " + Figure(over, "min") + " is faster than " + Figure(rapid, "min") +
                    ": rapid IV injection may cause transient apnoea. Was the time entered in hours (" +
                    Figure(over, "h") + " is " + Figure(ToMinutes(Hours(over)).value(), "min") +
                    ")? Give it over several minutes; acknowledge only if intended." +
                    ConventionNote(catalog.rules.bolusAdministration.about, rapid, "min"),
                catalog.rules.bolusAdministration.about, "bolus.over_min");
    }
  }
  if (plan.bolus) {
    const BolusPlan& bolus = *plan.bolus;
    const double largeMl = catalog.rules.bolusVolumeCheck.volumeMlAbove;
    const double byPumpMin = catalog.rules.bolusVolumeCheck.unlessOverMinAtLeast;
    if (Above(bolus.volume.value(), largeMl) && !(bolus.over && AtLeast(bolus.over->value(), byPumpMin))) {
      std::string message = "The bolus is " + Figure(bolus.volume.value(), "mL") + " of " +
                            Figure(bolus.concentration.value(), "mg/mL") + ", more than a " + Figure(largeMl, "mL") +
                            " syringe. Check the concentration: ";
      if (const auto stronger = NextStrongerStock(catalog, bolus.concentration)) {
        const Milligrams drawn = AmountIn(bolus.volume, *stronger);
        message += "the same volume drawn from " + Figure(stronger->value(), "mg/mL") + " stock would be " +
                   Figure(drawn.value(), "mg") + " (" + Figure(DosePerKg(drawn, plan.weight.weight).value(), "mg/kg") +
                   "). ";
      }
      check.Add("bolus-volume-large", Severity::kSoft,
                message + "Acknowledge if " + Figure(bolus.concentration.value(), "mg/mL") +
                    " is intended, or run it by pump over " + Figure(byPumpMin, "min") + " or more." +
                    ConventionNote(catalog.rules.bolusVolumeCheck.about, largeMl, "mL"),
                catalog.rules.bolusVolumeCheck.about, "bolus.concentration_mg_per_ml");
    }
  }
  if (plan.infusion && regimen.setting == "outpatient") {
    const double hours = plan.infusion->duration.value();
    const double dayMax = catalog.rules.outpatientDuration.durationHMax;
    if (Above(hours, dayMax)) {
      check.Add("outpatient-duration-long", Severity::kSoft,
                "An outpatient infusion of " + Figure(hours, "h") + " runs past one day's session (" +
                    Figure(dayMax, "h") + "). Were minutes entered as hours (" + Figure(hours, "min") + " is " +
                    Figure(ToHours(Minutes(hours)).value(), "h") + ")? Acknowledge only if intended." +
                    ConventionNote(catalog.rules.outpatientDuration.about, dayMax, "h"),
                catalog.rules.outpatientDuration.about, "infusion.duration_h");
    }
  }
  if (plan.weight.ideal) {
    const double actual = request.patient.actualWeight.value();
    const double ideal = plan.weight.ideal->value();
    const double above = catalog.rules.weightForHeight.ratioAbove;
    const double below = catalog.rules.weightForHeight.ratioBelow;
    if (Above(actual, ideal * above) || Below(actual, ideal * below)) {
      // Read in the other unit, the number as typed moves towards the ideal weight when pounds were typed as
      // kilograms (too heavy) or kilograms as pounds (too light): then say what it would be.
      const bool pounds = request.patient.weightEnteredInPounds;
      const double typed = pounds ? request.weightTypedInPounds.value_or(ToPounds(request.patient.actualWeight)).value()
                                  : actual;
      std::string hint = "Check it for a decimal slip.";
      if ((actual > ideal) != pounds) {
        hint = "Check it for a unit or decimal slip: if " + FormatNumber(RoundForDisplay(typed)) + " was in " +
               (pounds ? "kilograms" : "pounds") + ", the patient weighs " +
               Figure(pounds ? typed : ToKilograms(Pounds(typed)).value(), "kg") + ".";
      }
      check.Add("weight-for-height-check", Severity::kInfo,
                "Actual weight " + Figure(actual, "kg") + " is " + FormatNumber(std::round(actual / ideal * 100.0)) +
                    "% of the ideal weight for this height and sex (" + Figure(ideal, "kg") + "). " + hint,
                catalog.rules.weightForHeight.about, "patient.weight");
    }
  }
}

// No figure that cannot be given: a volume, pump rate or volume to be infused below the step a syringe or pump
// measures (content/rules.json measurable_resolution, site-configurable) is refused, never shown as 0.
void CheckMeasurable(const Plan& plan, const Catalog& catalog, Checker& check) {
  const Limit limit = catalog.rules.measurableResolution.about;
  const Resolution resolution = MeasurableResolution(catalog);
  const std::string syringe = Figure(resolution.syringeFine.value(), "mL");
  if (plan.bolus && !(RoundForDisplay(plan.bolus->dose.value()) > 0.0)) {
    check.Add("below-measurable-resolution", Severity::kHard,
              "The bolus is " + FormatNumber(plan.bolus->orderedVolume.value()) + " mL (" +
                  FormatNumber(plan.bolus->orderedDose.value()) + " mg), less than the " + syringe +
                  " a syringe can measure: it cannot be drawn up. Check the dose, the weight and the concentration.",
              limit, "bolus.volume_ml");
  }
  if (plan.infusion) {
    const InfusionPlan& infusion = *plan.infusion;
    if (!(infusion.pumpRate.value() > 0.0)) {
      check.Add("below-measurable-resolution", Severity::kHard,
                "The pump rate is " + FormatNumber(infusion.orderedPumpRate.value()) + " mL/h, below the pump's " +
                    Figure(resolution.pumpRate.value(), "mL/h") +
                    " step: it cannot be programmed. Check the rate, the weight and the concentration (a weaker bag "
                    "gives a higher pump rate).",
                limit, "infusion.rate_ml_per_h");
    } else if (plan.bagsNeeded > static_cast<int>(infusion.bags.size())) {
      check.Add("too-many-bags", Severity::kHard,
                "This infusion would need " + std::to_string(plan.bagsNeeded) + " bags of at most " +
                    Figure(ContainerMaxHours(catalog).value(), "h") +
                    " each: check the concentration (a stronger bag needs fewer).",
                catalog.rules.containerMaxHours.about, "infusion.concentration_mg_per_ml");
    } else {
      for (const InfusionBag& bag : infusion.bags) {
        if (RoundForDisplay(bag.drug.value()) > 0.0) continue;
        check.Add("below-measurable-resolution", Severity::kHard,
                  "Bag " + std::to_string(bag.number) + " would infuse less than the pump's " +
                      Figure(resolution.pumpRate.value(), "mL") + " step: check the duration.",
                  limit, "infusion.duration_h");
        break;
      }
    }
  }
  if (plan.repeated && !(RoundForDisplay(plan.repeated->dose.value()) > 0.0)) {
    check.Add("below-measurable-resolution", Severity::kHard,
              "Each dose is less than the " + syringe +
                  " a syringe can measure: it cannot be measured out. Check the dose and the concentration.",
              limit, "repeated.volume_ml");
  }
}

// S-ketamine regimens are dosed and prepared as S-ketamine, never from racemic stock (cohen2018 pharmacology).
void CheckProduct(const Plan& plan, const Catalog& catalog, Checker& check) {
  if (!plan.sKetamine) return;
  check.Add("s-ketamine-product", Severity::kSoft,
            "This regimen's doses are S-ketamine (esketamine) doses. S-ketamine, the S(+) isomer, is about 3-4 times "
            "as potent as racemic ketamine, so the two are not interchangeable mg for mg: prepare it only from an "
            "S-ketamine product, never from racemic ketamine stock, and check the product's label. Acknowledge to "
            "confirm the product.",
            catalog.rules.sKetamineProducts.about, "protocol");
}

}  // namespace

std::string AckKey(const Alert& alert) { return alert.code + ":" + Sha256Hex(alert.message).substr(0, 8); }

bool IsBlocked(const std::vector<Alert>& alerts, const std::vector<std::string>& acknowledged) {
  return std::any_of(alerts.begin(), alerts.end(), [&](const Alert& alert) {
    if (alert.severity == Severity::kHard) return true;
    if (alert.severity != Severity::kSoft) return false;  // an info alert never blocks and has no key to hash
    return std::find(acknowledged.begin(), acknowledged.end(), AckKey(alert)) == acknowledged.end();
  });
}

Assessment EvaluatePlan(const PlanRequest& request, const Plan& plan, const Regimen& regimen, const Catalog& catalog) {
  Assessment assessment;
  std::vector<Alert>& alerts = assessment.alerts;
  Checker check(alerts);
  static const RegimenPart kNoPart;
  const RegimenPart& bolusLimits = regimen.bolus ? *regimen.bolus : kNoPart;
  const RegimenPart& infusionLimits = regimen.infusion ? *regimen.infusion : kNoPart;
  const RegimenPart& repeatedLimits = regimen.repeated ? *regimen.repeated : kNoPart;

  if (plan.bolus) {
    const BolusPlan& bolus = *plan.bolus;
    check.CheckRange(bolusLimits.doseMgPerKg, bolus.dosePerKg.value(), "A bolus", "dose", "mg/kg", "bolus.dose_mg_per_kg");
    if (bolus.over) {
      check.CheckRange(bolusLimits.overMin, bolus.over->value(), "A bolus time", "time", "min", "bolus.over_min");
    }
  }
  if (plan.infusion) {
    const InfusionPlan& infusion = *plan.infusion;
    check.CheckRange(infusionLimits.rateMgPerKgPerH, infusion.ratePerKg.value(), "An infusion rate", "rate", "mg/kg/h",
                     "infusion.rate_mg_per_kg_per_h");
    check.CheckRange(infusionLimits.rateMgPerH, infusion.rate.value(), "An infusion rate", "rate", "mg/h",
                     "infusion.rate_mg_per_h");
    check.CheckRange(infusionLimits.durationH, infusion.duration.value(), "An infusion duration", "duration", "h",
                     "infusion.duration_h");
  }
  if (plan.repeated) {
    const RepeatedPlan& repeated = *plan.repeated;
    if (repeated.dosePerKg) {
      check.CheckRange(repeatedLimits.doseMgPerKg, repeated.dosePerKg->value(), "A dose", "dose", "mg/kg",
                       "repeated.dose_mg_per_kg");
    }
    check.CheckRange(repeatedLimits.doseMg, repeated.dose.value(), "A dose", "dose", "mg", "repeated.dose_mg");
    check.CheckRange(repeatedLimits.everyH, repeated.every.value(), "A dosing interval", "interval", "h", "repeated.every_h");
    check.CheckRange(repeatedLimits.dailyMg, repeated.daily.value(), "A daily amount", "daily dose", "mg", "repeated.daily_mg");
  }
  CheckEntrySlips(request, plan, regimen, catalog, check);
  CheckMeasurable(plan, catalog, check);
  CheckProduct(plan, catalog, check);
  CheckAdultScope(request, catalog, check);

  // Sub-anaesthetic scope: this tool refuses anaesthetic doses (cohen2018 Table 1, Table 6).
  const Limit scope = catalog.rules.subanaestheticScope.about;
  const double bolusScope = catalog.rules.subanaestheticScope.bolusMgPerKgBelow;
  const double infusionScope = catalog.rules.subanaestheticScope.infusionMgPerKgPerHMax;
  if (plan.bolus && AtLeast(plan.bolus->dosePerKg.value(), bolusScope)) {
    check.Add("anesthetic-range", Severity::kHard,
              "A bolus of " + Figure(plan.bolus->dosePerKg.value(), "mg/kg") + " is an anaesthetic induction dose (" +
                  Figure(bolusScope, "mg/kg") + " and above). This tool plans sub-anaesthetic doses only.",
              scope, "bolus.dose_mg_per_kg");
  }
  if (plan.infusion && Above(plan.infusion->ratePerKg.value(), infusionScope)) {
    check.Add("anesthetic-range", Severity::kHard,
              "An infusion of " + Figure(plan.infusion->ratePerKg.value(), "mg/kg/h") + " (" +
                  Figure(plan.infusion->rateUgPerKgPerMin.value(), "ug/kg/min") +
                  ") is above the awake sub-anaesthetic range, which ends at " + Figure(infusionScope, "mg/kg/h") +
                  ". Was ug/kg/min entered as mg/kg/h? This tool does not plan anaesthetic infusions.",
              scope, "infusion.rate_mg_per_kg_per_h");
  }

  // Setting: doses that may cause serious adverse effects need a monitored unit (cohen2018 Q6). The thresholds
  // are lowered for older or comorbid patients (monitoring.hpp, content/monitoring.json).
  const SettingDecision setting = DecideSetting(request, plan, catalog);
  if (setting.setting == Setting::kMonitored) {
    assessment.setting = Setting::kMonitored;
    const std::vector<std::string>& reasons = setting.reasons;
    std::string because = reasons.front();
    if (reasons.size() > 1) because += " and " + reasons.back();
    std::string lowered;
    if (setting.thresholds.Lowered()) {
      lowered = " The thresholds are multiplied by " + FormatNumber(setting.thresholds.factor) + " because of " +
                setting.thresholds.loweredBecause.front();
      if (setting.thresholds.loweredBecause.size() > 1) lowered += " and " + setting.thresholds.loweredBecause.back();
      lowered += ": the guideline asks for lower thresholds for elderly and comorbid patients but gives no figure "
                 "(a ketadose convention).";
    }
    check.Add("monitored-setting-required", Severity::kSoft,
              "This plan has " + because +
                  ": give it in a monitored unit with trained monitoring nurses, staff trained in airway management "
                  "and ACLS immediately available, resuscitation equipment and rescue drugs at hand." +
                  lowered + " Acknowledge to confirm that setting.",
              catalog.rules.settingThresholds.about, setting.field);
  }

  // Chronic pain: a first single outpatient infusion below 80 mg or not longer than 2 h is unlikely to help
  // (cohen2018 Q3). Which regimens it concerns is data (regimens.json "chronic_pain_minimum"): not the trial
  // series or the multi-day inpatient protocols, whose own figures apply.
  if (regimen.chronicPainMinimum && plan.infusion) {
    const Limit minimum = catalog.rules.chronicPainMinimum.about;
    const double minimumMg = catalog.rules.chronicPainMinimum.totalMgAtLeast;
    const double minimumHours = catalog.rules.chronicPainMinimum.durationHMoreThan;
    const bool tooLittle = Below(plan.total.value(), minimumMg);
    const bool tooShort = !Above(plan.infusion->duration.value(), minimumHours);
    if (tooLittle || tooShort) {
      std::string what = tooLittle ? "a total of " + Figure(plan.total.value(), "mg") : "";
      if (tooShort) {
        what += std::string(tooLittle ? " over " : "an infusion of ") + Figure(plan.infusion->duration.value(), "h");
      }
      check.Add("below-minimum-effective-dose", Severity::kSoft,
                "This plan gives " + what + ". The guideline advises at least " + Figure(minimumMg, "mg") +
                    " infused over more than " + Figure(minimumHours, "h") +
                    " for a first single outpatient infusion for chronic pain; less is unlikely to give lasting relief.",
                minimum, tooShort ? "infusion.duration_h" : "total_mg");
    }
  }

  // Dosing weight: flag obesity so the weight choice is deliberate; say when actual weight was used instead.
  if (plan.weight.ideal) {
    const double ratio = catalog.rules.obesityFlagRatio.value;
    const double actual = request.patient.actualWeight.value();
    if (Above(actual, plan.weight.ideal->value() * ratio)) {
      check.Add("dosing-weight-obesity", Severity::kInfo,
                "Actual weight " + Figure(actual, "kg") + " is " +
                    FormatNumber(std::round(actual / plan.weight.ideal->value() * 100.0)) + "% of ideal weight (" +
                    Figure(plan.weight.ideal->value(), "kg") + "). The guidelines dose per kg without an obesity rule: "
                    "choose actual, ideal or adjusted weight by your institution's policy. Dosing on " +
                    BasisName(plan.weight.basis) + " weight (" + Figure(plan.weight.weight.value(), "kg") + ").",
                catalog.rules.obesityFlagRatio.about, "dosing_weight");
    }
  }
  if (plan.weight.cappedAtActual) {
    check.Add("dosing-weight-capped", Severity::kInfo,
              std::string("The ") + BasisName(plan.weight.basis) +
                  " body weight is above the actual weight, so the actual weight (" +
                  Figure(plan.weight.weight.value(), "kg") + ") is used: a patient is never dosed as heavier than they are.",
              catalog.rules.adjustedFraction.about, "dosing_weight");
  }

  std::stable_sort(alerts.begin(), alerts.end(),
                   [](const Alert& a, const Alert& b) { return static_cast<int>(a.severity) < static_cast<int>(b.severity); });
  assessment.blocked = IsBlocked(alerts, request.acknowledged);
  return assessment;
}

}  // namespace ketadose
