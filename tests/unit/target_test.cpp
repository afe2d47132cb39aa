// Target-concentration planning (the "target" action, core/api/action_target.cpp, and pk.hpp ModelState):
// the affine step response against closed forms and the simulator, the maintenance rate at steady state
// against target x clearance worked by hand, the schedule re-simulated by the simulate action, the curve
// inside the reported deviation, the guardrails of a plan applied to every step, an unreachable target
// refused rather than clipped, and field errors for bad input.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "api/api.hpp"
#include "domain/pk.hpp"
#include "domain/patient.hpp"
#include "domain/pk_model.hpp"

namespace ketadose {
namespace {

using Json = nlohmann::json;

Json Call(const Json& request, const std::string& site = "") {
  return Json::parse(Handle(request.dump(), site).json);
}

Json TargetRequest(const std::string& model, const std::string& protocol, double target, double reach, double hold,
                   double step) {
  return Json{{"action", "target"},
              {"model", model},
              {"patient", {{"weight", 70}, {"weight_unit", "kg"}, {"age_years", 45}}},
              {"protocol", protocol},
              {"target_ng_per_ml", target},
              {"reach_min", reach},
              {"hold_min", hold},
              {"step_min", step},
              {"concentration_mg_per_ml", 1}};
}

std::set<std::string> ErrorFields(const Json& response) {
  std::set<std::string> fields;
  for (const Json& error : response.value("errors", Json::array())) fields.insert(error.at("field").get<std::string>());
  return fields;
}

// A site that tightens the CRPS regimen's 25 mg/h cap to 10 mg/h.
const char* kTightCapSite =
    R"({"schemaVersion": 1, "institution": "Test Hospital", "approval": "test",
        "regimen_limits": {"crps-schwartzman": {"infusion": {"rate_mg_per_h": {"cap": 10}}}}})";

MicroConstants OneCompartment(double v1, double k10, double ke0) {
  MicroConstants model{};
  model.v1 = Litres(v1);
  model.k10 = PerMinute(k10);
  model.ke0 = PerMinute(ke0);
  return model;
}

TEST(ModelState, OneCompartmentEndAndMeanMatchTheClosedForms) {
  // V = 10 L, k = 0.1 per min: 1 mg/h = 1/60 mg/min from empty gives C(t) = R / (V k) (1 - e^-kt) and a mean over
  // [0, h] of R / (V k) (1 - (1 - e^-kh) / (kh)); a state at C0 decays as C0 e^-kt, mean C0 (1 - e^-kh) / (kh).
  const double v = 10.0;
  const double k = 0.1;
  const double h = 30.0;
  ModelState state(OneCompartment(v, k, 0.2));
  const double plateau = (1.0 / 60.0) / (v * k);
  const ModelState::Affine fromEmpty = state.AtEndOf(Site::kPlasma, Minutes(h));
  EXPECT_NEAR(fromEmpty.free.value(), 0.0, 1e-15);
  EXPECT_NEAR(fromEmpty.perMgPerHour.value(), plateau * (1.0 - std::exp(-k * h)), 1e-15);
  const ModelState::Affine mean = state.MeanOver(Site::kPlasma, Minutes(h));
  EXPECT_NEAR(mean.perMgPerHour.value(), plateau * (1.0 - (1.0 - std::exp(-k * h)) / (k * h)), 1e-15);
  state.Infuse(MgPerHour(60.0), Minutes(10.0));  // 1 mg/min for 10 min: C = 1 / 1 (1 - e^-1) mg/L
  const double c0 = 1.0 / (v * k) * (1.0 - std::exp(-1.0));
  EXPECT_NEAR(state.Plasma().value(), c0, 1e-14);
  EXPECT_NEAR(state.MeanOver(Site::kPlasma, Minutes(h)).free.value(), c0 * (1.0 - std::exp(-k * h)) / (k * h), 1e-14);
}

