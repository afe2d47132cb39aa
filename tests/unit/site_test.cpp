// Site configuration: validation field by field, and the overlay (changed limits enforced and marked).
#include "content/site.hpp"
#include "api/plan_io.hpp"
#include "content/catalog_json.hpp"

#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "api/api.hpp"
#include "base/sha256.hpp"

namespace ketadose {
namespace {

std::string ExampleSite() {
  std::ifstream file(std::string(KETADOSE_SOURCE_DIR) + "/docs/site.example.json", std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

std::set<std::string> ErrorFields(const std::string& site) {
  Errors errors;
  EXPECT_FALSE(ApplySite(DefaultCatalog(), site, errors).has_value());
  std::set<std::string> fields;
  for (const FieldError& error : errors.List()) fields.insert(error.field);
  return fields;
}

TEST(Sha256, MatchesTheFipsTestVectors) {
  // FIPS 180-4 examples: "" and "abc", and the two-block "abcdbcde...nopq".
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Site, TheDocumentedExampleIsValid) {
  Errors errors;
  const auto catalog = ApplySite(DefaultCatalog(), ExampleSite(), errors);
  ASSERT_TRUE(catalog.has_value()) << errors.List()[0].field << ": " << errors.List()[0].message;
  EXPECT_EQ(Documents(*catalog).site["institution"], "St Elsewhere Hospital, Pain Service");
  EXPECT_EQ(Documents(*catalog).site["checksum"], Sha256Hex(ExampleSite()));
  EXPECT_EQ(catalog->defaultDosingWeight, "adjusted");
  EXPECT_EQ(FindRegimen(*catalog, "intranasal-s-ketamine"), nullptr);
  EXPECT_NE(FindRegimen(DefaultCatalog(), "intranasal-s-ketamine"), nullptr);  // the defaults are untouched
  const auto limit = RegimenLimit(*RegimenDocument(*catalog, "chronic-iv-outpatient"), "bolus", "dose_mg_per_kg");
  ASSERT_TRUE(limit.has_value());
  EXPECT_DOUBLE_EQ(*limit->max, 0.25);
  EXPECT_TRUE(limit->siteModified);
}

TEST(Site, EveryChangeIsListedWithItsDirection) {
  Errors errors;
  const auto catalog = ApplySite(DefaultCatalog(), ExampleSite(), errors);
  ASSERT_TRUE(catalog.has_value());
  std::map<std::string, std::string> kinds;
  for (const Json& difference : Documents(*catalog).site["differences"]) kinds[difference["path"]] = difference["kind"];
  // 0.35 -> 0.25 mg/kg bolus maximum: tightened. A new hard maximum of 1 mg/kg/h: tightened.
  EXPECT_EQ(kinds["regimens.chronic-iv-outpatient.bolus.dose_mg_per_kg.max"], "tightened");
  EXPECT_EQ(kinds["regimens.chronic-iv-outpatient.infusion.rate_mg_per_kg_per_h.hard_max"], "tightened");
  EXPECT_EQ(kinds["regimens.acute-periop.infusion.rate_mg_per_h.cap"], "tightened");
  EXPECT_EQ(kinds["regimens.intranasal-s-ketamine"], "hidden");
  EXPECT_EQ(kinds["setting_thresholds.bolus_mg_per_kg"], "tightened");
  EXPECT_EQ(kinds["default_dosing_weight"], "changed");
}

TEST(Site, ARegimenDefaultOutsideTheSiteLimitIsBroughtInside) {
  // The outpatient default bolus is 0.35 mg/kg; the example site's maximum is 0.25 mg/kg, so the default
  // order becomes 0.25 mg/kg and the change is listed.
  Errors errors;
  const auto catalog = ApplySite(DefaultCatalog(), ExampleSite(), errors);
  ASSERT_TRUE(catalog.has_value());
  EXPECT_DOUBLE_EQ((*RegimenDocument(*catalog, "chronic-iv-outpatient"))["bolus"]["default"]["dose_mg_per_kg"].get<double>(),
                   0.25);
  bool listed = false;
  for (const Json& difference : Documents(*catalog).site["differences"]) {
    listed = listed || difference["path"] == "regimens.chronic-iv-outpatient.bolus.default.dose_mg_per_kg";
  }
  EXPECT_TRUE(listed);
}

TEST(Site, RaisingAMaximumIsMarkedLoosened) {
  Errors errors;
  const auto catalog = ApplySite(DefaultCatalog(), R"({"schemaVersion":1,"institution":"X",
    "regimen_limits":{"chronic-iv-outpatient":{"bolus":{"dose_mg_per_kg":{"max":0.5}}}}})", errors);
  ASSERT_TRUE(catalog.has_value());
  EXPECT_EQ(Documents(*catalog).site["differences"][0]["kind"], "loosened");
  EXPECT_EQ(Documents(*catalog).site["differences"][0]["default"], "0.35");
}

TEST(Site, BadFieldsAreReportedOneByOne) {
  EXPECT_EQ(ErrorFields(R"({"schemaVersion":1})"), (std::set<std::string>{"site.institution"}));
  EXPECT_EQ(ErrorFields(R"({"schemaVersion":2,"institution":"X"})"), (std::set<std::string>{"site.schemaVersion"}));
  EXPECT_EQ(ErrorFields(R"({"schemaVersion":1,"institution":"X","stocked_concentrations_mg_per_ml":[10,"50",500]})"),
            (std::set<std::string>{"site.stocked_concentrations_mg_per_ml.1", "site.stocked_concentrations_mg_per_ml.2"}));
  EXPECT_EQ(ErrorFields(R"({"schemaVersion":1,"institution":"X","hidden_regimens":["nope"]})"),
            (std::set<std::string>{"site.hidden_regimens.0"}));
  EXPECT_EQ(ErrorFields(R"({"schemaVersion":1,"institution":"X",
    "regimen_limits":{"crps-schwartzman":{"bolus":{"dose_mg_per_kg":{"max":1}}}}})"),
            (std::set<std::string>{"site.regimen_limits.crps-schwartzman.bolus"}));
  // A regimen record's other members are not parts: limiting its title once threw out of the site reader (found
  // by api_fuzz in CI), its id or its source must be refused the same way, at the part's path.
  for (const char* member : {"title", "id", "source", "no-such-part"}) {
    const std::string site = std::string(R"({"schemaVersion":1,"institution":"X","regimen_limits":)") +
                             R"({"chronic-iv-outpatient":{")" + member + R"(":{"dose_mg_per_kg":{"max":1}}}}})";
    EXPECT_EQ(ErrorFields(site),
              (std::set<std::string>{std::string("site.regimen_limits.chronic-iv-outpatient.") + member}))
        << member;
  }
  EXPECT_EQ(ErrorFields(R"({"schemaVersion":1,"institution":"X",
    "regimen_limits":{"chronic-iv-outpatient":{"infusion":{"rate_mg_per_kg_per_h":{"max":-1,"ceiling":3}}}}})"),
            (std::set<std::string>{"site.regimen_limits.chronic-iv-outpatient.infusion.rate_mg_per_kg_per_h.max",
                                   "site.regimen_limits.chronic-iv-outpatient.infusion.rate_mg_per_kg_per_h.ceiling"}));
  EXPECT_EQ(ErrorFields(R"({"schemaVersion":1,"institution":"X","setting_thresholds":{"bolus_mg_per_kg":0.5}})"),
            (std::set<std::string>{"site.setting_thresholds.bolus_mg_per_kg"}));
  EXPECT_EQ(ErrorFields(R"({"schemaVersion":1,"institution":"X","colour":"blue"})"),
            (std::set<std::string>{"site.colour"}));
  EXPECT_EQ(ErrorFields("{not json"), (std::set<std::string>{"site"}));
}

TEST(Site, TightenedLimitIsEnforcedByThePlan) {
  // Site max 0.25 mg/kg bolus: 0.3 mg/kg is within the guideline's 0.35 but above the site's limit.
  const std::string request = R"({"action":"plan","protocol":"chronic-iv-outpatient","patient":{"weight":70},
    "dosing_weight":"actual","bolus":{"dose_mg_per_kg":0.3,"concentration_mg_per_ml":10}})";
  const Json withSite = Json::parse(Handle(request, ExampleSite()).json);
  ASSERT_TRUE(withSite["ok"].get<bool>());
  bool siteAlert = false;
  for (const Json& alert : withSite["alerts"]) {
    siteAlert = siteAlert || (alert["code"] == "above-protocol-range" && alert.value("site_modified", false));
  }
  EXPECT_TRUE(siteAlert);
  EXPECT_TRUE(withSite["blocked"].get<bool>());
  EXPECT_EQ(withSite["site"]["checksum"], Sha256Hex(ExampleSite()));
  // Site bolus threshold 0.3 mg/kg (lowered from 0.35): this bolus now needs a monitored setting.
  EXPECT_EQ(withSite["setting"], "monitored");
  const Json withoutSite = Json::parse(Handle(request).json);
  EXPECT_EQ(withoutSite["setting"], "standard");
  EXPECT_FALSE(withoutSite["blocked"].get<bool>());
}

