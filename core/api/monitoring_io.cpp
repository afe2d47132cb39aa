// Serialises a monitoring plan: setting, thresholds for this patient, and the items that apply grouped by section.
// An item is named by its id with its source; its words are the catalog's (catalog "monitoring", the items of
// content/monitoring.json), sent once rather than with every keystroke's plan.
#include "api/monitoring_io.hpp"

#include <utility>

namespace ketadose {

namespace {

OrderedJson ItemJson(const MonitoringItem& item) {
  OrderedJson out;
  out["id"] = item.id;
  PutSource(out, item.source);
  if (item.observeAfterStop) out["observe_h_after_stop"] = RoundForDisplay(item.observeAfterStop->value());
  return out;
}

// A note is not a catalog item (content/monitoring.json age_unknown_note): it carries its words.
OrderedJson NoteJson(const MonitoringItem& note) {
  OrderedJson out;
  out["id"] = note.id;
  out["text"] = note.text;
  PutSource(out, note.source);
  return out;
}

}  // namespace

OrderedJson MonitoringJson(const MonitoringPlan& monitoring) {
  const SettingDecision& decision = monitoring.decision;
  const SettingThresholds& limits = decision.thresholds;
  OrderedJson out;
  out["setting"] = SettingName(decision.setting);
  out["because"] = decision.reasons;

  OrderedJson thresholds;
  thresholds["bolus_mg_per_kg"] = RoundForDisplay(limits.bolus.value());
  thresholds["infusion_mg_per_kg_per_h"] = RoundForDisplay(limits.infusion.value());
  thresholds["lowered"] = limits.Lowered();
  thresholds["factor"] = limits.factor;
  thresholds["lowered_because"] = limits.loweredBecause;
  PutSource(thresholds, limits.source);
  if (limits.Lowered()) {
    OrderedJson item;
    item["source"] = limits.loweringSource.ref;
    item["where"] = limits.loweringSource.where;
    item["guideline_source"] = limits.loweringReason.ref;
    item["guideline_where"] = limits.loweringReason.where;
    thresholds["lowering"] = std::move(item);
  }
  if (limits.siteModified) thresholds["site_modified"] = true;
  out["thresholds"] = std::move(thresholds);

  OrderedJson sections;
  for (const char* section : {"setting", "staff", "observations", "equipment", "discharge"}) {
    sections[section] = OrderedJson::array();
  }
  OrderedJson observeAfterStop = nullptr;
  for (const MonitoringItem& item : monitoring.items) {
    if (!sections.contains(item.section)) sections[item.section] = OrderedJson::array();
    sections[item.section].push_back(ItemJson(item));
    if (item.observeAfterStop) observeAfterStop = RoundForDisplay(item.observeAfterStop->value());
  }
  out["sections"] = std::move(sections);
  out["observe_h_after_stop"] = observeAfterStop;
  out["notes"] = OrderedJson::array();
  if (monitoring.ageUnknownNote) out["notes"].push_back(NoteJson(*monitoring.ageUnknownNote));
  return out;
}

}  // namespace ketadose
