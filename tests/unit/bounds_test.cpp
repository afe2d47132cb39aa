// The edges of the core: every request and site text is bounded (size, nesting depth, fields per object, items per
// list) before it is parsed, site lists are bounded, and a site cannot raise an absolute limit the sources state.
// The bounds are the contract of docs/design.md ("Bounded input"): 64 KB, 32 levels, 256 fields, 1024 items.
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "api/plan_io.hpp"
#include "content/catalog_json.hpp"
#include "content/catalog.hpp"
#include "content/site.hpp"

namespace ketadose {
namespace {

using Plain = nlohmann::json;

Plain Parse(const ApiResult& result) { return Plain::parse(result.json); }

// The one error of a refused request (its field and message), or fails the test.
FieldError OnlyError(const ApiResult& result) {
  EXPECT_EQ(result.outcome, Outcome::kRejected) << result.json;
  const Plain response = Parse(result);
  EXPECT_EQ(response["errors"].size(), 1u) << result.json;
  if (!response.contains("errors") || response["errors"].empty()) return {"<none>", ""};
  return {response["errors"][0]["field"].get<std::string>(), response["errors"][0]["message"].get<std::string>()};
}

std::set<std::string> SiteErrorFields(const std::string& site) {
  Errors errors;
  EXPECT_FALSE(ApplySite(DefaultCatalog(), site, errors).has_value());
  std::set<std::string> fields;
  for (const FieldError& error : errors.List()) fields.insert(error.field);
  return fields;
}

std::string Nested(int depth, const std::string& inner = "") {
  return std::string(static_cast<std::size_t>(depth), '[') + inner + std::string(static_cast<std::size_t>(depth), ']');
}

// A catalog request padded with spaces to exactly `bytes` bytes (spaces are valid JSON whitespace).
std::string PaddedCatalog(std::size_t bytes) {
  std::string text = R"({"action":"catalog"})";
  text.append(bytes - text.size(), ' ');
  return text;
}

// --- size ----------------------------------------------------------------------------------------------------

TEST(Bounds, A64KbRequestIsReadAndOneByteMoreIsRefusedUnparsed) {
  // 64 KB = 65536 bytes is the largest request accepted.
  EXPECT_EQ(Handle(PaddedCatalog(65536)).outcome, Outcome::kComputed);
  const FieldError error = OnlyError(Handle(PaddedCatalog(65537)));
  EXPECT_EQ(error.field, "");
  EXPECT_NE(error.message.find("65537 bytes"), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("64 KB"), std::string::npos) << error.message;
}

TEST(Bounds, AMegabyteRequestIsRefusedForItsSize) {
  // Not valid JSON either: the size refusal comes first, so nothing of it is parsed.
  const FieldError error = OnlyError(Handle(std::string(1 << 20, '{')));
  EXPECT_EQ(error.field, "");
  EXPECT_NE(error.message.find("1048576 bytes"), std::string::npos) << error.message;
}

// --- depth ---------------------------------------------------------------------------------------------------

TEST(Bounds, ThirtyTwoLevelsAreReadAndThirtyThreeAreRefused) {
  // The request object is level 1; the value of "x" holds 31 more lists: 32 levels, read and then refused for
  // its unknown field (the ordinary path).
  const ApiResult deepest = Handle(R"({"action":"catalog","x":)" + Nested(31) + "}");
  EXPECT_EQ(OnlyError(deepest).field, "x");
  const FieldError error = OnlyError(Handle(R"({"action":"catalog","x":)" + Nested(32) + "}"));
  EXPECT_EQ(error.field, "");
  EXPECT_NE(error.message.find("nested more than 32 levels"), std::string::npos) << error.message;
}

TEST(Bounds, ADepthBombUnderTheSizeCapIsRefusedWithoutRecursion) {
  // 30000 levels in 60 KB: under the size cap, so the depth bound must refuse it (the parser and the destructor
  // are never given it). Objects as well as lists.
  EXPECT_EQ(OnlyError(Handle(Nested(30000))).field, "");
  std::string objects;
  for (int i = 0; i < 10000; ++i) objects += R"({"a":)";
  EXPECT_NE(OnlyError(Handle(objects)).message.find("nested more than 32"), std::string::npos);
}

TEST(Bounds, BracketsAndCommasInsideStringsAreText) {
  // 100 '[' and 300 ',' inside a string value (with an escaped quote before them) are not structure: this is an
  // ordinary request refused for its unknown field "x", not for depth or length.
  const std::string text = "\\\"" + std::string(100, '[') + std::string(300, ',');
  const ApiResult result = Handle(R"({"action":"catalog","x":")" + text + R"("})");
  EXPECT_EQ(OnlyError(result).field, "x");
}

TEST(Bounds, AnEvenRunOfBackslashesBeforeAQuoteEndsTheString) {
  // In "a\\" the two backslashes are one escaped backslash and the quote after them ends the string, so the 40 '['
  // that follow are structure: refused for depth. With three backslashes the quote is escaped, the string goes on
  // through the brackets to the final quote, and the request is refused for something else (it has no action).
  const std::string brackets(40, '[');
  const ApiResult closed = Handle(R"({"x":"a\\","y":)" + brackets);
  EXPECT_NE(OnlyError(closed).message.find("nested more than 32"), std::string::npos) << closed.json;
  const ApiResult open = Handle(R"({"x":"a\\\",)" + brackets + R"("})");
  EXPECT_EQ(OnlyError(open).message.find("nested"), std::string::npos) << open.json;
  EXPECT_EQ(OnlyError(open).field, "action") << open.json;
}

TEST(Bounds, UnmatchedBracketsAreLeftToTheParser) {
  for (const char* text : {"]]]]{}", "}{", "[[[", "\"unterminated [[[", "{\"action\":\"catalog\"}]]"}) {
    const ApiResult result = Handle(text);
    EXPECT_EQ(result.outcome, Outcome::kRejected) << text;
    EXPECT_NE(Parse(result)["errors"][0]["message"].get<std::string>().find("not valid JSON"), std::string::npos)
        << text << ": " << result.json;
  }
}

// --- fields per object, items per list -------------------------------------------------------------------------

std::string CatalogWithKeys(int keys) {
  std::string text = R"({"action":"catalog")";
  for (int i = 1; i < keys; ++i) text += ",\"k" + std::to_string(i) + "\":0";
  return text + "}";
}

TEST(Bounds, AnObjectOf256FieldsIsReadAnd257AreRefused) {
  // 256 fields: action + 255 unknown ones, each refused by name (the ordinary path reads them all).
  const ApiResult most = Handle(CatalogWithKeys(256));
  EXPECT_EQ(Parse(most)["errors"].size(), 255u);
  const FieldError error = OnlyError(Handle(CatalogWithKeys(257)));
  EXPECT_EQ(error.field, "");
  EXPECT_NE(error.message.find("more than 256 fields"), std::string::npos) << error.message;
}

TEST(Bounds, ManyKeysAreRefusedBeforeTheQuadraticParse) {
  // 100k keys is over the size cap; 6000 keys fit in 64 KB and are refused by the field bound. Either way the
  // request is refused from its bytes, in one pass, and no error names a key (nothing was parsed).
  const FieldError huge = OnlyError(Handle(CatalogWithKeys(100000)));
  EXPECT_EQ(huge.field, "");
  EXPECT_NE(huge.message.find("64 KB"), std::string::npos) << huge.message;
  const std::string many = CatalogWithKeys(6000);
  ASSERT_LE(many.size(), 65536u);
  const FieldError error = OnlyError(Handle(many));
  EXPECT_EQ(error.field, "");
  EXPECT_NE(error.message.find("256 fields"), std::string::npos) << error.message;
}

TEST(Bounds, AListOf1024ItemsIsReadAnd1025AreRefused) {
  auto withList = [](int items) {
    std::string list = "[";
    for (int i = 0; i < items; ++i) list += (i == 0 ? "" : ",") + std::string("0");
    return R"({"action":"screen","conditions":)" + list + "]}";
  };
  // 1024 items reach the screening action, which refuses each number as a condition id.
  const ApiResult most = Handle(withList(1024));
  EXPECT_EQ(most.outcome, Outcome::kRejected);
  EXPECT_EQ(Parse(most)["errors"][0]["field"], "conditions.0");
  const FieldError error = OnlyError(Handle(withList(1025)));
  EXPECT_EQ(error.field, "");
  EXPECT_NE(error.message.find("more than 1024 items"), std::string::npos) << error.message;
}

// --- the site text ---------------------------------------------------------------------------------------------

constexpr const char* kSiteHead = R"({"schemaVersion":1,"institution":"X")";

TEST(Bounds, ASiteTextHasTheSameBoundsAtFieldSite) {
  std::string big = std::string(kSiteHead) + "}";
  big.append(65537 - big.size(), ' ');
  EXPECT_EQ(SiteErrorFields(big), (std::set<std::string>{"site"}));
  EXPECT_EQ(SiteErrorFields(std::string(kSiteHead) + R"(,"x":)" + Nested(40) + "}"), (std::set<std::string>{"site"}));
  // Through the API, from the request's "site" text and from the CLI's --site text alike.
  const ApiResult viaRequest =
      Handle(Plain{{"action", "site-check"}, {"site", std::string(kSiteHead) + R"(,"x":)" + Nested(40) + "}"}}.dump());
  EXPECT_EQ(OnlyError(viaRequest).field, "site");
  EXPECT_NE(OnlyError(viaRequest).message.find("The site configuration has objects and lists nested"),
            std::string::npos);
  EXPECT_EQ(OnlyError(Handle(R"({"action":"site-check"})", Nested(20000))).field, "site");
}

TEST(Bounds, SiteListsAreBoundedAtTheListsPath) {
  // 8 stocked strengths and 16 container sizes at most; one more is refused at the list, not per item.
  std::string nine = "[";
  for (int i = 1; i <= 9; ++i) nine += (i == 1 ? "" : ",") + std::to_string(i);
  nine += "]";
  EXPECT_EQ(SiteErrorFields(std::string(kSiteHead) + R"(,"stocked_concentrations_mg_per_ml":)" + nine + "}"),
            (std::set<std::string>{"site.stocked_concentrations_mg_per_ml"}));
  std::string seventeen = "[";
  for (int i = 1; i <= 17; ++i) seventeen += (i == 1 ? "" : ",") + std::to_string(i * 10);
  seventeen += "]";
  EXPECT_EQ(SiteErrorFields(std::string(kSiteHead) + R"(,"containers_ml":)" + seventeen + "}"),
            (std::set<std::string>{"site.containers_ml"}));
  // Eight strengths and sixteen sizes are accepted.
  Errors errors;
  EXPECT_TRUE(ApplySite(DefaultCatalog(),
                        std::string(kSiteHead) + R"(,"stocked_concentrations_mg_per_ml":[1,2,5,10,20,25,50,100],)" +
                            R"("containers_ml":[1,2,3,5,10,20,30,50,60,100,150,250,500,1000,2000,3000]})",
                        errors)
                  .has_value());
  // More hidden regimens than there are regimens: one error at the list.
  std::string hidden = "[";
  for (std::size_t i = 0; i <= DefaultCatalog().regimens.size(); ++i) hidden += (i == 0 ? "" : ",") + std::string("\"x\"");
  hidden += "]";
  EXPECT_EQ(SiteErrorFields(std::string(kSiteHead) + R"(,"hidden_regimens":)" + hidden + "}"),
            (std::set<std::string>{"site.hidden_regimens"}));
}

TEST(Bounds, AHugeSiteListIsRefusedNotEchoed) {
  // 20k concentrations (the issue's 3 MB response per keystroke): over the size cap, refused at "site".
  std::string list = "[";
  for (int i = 0; i < 20000; ++i) list += (i == 0 ? "" : ",") + std::string("10");
  const std::string site = std::string(kSiteHead) + R"(,"stocked_concentrations_mg_per_ml":)" + list + "]}";
  EXPECT_EQ(SiteErrorFields(site), (std::set<std::string>{"site"}));
}

// --- absolute limits -------------------------------------------------------------------------------------------

std::string SiteWithLimit(const std::string& regimen, const std::string& part, const std::string& key,
                          const std::string& bounds) {
  return std::string(kSiteHead) + R"(,"regimen_limits":{")" + regimen + R"(":{")" + part + R"(":{")" + key +
         R"(":)" + bounds + "}}}}";
}