TEST(Site, TheSiteDefaultDosingWeightAppliesWhenTheRequestNamesNone) {
  // The example site doses on adjusted weight: without height and sex that is a field error, not a silent change.
  const Json response = Json::parse(Handle(R"({"action":"plan","protocol":"chronic-iv-outpatient",
    "patient":{"weight":70},"bolus":{"dose_mg_per_kg":0.3,"concentration_mg_per_ml":10}})", ExampleSite()).json);
  EXPECT_FALSE(response["ok"].get<bool>());
  EXPECT_EQ(response["errors"][0]["field"], "patient.height_cm");
  EXPECT_EQ(response["errors"][1]["field"], "patient.sex");
}

std::string PalliativeRate(const std::string& rate) {
  return R"({"action":"plan","protocol":"palliative","patient":{"weight":70,"age_years":60},
    "infusion":{"rate_mg_per_kg_per_h":)" + rate + R"(,"duration_h":24,"concentration_mg_per_ml":1}})";
}

const Json* AlertWithCode(const Json& response, const std::string& code) {
  for (const Json& alert : response["alerts"]) {
    if (alert["code"] == code) return &alert;
  }
  return nullptr;
}

// A site that widens the palliative infusion range (Enclara 0.15-0.3 mg/kg/h) to 0.1-0.4 mg/kg/h.
const char* kLoosenedSite = R"({"schemaVersion":1,"institution":"Test Hospital","regimen_limits":
  {"palliative":{"infusion":{"rate_mg_per_kg_per_h":{"min":0.1,"max":0.4}}}}})";

