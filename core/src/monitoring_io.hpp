// Internal: the "monitoring" object of the plan response.
#pragma once

#include "actions.hpp"
#include "ketadose/monitoring.hpp"

namespace ketadose {

OrderedJson MonitoringJson(const MonitoringPlan& monitoring);

}  // namespace ketadose
