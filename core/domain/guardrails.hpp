// Guardrails: checks a computed plan against its regimen and the setting thresholds, giving alerts.
#pragma once

#include <string>
#include <vector>

#include "content/catalog.hpp"
#include "domain/monitoring.hpp"  // Setting
#include "domain/plan.hpp"

namespace ketadose {

enum class Severity { kHard, kSoft, kInfo };

struct Alert {
  std::string code;      // stable, e.g. "monitored-setting-required"
  Severity severity;     // hard refuses, soft needs acknowledgement, info informs
  std::string message;   // plain sentence with the figures involved
  SourceRef source;
  std::string field;     // the plan field the alert is about, e.g. "infusion.rate_mg_per_kg_per_h"
  bool siteModified = false;
};

struct Assessment {
  std::vector<Alert> alerts;  // hard first, then soft, then info
  Setting setting = Setting::kStandard;
  bool blocked = false;
};

// The key that acknowledges a soft alert as it was read: "<code>:<first 8 hex digits of SHA-256 of its message>".
// The message carries the alert's figures, so a change to the plan that changes the text changes the key.
std::string AckKey(const Alert& alert);

// True when any hard alert stands or any soft alert's ack key (AckKey) is not in `acknowledged`.
bool IsBlocked(const std::vector<Alert>& alerts, const std::vector<std::string>& acknowledged);

Assessment EvaluatePlan(const PlanRequest& request, const Plan& plan, const Regimen& regimen, const Catalog& catalog);

const char* SeverityName(Severity severity);

}  // namespace ketadose
