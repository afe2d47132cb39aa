// Patient validation and dosing weight (Devine IBW, adjusted weight).
#include "domain/patient.hpp"
#include "api/plan_io.hpp"
#include "content/catalog_json.hpp"

#include <gtest/gtest.h>

namespace ketadose {
namespace {

const Catalog& C() { return DefaultCatalog(); }

TEST(DosingWeight, DevineIdealWeightForMaleAndFemale) {
  // 175 cm = 68.8976 in; male: 50 + 2.3 x 8.8976 = 70.4646 kg; female: 45.5 + 2.3 x 8.8976 = 65.9646 kg.
  const double inchesOver = 175.0 / 2.54 - 60.0;
  EXPECT_NEAR(IdealBodyWeight(Centimetres(175), Sex::kMale, C())->value(), 50.0 + 2.3 * inchesOver, 1e-9);
  EXPECT_NEAR(IdealBodyWeight(Centimetres(175), Sex::kFemale, C())->value(), 45.5 + 2.3 * inchesOver, 1e-9);
  // Exactly 60 in (152.4 cm): the base weight.
  EXPECT_NEAR(IdealBodyWeight(Centimetres(152.4), Sex::kMale, C())->value(), 50.0, 1e-9);
}

TEST(DosingWeight, DevineIsUndefinedBelowSixtyInches) {
  EXPECT_FALSE(IdealBodyWeight(Centimetres(150), Sex::kFemale, C()).has_value());
}

TEST(DosingWeight, AdjustedIsIdealPlusFortyPercentOfExcess) {
  // IBW 70 kg, actual 120 kg: 70 + 0.4 x 50 = 90 kg.
  EXPECT_NEAR(AdjustedBodyWeight(Kilograms(120), Kilograms(70), C()).value(), 90.0, 1e-12);
}

TEST(DosingWeight, IdealNeedsHeightAndSex) {
  Patient patient{Kilograms(90), std::nullopt, Sex::kMale, std::nullopt, false};
  Errors errors;
  EXPECT_FALSE(ChooseDosingWeight(patient, WeightBasis::kIdeal, C(), errors).has_value());
  ASSERT_EQ(errors.List().size(), 1u);
  EXPECT_EQ(errors.List()[0].field, "patient.height_cm");  // the field to fill, so the form marks it
}

TEST(DosingWeight, AdjustedWithNeitherHeightNorSexMarksBothFields) {
  Patient patient{Kilograms(90), std::nullopt, std::nullopt, std::nullopt, false};
  Errors errors;
  EXPECT_FALSE(ChooseDosingWeight(patient, WeightBasis::kAdjusted, C(), errors).has_value());
  ASSERT_EQ(errors.List().size(), 2u);
  EXPECT_EQ(errors.List()[0].field, "patient.height_cm");
  EXPECT_EQ(errors.List()[1].field, "patient.sex");
}

TEST(DosingWeight, NeverDosesAboveActualWeight) {
  // 50 kg man of 180 cm: IBW = 50 + 2.3 x (70.866 - 60) = 74.99 kg > 50 kg actual, so actual is used.
  Patient patient{Kilograms(50), Centimetres(180), Sex::kMale, std::nullopt, false};
  Errors errors;
  const auto weight = ChooseDosingWeight(patient, WeightBasis::kIdeal, C(), errors);
  ASSERT_TRUE(weight.has_value());
  EXPECT_TRUE(weight->cappedAtActual);
  EXPECT_DOUBLE_EQ(weight->weight.value(), 50.0);
}

TEST(PatientInput, PoundsAreConvertedAtInput) {
  Errors errors;
  const auto patient = ReadPatient(Json::parse(R"({"patient":{"weight":154,"weight_unit":"lb"}})"), C(), errors);
  ASSERT_TRUE(patient.has_value());
  // 154 lb x 0.45359237 = 69.85322498 kg.
  EXPECT_NEAR(patient->actualWeight.value(), 69.85322498, 1e-9);
}

TEST(PatientInput, ImplausibleWeightsAreFieldErrors) {
  for (const char* weight : {"0", "-70", "0.4", "351", "\"70\"", "null", "true", "[70]"}) {
    Errors errors;
    const std::string request = std::string(R"({"patient":{"weight":)") + weight + "}}";
    EXPECT_FALSE(ReadPatient(Json::parse(request), C(), errors).has_value()) << weight;
    ASSERT_FALSE(errors.Empty()) << weight;
    EXPECT_EQ(errors.List()[0].field, "patient.weight") << weight;
  }
}

TEST(PatientInput, PoundLimitIsTheKilogramLimitConverted) {
  // 350 kg = 771.6 lb: 700 lb is plausible, 800 lb is not.
  Errors ok;
  EXPECT_TRUE(ReadPatient(Json::parse(R"({"patient":{"weight":700,"weight_unit":"lb"}})"), C(), ok).has_value());
  Errors bad;
  EXPECT_FALSE(ReadPatient(Json::parse(R"({"patient":{"weight":800,"weight_unit":"lb"}})"), C(), bad).has_value());
}

TEST(PatientInput, HeightOutsideFortyToTwoHundredFiftyCmIsRejected) {
  for (const char* height : {"39", "251", "0"}) {
    Errors errors;
    const std::string request = std::string(R"({"patient":{"weight":70,"height_cm":)") + height + "}}";
    EXPECT_FALSE(ReadPatient(Json::parse(request), C(), errors).has_value());
    ASSERT_FALSE(errors.Empty());
    EXPECT_EQ(errors.List()[0].field, "patient.height_cm");
  }
}

}  // namespace
}  // namespace ketadose