TEST(ModelState, MeansAgreeWithTheSimulatorsCurveForEveryModel) {
  // The mean over a step, from a state left by a loading dose, against the trapezoid mean of the simulator's
  // own curve at 0.001-min spacing (its error is below 1e-6 relative for these smooth curves).
  Patient patient;
  patient.actualWeight = Kilograms(70);
  patient.age = Years(45);
  for (const PkModelRecord& record : PkModelRecords()) {
    const MicroConstants model =
        ModelForPatient(record, PkSubject{patient.actualWeight, patient.age}, std::nullopt)->constants;
    for (const Site site : {Site::kPlasma, Site::kEffect}) {
      ModelState state(model);
      state.Infuse(MgPerHour(120.0), Minutes(5.0));  // 10 mg over 5 min
      const double rate = 20.0;                      // then 20 mg/h for 60 min
      const ModelState::Affine mean = state.MeanOver(site, Minutes(60.0));
      const ModelState::Affine end = state.AtEndOf(site, Minutes(60.0));
      const std::vector<DoseSegment> regimen{{Minutes(0), Milligrams(10), Minutes(5)},
                                             {Minutes(5), Milligrams(20), Minutes(60)}};
      const Simulation curve = Simulate(model, regimen, OutputGrid{Minutes(0.001), Minutes(65), NgPerMl(100)});
      const auto& values = site == Site::kPlasma ? curve.plasma : curve.effect;
      double sum = 0.0;
      std::size_t first = 5000;  // t = 5 min
      for (std::size_t i = first; i + 1 < values.size(); ++i) sum += 0.5 * (values[i].value() + values[i + 1].value());
      const double trapezoid = sum * 0.001 / 60.0;
      const double predicted = ToNgPerMl(MgPerLitre(mean.free.value() + rate * mean.perMgPerHour.value())).value();
      EXPECT_NEAR(predicted, trapezoid, 1e-6 * trapezoid) << record.id << " site " << static_cast<int>(site);
      const double predictedEnd = ToNgPerMl(MgPerLitre(end.free.value() + rate * end.perMgPerHour.value())).value();
      EXPECT_NEAR(predictedEnd, values.back().value(), 1e-9 * values.back().value()) << record.id;
    }
  }
}

TEST(Target, DominoAt70KgHolds100NgPerMlWith11Point6MgPerHour) {
  // Domino: V1 = 0.063 L/kg x 70 kg = 4.41 L, clearance = V1 x k10 = 4.41 x 0.4381 = 1.932 L/min (k10 is the only
  // elimination). 100 ng/mL = 0.1 mg/L; 0.1 mg/L x 1.932 L/min = 0.1932 mg/min = 11.592 mg/h, which at 1 mg/mL is
  // 11.6 mL/h on a 0.1 mL/h pump. The terminal half-life is 115 min, so after 24 h the rate has settled.
  const Json response = Call(TargetRequest("domino", "acute-periop", 100, 15, 1440, 60));
  ASSERT_TRUE(response.at("ok").get<bool>()) << response.dump();
  ASSERT_TRUE(response.at("reachable").get<bool>());
  EXPECT_NEAR(response.at("model").at("clearance_l_per_min").get<double>(), 0.063 * 70 * 0.4381, 1e-6);
  const Json& steps = response.at("steps");
  const Json& last = steps.back();
  EXPECT_DOUBLE_EQ(last.at("rate_ml_per_h").get<double>(), 11.6);
  EXPECT_DOUBLE_EQ(last.at("rate_mg_per_h").get<double>(), 11.6);
  EXPECT_DOUBLE_EQ(last.at("rate_mg_per_kg_per_h").get<double>(), 0.166);  // 11.6 / 70 = 0.16571
  // Early steps need more (the peripheral compartments are filling) and the rates fall towards the plateau.
  EXPECT_GT(steps.at(1).at("rate_mg_per_h").get<double>(), last.at("rate_mg_per_h").get<double>());
}

