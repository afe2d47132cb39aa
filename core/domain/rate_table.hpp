// Rate ladder for titration and weaning: pump settings for evenly spaced rates across a regimen's range.
#pragma once

#include <vector>

#include "content/catalog.hpp"
#include "base/units.hpp"

namespace ketadose {

struct RateStep {
  MgPerKgPerHour ratePerKg;
  MgPerHour rate;
  MlPerHour pumpRate;
  UgPerKgPerMin rateUgPerKgPerMin;
  bool isPlanned = false;         // equals the planned rate
  bool outsideRange = false;      // above the stated maximum or below the minimum
  bool needsMonitoredSetting = false;
};

// Steps of a "nice" size (0.05, 0.1, 0.25 mg/kg/h, ...) spanning the regimen's infusion range, at most
// about ten rows, plus the planned rate. Regimens stated in mg/h step in mg/h. Empty without a range.
std::vector<RateStep> RateTable(const Regimen& regimen, const Catalog& catalog, Kilograms weight, MgPerMl concentration,
                                MgPerKgPerHour planned);

}  // namespace ketadose
