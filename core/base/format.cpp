// Number display (format.hpp).
#include "base/format.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <string>

namespace ketadose {

std::string FormatNumber(double value) {
  // Six significant figures, never an exponent ("5e-05" is misread), never a trailing zero ("2.50" is read as
  // 250) and always a leading zero ("0.5", not ".5"): the ISMP conventions for written doses.
  if (value == 0.0) value = 0.0;  // never "-0"
  // Most figures in a sentence are already rounded for display, to 0.001, and under 1000: such a figure is the
  // double nearest n / 1000 for an integer n of at most six digits, so at six significant figures it prints as
  // exactly n / 1000 (the double is within 1e-16 of it, far inside half a unit of the sixth figure). Its digits
  // are written from n, without printf, whose cost was a tenth of a plan; anything else takes printf below.
  const double thousandths = std::round(value * 1000.0);
  if (std::fabs(value) < 1000.0 && thousandths / 1000.0 == value) {
    const long whole = std::lround(std::fabs(thousandths));
    std::string text = value < 0.0 ? "-" : "";
    text += std::to_string(whole / 1000);
    const long fraction = whole % 1000;
    if (fraction != 0) {
      const char digits[] = {'.', static_cast<char>('0' + fraction / 100), static_cast<char>('0' + fraction / 10 % 10),
                             static_cast<char>('0' + fraction % 10)};
      std::size_t length = sizeof digits;
      while (digits[length - 1] == '0') --length;  // no trailing zero ("2.5", not "2.50")
      text.append(digits, length);
    }
    return text;
  }
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