TEST(Target, MaintenanceRateAtSteadyStateIsTargetTimesClearanceForEveryModel) {
  // At steady state the infusion replaces what clearance removes: rate = target x clearance. Clearances worked by
  // hand at 70 kg, age 45: Domino 0.063 x 70 x 0.4381 = 1.932 L/min; Clements 1.7522 x 70 x 0.0109 = 1.337 L/min;
  // Hijazi 1.08 x 70 x 0.0333 = 2.517 L/min; Perez-Ruixo Qh CLint / (Qh + CLint) with Qh = 151 L/h and CLint =
  // 101 L x (1.11 + 2.77) /h = 391.9 L/h: 109.0 L/h = 1.8166 L/min. Holds long enough for the slowest mode to
  // settle (terminal half-lives 115 min, 183 min, 297 min, 11 h); each mean of the last six hourly rates is within
  // a pump step (0.1 mL/h at 1 mg/mL) of 0.1 mg/L x clearance x 60.
  struct Case {
    const char* model;
    const char* protocol;
    double clearance;
    double holdMin;
  };
  const double perezClint = 101.0 * (1.11 + 2.77);
  const Case cases[] = {{"domino", "acute-periop", 0.063 * 70 * 0.4381, 1440},
                        {"clements-250", "acute-periop", 1.7522 * 70 * 0.0109, 2880},
                        {"hijazi", "acute-periop", 1.08 * 70 * 0.0333, 4320},
                        {"perez-ruixo-esketamine", "crps-sigtermans", 151.0 * perezClint / (151.0 + perezClint) / 60.0,
                         7200}};
  for (const Case& c : cases) {
    // Reached in 2 h: the large central volumes of Clements (123 L) and Perez-Ruixo (192 L) need a slower start to
    // stay within the regimens' stated maxima (35 mg/h; 0.432 mg/kg/h).
    const Json response = Call(TargetRequest(c.model, c.protocol, 100, 120, c.holdMin, 60));
    ASSERT_TRUE(response.at("ok").get<bool>()) << c.model << response.dump();
    ASSERT_TRUE(response.at("reachable").get<bool>()) << c.model;
    EXPECT_NEAR(response.at("model").at("clearance_l_per_min").get<double>(), c.clearance, 1e-5) << c.model;
    const Json& steps = response.at("steps");
    double sum = 0.0;
    for (std::size_t i = steps.size() - 6; i < steps.size(); ++i) sum += steps[i].at("rate_mg_per_h").get<double>();
    EXPECT_NEAR(sum / 6.0, 0.1 * c.clearance * 60.0, 0.1) << c.model;
  }
}

std::vector<Json> VariedRequests() {
  std::vector<Json> requests{
      TargetRequest("domino", "chronic-iv-outpatient", 100, 15, 240, 15),
      TargetRequest("domino", "chronic-iv-outpatient", 150, 5, 240, 30),   // loading bolus over 5 min
      TargetRequest("clements-250", "acute-periop", 120, 2, 600, 60),     // bolus, two-compartment model
      TargetRequest("hijazi", "ncp-subanaesthetic", 80, 60, 2880, 120),
      TargetRequest("perez-ruixo-esketamine", "crps-sigtermans", 60, 120, 1440, 45),
      TargetRequest("domino", "palliative", 60, 20, 490, 25),  // 490 min = 19 x 25 + 15: a shorter last step
  };
  Json effect = TargetRequest("domino", "chronic-iv-outpatient", 100, 5, 120, 30);
  effect["target_site"] = "effect";
  requests.push_back(effect);
  Json effectSlow = TargetRequest("clements-250", "acute-periop", 60, 30, 300, 30);
  effectSlow["target_site"] = "effect";
  effectSlow["ke0_half_life_min"] = 8;
  requests.push_back(effectSlow);
  return requests;
}

