// Unit conversions: every conversion the product makes lives in units.hpp and is pinned here.
#include "base/units.hpp"

#include <gtest/gtest.h>

namespace ketadose {
namespace {

TEST(Units, PoundsToKilogramsUsesTheExactInternationalPound) {
  // 1 lb = 0.45359237 kg exactly (international yard and pound agreement, 1959).
  EXPECT_DOUBLE_EQ(ToKilograms(Pounds(1)).value(), 0.45359237);
  EXPECT_DOUBLE_EQ(ToKilograms(Pounds(154.32358)).value(), 154.32358 * 0.45359237);
}

TEST(Units, PoundsRoundTripIsExactToRounding) {
  for (double kg : {0.5, 3.2, 70.0, 123.4, 350.0}) {
    EXPECT_NEAR(ToKilograms(ToPounds(Kilograms(kg))).value(), kg, 1e-12 * kg);
  }
}

TEST(Units, MicrogramsPerKgPerMinuteTimesPointZeroSixIsMgPerKgPerHour) {
  // Cohen 2018 Q7: 7.2 ug/kg/min = 0.43 mg/kg/h (7.2 x 0.06 = 0.432).
  EXPECT_NEAR(ToMgPerKgPerHour(UgPerKgPerMin(7.2)).value(), 0.432, 1e-12);
  // 0.5 mg/kg/h x 1000 / 60 = 8.333... ug/kg/min (issue 2 example).
  EXPECT_NEAR(ToUgPerKgPerMin(MgPerKgPerHour(0.5)).value(), 8.333333333333334, 1e-12);
}

TEST(Units, PumpRateIsDoseRateOverConcentration) {
  // mL/h = (mg/h) / (mg/mL): 35 mg/h at 1 mg/mL = 35 mL/h; at 10 mg/mL = 3.5 mL/h.
  EXPECT_DOUBLE_EQ(PumpRate(MgPerHour(35), MgPerMl(1)).value(), 35.0);
  EXPECT_DOUBLE_EQ(PumpRate(MgPerHour(35), MgPerMl(10)).value(), 3.5);
  EXPECT_DOUBLE_EQ(DeliveredRate(MlPerHour(3.5), MgPerMl(10)).value(), 35.0);
}

TEST(Units, WeightBasedDoseIsDosePerKgTimesWeight) {
  // 0.35 mg/kg x 70 kg = 24.5 mg; 24.5 mg / 10 mg/mL = 2.45 mL.
  const Milligrams dose = DoseFor(MgPerKg(0.35), Kilograms(70));
  EXPECT_NEAR(dose.value(), 24.5, 1e-12);
  EXPECT_NEAR(VolumeOf(dose, MgPerMl(10)).value(), 2.45, 1e-12);
  EXPECT_NEAR(DosePerKg(dose, Kilograms(70)).value(), 0.35, 1e-15);
}

TEST(Units, HoursAndMinutesConvertBySixty) {
  EXPECT_DOUBLE_EQ(ToMinutes(Hours(4)).value(), 240.0);
  EXPECT_DOUBLE_EQ(ToHours(Minutes(40)).value(), 40.0 / 60.0);
  EXPECT_DOUBLE_EQ(ToInches(Centimetres(175)).value(), 175.0 / 2.54);
}

}  // namespace
}  // namespace ketadose
