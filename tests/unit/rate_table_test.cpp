// Rate ladder for titration and weaning: evenly spaced rates across the regimen's range, converted to mL/h.
#include "domain/rate_table.hpp"
#include "api/plan_io.hpp"
#include "content/catalog_json.hpp"

#include <gtest/gtest.h>

namespace ketadose {
namespace {

const Catalog& C() { return DefaultCatalog(); }

TEST(RateTable, OutpatientRangeInQuarterSteps) {
  // Cohen Table 6: 0.5-2 mg/kg/h. Span 1.5 -> step 0.25: 0.5, 0.75, ..., 2 (7 rows). At 70 kg and 1 mg/mL
  // the 1 mg/kg/h row is 70 mg/h = 70 mL/h and needs a monitored setting (Cohen Q6).
  const auto rows = RateTable(*FindRegimen(C(), "chronic-iv-outpatient"), C(), Kilograms(70), MgPerMl(1),
                              MgPerKgPerHour(0.5));
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_DOUBLE_EQ(rows[0].ratePerKg.value(), 0.5);
  EXPECT_TRUE(rows[0].isPlanned);
  EXPECT_DOUBLE_EQ(rows[2].ratePerKg.value(), 1.0);
  EXPECT_NEAR(rows[2].pumpRate.value(), 70.0, 1e-12);
  EXPECT_TRUE(rows[2].needsMonitoredSetting);
  EXPECT_FALSE(rows[1].needsMonitoredSetting);
  EXPECT_DOUBLE_EQ(rows.back().ratePerKg.value(), 2.0);
}

TEST(RateTable, LowDoseRegimenFromInductionToMaximum) {
  // Position paper Proposal 5: induction from 0.05, maximum 0.5 mg/kg/h -> 0.05, 0.10, ..., 0.50 (10 rows).
  // At 80 kg and 1 mg/mL, 0.1 mg/kg/h = 8 mL/h.
  const auto rows = RateTable(*FindRegimen(C(), "ncp-subanaesthetic"), C(), Kilograms(80), MgPerMl(1),
                              MgPerKgPerHour(0.1));
  ASSERT_EQ(rows.size(), 10u);
  EXPECT_NEAR(rows[1].pumpRate.value(), 8.0, 1e-12);
  EXPECT_TRUE(rows[1].isPlanned);
  EXPECT_NEAR(rows.back().ratePerKg.value(), 0.5, 1e-12);
}

TEST(RateTable, AnOutOfRangePlannedRateIsAddedAndMarked) {
  // Planned 0.6 mg/kg/h is above the 0.5 maximum: it appears as its own row, marked outside the range.
  const auto rows = RateTable(*FindRegimen(C(), "ncp-subanaesthetic"), C(), Kilograms(80), MgPerMl(1),
                              MgPerKgPerHour(0.6));
  ASSERT_EQ(rows.size(), 11u);
  EXPECT_TRUE(rows.back().isPlanned);
  EXPECT_TRUE(rows.back().outsideRange);
}

TEST(RateTable, FixedMilligramRegimenStepsInMgPerHour) {
  // Cohen Table 1: acute pain 5-35 mg/h -> 5, 10, ..., 35 mg/h (7 rows); at 10 mg/mL, 35 mg/h = 3.5 mL/h.
  const auto rows = RateTable(*FindRegimen(C(), "acute-periop"), C(), Kilograms(70), MgPerMl(10),
                              MgPerKgPerHour(10.0 / 70.0));
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_NEAR(rows.back().rate.value(), 35.0, 1e-12);
  EXPECT_NEAR(rows.back().pumpRate.value(), 3.5, 1e-12);
  EXPECT_TRUE(rows[1].isPlanned);
}

TEST(RateTable, NoTableForARegimenWithoutAnInfusion) {
  EXPECT_TRUE(RateTable(*FindRegimen(C(), "oral-followon"), C(), Kilograms(70), MgPerMl(1), MgPerKgPerHour(0.5))
                  .empty());
}

}  // namespace
}  // namespace ketadose