TEST(Target, SimulatingTheReturnedScheduleGivesTheReturnedCurveExactly) {
  for (const Json& request : VariedRequests()) {
    const Json response = Call(request);
    ASSERT_TRUE(response.at("ok").get<bool>()) << request.dump() << response.dump();
    ASSERT_TRUE(response.at("reachable").get<bool>()) << request.dump();
    // The simulate request the response gives, and one built independently from the bolus and steps.
    const Json simulated = Call(response.at("simulate"));
    ASSERT_TRUE(simulated.at("ok").get<bool>()) << simulated.dump();
    for (const char* key : {"times_min", "plasma_ng_per_ml", "effect_ng_per_ml", "model"}) {
      EXPECT_EQ(simulated.at(key), response.at(key)) << key << " for " << request.dump();
    }
    Json regimen = Json::array();
    if (response.contains("bolus")) {
      regimen.push_back({{"start_min", 0}, {"dose_mg", response["bolus"]["dose_mg"]},
                         {"over_min", response["bolus"]["over_min"]}});
    }
    for (const Json& step : response.at("steps")) {
      const double hours = (step.at("end_min").get<double>() - step.at("start_min").get<double>()) / 60.0;
      if (step.at("rate_mg_per_h").get<double>() <= 0.0) continue;
      regimen.push_back({{"start_min", step["start_min"]},
                         {"dose_mg", step.at("rate_mg_per_h").get<double>() * hours},
                         {"over_min", step.at("end_min").get<double>() - step.at("start_min").get<double>()}});
    }
    Json independent = response.at("simulate");
    independent["regimen"] = regimen;
    const Json again = Call(independent);
    const Json& a = again.at("plasma_ng_per_ml");
    const Json& b = response.at("plasma_ng_per_ml");
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      // Doses rebuilt from rounded figures (rate x time): equal to the 4th decimal of the ng/mL figures.
      EXPECT_NEAR(a[i].get<double>(), b[i].get<double>(), 2e-4) << i << " for " << request.dump();
    }
  }
}

TEST(Target, TheCurveStaysWithinTheReportedDeviation) {
  for (const Json& request : VariedRequests()) {
    const Json response = Call(request);
    ASSERT_TRUE(response.at("reachable").get<bool>()) << request.dump();
    const Json& deviation = response.at("deviation");
    const double target = response.at("target_ng_per_ml").get<double>();
    const double from = deviation.at("from_min").get<double>();
    const double high = target + deviation.at("overshoot_ng_per_ml").get<double>();
    const double low = target - deviation.at("undershoot_ng_per_ml").get<double>();
    EXPECT_LE(deviation.at("highest_ng_per_ml").get<double>(), high + 1e-9);
    EXPECT_GE(deviation.at("lowest_ng_per_ml").get<double>(), low - 1e-9);
    // Percentages: the ng/mL figures over the target x 100 (each rounded up).
    EXPECT_NEAR(deviation.at("overshoot_percent").get<double>(),
                deviation.at("overshoot_ng_per_ml").get<double>() / target * 100.0, 2e-3);
    // On a much finer grid than the response's (0.05 min, or as fine as 19000 points allow), every point after the target is first reached.
    Json fine = response.at("simulate");
    fine["step_min"] = std::max(0.05, fine.at("until_min").get<double>() / 19000.0);
    const Json curve = Call(fine);
    ASSERT_TRUE(curve.at("ok").get<bool>()) << curve.dump().substr(0, 300);
    const std::string key = response.at("target_site") == "plasma" ? "plasma_ng_per_ml" : "effect_ng_per_ml";
    const Json& times = curve.at("times_min");
    const Json& values = curve.at(key);
    double highest = 0.0;
    for (std::size_t i = 0; i < times.size(); ++i) {
      if (times[i].get<double>() < from) continue;
      const double value = values[i].get<double>();
      highest = std::max(highest, value);
      EXPECT_LE(value, high + 1e-9) << "t = " << times[i] << " for " << request.dump();
      EXPECT_GE(value, low - 1e-9) << "t = " << times[i] << " for " << request.dump();
    }
    // The bound is tight: the finest grid comes within 0.01 ng/mL of the reported highest value.
    EXPECT_NEAR(highest, deviation.at("highest_ng_per_ml").get<double>(), 0.01) << request.dump();
  }
}

