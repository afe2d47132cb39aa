// The plan's "schedule" request section: JSON -> typed ScheduleOrder (domain/schedule.hpp).
#pragma once

#include <optional>

#include "json/fields.hpp"
#include "domain/schedule.hpp"

namespace ketadose {

// Reads the request's "schedule" object against the protocol; errors at "schedule.<field>".
std::optional<ScheduleOrder> ReadScheduleOrder(const Json& section, const ScheduleProtocol& protocol,
                                               Errors& errors);

}  // namespace ketadose
