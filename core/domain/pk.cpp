// Exact compartment-model simulation: eigen-decomposition of the symmetrised model, closed-form updates
// between the instants where the dosing rate changes.
//
// With plasma and peripheral concentrations c, volumes V and input rate R into plasma,
//   dc/dt = -V^-1 L c + e1 R / V1,
// where L (L/min) holds the inter-compartmental flows and clearances and is symmetric. y = V^1/2 c gives
//   dy/dt = -M y + e1 R / sqrt(V1),   M = V^-1/2 L V^-1/2 symmetric positive definite,
// so M = U diag(lambda) U^T with real positive lambda, and z = U^T y decouples into
//   dz_i/dt = -lambda_i z_i + w_i R,   w_i = U_1i / sqrt(V1),   plasma c1 = sum_i w_i z_i.
// Over a time h at constant R each mode moves exactly: z_i(h) = s_i + (z_i - s_i) e^(-lambda_i h) with
// s_i = w_i R / lambda_i, and the effect site (dCe/dt = ke0 (c1 - Ce)) integrates in closed form too.
#include "domain/pk.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>

namespace ketadose {

namespace {

constexpr int kMaxCompartments = 4;
using Matrix = std::array<std::array<double, kMaxCompartments>, kMaxCompartments>;

// Scan resolution for peaks and threshold crossings: samples per time constant of the fastest mode.
// The scan only brackets; the values reported are refined on the exact curve.
constexpr double kSamplesPerTimeConstant = 4.0;
constexpr int kMinSamplesPerInterval = 16;
constexpr int kRefineIterations = 80;

struct Modes {
  int count = 0;
  std::array<double, kMaxCompartments> rate{};    // lambda_i, 1/min
  std::array<double, kMaxCompartments> weight{};  // w_i, L^-1/2
  double ke0 = 0.0;                               // 1/min
};

struct State {
  std::array<double, kMaxCompartments> z{};  // mg L^-1/2
  double effect = 0.0;                       // mg/L
};

// Symmetric eigen-decomposition by cyclic Jacobi rotations: a becomes diagonal (the eigenvalues) and the
// columns of v the eigenvectors. Exact to rounding for these small, well-conditioned matrices.
void JacobiEigen(Matrix& a, int n, Matrix& v) {
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) v[i][j] = i == j ? 1.0 : 0.0;
  }
  for (int sweep = 0; sweep < 64; ++sweep) {
    double off = 0.0;
    double diagonal = 0.0;
    for (int i = 0; i < n; ++i) {
      diagonal += a[i][i] * a[i][i];
      for (int j = i + 1; j < n; ++j) off += a[i][j] * a[i][j];
    }
    if (off <= 1e-36 * diagonal) return;
    for (int p = 0; p < n; ++p) {
      for (int q = p + 1; q < n; ++q) {
        if (a[p][q] == 0.0) continue;
        const double theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
        const double t = (theta >= 0.0 ? 1.0 : -1.0) / (std::abs(theta) + std::sqrt(theta * theta + 1.0));
        const double c = 1.0 / std::sqrt(t * t + 1.0);
        const double s = t * c;
        for (int k = 0; k < n; ++k) {
          const double akp = a[k][p];
          const double akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; ++k) {
          const double apk = a[p][k];
          const double aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (int k = 0; k < n; ++k) {
          const double vkp = v[k][p];
          const double vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
}

Modes Decompose(const MicroConstants& model) {
  struct Peripheral {
    double in;   // k1i
    double out;  // ki1
    double elimination;
  };
  const Peripheral peripherals[] = {{model.k12.value(), model.k21.value(), 0.0},
                                    {model.k13.value(), model.k31.value(), 0.0},
                                    {model.k14.value(), model.k41.value(), model.k40.value()}};
  const double v1 = model.v1.value();
  std::array<double, kMaxCompartments> volume{};
  Matrix conductance{};  // L, in L/min
  volume[0] = v1;
  conductance[0][0] = model.k10.value() * v1;
  int n = 1;
  for (const Peripheral& peripheral : peripherals) {
    if (peripheral.in <= 0.0) continue;
    const double flow = peripheral.in * v1;  // Q1i = k1i V1 = ki1 Vi
    const int i = n++;
    volume[i] = flow / peripheral.out;
    conductance[0][0] += flow;
    conductance[i][i] = flow + peripheral.elimination * volume[i];
    conductance[0][i] = -flow;
    conductance[i][0] = -flow;
  }
  Matrix symmetric{};
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) symmetric[i][j] = conductance[i][j] / std::sqrt(volume[i] * volume[j]);
  }
  Matrix vectors{};
  JacobiEigen(symmetric, n, vectors);
  Modes modes;
  modes.count = n;
  modes.ke0 = model.ke0.value();
  for (int i = 0; i < n; ++i) {
    modes.rate[i] = symmetric[i][i];
    modes.weight[i] = vectors[0][i] / std::sqrt(v1);
  }
  return modes;
}

// (1 - e^-x) / x for x >= 0, accurate near 0 through expm1.
double OneMinusExpOver(double x) { return x == 0.0 ? 1.0 : -std::expm1(-x) / x; }

// The integral over [0, h] of e^(-b (h - s)) e^(-a s) ds = (e^-ah - e^-bh) / (b - a), symmetric in a and b and
// written so that it stays exact when a and b are close and never multiplies a huge by a tiny number.
double Convolution(double a, double b, double h) {
  const double slow = std::min(a, b);
  const double fast = std::max(a, b);
  return std::exp(-slow * h) * h * OneMinusExpOver((fast - slow) * h);
}

// Coefficients of the exact update over a time h (reused when the scan takes many equal steps).
struct Step {
  std::array<double, kMaxCompartments> decay{};        // e^(-lambda_i h)
  std::array<double, kMaxCompartments> convolution{};  // Convolution(lambda_i, ke0, h)
  double effectDecay = 1.0;                            // e^(-ke0 h)
  double effectRise = 0.0;                             // 1 - e^(-ke0 h)
};

Step StepOver(const Modes& modes, double h) {
  Step step;
  for (int i = 0; i < modes.count; ++i) {
    step.decay[i] = std::exp(-modes.rate[i] * h);
    step.convolution[i] = Convolution(modes.rate[i], modes.ke0, h);
  }
  step.effectDecay = std::exp(-modes.ke0 * h);
  step.effectRise = -std::expm1(-modes.ke0 * h);
  return step;
}

// The state a time h later at constant input rate (mg/min).
State Advance(const Modes& modes, const State& state, double rate, const Step& step) {
  State next;
  double plateau = 0.0;
  double transient = 0.0;
  for (int i = 0; i < modes.count; ++i) {
    const double target = rate * modes.weight[i] / modes.rate[i];
    const double away = state.z[i] - target;
    next.z[i] = target + away * step.decay[i];
    plateau += modes.weight[i] * target;
    transient += modes.weight[i] * away * step.convolution[i];
  }
  next.effect = state.effect * step.effectDecay + plateau * step.effectRise + modes.ke0 * transient;
  return next;
}

double Plasma(const Modes& modes, const State& state) {
  double plasma = 0.0;
  for (int i = 0; i < modes.count; ++i) plasma += modes.weight[i] * state.z[i];
  return plasma;
}

// A stretch of constant input rate, with the state at its start (after any bolus given at that instant).
struct Interval {
  double start;
  double end;
  double rate;  // mg/min
  State state;
};

std::vector<Interval> Intervals(const Modes& modes, const std::vector<DoseSegment>& regimen, double until) {
  std::vector<double> instants{0.0, until};
  for (const DoseSegment& segment : regimen) {
    const double start = segment.start.value();
    const double end = start + segment.over.value();
    if (start <= until) instants.push_back(start);
    if (end < until) instants.push_back(end);
  }
  std::sort(instants.begin(), instants.end());
  instants.erase(std::unique(instants.begin(), instants.end()), instants.end());

  std::vector<Interval> intervals;
  State state;
  for (std::size_t j = 0; j < instants.size(); ++j) {
    const double at = instants[j];
    const double next = j + 1 < instants.size() ? instants[j + 1] : at;
    double rate = 0.0;
    for (const DoseSegment& segment : regimen) {
      const double start = segment.start.value();
      const double over = segment.over.value();
      if (over == 0.0) {
        if (start == at) {
          for (int i = 0; i < modes.count; ++i) state.z[i] += modes.weight[i] * segment.dose.value();
        }
      } else if (start <= at && start + over >= next && next > at) {
        rate += segment.dose.value() / over;
      }
    }
    intervals.push_back(Interval{at, next, rate, state});
    if (next > at) state = Advance(modes, state, rate, StepOver(modes, next - at));
  }
  return intervals;
}

struct Sample {
  double plasma;  // mg/L
  double effect;
};

Sample At(const Modes& modes, const Interval& interval, double offset) {
  const State state = Advance(modes, interval.state, interval.rate, StepOver(modes, offset));
  return Sample{Plasma(modes, state), state.effect};
}

// Which curve a scan follows.
enum class Curve { kPlasma, kEffect };

double Value(const Sample& sample, Curve curve) { return curve == Curve::kPlasma ? sample.plasma : sample.effect; }

// Where on [lo, hi] (offsets in the interval) the curve crosses `level`, given opposite sides at the ends.
double Crossing(const Modes& modes, const Interval& interval, Curve curve, double level, double lo, double hi) {
  const bool loAbove = Value(At(modes, interval, lo), curve) > level;
  for (int iteration = 0; iteration < kRefineIterations && hi - lo > 0.0; ++iteration) {
    const double mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if ((Value(At(modes, interval, mid), curve) > level) == loAbove) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return 0.5 * (lo + hi);
}

struct Extremum {
  double value = 0.0;
  double time = 0.0;
};

// The maximum of f on [lo, hi] by golden-section search: its value and where (an offset in [lo, hi]).
template <typename F>
Extremum GoldenSectionMax(double lo, double hi, const F& f) {
  const double ratio = 0.5 * (std::sqrt(5.0) - 1.0);
  double a = lo;
  double b = hi;
  double x1 = b - ratio * (b - a);
  double x2 = a + ratio * (b - a);
  double f1 = f(x1);
  double f2 = f(x2);
  for (int iteration = 0; iteration < kRefineIterations && b - a > 1e-12; ++iteration) {
    if (f1 < f2) {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + ratio * (b - a);
      f2 = f(x2);
    } else {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - ratio * (b - a);
      f1 = f(x1);
    }
  }
  return f1 >= f2 ? Extremum{f1, x1} : Extremum{f2, x2};
}

// The maximum on [lo, hi] (a bracket around the best scan sample) by golden-section search.
Extremum Refine(const Modes& modes, const Interval& interval, Curve curve, double lo, double hi, Extremum best) {
  const Extremum found = GoldenSectionMax(lo, hi, [&](double x) { return Value(At(modes, interval, x), curve); });
  if (found.value > best.value) best = Extremum{found.value, interval.start + found.time};
  return best;
}

// Peak and time above `level` for one curve over every interval, from an exact-update scan.
struct CurveSummary {
  Extremum peak;
  double minutesAbove = 0.0;
};

struct ScanPoint {
  std::size_t interval = 0;
  double offset = 0.0;
  double spacing = 0.0;
  bool interior = false;
};

void Scan(const Modes& modes, const std::vector<Interval>& intervals, double level, CurveSummary& plasma,
          CurveSummary& effect) {
  double fastest = modes.ke0;
  for (int i = 0; i < modes.count; ++i) fastest = std::max(fastest, modes.rate[i]);
  ScanPoint bestPlasma;
  ScanPoint bestEffect;
  CurveSummary* summaries[] = {&plasma, &effect};
  ScanPoint* bests[] = {&bestPlasma, &bestEffect};
  const Curve curves[] = {Curve::kPlasma, Curve::kEffect};

  for (std::size_t j = 0; j < intervals.size(); ++j) {
    const Interval& interval = intervals[j];
    const double length = interval.end - interval.start;
    const Sample first{Plasma(modes, interval.state), interval.state.effect};
    for (int c = 0; c < 2; ++c) {
      if (Value(first, curves[c]) > summaries[c]->peak.value) {
        summaries[c]->peak = Extremum{Value(first, curves[c]), interval.start};
        *bests[c] = ScanPoint{j, 0.0, 0.0, false};
      }
    }
    if (length <= 0.0) continue;
    const int count =
        std::max(kMinSamplesPerInterval, static_cast<int>(std::ceil(length * fastest * kSamplesPerTimeConstant)));
    const double spacing = length / count;
    const Step step = StepOver(modes, spacing);
    State state = interval.state;
    Sample previous = first;
    for (int k = 1; k <= count; ++k) {
      state = Advance(modes, state, interval.rate, step);
      const Sample sample{Plasma(modes, state), state.effect};
      const double offset = k == count ? length : k * spacing;
      const double previousOffset = (k - 1) * spacing;
      for (int c = 0; c < 2; ++c) {
        const double before = Value(previous, curves[c]);
        const double now = Value(sample, curves[c]);
        if (now > summaries[c]->peak.value) {
          summaries[c]->peak = Extremum{now, interval.start + offset};
          *bests[c] = ScanPoint{j, offset, spacing, k < count};
        }
        const bool wasAbove = before > level;
        const bool isAbove = now > level;
        if (wasAbove && isAbove) {
          summaries[c]->minutesAbove += offset - previousOffset;
        } else if (wasAbove != isAbove) {
          const double crossing = Crossing(modes, interval, curves[c], level, previousOffset, offset);
          summaries[c]->minutesAbove += wasAbove ? crossing - previousOffset : offset - crossing;
        }
      }
      previous = sample;
    }
  }
  for (int c = 0; c < 2; ++c) {
    const ScanPoint& best = *bests[c];
    if (!best.interior) continue;
    const Interval& interval = intervals[best.interval];
    summaries[c]->peak =
        Refine(modes, interval, curves[c], best.offset - best.spacing,
               std::min(best.offset + best.spacing, interval.end - interval.start), summaries[c]->peak);
  }
}

}  // namespace

bool IsSolvable(const MicroConstants& model) {
  const double values[] = {model.v1.value(),  model.k10.value(), model.k12.value(), model.k21.value(),
                           model.k13.value(), model.k31.value(), model.k14.value(), model.k41.value(),
                           model.k40.value(), model.ke0.value()};
  for (double value : values) {
    if (!std::isfinite(value) || value < 0.0) return false;
  }
  const auto linked = [](PerMinute in, PerMinute out) { return (in.value() > 0.0) == (out.value() > 0.0); };
  const bool fourth = model.k14.value() > 0.0;
  return model.v1.value() > 0.0 && model.ke0.value() > 0.0 && linked(model.k12, model.k21) &&
         linked(model.k13, model.k31) && linked(model.k14, model.k41) && (fourth || model.k40.value() == 0.0) &&
         (model.k10.value() > 0.0 || model.k40.value() > 0.0);
}

LitresPerMinute SteadyStateClearance(const MicroConstants& model) {
  // At steady state z_i = w_i R / lambda_i, so c1 = R sum_i w_i^2 / lambda_i.
  const Modes modes = Decompose(model);
  double litresPerMinuteInverse = 0.0;
  for (int i = 0; i < modes.count; ++i) litresPerMinuteInverse += modes.weight[i] * modes.weight[i] / modes.rate[i];
  return LitresPerMinute(1.0 / litresPerMinuteInverse);
}

Simulation Simulate(const MicroConstants& model, const std::vector<DoseSegment>& regimen, const OutputGrid& grid) {
  const Modes modes = Decompose(model);
  const double until = std::max(0.0, grid.until.value());
  const double stepMinutes = grid.step.value();
  const std::vector<Interval> intervals = Intervals(modes, regimen, until);

  Simulation result;
  const auto count = static_cast<std::size_t>(std::floor(until / stepMinutes + 1e-9)) + 1;
  result.times.reserve(count);
  result.plasma.reserve(count);
  result.effect.reserve(count);
  std::size_t j = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const double t = std::min(static_cast<double>(k) * stepMinutes, until);
    while (j + 1 < intervals.size() && intervals[j + 1].start <= t) ++j;
    // Each point is computed from the last rate change, never from the previous point, so the values at a
    // given time are identical whatever the step.
    const Sample sample = At(modes, intervals[j], t - intervals[j].start);
    result.times.push_back(Minutes(t));
    result.plasma.push_back(ToNgPerMl(MgPerLitre(sample.plasma)));
    result.effect.push_back(ToNgPerMl(MgPerLitre(sample.effect)));
  }

  CurveSummary plasma;
  CurveSummary effect;
  Scan(modes, intervals, ToMgPerLitre(grid.threshold).value(), plasma, effect);
  result.peakPlasma = ToNgPerMl(MgPerLitre(plasma.peak.value));
  result.peakPlasmaTime = Minutes(plasma.peak.time);
  result.peakEffect = ToNgPerMl(MgPerLitre(effect.peak.value));
  result.peakEffectTime = Minutes(effect.peak.time);
  result.plasmaAboveThreshold = Minutes(plasma.minutesAbove);
  result.effectAboveThreshold = Minutes(effect.minutesAbove);
  return result;
}

namespace {

// The mean over [0, h] of Convolution(a, b, t): (E(ah) - E(bh)) / (b - a) with E(x) = (1 - e^-x) / x, or, when a
// and b are too close for that difference, the mean of t e^(-c t) at their midpoint c (second order in the gap).
double MeanConvolution(double a, double b, double h) {
  if (std::abs(b - a) * h > 1e-3) return (OneMinusExpOver(a * h) - OneMinusExpOver(b * h)) / (b - a);
  const double x = 0.5 * (a + b) * h;
  const double shape = x < 1e-3 ? 0.5 - x / 3.0 + x * x / 8.0 : (1.0 - std::exp(-x) * (1.0 + x)) / (x * x);
  return h * shape;
}

constexpr double kMinutesPerHourValue = 60.0;  // mg/h -> mg/min

// ModelState keeps the numbers of this file's Modes and State in plain arrays.
Modes ModesOf(int count, double ke0, const double* rate, const double* weight) {
  Modes modes;
  modes.count = count;
  modes.ke0 = ke0;
  for (int i = 0; i < count; ++i) {
    modes.rate[i] = rate[i];
    modes.weight[i] = weight[i];
  }
  return modes;
}

State StateOf(int count, const double* z, double effect) {
  State state;
  for (int i = 0; i < count; ++i) state.z[i] = z[i];
  state.effect = effect;
  return state;
}

// The maximum of sign x the curve on [lo, hi] (offsets in the interval) by golden-section search.
Extremum RefineSigned(const Modes& modes, const Interval& interval, Curve curve, double sign, double lo, double hi) {
  const auto f = [&](double x) { return sign * Value(At(modes, interval, x), curve); };
  const Extremum found = GoldenSectionMax(lo, hi, f);
  Extremum best{found.value, interval.start + found.time};
  for (const double end : {lo, hi}) {  // the bracket's ends too: the extremum may sit at a rate change
    const double value = f(end);
    if (value > best.value) best = Extremum{value, interval.start + end};
  }
  return best;
}

}  // namespace

ModelState::ModelState(const MicroConstants& model) {
  const Modes modes = Decompose(model);
  count_ = modes.count;
  ke0_ = modes.ke0;
  for (int i = 0; i < modes.count; ++i) {
    rate_[i] = modes.rate[i];
    weight_[i] = modes.weight[i];
  }
}

ModelState::Affine ModelState::AtEndOf(Site site, Minutes length) const {
  const Modes modes = ModesOf(count_, ke0_, rate_, weight_);
  State state = StateOf(count_, z_, effect_);
  const Step step = StepOver(modes, length.value());
  const State free = Advance(modes, state, 0.0, step);
  const State unit = Advance(modes, State{}, 1.0 / kMinutesPerHourValue, step);
  if (site == Site::kPlasma) return Affine{MgPerLitre(ketadose::Plasma(modes, free)), MgPerLitre(ketadose::Plasma(modes, unit))};
  return Affine{MgPerLitre(free.effect), MgPerLitre(unit.effect)};
}

ModelState::Affine ModelState::MeanOver(Site site, Minutes length) const {
  // Mode i from z_i decays as z_i e^(-lambda_i t); 1 mg/min from empty fills it to w_i / lambda_i (1 - e^(-lambda_i t)).
  // Their means over [0, h] are z_i E(lambda_i h) and w_i / lambda_i (1 - E(lambda_i h)), E(x) = (1 - e^-x) / x;
  // the effect site follows plasma through e^(-ke0 (t - s)), whose mean is MeanConvolution.
  const double h = length.value();
  double free = 0.0;
  double unit = 0.0;
  if (site == Site::kPlasma) {
    for (int i = 0; i < count_; ++i) {
      free += weight_[i] * z_[i] * OneMinusExpOver(rate_[i] * h);
      unit += weight_[i] * weight_[i] / rate_[i] * (1.0 - OneMinusExpOver(rate_[i] * h));
    }
  } else {
    const double effectMean = OneMinusExpOver(ke0_ * h);
    free = effect_ * effectMean;
    for (int i = 0; i < count_; ++i) {
      const double convolution = MeanConvolution(rate_[i], ke0_, h);
      free += ke0_ * weight_[i] * z_[i] * convolution;
      unit += weight_[i] * weight_[i] / rate_[i] * ((1.0 - effectMean) - ke0_ * convolution);
    }
  }
  return Affine{MgPerLitre(free), MgPerLitre(unit / kMinutesPerHourValue)};
}

void ModelState::Infuse(MgPerHour rate, Minutes length) {
  const Modes modes = ModesOf(count_, ke0_, rate_, weight_);
  State state = StateOf(count_, z_, effect_);
  const State next = Advance(modes, state, rate.value() / kMinutesPerHourValue, StepOver(modes, length.value()));
  for (int i = 0; i < count_; ++i) z_[i] = next.z[i];
  effect_ = next.effect;
}

MgPerLitre ModelState::Plasma() const {
  double plasma = 0.0;
  for (int i = 0; i < count_; ++i) plasma += weight_[i] * z_[i];
  return MgPerLitre(plasma);
}

MgPerLitre ModelState::Effect() const { return MgPerLitre(effect_); }

CurveRange RangeOfCurve(const MicroConstants& model, const std::vector<DoseSegment>& regimen, Site site,
                        NgPerMl level, Minutes from, Minutes until) {
  const Modes modes = Decompose(model);
  const double end = std::max(0.0, until.value());
  const double start = std::min(std::max(0.0, from.value()), end);
  const double threshold = ToMgPerLitre(level).value();
  const Curve curve = site == Site::kPlasma ? Curve::kPlasma : Curve::kEffect;
  const std::vector<Interval> intervals = Intervals(modes, regimen, end);
  double fastest = modes.ke0;
  for (int i = 0; i < modes.count; ++i) fastest = std::max(fastest, modes.rate[i]);

  // The best sample so far for the lowest (sign -1) and highest (sign +1) value, and its bracket.
  struct Best {
    double value;
    double time = 0.0;
    std::size_t interval = 0;
    double lo = 0.0;
    double hi = 0.0;
  };
  Best lowest{std::numeric_limits<double>::infinity()};
  Best highest{-std::numeric_limits<double>::infinity()};
  bool reached = false;
  double firstReached = 0.0;
  const auto consider = [&](double value, std::size_t j, double offset, double spacing, double length) {
    const Interval& interval = intervals[j];
    const double t = interval.start + offset;
    if (t < start) return;
    const double lo = std::max({0.0, offset - spacing, start - interval.start});
    const double hi = std::min(length, offset + spacing);
    if (value < lowest.value) lowest = Best{value, t, j, lo, hi};
    if (value > highest.value) highest = Best{value, t, j, lo, hi};
  };

  for (std::size_t j = 0; j < intervals.size(); ++j) {
    const Interval& interval = intervals[j];
    const double length = interval.end - interval.start;
    double previous = Value(Sample{Plasma(modes, interval.state), interval.state.effect}, curve);
    if (!reached && previous >= threshold) {
      reached = true;
      firstReached = interval.start;
    }
    const int count = length <= 0.0 ? 0
                                     : std::max(kMinSamplesPerInterval,
                                                static_cast<int>(std::ceil(length * fastest * kSamplesPerTimeConstant)));
    const double spacing = count > 0 ? length / count : 0.0;
    consider(previous, j, 0.0, spacing, length);
    if (interval.start < start && start < interval.end) {  // the value exactly at `from`
      consider(Value(At(modes, interval, start - interval.start), curve), j, start - interval.start, spacing, length);
    }
    if (count == 0) continue;
    const Step step = StepOver(modes, spacing);
    State state = interval.state;
    for (int k = 1; k <= count; ++k) {
      state = Advance(modes, state, interval.rate, step);
      const double value = Value(Sample{Plasma(modes, state), state.effect}, curve);
      const double offset = k == count ? length : k * spacing;
      const double previousOffset = (k - 1) * spacing;
      if (!reached && value >= threshold) {
        reached = true;
        firstReached = interval.start + Crossing(modes, interval, curve, threshold, previousOffset, offset);
      }
      consider(value, j, offset, spacing, length);
      previous = value;
    }
  }

  CurveRange range;
  for (int sign : {-1, 1}) {
    Best& best = sign < 0 ? lowest : highest;
    if (!std::isfinite(best.value)) continue;
    if (best.hi > best.lo) {
      const Extremum refined = RefineSigned(modes, intervals[best.interval], curve, sign, best.lo, best.hi);
      if (refined.value > sign * best.value) best = Best{sign * refined.value, refined.time, best.interval, 0, 0};
    }
  }
  range.lowest = ToNgPerMl(MgPerLitre(std::isfinite(lowest.value) ? lowest.value : 0.0));
  range.lowestTime = Minutes(lowest.time);
  range.highest = ToNgPerMl(MgPerLitre(std::isfinite(highest.value) ? highest.value : 0.0));
  range.highestTime = Minutes(highest.time);
  range.reached = reached;
  range.firstReached = Minutes(firstReached);
  return range;
}

}  // namespace ketadose