TEST(Target, RatesAreAtThePumpsResolutionAndTheTotalAddsUp) {
  // The steps are the plan's (content/rules.json measurable_resolution): a pump rate in 0.1 mL/h steps, a syringe
  // volume in 0.1 mL steps from 1 mL and 0.01 mL under it.
  for (const Json& request : VariedRequests()) {
    const Json response = Call(request);
    ASSERT_TRUE(response.at("reachable").get<bool>()) << request.dump();
    double total = response.contains("bolus") ? response["bolus"]["dose_mg"].get<double>() : 0.0;
    if (response.contains("bolus")) {
      // The bolus at the syringe's step: dose = volume x 1 mg/mL, pushed over the time to reach the target.
      const double ml = response["bolus"]["volume_ml"].get<double>();
      const double perMl = ml < 1.0 ? 100.0 : 10.0;
      EXPECT_NEAR(ml * perMl, std::round(ml * perMl), 1e-9);
      EXPECT_DOUBLE_EQ(response["bolus"]["dose_mg"].get<double>(), ml);
      EXPECT_EQ(response["bolus"]["over_min"], request["reach_min"]);
    }
    for (const Json& step : response.at("steps")) {
      const double ml = step.at("rate_ml_per_h").get<double>();
      EXPECT_NEAR(ml * 10.0, std::round(ml * 10.0), 1e-9) << step.dump();
      // 0 mL/h is the pump stopped (the step's rate came out negative or under half a pump step): nothing is
      // programmed, so no rate alert, in particular not below-measurable-resolution, which is for a rate to set.
      if (ml == 0.0) EXPECT_TRUE(step.at("alerts").empty()) << step.dump();
      EXPECT_DOUBLE_EQ(step.at("rate_mg_per_h").get<double>(), ml);  // 1 mg/mL bag
      EXPECT_NEAR(step.at("rate_mg_per_kg_per_h").get<double>(), ml / 70.0, 5e-4);
      total += ml * (step.at("end_min").get<double>() - step.at("start_min").get<double>()) / 60.0;
    }
    EXPECT_NEAR(response.at("total_mg").get<double>(), total, 2e-3) << request.dump();
    EXPECT_EQ(response.at("steps").back().at("end_min"),
              request.at("reach_min").get<double>() + request.at("hold_min").get<double>());
  }
}

TEST(Target, PumpStepIsThePlansOwnIncludingASitesStep) {
  // The target sets a rate as the plan does (PumpSetting, content/rules.json measurable_resolution): a site whose
  // pump steps in 1 mL/h gets whole-number rates, and each rate opened as a plan shows the same pump setting, so
  // the schedule and the calculator never disagree. Domino at 70 kg holds 100 ng/mL with 11.592 mg/h at steady
  // state (0.1 mg/L x 1.932 L/min x 60); on a 1 mL/h pump at 1 mg/mL the settled hourly rates are 11 and 12 mL/h,
  // their mean within one step (1 mL/h) of 11.592.
  const std::string site = R"({"schemaVersion": 1, "institution": "Test Hospital", "approval": "test",
                                "pump_rate_step_ml_per_h": 1})";
  const Json response = Call(TargetRequest("domino", "acute-periop", 100, 30, 1440, 60), site);
  ASSERT_TRUE(response.at("ok").get<bool>()) << response.dump().substr(0, 300);
  ASSERT_TRUE(response.at("reachable").get<bool>());
  const Json& steps = response.at("steps");
  double sum = 0.0;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const double ml = steps[i].at("rate_ml_per_h").get<double>();
    EXPECT_DOUBLE_EQ(ml, std::round(ml)) << "step " << i;
    if (i + 6 >= steps.size()) sum += ml;
    if (ml == 0.0) continue;
    Json asPlan = response.at("plan_request");
    asPlan["infusion"]["rate_mg_per_h"] = steps[i].at("rate_mg_per_h");
    const Json planned = Call(asPlan, site);
    ASSERT_TRUE(planned.at("ok").get<bool>()) << planned.dump().substr(0, 300);
    EXPECT_EQ(planned.at("infusion").at("rate_ml_per_h"), steps[i].at("rate_ml_per_h")) << "step " << i;
  }
  EXPECT_NEAR(sum / 6.0, 11.592, 1.0);
}

