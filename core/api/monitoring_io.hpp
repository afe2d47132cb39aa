// Internal: the "monitoring" object of the plan response.
#pragma once

#include "api/actions.hpp"
#include "domain/monitoring.hpp"

namespace ketadose {

OrderedJson MonitoringJson(const MonitoringPlan& monitoring);

}  // namespace ketadose
