// Plasma and effect-site concentrations for a dosing regimen: the exact solution of a linear compartment
// model, one closed-form step per constant-rate interval (no Euler steps), so accuracy does not depend on
// the output step.
#pragma once

#include <vector>

#include "base/units.hpp"

namespace ketadose {

// One patient's model as rate constants (TCI convention: kij moves drug from compartment i to j, k10 and
// k40 eliminate). Compartment 1 is plasma; 2 and 3 are peripheral compartments; 4 is a peripheral
// compartment that also eliminates (the hepato-portal compartment of Perez-Ruixo 2021). A zero pair
// (k1i = ki1 = 0) means the compartment is absent, so one-, two-, three- and four-compartment models share
// this type. ke0 links plasma to the effect site, which holds no drug of its own.
struct MicroConstants {
  Litres v1;
  PerMinute k10;
  PerMinute k12;
  PerMinute k21;
  PerMinute k13;
  PerMinute k31;
  PerMinute k14;
  PerMinute k41;
  PerMinute k40;
  PerMinute ke0;
};

// True when the constants describe a model this module can solve: finite, positive central volume and
// ke0, every peripheral either absent or linked both ways, and some elimination.
bool IsSolvable(const MicroConstants& model);

// A constant-rate input: `dose` spread evenly over `over` from `start`, or all at `start` when `over` is 0.
// Segments may overlap; their rates add.
struct DoseSegment {
  Minutes start;
  Milligrams dose;
  Minutes over;
};

// Where the curve is reported: at 0, step, 2 step, ... up to `until`; `threshold` is the concentration
// whose exceedance time is summed.
struct OutputGrid {
  Minutes step;
  Minutes until;
  NgPerMl threshold;
};

struct Simulation {
  std::vector<Minutes> times;
  std::vector<NgPerMl> plasma;  // at each time; at a bolus instant the value just after it
  std::vector<NgPerMl> effect;
  // Peaks and exceedance over the whole horizon [0, until], found on the exact curve (not the output
  // grid), so they do not depend on the step either.
  NgPerMl peakPlasma;
  Minutes peakPlasmaTime;
  NgPerMl peakEffect;
  Minutes peakEffectTime;
  Minutes plasmaAboveThreshold;
  Minutes effectAboveThreshold;
};

// The plasma clearance at steady state: a constant infusion R settles at R / clearance. For a model that
// eliminates from plasma only this is k10 x V1.
LitresPerMinute SteadyStateClearance(const MicroConstants& model);

// The simulation of `regimen` under `model` (which must be solvable, with grid.step > 0). A pure function.
Simulation Simulate(const MicroConstants& model, const std::vector<DoseSegment>& regimen, const OutputGrid& grid);

// Which concentration a target or a curve summary is about.
enum class Site { kPlasma, kEffect };

// The model's exact state under piecewise-constant input (the closed-form update Simulate uses), advanced one
// constant-rate interval at a time. Target planning chooses each interval's rate from it: the model is linear,
// so the concentration the next interval gives is an affine function of that interval's rate.
class ModelState {
 public:
  explicit ModelState(const MicroConstants& model);

  // The concentration at `site` after (AtEndOf) or averaged over (MeanOver) the next `length` at a constant
  // rate R is `free + perMgPerHour x R`, R in mg/h: `free` is what the drug already given does, `perMgPerHour`
  // what 1 mg/h from an empty body does over that time.
  struct Affine {
    MgPerLitre free;
    MgPerLitre perMgPerHour;
  };
  Affine AtEndOf(Site site, Minutes length) const;
  Affine MeanOver(Site site, Minutes length) const;

  // Runs `rate` for `length` (the state moves to the end of the interval).
  void Infuse(MgPerHour rate, Minutes length);

  MgPerLitre Plasma() const;
  MgPerLitre Effect() const;

 private:
  int count_ = 0;
  double ke0_ = 0.0;
  double rate_[4] = {};    // lambda_i, 1/min
  double weight_[4] = {};  // w_i, L^-1/2
  double z_[4] = {};       // modal amounts, mg L^-1/2
  double effect_ = 0.0;    // mg/L
};

// The curve of one site over [from, until] of `regimen`, on the exact curve (not an output grid): its lowest
// and highest values, and the first time in [0, until] it is at or above `level` (if it ever is).
struct CurveRange {
  NgPerMl lowest;
  Minutes lowestTime;
  NgPerMl highest;
  Minutes highestTime;
  bool reached = false;
  Minutes firstReached;
};
CurveRange RangeOfCurve(const MicroConstants& model, const std::vector<DoseSegment>& regimen, Site site,
                        NgPerMl level, Minutes from, Minutes until);

}  // namespace ketadose
