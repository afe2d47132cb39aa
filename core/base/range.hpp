// An accepted numeric range (content/rules.json "input_plausibility"; request readers check against it).
#pragma once

namespace ketadose {

// A value must be finite, >= min (or > min when minExclusive) and <= max.
struct Range {
  double min;
  double max;
  bool minExclusive = false;
};

}  // namespace ketadose