TEST(Site, ALoosenedRangeIsNamedInTheAlertBesideTheGuidelineFigure) {
  // 0.45 > site max 0.4: the alert names the site rule and the guideline's 0.3 mg/kg/h.
  const Json above = Json::parse(Handle(PalliativeRate("0.45"), kLoosenedSite).json);
  const Json* alert = AlertWithCode(above, "above-protocol-range");
  ASSERT_NE(alert, nullptr);
  const std::string message = (*alert)["message"];
  EXPECT_NE(message.find("the site's maximum of 0.4 mg/kg/h (site rule "
                         "site.regimen_limits.palliative.infusion.rate_mg_per_kg_per_h; guideline: this regimen's "
                         "stated maximum of 0.3 mg/kg/h)"),
            std::string::npos)
      << message;
  // 0.05 < site min 0.1 (guideline 0.15).
  const Json below = Json::parse(Handle(PalliativeRate("0.05"), kLoosenedSite).json);
  ASSERT_NE(AlertWithCode(below, "below-protocol-range"), nullptr);
  EXPECT_NE((*AlertWithCode(below, "below-protocol-range"))["message"].get<std::string>().find(
                "the site's minimum of 0.1 mg/kg/h"),
            std::string::npos);
}

TEST(Site, AnAbsoluteMaximumTheSiteSetIsNamedAsTheSites) {
  // docs/site.example.json sets hard_max 1 mg/kg/h on the outpatient infusion (the guideline states none):
  // 1.2 mg/kg/h is refused, and the alert says the site set that maximum.
  const Json response = Json::parse(Handle(R"({"action":"plan","protocol":"chronic-iv-outpatient",
    "patient":{"weight":70},"dosing_weight":"actual",
    "infusion":{"rate_mg_per_kg_per_h":1.2,"duration_h":4,"concentration_mg_per_ml":1}})", ExampleSite()).json);
  const Json* alert = AlertWithCode(response, "above-protocol-range");
  ASSERT_NE(alert, nullptr);
  EXPECT_EQ((*alert)["severity"], "hard");
  const std::string message = (*alert)["message"];
  EXPECT_NE(message.find("the absolute maximum of 1 mg/kg/h set by the site (site rule "
                         "site.regimen_limits.chronic-iv-outpatient.infusion.rate_mg_per_kg_per_h)"),
            std::string::npos)
      << message;
}

