// Internal: the assess action's request reader (action_assess.cpp), declared for its unit tests.
#pragma once

#include <optional>

#include "api/actions.hpp"
#include "domain/response.hpp"

namespace ketadose {

// Reads an assess request; ranges from the content/response.json records. Errors name the field.
std::optional<ResponseInput> ReadResponseInput(const Json& request, const ResponseContent& rules, Errors& errors);

}  // namespace ketadose
