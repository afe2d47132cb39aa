// Number display: how a figure is rounded for the response and written in a sentence. Pure functions, no JSON.
#pragma once

#include <string>

namespace ketadose {

// Formats a number for a sentence without trailing zeros: 0.5, 350, 7.2 (six significant figures, never an
// exponent, always a leading zero: the ISMP conventions for written doses).
std::string FormatNumber(double value);

// Rounds a figure for display and for the JSON response (3 decimal places); never -0.
double RoundForDisplay(double value);

}  // namespace ketadose
