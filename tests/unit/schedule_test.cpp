// Titration and weaning schedule (issue 12): the position paper's protocol (cnmp-position-2016 Proposal 5:
// start 0.05-0.1 mg/kg/h, at most 0.5 mg/kg/h, weaning over 12-24 h, 4 h observation), with the step interval
// as the user's input. Every expected figure is worked by hand in the comment beside it.
#include "domain/schedule.hpp"
#include "api/schedule_io.hpp"
#include "api/plan_io.hpp"
#include "content/catalog_json.hpp"

#include <gtest/gtest.h>

#include "api/api.hpp"
#include "content/catalog.hpp"

namespace ketadose {
namespace {

const Regimen& RegimenById(const char* id) { return *FindRegimen(DefaultCatalog(), id); }

ScheduleProtocol Protocol(const char* id) {
  const auto protocol = ReadScheduleProtocol(RegimenById(id));
  EXPECT_TRUE(protocol.has_value()) << id;
  return protocol.value_or(ScheduleProtocol{});
}

std::optional<Schedule> Build(const char* id, const std::string& order, double target, double hours, double kg,
                              Errors& errors) {
  const ScheduleProtocol protocol = Protocol(id);
  const auto read = ReadScheduleOrder(Json::parse(order), protocol, errors);
  if (!read) return std::nullopt;
  return BuildSchedule(protocol, *read, MgPerKgPerHour(target), Hours(hours), Kilograms(kg), MgPerMl(1.0), errors);
}

Schedule BuildOk(const char* id, const std::string& order, double target, double hours, double kg) {
  Errors errors;
  const auto schedule = Build(id, order, target, hours, kg, errors);
  EXPECT_TRUE(schedule.has_value()) << (errors.Empty() ? "" : errors.List()[0].field + ": " + errors.List()[0].message);
  return schedule.value_or(Schedule{});
}

void ExpectStep(const ScheduleStep& step, SchedulePhase phase, double startH, double endH, double perKg, double mgH) {
  EXPECT_EQ(step.phase, phase);
  EXPECT_NEAR(step.start.value(), startH, 1e-9);
  EXPECT_NEAR(step.end.value(), endH, 1e-9);
  EXPECT_NEAR(step.ratePerKg.value(), perKg, 1e-9);
  EXPECT_NEAR(step.rate.value(), mgH, 1e-9);
  EXPECT_NEAR(step.pumpRate.value(), mgH, 1e-9);  // at 1 mg/mL, mL/h = mg/h
}

TEST(Schedule, ThePositionPapersProtocolIsReadFromTheRegimen) {
  const ScheduleProtocol protocol = Protocol("ncp-subanaesthetic");
  EXPECT_DOUBLE_EQ(protocol.startMin.value(), 0.05);  // induction 0.05-0.1 mg/kg/h
  EXPECT_DOUBLE_EQ(protocol.startMax.value(), 0.1);
  EXPECT_DOUBLE_EQ(protocol.maximum.value(), 0.5);  // maximum 0.5 mg/kg/h
  EXPECT_DOUBLE_EQ(protocol.weaningMin->value(), 12.0);  // weaning 12-24 h
  EXPECT_DOUBLE_EQ(protocol.weaningMax->value(), 24.0);
  EXPECT_DOUBLE_EQ(protocol.observeAfterStop->value(), 4.0);  // observe 4 h after stopping
  EXPECT_EQ(protocol.source.ref, "cnmp-position-2016");
  EXPECT_EQ(protocol.conventionSource.ref, "ketadose-conventions");
  // Sigtermans: the sources give no titration steps, so there is no schedule.
  EXPECT_FALSE(ReadScheduleProtocol(RegimenById("crps-sigtermans")).has_value());
}

TEST(Schedule, SeventyKgToHalfAMgPerKgPerHourInSixHourSteps) {
  // 70 kg, target 0.5 mg/kg/h, 72 h, step 6 h, defaults: start 0.1, +0.1 a step, weaning 12 h.
  const Schedule s = BuildOk("ncp-subanaesthetic", R"({"step_h":6})", 0.5, 72, 70);
  ASSERT_EQ(s.steps.size(), 8u);
  ExpectStep(s.steps[0], SchedulePhase::kTitration, 0, 6, 0.1, 7);     // 0.1 x 70 = 7 mg/h
  ExpectStep(s.steps[1], SchedulePhase::kTitration, 6, 12, 0.2, 14);   // 0.2 x 70
  ExpectStep(s.steps[2], SchedulePhase::kTitration, 12, 18, 0.3, 21);  // 0.3 x 70
  ExpectStep(s.steps[3], SchedulePhase::kTitration, 18, 24, 0.4, 28);  // 0.4 x 70
  ExpectStep(s.steps[4], SchedulePhase::kMaintenance, 24, 60, 0.5, 35);  // 4 steps x 6 h = 24 h; 72 - 12 = 60
  // Weaning 12 h in ceil(12 / 6) = 2 steps: 0.5 x 2/3 = 0.3333 (23.333 mg/h), 0.5 x 1/3 = 0.1667 (11.667).
  ExpectStep(s.steps[5], SchedulePhase::kWeaning, 60, 66, 0.5 * 2 / 3, 70 * 0.5 * 2 / 3);
  ExpectStep(s.steps[6], SchedulePhase::kWeaning, 66, 72, 0.5 / 3, 70 * 0.5 / 3);
  ExpectStep(s.steps[7], SchedulePhase::kObservation, 72, 76, 0, 0);  // stop at 72 h, observe 4 h
}

TEST(Schedule, StartIncrementAndWeaningMayBeChosenWithinTheSource) {
  // 80 kg to 0.3 mg/kg/h over 120 h: start 0.05, +0.05 every 4 h, weaning 24 h.
  const Schedule s = BuildOk("ncp-subanaesthetic",
                             R"({"step_h":4,"start_mg_per_kg_per_h":0.05,"step_mg_per_kg_per_h":0.05,"weaning_h":24})",
                             0.3, 120, 80);
  // Titration 0.05, 0.10, 0.15, 0.20, 0.25 (5 steps, 20 h); maintenance 20-96; weaning 6 steps of 4 h;
  // observation: 5 + 1 + 6 + 1 = 13 rows.
  ASSERT_EQ(s.steps.size(), 13u);
  ExpectStep(s.steps[0], SchedulePhase::kTitration, 0, 4, 0.05, 4);      // 0.05 x 80 = 4 mg/h
  ExpectStep(s.steps[4], SchedulePhase::kTitration, 16, 20, 0.25, 20);   // 0.25 x 80 = 20 mg/h
  ExpectStep(s.steps[5], SchedulePhase::kMaintenance, 20, 96, 0.3, 24);  // 120 - 24 = 96; 0.3 x 80 = 24
  ExpectStep(s.steps[6], SchedulePhase::kWeaning, 96, 100, 0.3 * 6 / 7, 24.0 * 6 / 7);  // 20.571 mg/h
  ExpectStep(s.steps[11], SchedulePhase::kWeaning, 116, 120, 0.3 / 7, 24.0 / 7);        // 3.429 mg/h
  ExpectStep(s.steps[12], SchedulePhase::kObservation, 120, 124, 0, 0);
}

TEST(Schedule, APlanAtTheStartingRateHasNoTitrationAndWeaningMayBeLeftOut) {
  // Target 0.1 = the default start: maintenance from 0 h. Weaning 12 h in one 12 h step at 0.1 x 1/2 = 0.05.
  const Schedule s = BuildOk("ncp-subanaesthetic", R"({"step_h":12})", 0.1, 48, 70);
  ASSERT_EQ(s.steps.size(), 3u);
  ExpectStep(s.steps[0], SchedulePhase::kMaintenance, 0, 36, 0.1, 7);
  ExpectStep(s.steps[1], SchedulePhase::kWeaning, 36, 48, 0.05, 3.5);
  ExpectStep(s.steps[2], SchedulePhase::kObservation, 48, 52, 0, 0);
  // weaning_h 0: the paper says weaning "can be considered"; none planned, maintenance runs to 48 h.
  const Schedule none = BuildOk("ncp-subanaesthetic", R"({"step_h":12,"weaning_h":0})", 0.1, 48, 70);
  ASSERT_EQ(none.steps.size(), 2u);
  ExpectStep(none.steps[0], SchedulePhase::kMaintenance, 0, 48, 0.1, 7);
}

TEST(Schedule, ATargetBelowTheStartStartsAtTheTarget) {
  // Target 0.05 with the default start 0.1: never above the planned rate, so maintenance at 0.05 from 0 h.
  const Schedule s = BuildOk("ncp-subanaesthetic", R"({"step_h":6})", 0.05, 48, 70);
  ExpectStep(s.steps[0], SchedulePhase::kMaintenance, 0, 36, 0.05, 3.5);
}

TEST(Schedule, TheInpatientGuidelineRegimenTitratesFromHalfAMgPerKgPerHourWithNoInventedWeaning) {
  // Cohen Table 1: 0.5-2 mg/kg/h, titrated up from lower rates; no weaning or observation figure is given.
  const Schedule s = BuildOk("chronic-iv-inpatient", R"({"step_h":12})", 1.0, 72, 70);
  ASSERT_EQ(s.steps.size(), 2u);
  ExpectStep(s.steps[0], SchedulePhase::kTitration, 0, 12, 0.5, 35);     // 0.5 x 70
  ExpectStep(s.steps[1], SchedulePhase::kMaintenance, 12, 72, 1.0, 70);  // 0.5 + 0.5 = 1.0 from 12 h
  Errors errors;
  EXPECT_FALSE(Build("chronic-iv-inpatient", R"({"step_h":12,"weaning_h":12})", 1.0, 72, 70, errors).has_value());
  EXPECT_EQ(errors.List()[0].field, "schedule.weaning_h");
}

TEST(Schedule, StepsThatDoNotFitTheInfusionAreAnError) {
  // 0.1 -> 0.5 takes 4 steps; at 12 h each that is 48 h, plus 12 h weaning = 60 h > a 48 h infusion.
  Errors errors;
  EXPECT_FALSE(Build("ncp-subanaesthetic", R"({"step_h":12})", 0.5, 48, 70, errors).has_value());
  ASSERT_FALSE(errors.Empty());
  EXPECT_EQ(errors.List()[0].field, "schedule.step_h");
  EXPECT_NE(errors.List()[0].message.find("48 h"), std::string::npos) << errors.List()[0].message;
}

TEST(Schedule, OrderFieldsOutsideTheSourceAreErrors) {
  const auto fieldOf = [](const std::string& order) {
    Errors errors;
    EXPECT_FALSE(Build("ncp-subanaesthetic", order, 0.5, 72, 70, errors).has_value()) << order;
    return errors.Empty() ? std::string() : errors.List()[0].field;
  };
  EXPECT_EQ(fieldOf(R"({})"), "schedule.step_h");                                   // the interval is required
  EXPECT_EQ(fieldOf(R"({"step_h":0})"), "schedule.step_h");                         // must be > 0
  EXPECT_EQ(fieldOf(R"({"step_h":73})"), "schedule.step_h");                        // longer than the 72 h infusion
  EXPECT_EQ(fieldOf(R"({"step_h":6,"start_mg_per_kg_per_h":0.2})"), "schedule.start_mg_per_kg_per_h");  // > 0.1
  EXPECT_EQ(fieldOf(R"({"step_h":6,"weaning_h":30})"), "schedule.weaning_h");       // 12-24 h
  EXPECT_EQ(fieldOf(R"({"step_h":6,"typo":1})"), "schedule.typo");
  // Above the protocol's maximum of 0.5 mg/kg/h nothing is scheduled (0.5 itself is, see above).
  Errors errors;
  EXPECT_FALSE(Build("ncp-subanaesthetic", R"({"step_h":6})", 0.6, 72, 70, errors).has_value());
  EXPECT_EQ(errors.List()[0].field, "schedule");
}

TEST(Schedule, ThePlanResponseCarriesTheSchedule) {
  const Json plan = Json::parse(Api(
      R"({"action":"plan","protocol":"ncp-subanaesthetic","patient":{"weight":70},"infusion":{"rate_mg_per_kg_per_h":0.5,"duration_h":72,"concentration_mg_per_ml":1},"schedule":{"step_h":6}})"));
  ASSERT_TRUE(plan["ok"]) << plan.dump();
  ASSERT_EQ(plan["schedule"].size(), 8u);
  EXPECT_EQ(plan["schedule"][5]["phase"], "weaning");
  // 35 x 2/3 = 23.333 mL/h at 1 mg/mL, set in the pump's 0.1 mL/h steps rounded down: 23.3 mL/h.
  EXPECT_DOUBLE_EQ(plan["schedule"][5]["rate_ml_per_h"].get<double>(), 23.3);
  EXPECT_DOUBLE_EQ(plan["schedule"][5]["rate_mg_per_h"].get<double>(), 23.333);  // mg/h as ordered, 3 decimals
  EXPECT_DOUBLE_EQ(plan["schedule_basis"]["step_h"].get<double>(), 6.0);
  const Json none = Json::parse(Api(
      R"({"action":"plan","protocol":"crps-sigtermans","patient":{"weight":70},"infusion":{"rate_mg_per_kg_per_h":0.3,"duration_h":100,"concentration_mg_per_ml":1},"schedule":{"step_h":6}})"));
  EXPECT_FALSE(none["ok"]);
  EXPECT_EQ(none["errors"][0]["field"], "schedule");
}

}  // namespace
}  // namespace ketadose