TEST(Site, AFigureAllowedOnlyByTheSitesLooserRangeSaysSo) {
  // 0.35: above the guideline's 0.3 but within the site's 0.4: information naming both, not silence.
  const Json response = Json::parse(Handle(PalliativeRate("0.35"), kLoosenedSite).json);
  const Json* alert = AlertWithCode(response, "site-loosened-limit");
  ASSERT_NE(alert, nullptr);
  EXPECT_EQ((*alert)["severity"], "info");
  const std::string message = (*alert)["message"];
  EXPECT_NE(message.find("above this regimen's stated maximum of 0.3 mg/kg/h"), std::string::npos) << message;
  EXPECT_NE(message.find("within the site's maximum of 0.4 mg/kg/h"), std::string::npos) << message;
  EXPECT_FALSE(response["blocked"].get<bool>());
  // 0.12: below the guideline's 0.15, within the site's 0.1.
  EXPECT_NE(AlertWithCode(Json::parse(Handle(PalliativeRate("0.12"), kLoosenedSite).json), "site-loosened-limit"),
            nullptr);
  // Without the site, 0.35 is simply above the stated range.
  EXPECT_NE(AlertWithCode(Json::parse(Handle(PalliativeRate("0.35")).json), "above-protocol-range"), nullptr);
}

TEST(Site, ABrokenSiteRejectsTheRequestFieldByField) {
  const ApiResult result = Handle(R"({"action":"catalog"})", R"({"schemaVersion":1})");
  EXPECT_EQ(result.outcome, Outcome::kRejected);
  EXPECT_NE(result.json.find("site.institution"), std::string::npos);
}


TEST(SitePreparation, ThePumpStepAndHangTimeOfASiteAreUsed) {
  // pump step 1 mL/h: 70 kg x 0.5 mg/kg/h = 35 mL/h stays 35; 0.49 -> 34.3 -> 34. Hang time 12 h: 72 h = 6 bags.
  Errors errors;
  const auto catalog = ApplySite(DefaultCatalog(),
                                 R"({"schemaVersion":1,"institution":"T","pump_rate_step_ml_per_h":1,"container_max_hours":12,
                                     "syringe_steps_ml":{"below_1_ml":0.05,"from_1_ml":0.5}})",
                                 errors);
  ASSERT_TRUE(catalog.has_value());
  EXPECT_DOUBLE_EQ(catalog->rules.measurableResolution.pumpRateMlPerH, 1.0);
  EXPECT_DOUBLE_EQ(catalog->rules.containerMaxHours.value, 12.0);
  EXPECT_DOUBLE_EQ(catalog->rules.measurableResolution.syringeMlBelow1Ml, 0.05);
  EXPECT_DOUBLE_EQ(catalog->rules.measurableResolution.syringeMlFrom1Ml, 0.5);
  // The built-in catalog is untouched.
  EXPECT_DOUBLE_EQ(DefaultCatalog().rules.measurableResolution.pumpRateMlPerH, 0.1);
}

