// Builds the default catalog from the compiled-in content and reads limits out of regimen records.
#include "content/catalog.hpp"

#include <limits>

#include "content/content.hpp"

namespace ketadose {

const Catalog& DefaultCatalog() {
  static const Catalog catalog = [] {
    Catalog built;
    built.regimens = ContentJson("regimens.json").value("regimens", Json::array());
    built.rules = ContentJson("rules.json");
    built.references = ContentJson("references.json").value("references", Json::array());
    return built;
  }();
  return catalog;
}

const Json* FindRegimen(const Catalog& catalog, std::string_view id) {
  for (const Json& regimen : catalog.regimens) {
    const auto found = regimen.find("id");
    if (found != regimen.end() && found->is_string() && found->get_ref<const std::string&>() == id) return &regimen;
  }
  return nullptr;
}

SourceRef ReadSource(const Json& record) {
  const auto found = record.find("source");
  if (found == record.end() || !found->is_object()) return {};
  return SourceRef{found->value("ref", ""), found->value("where", "")};
}

namespace {
std::optional<double> OptionalNumber(const Json& record, const char* key) {
  const auto found = record.find(key);
  if (found == record.end() || !found->is_number()) return std::nullopt;
  return found->get<double>();
}
}  // namespace

namespace {
struct KindName {
  LimitKind kind;
  const char* name;
};
constexpr KindName kKindNames[] = {
    {LimitKind::kStatedRange, "stated-range"},   {LimitKind::kStatedMaximum, "stated-maximum"},
    {LimitKind::kStatedMinimum, "stated-minimum"}, {LimitKind::kTrialProtocol, "trial-protocol"},
    {LimitKind::kTrialMean, "trial-mean"},       {LimitKind::kTrialMedian, "trial-median"},
    {LimitKind::kTypicalDose, "typical-dose"},   {LimitKind::kConvention, "convention"},
    {LimitKind::kSite, "site"},
};
}  // namespace

const char* LimitKindName(LimitKind kind) {
  for (const KindName& entry : kKindNames) {
    if (entry.kind == kind) return entry.name;
  }
  return "unstated";
}

LimitKind LimitKindFromName(const std::string& name) {
  for (const KindName& entry : kKindNames) {
    if (name == entry.name) return entry.kind;
  }
  return LimitKind::kUnstated;
}

Limit ReadLimit(const Json& record) {
  Limit limit;
  if (!record.is_object()) return limit;
  limit.min = OptionalNumber(record, "min");
  limit.max = OptionalNumber(record, "max");
  limit.hardMax = OptionalNumber(record, "hard_max");
  limit.cap = OptionalNumber(record, "cap");
  limit.source = ReadSource(record);
  const auto kind = record.find("kind");
  if (kind != record.end() && kind->is_string()) limit.kind = LimitKindFromName(kind->get<std::string>());
  const auto appliesTo = record.find("for");
  if (appliesTo != record.end() && appliesTo->is_string()) limit.appliesTo = appliesTo->get<std::string>();
  limit.titratedUpTo = record.value("titrated_up_to", false);
  limit.siteModified = record.value("site_modified", false);
  // The site overlay (site.cpp) keeps the guideline's figure of each bound it changes under "guideline".
  const auto guideline = record.find("guideline");
  if (guideline != record.end() && guideline->is_object()) {
    limit.siteChangedMin = guideline->contains("min");
    limit.siteChangedMax = guideline->contains("max");
    limit.siteChangedHardMax = guideline->contains("hard_max");
    limit.siteChangedCap = guideline->contains("cap");
    limit.guidelineMin = OptionalNumber(*guideline, "min");
    limit.guidelineMax = OptionalNumber(*guideline, "max");
    limit.sitePath = guideline->value("site_rule", "");
  }
  return limit;
}

std::optional<Limit> RegimenLimit(const Json& regimen, const char* part, const char* key) {
  const auto partRecord = regimen.find(part);
  if (partRecord == regimen.end() || !partRecord->is_object()) return std::nullopt;
  const auto record = partRecord->find(key);
  if (record == partRecord->end() || !record->is_object()) return std::nullopt;
  return ReadLimit(*record);
}

const Json& RuleRecord(const Catalog& catalog, const char* pointer) {
  static const Json absent;
  const Json::json_pointer path(pointer);
  return catalog.rules.contains(path) ? catalog.rules.at(path) : absent;
}

Range PlausibleRange(const Catalog& catalog, const std::string& name) {
  const Json& record = RuleRecord(catalog, ("/input_plausibility/" + name).c_str());
  Range range{0.0, std::numeric_limits<double>::infinity(), true};
  if (!record.is_object()) return range;
  if (record.contains("min_exclusive")) {
    range.min = record.value("min_exclusive", 0.0);
  } else {
    range.min = record.value("min", 0.0);
    range.minExclusive = false;
  }
  range.max = record.value("max", range.max);
  return range;
}

double RuleNumber(const Catalog& catalog, const char* pointer) {
  const Json& value = RuleRecord(catalog, pointer);
  return value.is_number() ? value.get<double>() : 0.0;
}

}  // namespace ketadose
