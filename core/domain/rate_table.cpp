// Rate ladder: conversions only (mg/kg/h -> mg/h -> mL/h); the range comes from the regimen record.
#include "domain/rate_table.hpp"

#include <algorithm>
#include <cmath>

namespace ketadose {

namespace {

constexpr double kNiceSteps[] = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50};
constexpr int kMaxRows = 10;

double NiceStep(double span) {
  for (const double step : kNiceSteps) {
    if (span / step <= kMaxRows - 1) return step;
  }
  return span / (kMaxRows - 1);
}

bool Near(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b)); }

}  // namespace

std::vector<RateStep> RateTable(const Regimen& regimen, const Catalog& catalog, Kilograms weight, MgPerMl concentration,
                                MgPerKgPerHour planned) {
  std::vector<RateStep> rows;
  if (!regimen.infusion) return rows;
  const std::optional<Limit>& perKg = regimen.infusion->rateMgPerKgPerH;
  const std::optional<Limit>& perHour = regimen.infusion->rateMgPerH;
  const bool inMgPerHour = !perKg && perHour;
  const auto& limit = inMgPerHour ? perHour : perKg;
  if (!limit) return rows;
  const double top = limit->hardMax.value_or(limit->max.value_or(limit->cap.value_or(0.0)));
  if (top <= 0.0) return rows;
  const double low = limit->min.value_or(0.0);
  const double step = NiceStep(top - low);
  const double threshold = catalog.rules.settingThresholds.infusionMgPerKgPerH;

  std::vector<double> values;  // in the regimen's own unit
  const double first = low > 0.0 ? low : step;
  for (int i = 0; i < 2 * kMaxRows; ++i) {
    const double value = std::round((first + i * step) * 1e9) / 1e9;
    if (value > top * (1 + 1e-9)) break;
    values.push_back(value);
  }
  if (!Near(values.back(), top)) values.push_back(top);
  const double plannedValue = inMgPerHour ? RateFor(planned, weight).value() : planned.value();
  if (std::none_of(values.begin(), values.end(), [&](double v) { return Near(v, plannedValue); })) {
    values.push_back(plannedValue);
    std::sort(values.begin(), values.end());
  }

  for (const double value : values) {
    RateStep row;
    row.ratePerKg = inMgPerHour ? RatePerKg(MgPerHour(value), weight) : MgPerKgPerHour(value);
    row.rate = inMgPerHour ? MgPerHour(value) : RateFor(row.ratePerKg, weight);
    row.pumpRate = PumpRate(row.rate, concentration);
    row.rateUgPerKgPerMin = ToUgPerKgPerMin(row.ratePerKg);
    row.isPlanned = Near(value, plannedValue);
    const double maximum = limit->hardMax.value_or(limit->max.value_or(limit->cap.value_or(value)));
    row.outsideRange = value > maximum * (1 + 1e-9) || value < low * (1 - 1e-9);
    row.needsMonitoredSetting = row.ratePerKg.value() >= threshold * (1 - 1e-9);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace ketadose
