// Numbers as the tool shows them: display rounding and the written form of a figure. JSON-free, used by every
// layer (domain sentences, api responses).
#pragma once

#include <string>

namespace ketadose {

// Rounds a figure for display and for the JSON response (3 decimal places).
double RoundForDisplay(double value);

// Formats a number for a sentence without trailing zeros: 0.5, 350, 7.2.
std::string FormatNumber(double value);

}  // namespace ketadose