TEST(SitePreparation, BadPreparationFieldsAreErrorsWithTheirPath) {
  EXPECT_EQ(ErrorFields(R"({"schemaVersion":1,"institution":"T","pump_rate_step_ml_per_h":"0.1"})"),
            std::set<std::string>{"site.pump_rate_step_ml_per_h"});
  EXPECT_EQ(ErrorFields(R"({"schemaVersion":1,"institution":"T","container_max_hours":0})"),
            std::set<std::string>{"site.container_max_hours"});
  EXPECT_EQ(ErrorFields(R"({"schemaVersion":1,"institution":"T","syringe_steps_ml":{"from_1_ml":2}})"),
            std::set<std::string>{"site.syringe_steps_ml.from_1_ml"});
  EXPECT_EQ(ErrorFields(R"({"schemaVersion":1,"institution":"T","syringe_steps_ml":[0.1]})"),
            std::set<std::string>{"site.syringe_steps_ml"});
  EXPECT_EQ(ErrorFields(R"({"schemaVersion":1,"institution":"T","s_ketamine_concentrations_mg_per_ml":[]})"),
            std::set<std::string>{"site.s_ketamine_concentrations_mg_per_ml"});
}


TEST(Site, EachSiteTextGetsItsOwnAnswerWhateverCameBefore) {
  // Handle(request, site) applies a site once per distinct text and reuses it while the same text comes again
  // (api.cpp CatalogUnderSite). Whatever the order, each call must answer as that site applied afresh does:
  // the example site, a second site (lower setting thresholds, adjusted weight), a refused one, in turn and again.
  const std::string example = ExampleSite();
  const std::string other = R"({"schemaVersion":1,"institution":"Other Hospital","default_dosing_weight":"ideal"})";
  const std::string refused = R"({"schemaVersion":1,"institution":"Refused","containers_ml":[-1]})";
  const std::string request = R"({"action":"plan","protocol":"chronic-iv-outpatient","patient":{"weight":70,)"
                              R"("height_cm":175,"sex":"male"},"infusion":{"rate_mg_per_kg_per_h":0.5,)"
                              R"("duration_h":4,"concentration_mg_per_ml":1}})";
  const auto fresh = [&request](const std::string& site) {
    Errors errors;
    const std::optional<Catalog> catalog = ApplySite(DefaultCatalog(), site, errors);
    return catalog ? Handle(request, *catalog).json : std::string("refused");
  };
  const std::string exampleAnswer = fresh(example);
  const std::string otherAnswer = fresh(other);
  ASSERT_NE(exampleAnswer, otherAnswer);  // the two sites give different plans (dosing weight, institution)
  ASSERT_EQ(fresh(refused), "refused");
  for (const std::string* site : {&example, &other, &example, &refused, &example, &refused, &other, &other}) {
    const ApiResult result = Handle(request, *site);
    if (site == &refused) {
      EXPECT_EQ(result.outcome, Outcome::kRejected);
      EXPECT_NE(result.json.find("site.containers_ml"), std::string::npos) << result.json;
    } else {
      EXPECT_EQ(result.json, site == &example ? exampleAnswer : otherAnswer);
    }
  }
  EXPECT_EQ(Handle(request).json, Handle(request, "").json);  // no site: the built-in catalog, not the last site
}

}  // namespace
}  // namespace ketadose