TEST(Target, TheSKetamineProductAlertIsListedOnceForTheCourse) {
  // crps-sigtermans gives S-ketamine: the plan's soft s-ketamine-product alert (field "protocol") is about the
  // product the whole course is prepared from, not about one step's rate, so it is a course alert, listed once.
  const Json response = Call(TargetRequest("perez-ruixo-esketamine", "crps-sigtermans", 60, 120, 1440, 45));
  ASSERT_TRUE(response.at("reachable").get<bool>()) << response.dump().substr(0, 300);
  int course = 0;
  for (const Json& alert : response.at("alerts")) course += alert.at("code") == "s-ketamine-product";
  EXPECT_EQ(course, 1);
  for (const Json& step : response.at("steps")) {
    for (const Json& alert : step.at("alerts")) EXPECT_NE(alert.at("code"), "s-ketamine-product") << step.dump();
  }
}

TEST(Target, ShortReachUsesALoadingBolusOnlyWhenTheRegimenHasOne) {
  // chronic-iv-outpatient has a bolus: reaching in 5 min (<= 10 min, content/pk-models.json target) uses one.
  const Json withBolus = Call(TargetRequest("domino", "chronic-iv-outpatient", 100, 5, 120, 30));
  EXPECT_EQ(withBolus.at("loading"), "bolus");
  ASSERT_TRUE(withBolus.contains("bolus"));
  EXPECT_EQ(withBolus.at("steps").at(0).at("start_min"), 5.0);
  // crps-schwartzman has no bolus: the target is reached by the first pump rate instead (60 ng/mL: reaching
  // 100 ng/mL in 5 min would need 33.8 mg/h, above its 25 mg/h cap).
  const Json noBolus = Call(TargetRequest("domino", "crps-schwartzman", 60, 5, 120, 30));
  EXPECT_EQ(noBolus.at("loading"), "infusion");
  EXPECT_FALSE(noBolus.contains("bolus"));
  EXPECT_EQ(noBolus.at("steps").at(0).at("start_min"), 0.0);
  EXPECT_EQ(noBolus.at("steps").at(0).at("end_min"), 5.0);
  // Reaching in 15 min (> 10) uses a reaching infusion even where a bolus is allowed.
  EXPECT_EQ(Call(TargetRequest("domino", "chronic-iv-outpatient", 100, 15, 120, 30)).at("loading"), "infusion");
}

TEST(Target, EveryStepGoesThroughThePlanGuardrailsOfTheRegimen) {
  // Each step's alerts are the alerts a plan of the regimen gives for that rate (and, on the first step, the
  // loading bolus), apart from the alerts about the whole course, which the response lists once (the duration,
  // the total, the weight, and the product: s-ketamine-product is on field "protocol").
  const Json request = TargetRequest("domino", "chronic-iv-outpatient", 150, 5, 240, 30);
  const Json response = Call(request);
  ASSERT_TRUE(response.at("reachable").get<bool>());
  const Json& steps = response.at("steps");
  const Json& plan = response.at("plan_request");
  for (std::size_t i = 0; i < steps.size(); ++i) {
    Json asPlan = plan;
    if (i > 0) asPlan.erase("bolus");
    asPlan["infusion"]["rate_mg_per_h"] = steps[i].at("rate_mg_per_h");
    const Json planned = Call(asPlan);
    ASSERT_TRUE(planned.at("ok").get<bool>()) << planned.dump();
    std::set<std::string> expected;
    for (const Json& alert : planned.at("alerts")) {
      const std::string field = alert.value("field", "");
      if (alert["code"] == "below-minimum-effective-dose" || field == "infusion.duration_h" ||
          field == "patient.weight" || field == "dosing_weight" || field == "total_mg" || field == "protocol") {
        continue;
      }
      expected.insert(alert.at("code").get<std::string>() + " " + field);
    }
    std::set<std::string> actual;
    for (const Json& alert : steps[i].at("alerts")) {
      actual.insert(alert.at("code").get<std::string>() + " " + alert.value("field", ""));
      EXPECT_EQ(alert.at("step"), i);
    }
    EXPECT_EQ(actual, expected) << "step " << i;
  }
  // The calculator's plan for the bolus and first rate computes the same figures as the schedule.
  const Json planned = Call(plan);
  EXPECT_EQ(planned.at("bolus").at("dose_mg"), response.at("bolus").at("dose_mg"));
  EXPECT_EQ(planned.at("infusion").at("rate_ml_per_h"), steps.at(0).at("rate_ml_per_h"));
}

