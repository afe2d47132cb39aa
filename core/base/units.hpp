// Clinical quantities as types, and every unit conversion the product makes, in one place.
#pragma once

#include "base/range.hpp"

namespace ketadose {

// A value tagged with its unit. Arithmetic that changes the unit goes through the named
// functions below, so a mg/kg/h can never be passed where a mg/h is expected.
template <typename Unit>
class Quantity {
 public:
  constexpr Quantity() = default;
  constexpr explicit Quantity(double value) : value_(value) {}
  [[nodiscard]] constexpr double value() const { return value_; }

  constexpr Quantity operator+(Quantity other) const { return Quantity(value_ + other.value_); }
  constexpr Quantity operator-(Quantity other) const { return Quantity(value_ - other.value_); }
  constexpr Quantity operator*(double factor) const { return Quantity(value_ * factor); }
  constexpr double operator/(Quantity other) const { return value_ / other.value_; }
  constexpr bool operator<(Quantity other) const { return value_ < other.value_; }
  constexpr bool operator<=(Quantity other) const { return value_ <= other.value_; }
  constexpr bool operator>(Quantity other) const { return value_ > other.value_; }
  constexpr bool operator>=(Quantity other) const { return value_ >= other.value_; }
  constexpr bool operator==(Quantity other) const { return value_ == other.value_; }

