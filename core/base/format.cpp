// Number display (format.hpp).
#include "base/format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ketadose {

std::string FormatNumber(double value) {
  // Six significant figures, never an exponent ("5e-05" is misread), never a trailing zero ("2.50" is read as
  // 250) and always a leading zero ("0.5", not ".5"): the ISMP conventions for written doses.
  if (value == 0.0) value = 0.0;  // never "-0"
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  std::string text = buffer;
  if (text.find('e') == std::string::npos || !std::isfinite(value)) return text;
  const double magnitude = std::fabs(value);
  if (magnitude >= 1e15) return text;  // beyond any figure this tool accepts; kept exact rather than padded
  const int decimals = magnitude >= 1.0 ? 0 : std::min(12, 5 - static_cast<int>(std::floor(std::log10(magnitude))));
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  text = buffer;
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

double RoundForDisplay(double value) {
  const double rounded = std::round(value * 1000.0) / 1000.0;
  return rounded == 0.0 ? 0.0 : rounded;  // never print -0
}

}  // namespace ketadose
