// Typed content records (content/records.hpp) and the build-time content check (content/validate.hpp).
#include "content/validate.hpp"

#include <gtest/gtest.h>

#include "content/catalog.hpp"
#include "content/content.hpp"
#include "content/records_json.hpp"
#include "content/screening_records.hpp"

namespace ketadose {
namespace {

std::string Text(const char* file) {
  for (const EmbeddedFile& embedded : EmbeddedContent()) {
    if (embedded.name == file) return std::string(embedded.text);
  }
  return {};
}

// The first error's field, or "" when there is none.
std::string FirstField(const std::string& file, const Json& document) {
  Errors errors;
  ValidateContent(file, document.dump(), errors);
  return errors.Empty() ? std::string() : errors.List().front().field;
}

TEST(ContentRecords, TheBuiltInContentLoadsIntoItsTypedRecords) {
  Errors errors;
  ValidateAllContent(errors);
  EXPECT_TRUE(errors.Empty()) << errors.List().front().field << ": " << errors.List().front().message;
}

TEST(ContentRecords, TheTypedRulesHoldTheContentFigures) {
  const Rules& rules = DefaultCatalog().rules;
  // content/rules.json setting_thresholds (cohen2018 Q6): 0.35 mg/kg bolus, 1 mg/kg/h infusion.
  EXPECT_DOUBLE_EQ(rules.settingThresholds.bolusMgPerKg, 0.35);
  EXPECT_DOUBLE_EQ(rules.settingThresholds.infusionMgPerKgPerH, 1.0);
  EXPECT_EQ(rules.settingThresholds.about.source.ref, "cohen2018");
  // Devine (devine1974): 50 kg (male), 45.5 kg (female) + 2.3 kg per inch over 60 in.
  EXPECT_DOUBLE_EQ(rules.devine.maleBaseKg, 50.0);
  EXPECT_DOUBLE_EQ(rules.devine.femaleBaseKg, 45.5);
  EXPECT_DOUBLE_EQ(rules.devine.kgPerInchOverBase, 2.3);
  EXPECT_DOUBLE_EQ(rules.devine.baseHeightIn, 60.0);
  // input_plausibility weight_kg: 0.5 to 350 kg inclusive; concentration is exclusive of 0.
  EXPECT_DOUBLE_EQ(rules.plausibility.weightKg.min, 0.5);
  EXPECT_FALSE(rules.plausibility.weightKg.minExclusive);
  EXPECT_TRUE(rules.plausibility.concentrationMgPerMl.minExclusive);
  EXPECT_EQ(rules.adultScope.about.kind, LimitKind::kConvention);
  // regimens.json chronic-iv-outpatient: 0.5-2 mg/kg/h stated range, reached by titrating up (cohen2018 Table 6).
  const Regimen* regimen = FindRegimen(DefaultCatalog(), "chronic-iv-outpatient");
  ASSERT_NE(regimen, nullptr);
  ASSERT_TRUE(regimen->infusion && regimen->infusion->rateMgPerKgPerH);
  EXPECT_DOUBLE_EQ(*regimen->infusion->rateMgPerKgPerH->min, 0.5);
  EXPECT_DOUBLE_EQ(*regimen->infusion->rateMgPerKgPerH->max, 2.0);
  EXPECT_EQ(regimen->infusion->rateMgPerKgPerH->kind, LimitKind::kStatedRange);
  EXPECT_TRUE(regimen->infusion->rateMgPerKgPerH->titratedUpTo);
  EXPECT_TRUE(regimen->chronicPainMinimum);
}

TEST(ContentRecords, AMistypedRegimenLimitIsRefusedNamingTheFileAndField) {
  Json document = Json::parse(Text("regimens.json"));
  document["regimens"][0]["infusion"]["rate_mg_per_kg_per_h"]["max"] = "2";
  EXPECT_EQ(FirstField("regimens.json", document), "regimens.json:regimens.0.infusion.rate_mg_per_kg_per_h.max");
  Errors errors;
  ValidateContent("regimens.json", document.dump(), errors);
  ASSERT_FALSE(errors.Empty());
  EXPECT_NE(errors.List().front().message.find("content/regimens.json"), std::string::npos);
}

TEST(ContentRecords, AnUnknownKindOfFigureIsRefused) {
  Json document = Json::parse(Text("regimens.json"));
  document["regimens"][0]["bolus"]["dose_mg_per_kg"]["kind"] = "stated-maximun";
  EXPECT_EQ(FirstField("regimens.json", document), "regimens.json:regimens.0.bolus.dose_mg_per_kg.kind");
}

TEST(ContentRecords, AMissingRuleIsRefusedNamingTheField) {
  Json document = Json::parse(Text("rules.json"));
  document["setting_thresholds"].erase("bolus_mg_per_kg");
  EXPECT_EQ(FirstField("rules.json", document), "rules.json:setting_thresholds.bolus_mg_per_kg");
  Json nested = Json::parse(Text("rules.json"));
  nested["dosing_weight"]["devine"].erase("base_height_in");
  EXPECT_EQ(FirstField("rules.json", nested), "rules.json:dosing_weight.devine.base_height_in");
}

TEST(ContentRecords, AMonitoringItemWithoutTextIsRefused) {
  Json document = Json::parse(Text("monitoring.json"));
  document["items"][1].erase("text");
  EXPECT_EQ(FirstField("monitoring.json", document), "monitoring.json:items.1.text");
}

TEST(ContentRecords, AFileThatIsNotJsonIsRefused) {
  Errors errors;
  ValidateContent("rules.json", "{\"input_plausibility\":", errors);
  ASSERT_FALSE(errors.Empty());
  EXPECT_EQ(errors.List().front().field, "rules.json");
}

// ContentJson parses a file when it is first asked for (content.cpp): every embedded file reads as the JSON of its
// bytes, a second call hands back the same parsed value, and a name that is not embedded is a discarded value.
TEST(ContentRecords, EachEmbeddedFileIsParsedOnFirstUseAsTheJsonOfItsBytes) {
  ASSERT_GE(EmbeddedContent().size(), 10u);
  for (const EmbeddedFile& embedded : EmbeddedContent()) {
    const Json& parsed = ContentJson(embedded.name);
    EXPECT_TRUE(parsed.is_object()) << embedded.name;
    EXPECT_EQ(parsed, Json::parse(embedded.text)) << embedded.name;
    EXPECT_EQ(&ContentJson(embedded.name), &parsed) << embedded.name << " was parsed again";
  }
  EXPECT_TRUE(ContentJson("no-such-file.json").is_discarded());
  EXPECT_TRUE(ContentJson("").is_discarded());
}

// A record error deep in a file names the whole path, through every list and object it is nested in
// (record_json.hpp Nested/RethrowAt): here a regimen's limit, and nlohmann's own type error becomes the sentence.
TEST(ContentRecords, ANestedTypeErrorNamesEveryLevelOfItsPath) {
  Json document = Json::parse(Text("regimens.json"));
  document["regimens"][2]["infusion"]["rate_mg_per_kg_per_h"]["max"] = "two";
  Errors errors;
  ValidateContent("regimens.json", document.dump(), errors);
  ASSERT_FALSE(errors.Empty());
  EXPECT_EQ(errors.List().front().field, "regimens.json:regimens.2.infusion.rate_mg_per_kg_per_h.max");
  EXPECT_EQ(errors.List().front().message,
            "content/regimens.json, field regimens.2.infusion.rate_mg_per_kg_per_h.max: type must be number, but is "
            "string.");
  // The clinical families' readers (ReadRecords, RecordFailure) word it as one sentence naming file and path.
  Json ort = ContentJson("ort.json");
  ort["items"][2]["points_male"] = "three";
  OrtContent read;
  Errors ortErrors;
  EXPECT_FALSE(ReadOrtContent(ort, read, ortErrors));
  ASSERT_FALSE(ortErrors.Empty());
  EXPECT_EQ(ortErrors.List().front().field, "ort.json:items.2.points_male");
  EXPECT_EQ(ortErrors.List().front().message,
            "content/ort.json items.2.points_male type must be number, but is string.");
}

}  // namespace
}  // namespace ketadose