 private:
  double value_ = 0.0;
};

// clang-format off
struct KilogramTag {};        using Kilograms = Quantity<KilogramTag>;
struct PoundTag {};           using Pounds = Quantity<PoundTag>;
struct CentimetreTag {};      using Centimetres = Quantity<CentimetreTag>;
struct InchTag {};            using Inches = Quantity<InchTag>;
struct YearTag {};            using Years = Quantity<YearTag>;
struct MilligramTag {};       using Milligrams = Quantity<MilligramTag>;
struct MillilitreTag {};      using Millilitres = Quantity<MillilitreTag>;
struct MinuteTag {};          using Minutes = Quantity<MinuteTag>;
struct HourTag {};            using Hours = Quantity<HourTag>;
struct MgPerKgTag {};         using MgPerKg = Quantity<MgPerKgTag>;
struct MgPerMlTag {};         using MgPerMl = Quantity<MgPerMlTag>;
struct MgPerHourTag {};       using MgPerHour = Quantity<MgPerHourTag>;
struct MlPerHourTag {};       using MlPerHour = Quantity<MlPerHourTag>;
struct MlPerMinuteTag {};     using MlPerMinute = Quantity<MlPerMinuteTag>;
struct MgPerKgPerHourTag {};  using MgPerKgPerHour = Quantity<MgPerKgPerHourTag>;
struct UgPerKgPerMinTag {};   using UgPerKgPerMin = Quantity<UgPerKgPerMinTag>;
struct LitreTag {};           using Litres = Quantity<LitreTag>;
struct LitresPerMinuteTag {}; using LitresPerMinute = Quantity<LitresPerMinuteTag>;
struct LitresPerHourTag {};   using LitresPerHour = Quantity<LitresPerHourTag>;
struct PerMinuteTag {};       using PerMinute = Quantity<PerMinuteTag>;
struct PerHourTag {};         using PerHour = Quantity<PerHourTag>;
struct NgPerMlTag {};         using NgPerMl = Quantity<NgPerMlTag>;
struct MgPerLitreTag {};      using MgPerLitre = Quantity<MgPerLitreTag>;
// clang-format on

// The international avoirdupois pound is defined as exactly 0.45359237 kg.
inline constexpr double kKilogramsPerPound = 0.45359237;
inline constexpr double kCentimetresPerInch = 2.54;
inline constexpr double kMinutesPerHour = 60.0;
// 1 mg/kg/h = 1000 ug/kg per 60 min, so ug/kg/min x 0.06 = mg/kg/h (Cohen 2018 Q7: 7.2 ug/kg/min ~ 0.43 mg/kg/h).
inline constexpr double kUgPerKgPerMinPerMgPerKgPerHour = 1000.0 / 60.0;

constexpr Kilograms ToKilograms(Pounds weight) { return Kilograms(weight.value() * kKilogramsPerPound); }
constexpr Pounds ToPounds(Kilograms weight) { return Pounds(weight.value() / kKilogramsPerPound); }
constexpr Inches ToInches(Centimetres height) { return Inches(height.value() / kCentimetresPerInch); }
constexpr Hours ToHours(Minutes time) { return Hours(time.value() / kMinutesPerHour); }
constexpr Minutes ToMinutes(Hours time) { return Minutes(time.value() * kMinutesPerHour); }

constexpr UgPerKgPerMin ToUgPerKgPerMin(MgPerKgPerHour rate) {
  return UgPerKgPerMin(rate.value() * kUgPerKgPerMinPerMgPerKgPerHour);
}
constexpr MgPerKgPerHour ToMgPerKgPerHour(UgPerKgPerMin rate) {
  return MgPerKgPerHour(rate.value() / kUgPerKgPerMinPerMgPerKgPerHour);
}

// Weight-based dose and rate.
constexpr Milligrams DoseFor(MgPerKg dose, Kilograms weight) { return Milligrams(dose.value() * weight.value()); }
constexpr MgPerKg DosePerKg(Milligrams dose, Kilograms weight) { return MgPerKg(dose.value() / weight.value()); }
constexpr MgPerHour RateFor(MgPerKgPerHour rate, Kilograms weight) { return MgPerHour(rate.value() * weight.value()); }
constexpr MgPerKgPerHour RatePerKg(MgPerHour rate, Kilograms weight) {
  return MgPerKgPerHour(rate.value() / weight.value());
}

// Amount, volume and concentration: mL = mg / (mg/mL); mL/h = (mg/h) / (mg/mL).
constexpr Millilitres VolumeOf(Milligrams dose, MgPerMl concentration) {
  return Millilitres(dose.value() / concentration.value());
}
constexpr Milligrams AmountIn(Millilitres volume, MgPerMl concentration) {
  return Milligrams(volume.value() * concentration.value());
}
constexpr MlPerHour PumpRate(MgPerHour rate, MgPerMl concentration) {
  return MlPerHour(rate.value() / concentration.value());
}
constexpr MgPerHour DeliveredRate(MlPerHour pump, MgPerMl concentration) {
  return MgPerHour(pump.value() * concentration.value());
}
constexpr MlPerMinute PushRate(Millilitres volume, Minutes over) { return MlPerMinute(volume.value() / over.value()); }
constexpr Milligrams AmountOver(MgPerHour rate, Hours duration) { return Milligrams(rate.value() * duration.value()); }

// Pharmacokinetics. 1 mg/L = 1 ug/mL = 1000 ng/mL; a first-order half-life t gives k = ln 2 / t.
inline constexpr double kNgPerMlPerMgPerLitre = 1000.0;
inline constexpr double kLn2 = 0.693147180559945309417;
constexpr NgPerMl ToNgPerMl(MgPerLitre concentration) { return NgPerMl(concentration.value() * kNgPerMlPerMgPerLitre); }
constexpr MgPerLitre ToMgPerLitre(NgPerMl concentration) {
  return MgPerLitre(concentration.value() / kNgPerMlPerMgPerLitre);
}
constexpr PerMinute ToPerMinute(PerHour rate) { return PerMinute(rate.value() / kMinutesPerHour); }
constexpr LitresPerMinute ToLitresPerMinute(LitresPerHour flow) {
  return LitresPerMinute(flow.value() / kMinutesPerHour);
}
// A flow between compartments over the volume it leaves: k = Q / V.
constexpr PerMinute RateConstant(LitresPerMinute flow, Litres volume) {
  return PerMinute(flow.value() / volume.value());
}
constexpr PerMinute RateConstantForHalfLife(Minutes halfLife) { return PerMinute(kLn2 / halfLife.value()); }

}  // namespace ketadose
