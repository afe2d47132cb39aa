// Internal to the content and api layers' .cpp files: the JSON mapping of the typed content records
// (records_json.cpp). Domain code never includes this.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "json/json_type.hpp"
#include "content/record_json.hpp"
#include "content/records.hpp"

namespace ketadose {

// A content record that is missing a field or has one of the wrong type: `path` names the field within the
// file ("regimens.3.infusion.rate_mg_per_kg_per_h.max"), what() says what is wrong with it. One error type for
// every family's records (record_json.hpp), so a reader of one family nested in another's names the whole path.
using ContentError = records::RecordError;

void from_json(const Json& j, SourceRef& source);
void to_json(Json& j, const SourceRef& source);
void from_json(const Json& j, Limit& limit);
void from_json(const Json& j, RegimenPart& part);
void from_json(const Json& j, ScheduleRecord& schedule);
void from_json(const Json& j, Note& note);
void from_json(const Json& j, Regimen& regimen);
void from_json(const Json& j, Rules& rules);

void from_json(const Json& j, MonitoringRecord& record);
void from_json(const Json& j, MonitoringContent& content);

// regimens.json "regimens" and rules.json as typed records; throws ContentError naming the field.
std::vector<Regimen> ReadRegimens(const Json& list);
Rules ReadRules(const Json& document);

}  // namespace ketadose