TEST(Target, AnUnreachableTargetUnderASitesTightenedCapIsReportedNotClipped) {
  // CRPS regimen: cap 25 mg/h built in (cnmp-position-2016 5(b)); the site tightens it to 10 mg/h. Holding
  // 100 ng/mL under Domino needs at least 11.6 mg/h at steady state (0.1 mg/L x 1.932 L/min x 60), more while
  // the peripheral compartments fill, so no schedule within 10 mg/h exists.
  const Json request = TargetRequest("domino", "crps-schwartzman", 100, 30, 240, 30);
  const Json builtIn = Call(request);
  ASSERT_TRUE(builtIn.at("ok").get<bool>());
  EXPECT_TRUE(builtIn.at("reachable").get<bool>());  // within 25 mg/h: the first rate is 23.2 mg/h
  const Json capped = Call(request, kTightCapSite);
  ASSERT_TRUE(capped.at("ok").get<bool>()) << capped.dump();
  EXPECT_FALSE(capped.at("reachable").get<bool>());
  EXPECT_FALSE(capped.contains("steps"));  // no dose for a target it cannot give
  EXPECT_FALSE(capped.contains("bolus"));
  EXPECT_FALSE(capped.contains("plasma_ng_per_ml"));
  const Json& exceeded = capped.at("exceeded");
  ASSERT_FALSE(exceeded.empty());
  EXPECT_EQ(exceeded.at(0).at("alerts").at(0).at("code"), "rate-cap-exceeded");
  EXPECT_GT(exceeded.at(0).at("needed_rate_mg_per_h").get<double>(), 10.0);
  EXPECT_NE(capped.at("message").get<std::string>().find("no schedule is given"), std::string::npos);
  // The highest target the cap allows: that one is reachable, with every rate at or below 10 mg/h; a little more
  // is not. Below 100 x 10 / 11.592 = 86.3 ng/mL (the steady-state bound), as the reaching rate is higher still.
  const double highest = capped.at("highest_target_ng_per_ml").get<double>();
  EXPECT_GT(highest, 0.0);
  EXPECT_LT(highest, 100.0 * 10.0 / 11.592);
  Json atHighest = request;
  atHighest["target_ng_per_ml"] = highest;
  const Json allowed = Call(atHighest, kTightCapSite);
  ASSERT_TRUE(allowed.at("reachable").get<bool>()) << allowed.dump().substr(0, 500);
  for (const Json& step : allowed.at("steps")) EXPECT_LE(step.at("rate_mg_per_h").get<double>(), 10.0);
  Json above = request;
  above["target_ng_per_ml"] = highest + 1.0;
  EXPECT_FALSE(Call(above, kTightCapSite).at("reachable").get<bool>());
}

TEST(Target, TheAnswerSaysItIsAModelPredictionAndWhichModelsSuit) {
  const Json response = Call(TargetRequest("hijazi", "chronic-iv-outpatient", 100, 15, 240, 30));
  ASSERT_TRUE(response.at("ok").get<bool>());
  const Json& prediction = response.at("prediction");
  EXPECT_NE(prediction.at("statement").get<std::string>().find("not a measurement"), std::string::npos);
  EXPECT_EQ(prediction.at("source"), "hijazi2003");
  EXPECT_NE(prediction.at("population").get<std::string>().find("intensive care"), std::string::npos);
  EXPECT_TRUE(prediction.contains("caution"));  // the ICU model for an outpatient regimen
  for (const Json& model : response.at("models")) {
    EXPECT_EQ(model.at("suits").get<bool>(), model.at("id") != "perez-ruixo-esketamine") << model.dump();
  }
  // Inpatient regimen: no caution for the ICU model.
  EXPECT_FALSE(Call(TargetRequest("hijazi", "ncp-subanaesthetic", 100, 15, 240, 30)).at("prediction").contains("caution"));
  // The S-ketamine model only for the S-ketamine regimen, and a racemic model not for it.
  EXPECT_EQ(ErrorFields(Call(TargetRequest("perez-ruixo-esketamine", "chronic-iv-outpatient", 100, 15, 240, 30))),
            std::set<std::string>{"model"});
  EXPECT_EQ(ErrorFields(Call(TargetRequest("domino", "crps-sigtermans", 100, 15, 240, 30))),
            std::set<std::string>{"model"});
  EXPECT_TRUE(Call(TargetRequest("perez-ruixo-esketamine", "crps-sigtermans", 100, 15, 240, 30)).at("ok").get<bool>());
}

