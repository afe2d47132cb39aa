// The typed content records (content/screening_records.hpp, response_records.hpp, pk_records.hpp): the built-in
// files read cleanly, the records hold the figures the files state, and a malformed record is refused with its
// file and field (so the build's content check names what to fix).
#include <gtest/gtest.h>

#include <string>

#include "content/content.hpp"
#include "content/pk_records.hpp"
#include "content/record_json.hpp"
#include "content/response_records.hpp"
#include "content/screening_records.hpp"

namespace ketadose {
namespace {

std::string Fields(const Errors& errors) {
  std::string fields;
  for (const FieldError& error : errors.List()) fields += error.field + " (" + error.message + ") ";
  return fields;
}

TEST(ClinicalRecords, BuiltInContentPassesItsCheck) {
  const Errors errors = ValidateClinicalContent();
  EXPECT_TRUE(errors.Empty()) << Fields(errors);
  EXPECT_TRUE(ScreeningRecords().loaded);
  EXPECT_TRUE(OrtRecords().loaded);
  EXPECT_TRUE(ResponseRecords().loaded);
  EXPECT_TRUE(PkRecords().loaded);
}

TEST(ClinicalRecords, RecordsHoldTheFiguresTheFilesState) {
  // One record per family, each against the same figure read from the file directly.
  const Json& screening = ContentJson("screening.json");
  ASSERT_EQ(ScreeningRecords().conditions.size(), screening["conditions"].size());
  const ConditionRecord* angina = ScreeningRecords().FindCondition("unstable-angina");
  ASSERT_NE(angina, nullptr);
  EXPECT_EQ(angina->level, Level::kAvoid);  // cohen2018 Table 5: not in poorly controlled CV disease
  EXPECT_EQ(angina->grade, "B");
  EXPECT_EQ(angina->source.ref, "cohen2018");
  EXPECT_EQ(ScreeningRecords().planShape.multiDayInfusionHoursMoreThan, 24);  // ketadose convention: > 24 h
  // ORT: 10 items, the high band open at the top from 8 (Webster & Webster 2005).
  EXPECT_EQ(OrtRecords().items.size(), 10u);
  ASSERT_EQ(OrtRecords().bands.size(), 3u);
  EXPECT_EQ(OrtRecords().bands[2].min, 8);
  EXPECT_FALSE(OrtRecords().bands[2].max.has_value());
  EXPECT_EQ(OrtRecords().ageItem.minYears, 16);
  EXPECT_EQ(OrtRecords().ageItem.maxYears, 45);
  // PK: Domino's V1 0.063 L/kg and k10 0.4381 /min; the simulation horizon 14400 min (10 days).
  const PkModelRecord* domino = PkRecords().FindModel("domino");
  ASSERT_NE(domino, nullptr);
  EXPECT_EQ(domino->form, PkForm::kMicroConstantsPerKg);
  EXPECT_EQ(domino->perKg.v1LitresPerKg, 0.063);
  EXPECT_EQ(domino->perKg.k10PerMin, 0.4381);
  EXPECT_EQ(PkRecords().simulation.maxUntil.value(), 14400);
  EXPECT_EQ(PkRecords().ke0Default.halfLife.value(), 5);  // cnmp-position-2016 App. 2: 1-10 min, 5 chosen
  EXPECT_TRUE(PkRecords().target.targetNgPerMl.minExclusive);
}

// Reads `json` with `read` and returns the single error's field ("" when it was accepted).
template <class T, class Read>
std::string RefusedAt(const Json& json, Read read) {
  T records;
  Errors errors;
  const bool ok = read(json, records, errors);
  EXPECT_EQ(ok, errors.Empty());
  EXPECT_EQ(records.loaded, ok);
  if (ok) return "";
  EXPECT_EQ(errors.List().size(), 1u) << Fields(errors);
  EXPECT_FALSE(errors.List()[0].message.empty());
  return errors.List()[0].field;
}

TEST(ClinicalRecords, AMalformedScreeningRecordIsRefusedWithItsFileAndField) {
  Json screening = ContentJson("screening.json");
  EXPECT_EQ(RefusedAt<ScreeningContent>(screening, ReadScreeningContent), "");
  Json badLevel = screening;
  badLevel["conditions"][3]["level"] = "maybe";
  EXPECT_EQ(RefusedAt<ScreeningContent>(badLevel, ReadScreeningContent), "screening.json:conditions.3.level");
  Json noReason = screening;
  noReason["conditions"][0].erase("reason");
  EXPECT_EQ(RefusedAt<ScreeningContent>(noReason, ReadScreeningContent), "screening.json:conditions.0.reason");
  Json badSource = screening;
  badSource["tests"][1]["source"] = Json{{"ref", "cohen2018"}};  // no "where"
  // The one SourceRef mapping (records_json.cpp) names the missing field itself, not only the record.
  EXPECT_EQ(RefusedAt<ScreeningContent>(badSource, ReadScreeningContent), "screening.json:tests.1.source.where");
  Json textThreshold = screening;
  textThreshold["plan_shape"]["multi_day_infusion_h_more_than"] = "24";
  EXPECT_EQ(RefusedAt<ScreeningContent>(textThreshold, ReadScreeningContent),
            "screening.json:plan_shape.multi_day_infusion_h_more_than");
}

TEST(ClinicalRecords, AMalformedOrtResponseOrPkRecordIsRefusedWithItsFileAndField) {
  Json ort = ContentJson("ort.json");
  ort["items"][2]["points_male"] = "three";
  EXPECT_EQ(RefusedAt<OrtContent>(ort, ReadOrtContent), "ort.json:items.2.points_male");

  Json response = ContentJson("response.json");
  EXPECT_EQ(RefusedAt<ResponseContent>(response, ReadResponseContent), "");
  response["positive_response"]["pain_reduction_percent_at_least"] = -30;
  EXPECT_EQ(RefusedAt<ResponseContent>(response, ReadResponseContent),
            "response.json:positive_response.pain_reduction_percent_at_least");
  Json noDuration = ContentJson("response.json");
  noDuration["duration"].erase("inpatient-or-series");
  EXPECT_EQ(RefusedAt<ResponseContent>(noDuration, ReadResponseContent), "response.json:duration.inpatient-or-series");

  Json pk = ContentJson("pk-models.json");
  EXPECT_EQ(RefusedAt<PkContent>(pk, ReadPkContent), "");
  pk["models"][0]["parameters"].erase("k10_per_min");
  EXPECT_EQ(RefusedAt<PkContent>(pk, ReadPkContent), "pk-models.json:models.0.parameters.k10_per_min");
  Json badForm = ContentJson("pk-models.json");
  badForm["models"][1]["form"] = "one-compartment";
  EXPECT_EQ(RefusedAt<PkContent>(badForm, ReadPkContent), "pk-models.json:models.1.form");
  Json badRange = ContentJson("pk-models.json");
  badRange["target"]["reach_min"]["max"] = 0;  // below its min of 1
  EXPECT_EQ(RefusedAt<PkContent>(badRange, ReadPkContent), "pk-models.json:target.reach_min.max");
  EXPECT_EQ(RefusedAt<PkContent>(Json::array(), ReadPkContent), "pk-models.json:");
}

}  // namespace
}  // namespace ketadose