TEST(SiteLimits, ACapStatedByTheSourcesCannotBeRaised) {
  // crps-schwartzman: cap 25 mg/h (cnmp-position-2016, Literature review 5(b)). 1000 would remove the hard stop.
  EXPECT_EQ(SiteErrorFields(SiteWithLimit("crps-schwartzman", "infusion", "rate_mg_per_h", R"({"cap":1000})")),
            (std::set<std::string>{"site.regimen_limits.crps-schwartzman.infusion.rate_mg_per_h.cap"}));
  // 25.5 is a raise too; the sentence names the guideline's figure and its source.
  Errors errors;
  ApplySite(DefaultCatalog(), SiteWithLimit("crps-schwartzman", "infusion", "rate_mg_per_h", R"({"cap":25.5})"), errors);
  ASSERT_EQ(errors.List().size(), 1u);
  EXPECT_NE(errors.List()[0].message.find("25 mg/h"), std::string::npos) << errors.List()[0].message;
  EXPECT_NE(errors.List()[0].message.find("cnmp-position-2016"), std::string::npos) << errors.List()[0].message;
}

TEST(SiteLimits, AHardMaximumStatedByTheSourcesCannotBeRaised) {
  // ncp-subanaesthetic: hard_max 0.5 mg/kg/h (cnmp-position-2016, Proposal 5).
  EXPECT_EQ(
      SiteErrorFields(SiteWithLimit("ncp-subanaesthetic", "infusion", "rate_mg_per_kg_per_h", R"({"hard_max":0.8})")),
      (std::set<std::string>{"site.regimen_limits.ncp-subanaesthetic.infusion.rate_mg_per_kg_per_h.hard_max"}));
}

