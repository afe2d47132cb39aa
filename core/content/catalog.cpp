// Builds the default catalog once from the compiled-in content: typed records beside the JSON documents.
#include "content/catalog.hpp"

#include <limits>
#include <utility>

#include "content/catalog_json.hpp"
#include "content/content.hpp"

namespace ketadose {

const Catalog& DefaultCatalog() {
  static const Catalog catalog = [] {
    Catalog built;
    CatalogDocuments documents;
    documents.regimens = ContentJson("regimens.json").value("regimens", Json::array());
    documents.rules = ContentJson("rules.json");
    documents.references = ContentJson("references.json").value("references", Json::array());
    // The build ran ValidateAllContent over these same bytes (validate.hpp), so this does not throw.
    BuildRecords(built, std::move(documents));
    return built;
  }();
  return catalog;
}

const CatalogDocuments& Documents(const Catalog& catalog) {
  static const CatalogDocuments empty;
  return catalog.documents ? *catalog.documents : empty;
}

void BuildRecords(Catalog& catalog, CatalogDocuments documents) {
  catalog.regimens = ReadRegimens(documents.regimens);
  catalog.rules = ReadRules(documents.rules);
  catalog.site.reset();
  if (documents.site.is_object()) {
    SiteInForce site;
    site.institution = documents.site.value("institution", "");
    site.approval = documents.site.value("approval", "");
    site.checksum = documents.site.value("checksum", "");
    site.qualityLog = documents.site.value("quality_log", true);
    catalog.site = std::move(site);
  }
  catalog.documents = std::make_shared<const CatalogDocuments>(std::move(documents));
}

const Regimen* FindRegimen(const Catalog& catalog, std::string_view id) {
  for (const Regimen& regimen : catalog.regimens) {
    if (regimen.id == id) return &regimen;
  }
  return nullptr;
}

const Json* RegimenDocument(const Catalog& catalog, std::string_view id) {
  for (const Json& regimen : Documents(catalog).regimens) {
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

std::optional<Limit> RegimenLimit(const Json& regimen, const char* part, const char* key) {
  const auto partRecord = regimen.find(part);
  if (partRecord == regimen.end() || !partRecord->is_object()) return std::nullopt;
  const auto record = partRecord->find(key);
  if (record == partRecord->end() || !record->is_object()) return std::nullopt;
  return record->get<Limit>();  // records_json.cpp's from_json: the one reading of a limit
}

Range PlausibleRange(const Catalog& catalog, const std::string& name) {
  const Rules::Plausibility& p = catalog.rules.plausibility;
  const struct {
    const char* name;
    const Range* range;
  } table[] = {{"weight_kg", &p.weightKg},
               {"height_cm", &p.heightCm},
               {"age_years", &p.ageYears},
               {"concentration_mg_per_ml", &p.concentrationMgPerMl},
               {"infusion_duration_h", &p.infusionDurationH},
               {"bolus_over_min", &p.bolusOverMin},
               {"repeat_every_h", &p.repeatEveryH},
               {"bolus_mg_per_kg", &p.bolusMgPerKg},
               {"rate_mg_per_kg_per_h", &p.rateMgPerKgPerH},
               {"rate_ug_per_kg_per_min", &p.rateUgPerKgPerMin},
               {"rate_mg_per_h", &p.rateMgPerH},
               {"dose_mg", &p.doseMg},
               {"dose_mg_per_kg", &p.doseMgPerKg},
               {"pump_ml_per_h", &p.pumpMlPerH}};
  for (const auto& entry : table) {
    if (name == entry.name) return *entry.range;
  }
  return Range{0.0, std::numeric_limits<double>::infinity(), true};
}

}  // namespace ketadose

namespace ketadose {

const MonitoringContent& MonitoringRecords() {
  // Checked when the core is built (ValidateAllContent), so this does not throw.
  static const MonitoringContent records = ContentJson("monitoring.json").get<MonitoringContent>();
  return records;
}

}  // namespace ketadose
