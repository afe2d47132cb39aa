// Concentration simulator: the exact solution against analytic one-compartment results, against the
// steady state rate / clearance for every published model, against an independent fine-step RK4
// integration, and its independence from the output step.
#include "domain/pk.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "api/api.hpp"
#include "api/simulation_io.hpp"
#include "content/content.hpp"
#include "domain/pk_model.hpp"
#include "json/json_type.hpp"

namespace ketadose {
namespace {

constexpr double kRelative = 1e-9;

// |actual - expected| <= tolerance x |expected| (or an absolute floor for values near zero, in ng/mL).
void ExpectClose(double actual, double expected, const std::string& what, double tolerance = kRelative) {
  EXPECT_NEAR(actual, expected, std::max(tolerance * std::abs(expected), 1e-9)) << what;
}

MicroConstants OneCompartment(double v1, double k10, double ke0) {
  MicroConstants model{};
  model.v1 = Litres(v1);
  model.k10 = PerMinute(k10);
  model.ke0 = PerMinute(ke0);
  return model;
}

Patient Adult(double kg, double age = 45.0) {
  Patient patient;
  patient.actualWeight = Kilograms(kg);
  patient.age = Years(age);
  return patient;
}

// The model's record as written in content/pk-models.json (independent of the typed records' reader).
const Json& RawModel(const std::string& id) {
  for (const auto& record : ContentJson("pk-models.json").at("models")) {
    if (record.at("id") == id) return record;
  }
  static const Json none = Json::object();
  ADD_FAILURE() << "no model " << id;
  return none;
}

std::vector<std::string> ModelIds() {
  std::vector<std::string> ids;
  for (const PkModelRecord& record : PkModelRecords()) ids.push_back(record.id);
  return ids;
}

MicroConstants ModelFor(const std::string& id, const Patient& patient) {
  const auto model = ModelForPatient(*FindPkModel(id), PkSubjectOf(patient), std::nullopt);
  EXPECT_TRUE(model.has_value()) << id;
  return model->constants;
}

TEST(PkUnits, MilligramsPerLitreAreAThousandNanogramsPerMillilitre) {
  // 1 mg/L = 1 ug/mL = 1000 ng/mL; k = ln 2 / t1/2: a 5-min half-life is 0.1386 per min.
  EXPECT_DOUBLE_EQ(ToNgPerMl(MgPerLitre(0.1)).value(), 100.0);
  EXPECT_DOUBLE_EQ(ToMgPerLitre(NgPerMl(100)).value(), 0.1);
  EXPECT_DOUBLE_EQ(RateConstantForHalfLife(Minutes(5)).value(), std::log(2.0) / 5.0);
  // 151 L/h hepatic blood flow into a 192-L central volume: 151 / 60 / 192 per min.
  EXPECT_DOUBLE_EQ(RateConstant(ToLitresPerMinute(LitresPerHour(151)), Litres(192)).value(), 151.0 / 60.0 / 192.0);
  EXPECT_DOUBLE_EQ(ToPerMinute(PerHour(3.88)).value(), 3.88 / 60.0);
}

TEST(PkModels, ContentHasAtLeastTwoRacemicModelsAndOneSKetamineModel) {
  int racemic = 0;
  int sKetamine = 0;
  for (const PkModelRecord& record : PkModelRecords()) {
    const std::string& drug = record.drug;
    racemic += drug == "racemic ketamine" ? 1 : 0;
    sKetamine += drug == "S-ketamine" ? 1 : 0;
    EXPECT_FALSE(RawModel(record.id).at("read_from").empty()) << record.id;
    EXPECT_FALSE(record.source.ref.empty()) << record.id;
    EXPECT_TRUE(ModelForPatient(record, PkSubjectOf(Adult(70)), std::nullopt).has_value()) << record.id;
  }
  EXPECT_GE(racemic, 2);
  EXPECT_GE(sKetamine, 1);
}

TEST(PkModels, DominoVolumesScaleWithActualWeight) {
  // Domino: V1 = 0.063 L/kg x 70 kg = 4.41 L; rate constants as published (opentiva/ketamine.py).
  const MicroConstants model = ModelFor("domino", Adult(70));
  EXPECT_DOUBLE_EQ(model.v1.value(), 0.063 * 70);
  EXPECT_DOUBLE_EQ(model.k10.value(), 0.4381);
  EXPECT_DOUBLE_EQ(model.k12.value(), 0.5921);
  EXPECT_DOUBLE_EQ(model.k21.value(), 0.247);
  EXPECT_DOUBLE_EQ(model.k13.value(), 0.59);
  EXPECT_DOUBLE_EQ(model.k31.value(), 0.0146);
  // Default effect site: half-life 5 min (cnmp-position-2016 App. 2 range 1-10 min): ke0 = ln 2 / 5.
  EXPECT_DOUBLE_EQ(model.ke0.value(), std::log(2.0) / 5.0);
}

TEST(PkModels, HepaticBloodFlowFallsWithAgeOverSixtyInThePerezRuixoModel) {
  // Qh = 151 L/h - 2.19 L/h per year over 60: at 70 years 129.1 L/h; k14 = Qh / Vc = 129.1 / 60 / 192 per min.
  const MicroConstants older = ModelFor("perez-ruixo-esketamine", Adult(70, 70));
  EXPECT_NEAR(older.k14.value(), (151.0 - 2.19 * 10) / 60.0 / 192.0, 1e-15);
  EXPECT_NEAR(older.k41.value(), (151.0 - 2.19 * 10) / 60.0 / 101.0, 1e-15);
  EXPECT_NEAR(older.k40.value(), (1.11 + 2.77) / 60.0, 1e-15);
  const MicroConstants younger = ModelFor("perez-ruixo-esketamine", Adult(70, 40));
  EXPECT_NEAR(younger.k14.value(), 151.0 / 60.0 / 192.0, 1e-15);
  // Weight does not enter this model.
  EXPECT_DOUBLE_EQ(ModelFor("perez-ruixo-esketamine", Adult(120, 40)).v1.value(), 192.0);
}

TEST(PkOneCompartment, BolusDecaysAsASingleExponential) {
  // C(t) = D / V e^(-k t); effect site Ce(t) = C0 ke0 / (ke0 - k) (e^(-k t) - e^(-ke0 t)).
  const double v = 10.0, k = 0.1, ke0 = 0.5, dose = 100.0;
  const Simulation result = Simulate(OneCompartment(v, k, ke0), {{Minutes(0), Milligrams(dose), Minutes(0)}},
                                     OutputGrid{Minutes(2.5), Minutes(120), NgPerMl(100)});
  ASSERT_EQ(result.times.size(), 49u);
  for (std::size_t i = 0; i < result.times.size(); ++i) {
    const double t = result.times[i].value();
    const double c0 = dose / v * 1000.0;  // ng/mL
    ExpectClose(result.plasma[i].value(), c0 * std::exp(-k * t), "plasma at " + std::to_string(t));
    ExpectClose(result.effect[i].value(), c0 * ke0 / (ke0 - k) * (std::exp(-k * t) - std::exp(-ke0 * t)),
                "effect at " + std::to_string(t));
  }
  // Peak plasma is the bolus itself; time above 100 ng/mL: C0 e^(-k t) > 100 until t = ln(C0 / 100) / k.
  ExpectClose(result.peakPlasma.value(), 10000.0, "peak");
  EXPECT_EQ(result.peakPlasmaTime.value(), 0.0);
  ExpectClose(result.plasmaAboveThreshold.value(), std::log(10000.0 / 100.0) / k, "minutes above", 1e-9);
  // Effect peak where dCe/dt = 0: t = ln(ke0 / k) / (ke0 - k).
  ExpectClose(result.peakEffectTime.value(), std::log(ke0 / k) / (ke0 - k), "effect peak time", 1e-6);
}

TEST(PkOneCompartment, EffectSiteIsExactWhenKe0EqualsTheEliminationRate) {
  // ke0 = k: Ce(t) = C0 k t e^(-k t), the limit the closed form must reach without dividing by zero.
  const double k = 0.2;
  const Simulation result = Simulate(OneCompartment(5.0, k, k), {{Minutes(0), Milligrams(50), Minutes(0)}},
                                     OutputGrid{Minutes(1), Minutes(60), NgPerMl(100)});
  for (std::size_t i = 0; i < result.times.size(); ++i) {
    const double t = result.times[i].value();
    ExpectClose(result.effect[i].value(), 10000.0 * k * t * std::exp(-k * t), "effect at " + std::to_string(t));
  }
}

TEST(PkOneCompartment, InfusionRisesToRateOverClearanceAndFallsAfterwards) {
  // During: C = R / (k V) (1 - e^(-k t)); after the end T: C(T) e^(-k (t - T)).
  const double v = 20.0, k = 0.05, rate = 2.0, end = 90.0;  // mg/min
  const Simulation result = Simulate(OneCompartment(v, k, 1.0), {{Minutes(0), Milligrams(rate * end), Minutes(end)}},
                                     OutputGrid{Minutes(3), Minutes(300), NgPerMl(100)});
  const double plateau = rate / (k * v) * 1000.0;
  for (std::size_t i = 0; i < result.times.size(); ++i) {
    const double t = result.times[i].value();
    const double expected =
        t <= end ? plateau * -std::expm1(-k * t) : plateau * -std::expm1(-k * end) * std::exp(-k * (t - end));
    ExpectClose(result.plasma[i].value(), expected, "plasma at " + std::to_string(t));
  }
  ExpectClose(result.peakPlasma.value(), plateau * -std::expm1(-k * end), "peak at the end of the infusion");
  ExpectClose(result.peakPlasmaTime.value(), end, "peak time");
}

// Expected plasma clearance from the content parameters, computed here without the eigen-decomposition.
double ExpectedClearance(const std::string& id, const Patient& patient) {
  const auto& p = RawModel(id).at("parameters");
  if (RawModel(id).at("form") == "hepato-portal") {
    const double qh = (p.at("qh_l_per_h").get<double>() - p.at("qh_decline_l_per_h_per_year_over_60").get<double>() *
                                                              std::max(0.0, patient.age->value() - 60.0)) /
                      60.0;
    const double intrinsic =
        p.at("vh_l").get<double>() * (p.at("kel_per_h").get<double>() + p.at("kmet_per_h").get<double>()) / 60.0;
    return qh * intrinsic / (qh + intrinsic);  // well-stirred liver: CL = Qh CLint / (Qh + CLint)
  }
  return p.at("v1_l_per_kg").get<double>() * patient.actualWeight.value() * p.at("k10_per_min").get<double>();
}

TEST(PkSteadyState, HalfMgPerKgPerHourPlateausAtRateOverClearanceForEveryModel) {
  // 0.5 mg/kg/h x 70 kg = 35 mg/h = 35/60 mg/min; after many terminal half-lives C = R / CL.
  const Patient patient = Adult(70);
  const double rate = 0.5 * 70.0 / 60.0;
  const double horizon = 60000.0;  // 90 terminal half-lives of the slowest model (662 min)
  for (const std::string& id : ModelIds()) {
    const MicroConstants model = ModelFor(id, patient);
    const double clearance = ExpectedClearance(id, patient);
    ExpectClose(SteadyStateClearance(model).value(), clearance, id + " clearance", 1e-12);
    const Simulation result = Simulate(model, {{Minutes(0), Milligrams(rate * horizon), Minutes(horizon)}},
                                       OutputGrid{Minutes(horizon), Minutes(horizon), NgPerMl(100)});
    ASSERT_EQ(result.times.size(), 2u);
    const double plateau = rate / clearance * 1000.0;  // mg/L -> ng/mL
    ExpectClose(result.plasma.back().value(), plateau, id + " plasma plateau");
    ExpectClose(result.effect.back().value(), plateau, id + " effect plateau");
    ExpectClose(result.peakPlasma.value(), plateau, id + " peak is the plateau");
  }
}

// An independent reference: classical RK4 on the amounts in each compartment with a tiny step, interval by
// interval, straight from the rate constants (no eigen-decomposition).
struct Reference {
  std::vector<double> times, plasma, effect;  // ng/mL
};

Reference Rk4(const MicroConstants& m, double bolusAtZero, const std::vector<std::array<double, 3>>& pieces,
              double sampleEvery, double h) {
  // pieces: {start, end, rate mg/min}, contiguous from 0.
  struct S {
    double x1, x2, x3, x4, ce;
  };
  const double v1 = m.v1.value();
  const auto derivative = [&](const S& s, double rate) {
    return S{rate - (m.k10.value() + m.k12.value() + m.k13.value() + m.k14.value()) * s.x1 + m.k21.value() * s.x2 +
                 m.k31.value() * s.x3 + m.k41.value() * s.x4,
             m.k12.value() * s.x1 - m.k21.value() * s.x2, m.k13.value() * s.x1 - m.k31.value() * s.x3,
             m.k14.value() * s.x1 - (m.k41.value() + m.k40.value()) * s.x4, m.ke0.value() * (s.x1 / v1 - s.ce)};
  };
  const auto axpy = [](const S& s, double a, const S& d) {
    return S{s.x1 + a * d.x1, s.x2 + a * d.x2, s.x3 + a * d.x3, s.x4 + a * d.x4, s.ce + a * d.ce};
  };
  Reference out;
  S s{bolusAtZero, 0, 0, 0, 0};
  const auto record = [&](double t) {
    out.times.push_back(t);
    out.plasma.push_back(s.x1 / v1 * 1000.0);
    out.effect.push_back(s.ce * 1000.0);
  };
  record(0.0);
  for (const auto& piece : pieces) {
    const long steps = std::lround((piece[1] - piece[0]) / h);
    const long perSample = std::lround(sampleEvery / h);
    for (long n = 1; n <= steps; ++n) {
      const S k1 = derivative(s, piece[2]);
      const S k2 = derivative(axpy(s, h / 2, k1), piece[2]);
      const S k3 = derivative(axpy(s, h / 2, k2), piece[2]);
      const S k4 = derivative(axpy(s, h, k3), piece[2]);
      s = S{s.x1 + h / 6 * (k1.x1 + 2 * k2.x1 + 2 * k3.x1 + k4.x1),
            s.x2 + h / 6 * (k1.x2 + 2 * k2.x2 + 2 * k3.x2 + k4.x2),
            s.x3 + h / 6 * (k1.x3 + 2 * k2.x3 + 2 * k3.x3 + k4.x3),
            s.x4 + h / 6 * (k1.x4 + 2 * k2.x4 + 2 * k3.x4 + k4.x4),
            s.ce + h / 6 * (k1.ce + 2 * k2.ce + 2 * k3.ce + k4.ce)};
      if (n % perSample == 0) record(piece[0] + n * h);
    }
  }
  return out;
}

TEST(PkReference, ExactSolutionMatchesFineStepRk4ForEveryModel) {
  // A 20 mg bolus at 0, 24.5 mg over 10 min from 5 min (overlapping the bolus's decline), then 140 mg over
  // 240 min from 15 min, observed to 400 min. Rate pieces: [0,5) 0; [5,15) 2.45; [15,255) 140/240; [255,400) 0.
  const std::vector<DoseSegment> regimen = {{Minutes(0), Milligrams(20), Minutes(0)},
                                            {Minutes(5), Milligrams(24.5), Minutes(10)},
                                            {Minutes(15), Milligrams(140), Minutes(240)}};
  const std::vector<std::array<double, 3>> pieces = {
      {0, 5, 0.0}, {5, 15, 2.45}, {15, 255, 140.0 / 240.0}, {255, 400, 0.0}};
  for (const std::string& id : ModelIds()) {
    const MicroConstants model = ModelFor(id, Adult(70));
    const Simulation exact = Simulate(model, regimen, OutputGrid{Minutes(5), Minutes(400), NgPerMl(100)});
    const Reference reference = Rk4(model, 20.0, pieces, 5.0, 0.0025);
    ASSERT_EQ(exact.times.size(), reference.times.size()) << id;
    for (std::size_t i = 0; i < exact.times.size(); ++i) {
      ASSERT_DOUBLE_EQ(exact.times[i].value(), reference.times[i]);
      const std::string at = id + " at " + std::to_string(reference.times[i]);
      ExpectClose(exact.plasma[i].value(), reference.plasma[i], at + " plasma");
      ExpectClose(exact.effect[i].value(), reference.effect[i], at + " effect");
    }
  }
}

TEST(PkStep, ValuesAtSharedTimesDoNotDependOnTheStep) {
  const std::vector<DoseSegment> regimen = {{Minutes(0), Milligrams(24.5), Minutes(10)},
                                            {Minutes(10), Milligrams(140), Minutes(240)},
                                            {Minutes(300), Milligrams(10), Minutes(0)}};
  for (const std::string& id : ModelIds()) {
    const MicroConstants model = ModelFor(id, Adult(82));
    const Simulation coarse = Simulate(model, regimen, OutputGrid{Minutes(7.5), Minutes(600), NgPerMl(100)});
    const Simulation fine = Simulate(model, regimen, OutputGrid{Minutes(0.5), Minutes(600), NgPerMl(100)});
    for (std::size_t i = 0; i < coarse.times.size(); ++i) {
      const std::size_t j = i * 15;  // 7.5 min = 15 x 0.5 min
      ASSERT_DOUBLE_EQ(fine.times[j].value(), coarse.times[i].value());
      ExpectClose(fine.plasma[j].value(), coarse.plasma[i].value(), id + " plasma");
      ExpectClose(fine.effect[j].value(), coarse.effect[i].value(), id + " effect");
    }
    // Peaks and time above the threshold come from the exact curve, not the grid.
    ExpectClose(fine.peakPlasma.value(), coarse.peakPlasma.value(), id + " peak");
    ExpectClose(fine.peakEffect.value(), coarse.peakEffect.value(), id + " effect peak");
    ExpectClose(fine.peakEffectTime.value(), coarse.peakEffectTime.value(), id + " effect peak time");
    ExpectClose(fine.plasmaAboveThreshold.value(), coarse.plasmaAboveThreshold.value(), id + " minutes above");
  }
}

TEST(PkSummary, PeakAndTimeAboveAgreeWithADenseGrid) {
  // The refined peak is at least the best of a 0.001-min grid and within a hair of it; the time above
  // 100 ng/mL matches the grid count to within the grid spacing.
  const std::vector<DoseSegment> regimen = {{Minutes(0), Milligrams(35), Minutes(2)},
                                            {Minutes(2), Milligrams(60), Minutes(120)}};
  const MicroConstants model = ModelFor("domino", Adult(70));
  const Simulation dense = Simulate(model, regimen, OutputGrid{Minutes(0.001), Minutes(400), NgPerMl(100)});
  const Simulation summary = Simulate(model, regimen, OutputGrid{Minutes(50), Minutes(400), NgPerMl(100)});
  double densePeak = 0.0, densePeakEffect = 0.0, above = 0.0;
  for (std::size_t i = 0; i < dense.times.size(); ++i) {
    densePeak = std::max(densePeak, dense.plasma[i].value());
    densePeakEffect = std::max(densePeakEffect, dense.effect[i].value());
    if (i > 0 && dense.plasma[i].value() > 100.0) above += 0.001;
  }
  EXPECT_GE(summary.peakPlasma.value(), densePeak * (1 - 1e-12));
  EXPECT_NEAR(summary.peakPlasma.value(), densePeak, 1e-6 * densePeak);
  EXPECT_GE(summary.peakEffect.value(), densePeakEffect * (1 - 1e-12));
  EXPECT_NEAR(summary.peakEffect.value(), densePeakEffect, 1e-6 * densePeakEffect);
  EXPECT_NEAR(summary.plasmaAboveThreshold.value(), above, 0.002);
}

TEST(PkRegimen, OverlappingSegmentsAddTheirRates) {
  const MicroConstants model = ModelFor("clements-250", Adult(70));
  const OutputGrid grid{Minutes(10), Minutes(300), NgPerMl(100)};
  const Simulation twice =
      Simulate(model, {{Minutes(20), Milligrams(50), Minutes(100)}, {Minutes(20), Milligrams(50), Minutes(100)}}, grid);
  const Simulation once = Simulate(model, {{Minutes(20), Milligrams(100), Minutes(100)}}, grid);
  for (std::size_t i = 0; i < once.times.size(); ++i) ExpectClose(twice.plasma[i].value(), once.plasma[i].value(), "t");
}

TEST(PkRegimen, LinearityAddsSeparateRegimens) {
  // Superposition: the curve of two regimens given together is the sum of their curves.
  const MicroConstants model = ModelFor("perez-ruixo-esketamine", Adult(70));
  const OutputGrid grid{Minutes(5), Minutes(500), NgPerMl(100)};
  const DoseSegment a{Minutes(0), Milligrams(20), Minutes(0)};
  const DoseSegment b{Minutes(33), Milligrams(80), Minutes(120)};
  const Simulation both = Simulate(model, {a, b}, grid);
  const Simulation first = Simulate(model, {a}, grid);
  const Simulation second = Simulate(model, {b}, grid);
  for (std::size_t i = 0; i < both.times.size(); ++i) {
    ExpectClose(both.plasma[i].value(), first.plasma[i].value() + second.plasma[i].value(), "plasma", 1e-12);
    ExpectClose(both.effect[i].value(), first.effect[i].value() + second.effect[i].value(), "effect", 1e-12);
  }
}

TEST(PkRegimen, DosesAfterTheHorizonDoNotAppear) {
  const Simulation result = Simulate(ModelFor("domino", Adult(70)), {{Minutes(100), Milligrams(50), Minutes(0)}},
                                     OutputGrid{Minutes(10), Minutes(90), NgPerMl(100)});
  for (const NgPerMl& value : result.plasma) EXPECT_EQ(value.value(), 0.0);
  EXPECT_EQ(result.peakPlasma.value(), 0.0);
  EXPECT_EQ(result.plasmaAboveThreshold.value(), 0.0);
}

TEST(PkModel, UnsolvableConstantsAreRecognised) {
  EXPECT_TRUE(IsSolvable(OneCompartment(1, 0.1, 1)));
  EXPECT_FALSE(IsSolvable(OneCompartment(0, 0.1, 1)));  // no volume
  EXPECT_FALSE(IsSolvable(OneCompartment(1, 0.0, 1)));  // no elimination
  EXPECT_FALSE(IsSolvable(OneCompartment(1, 0.1, 0)));  // no effect-site link
  MicroConstants oneWay = OneCompartment(1, 0.1, 1);
  oneWay.k12 = PerMinute(0.2);  // into compartment 2 with no way back
  EXPECT_FALSE(IsSolvable(oneWay));
}

// The API: plan's own simulation equals the simulate action given the same doses.
TEST(PkApi, PlanSimulationEqualsTheSimulateActionForTheSameDoses) {
  const std::string plan = R"({"action":"plan","protocol":"chronic-iv-outpatient",
    "patient":{"weight":70,"weight_unit":"kg","height_cm":175,"sex":"male","age_years":45},
    "bolus":{"dose_mg_per_kg":0.35,"concentration_mg_per_ml":10,"over_min":10},
    "infusion":{"rate_mg_per_kg_per_h":0.5,"duration_h":4,"concentration_mg_per_ml":1},
    "simulate":{"model":"domino","step_min":10,"until_min":480}})";
  // The plan's bolus is what the syringe measures: 2.45 mL rounded down to 2.4 mL = 24 mg (0.1 mL steps from 1 mL).
  const std::string simulate = R"({"action":"simulate","model":"domino",
    "patient":{"weight":70,"weight_unit":"kg","height_cm":175,"sex":"male","age_years":45},
    "regimen":[{"start_min":0,"dose_mg":24,"over_min":10},{"start_min":10,"dose_mg":140,"over_min":240}],
    "step_min":10,"until_min":480})";
  const nlohmann::json fromPlan = nlohmann::json::parse(Handle(plan).json);
  const nlohmann::json direct = nlohmann::json::parse(Handle(simulate).json);
  ASSERT_TRUE(fromPlan.contains("simulation")) << fromPlan.dump();
  for (const char* key : {"plasma_ng_per_ml", "effect_ng_per_ml", "times_min", "peak_plasma_ng_per_ml",
                          "minutes_above_threshold", "model"}) {
    EXPECT_EQ(fromPlan["simulation"][key], direct[key]) << key;
  }
}

}  // namespace