TEST(SiteLimits, AnAbsoluteLimitCanBeLoweredOrAddedAndIsThenEnforced) {
  Errors errors;
  const auto lowered =
      ApplySite(DefaultCatalog(), SiteWithLimit("crps-schwartzman", "infusion", "rate_mg_per_h", R"({"cap":20})"), errors);
  ASSERT_TRUE(lowered.has_value());
  const auto limit = RegimenLimit(*RegimenDocument(*lowered, "crps-schwartzman"), "infusion", "rate_mg_per_h");
  ASSERT_TRUE(limit && limit->cap);
  EXPECT_EQ(*limit->cap, 20);
  EXPECT_EQ(Documents(*lowered).site["differences"][0]["kind"], "tightened");
  // Equal to the guideline's figure: no change, no error.
  EXPECT_TRUE(ApplySite(DefaultCatalog(), SiteWithLimit("ncp-subanaesthetic", "infusion", "rate_mg_per_kg_per_h",
                                                        R"({"hard_max":0.5})"),
                        errors)
                  .has_value());
  // Where the guideline states none, a site may set one (docs/site.example.json: hard_max 1 mg/kg/h outpatient).
  EXPECT_TRUE(ApplySite(DefaultCatalog(), SiteWithLimit("chronic-iv-outpatient", "infusion", "rate_mg_per_kg_per_h",
                                                        R"({"hard_max":1})"),
                        errors)
                  .has_value());
  EXPECT_TRUE(errors.Empty());
}