TEST(Target, BadInputGivesFieldErrorsAndNoDose) {
  struct Case {
    const char* key;
    Json value;
    const char* field;
  };
  const Case cases[] = {
      {"target_ng_per_ml", 0, "target_ng_per_ml"},   {"target_ng_per_ml", "100", "target_ng_per_ml"},
      {"target_site", "brain", "target_site"},       {"reach_min", 0, "reach_min"},
      {"hold_min", -5, "hold_min"},                  {"hold_min", 14400, "hold_min"},  // reach + hold > 10 days
      {"step_min", 1, "step_min"},                   {"step_min", 5, "step_min"},      // 240 / 5 + 1 = 49: fine
      {"concentration_mg_per_ml", 0, "concentration_mg_per_ml"},
      {"model", "unknown", "model"},                 {"protocol", "test-dose", "protocol"},  // a bolus only
      {"protocol", "nonexistent", "protocol"},       {"ke0_half_life_min", 30, "ke0_half_life_min"},
      {"colour", "blue", "colour"},
  };
  for (const Case& c : cases) {
    Json request = TargetRequest("domino", "chronic-iv-outpatient", 100, 15, 240, 120);
    request[c.key] = c.value;
    const ApiResult result = Handle(request.dump());
    const Json response = Json::parse(result.json);
    if (std::string(c.key) == "step_min" && c.value == 5) {
      EXPECT_TRUE(response.at("ok").get<bool>()) << response.dump().substr(0, 300);
      continue;
    }
    EXPECT_EQ(result.outcome, Outcome::kRejected) << c.key;
    EXPECT_EQ(ErrorFields(response), std::set<std::string>{c.field}) << c.key << ": " << response.dump();
    EXPECT_FALSE(response.contains("steps"));
  }
  // depression-iv is an infusion since the rules branch (0.75 mg/kg/h for 40 min, regimens.json), so it is no
  // longer refused: a 4-h hold is a course above its usual 0.667 h, a soft alert listed once, not an error.
  Json depression = TargetRequest("domino", "depression-iv", 100, 15, 240, 120);
  const Json depressionResponse = Call(depression);
  ASSERT_TRUE(depressionResponse.at("ok").get<bool>()) << depressionResponse.dump().substr(0, 300);
  std::set<std::string> courseCodes;
  for (const Json& alert : depressionResponse.at("alerts")) {
    courseCodes.insert(alert.at("code").get<std::string>() + " " + alert.value("field", ""));
  }
  EXPECT_TRUE(courseCodes.count("above-protocol-range infusion.duration_h")) << depressionResponse.at("alerts");
  // Too many rate changes for one schedule (more than the simulator's 200 doses): 14000 min every 5 min.
  Json many = TargetRequest("domino", "ncp-subanaesthetic", 100, 15, 14000, 5);
  EXPECT_EQ(ErrorFields(Call(many)), std::set<std::string>{"step_min"});
  Json missing = TargetRequest("domino", "chronic-iv-outpatient", 100, 15, 240, 30);
  missing.erase("step_min");  // the interval between rate changes is an input, never a hidden default
  EXPECT_EQ(ErrorFields(Call(missing)), std::set<std::string>{"step_min"});
}

}  // namespace
}  // namespace ketadose