// An S-ketamine curve is not read against the racemic 100 ng/mL figure unless the request gives a threshold
// (cohen2018 pharmacology: S(+) is about 3-4 times as potent).
TEST(PkApi, SKetamineHasNoDefaultThreshold) {
  const std::string base = R"({"action":"simulate","model":"perez-ruixo-esketamine","patient":{"weight":70},
    "regimen":[{"start_min":0,"dose_mg":28,"over_min":40}],"step_min":60,"until_min":240)";
  const nlohmann::json byDefault = nlohmann::json::parse(Handle(base + "}").json);
  EXPECT_FALSE(byDefault.contains("threshold_ng_per_ml"));
  EXPECT_FALSE(byDefault.contains("minutes_above_threshold"));
  EXPECT_TRUE(byDefault.contains("threshold_note"));
  const nlohmann::json given = nlohmann::json::parse(Handle(base + R"(,"threshold_ng_per_ml":30})").json);
  EXPECT_DOUBLE_EQ(given["threshold_ng_per_ml"].get<double>(), 30.0);
  EXPECT_TRUE(given.contains("minutes_above_threshold"));
  // A racemic model keeps the 100 ng/mL default.
  const nlohmann::json racemic = nlohmann::json::parse(Handle(R"({"action":"simulate","model":"domino","patient":{"weight":70},
    "regimen":[{"start_min":0,"dose_mg":28,"over_min":40}],"step_min":60,"until_min":240})").json);
  EXPECT_DOUBLE_EQ(racemic["threshold_ng_per_ml"].get<double>(), 100.0);
}

}  // namespace ketadose