TEST(SiteLimits, ALimitMustLieInsideThePlausibleRangeOfWhatItLimits) {
  // rules.json input_plausibility: rate_mg_per_kg_per_h at most 50, rate_mg_per_h 5000, every_h 1-48.
  EXPECT_EQ(SiteErrorFields(SiteWithLimit("chronic-iv-outpatient", "infusion", "rate_mg_per_kg_per_h", R"({"max":51})")),
            (std::set<std::string>{"site.regimen_limits.chronic-iv-outpatient.infusion.rate_mg_per_kg_per_h.max"}));
  EXPECT_EQ(SiteErrorFields(SiteWithLimit("acute-periop", "infusion", "rate_mg_per_h", R"({"cap":1e6})")),
            (std::set<std::string>{"site.regimen_limits.acute-periop.infusion.rate_mg_per_h.cap"}));
  EXPECT_EQ(SiteErrorFields(SiteWithLimit("oral-followon", "repeated", "every_h", R"({"min":72})")),
            (std::set<std::string>{"site.regimen_limits.oral-followon.repeated.every_h.min"}));
  Errors errors;
  EXPECT_TRUE(
      ApplySite(DefaultCatalog(), SiteWithLimit("acute-periop", "infusion", "rate_mg_per_h", R"({"cap":5000})"), errors)
          .has_value());
}

TEST(SiteLimits, ARefusedRaiseRefusesEveryRequestUnderThatSite) {
  // The raised cap is not half-applied: the plan is refused with the site's field, and no dose is given.
  const std::string site = SiteWithLimit("crps-schwartzman", "infusion", "rate_mg_per_h", R"({"cap":1000})");
  const ApiResult result = Handle(
      R"({"action":"plan","protocol":"crps-schwartzman","patient":{"weight":70},"dosing_weight":"actual",)"
      R"("infusion":{"rate_mg_per_h":40,"duration_h":4,"concentration_mg_per_ml":1}})",
      site);
  EXPECT_EQ(OnlyError(result).field, "site.regimen_limits.crps-schwartzman.infusion.rate_mg_per_h.cap");
}

// --- the cached catalog ----------------------------------------------------------------------------------------

TEST(Catalog, TheBuiltInAnswerIsTheSameEveryTimeAndAnyOtherRequestIsStillChecked) {
  const ApiResult first = Handle(R"({"action":"catalog"})");
  EXPECT_EQ(first.outcome, Outcome::kComputed);
  EXPECT_EQ(Handle(R"({ "action" : "catalog" })").json, first.json);
  EXPECT_EQ(Handle(R"({"action":"catalog","site":""})").json, first.json);  // "" is no site
  // An unknown field is still refused after the answer is cached; a site still changes the answer.
  EXPECT_EQ(OnlyError(Handle(R"({"action":"catalog","colour":"blue"})")).field, "colour");
  const ApiResult underSite = Handle(R"({"action":"catalog"})", std::string(kSiteHead) + "}");
  EXPECT_EQ(underSite.outcome, Outcome::kComputed);
  EXPECT_EQ(Parse(underSite)["site"]["institution"], "X");
  EXPECT_TRUE(Parse(first)["site"].is_null());
}

}  // namespace
}  // namespace ketadose
