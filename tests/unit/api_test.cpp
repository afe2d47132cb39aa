// API golden cases: every file in tests/golden/ runs through the same Handle() the CLI and wasm use.
// A case gives the request, the exit status, and a subset of the response that must match exactly
// (plus, optionally, the exact set of alert codes or error fields). The node parity test replays the
// same requests through the wasm module and the CLI and requires byte-identical responses.
#include "api/api.hpp"
#include "api/plan_io.hpp"
#include "content/catalog_json.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "golden_cases.hpp"

namespace ketadose {
namespace {

using Json = nlohmann::json;

// Every key in `expected` must be present in `actual` with a matching value; arrays match element-wise
// and must have the same length; numbers compare exactly (the API rounds them for display).
void ExpectSubset(const Json& expected, const Json& actual, const std::string& path) {
  if (expected.is_object()) {
    ASSERT_TRUE(actual.is_object()) << path << " is not an object";
    for (auto item = expected.begin(); item != expected.end(); ++item) {
      ASSERT_TRUE(actual.contains(item.key())) << path << "." << item.key() << " is missing";
      ExpectSubset(item.value(), actual.at(item.key()), path + "." + item.key());
    }
  } else if (expected.is_array()) {
    ASSERT_TRUE(actual.is_array()) << path << " is not an array";
    ASSERT_EQ(expected.size(), actual.size()) << path << " length";
    for (std::size_t i = 0; i < expected.size(); ++i) ExpectSubset(expected[i], actual[i], path + "." + std::to_string(i));
  } else if (expected.is_number() && actual.is_number()) {
    EXPECT_DOUBLE_EQ(expected.get<double>(), actual.get<double>()) << path;
  } else {
    EXPECT_EQ(expected, actual) << path;
  }
}

std::set<std::string> Collect(const Json& list, const char* key) {
  std::set<std::string> values;
  if (list.is_array()) {
    for (const Json& item : list) values.insert(item.value(key, ""));
  }
  return values;
}

TEST(GoldenCases, EveryCaseMatchesItsExpectedResponse) {
  const auto cases = golden::LoadGoldenCases();
  ASSERT_GE(cases.size(), 10u);
  for (const golden::GoldenCase& golden : cases) {
    const Json& item = golden.body;
    SCOPED_TRACE(golden.file + ": " + item.value("name", "?"));
    const Json& request = item.at("request");
    const std::string text = request.is_string() ? request.get<std::string>() : request.dump();
    const ApiResult result = Handle(text);
    EXPECT_EQ(static_cast<int>(result.outcome), item.at("exit").get<int>());
    const Json response = Json::parse(result.json);
    if (item.contains("expect")) ExpectSubset(item.at("expect"), response, "response");
    if (item.contains("alert_codes")) {
      EXPECT_EQ(Collect(response.value("alerts", Json::array()), "code"),
                item.at("alert_codes").get<std::set<std::string>>());
    }
    if (item.contains("error_fields")) {
      EXPECT_EQ(Collect(response.value("errors", Json::array()), "field"),
                item.at("error_fields").get<std::set<std::string>>());
    }
    // Whatever the request, a rejected response never carries a dose.
    if (result.outcome != Outcome::kComputed) {
      EXPECT_FALSE(response.contains("bolus") || response.contains("infusion") || response.contains("total_mg"));
    }
  }
}

TEST(Api, MalformedRequestsAreRejectedWithValidJson) {
  for (const char* request : {"", "{", "[]", "null", "42", "{\"action\":7}", "{\"action\":\"nope\"}",
                              "{\"action\":\"plan\"}", "{\"action\":\"plan\",\"patient\":[]}",
                              "{\"action\":\"plan\",\"protocol\":\"chronic-iv-outpatient\",\"patient\":{\"weight\":1e999}}"}) {
    const ApiResult result = Handle(request);
    EXPECT_EQ(result.outcome, Outcome::kRejected) << request;
    EXPECT_TRUE(Json::accept(result.json)) << result.json;
  }
}

TEST(Api, TheCatalogListsExactlyTheActionsTheCoreAnswers) {
  // The page offers a screen only when its action is in this list (web/js/app.js), so the list must be the truth:
  // each listed action is known to the dispatcher (an error, if any, is not on "action"), and a name it does not
  // list is refused on "action". The screens' actions (app.js SCREENS) are named here as the page needs them.
  const Json catalog = Json::parse(Handle(R"({"action":"catalog"})").json);
  ASSERT_TRUE(catalog["actions"].is_array());
  std::set<std::string> listed;
  for (const Json& name : catalog["actions"]) {
    listed.insert(name.get<std::string>());
    const Json answer = Json::parse(Handle(Json{{"action", name}, {"probe_only", true}}.dump()).json);
    for (const Json& error : answer.value("errors", Json::array())) EXPECT_NE(error["field"], "action") << name;
  }
  EXPECT_EQ(listed.size(), catalog["actions"].size()) << "listed once each";
  for (const char* screen : {"plan", "catalog", "pump-check", "screen", "assess", "evidence"}) {
    EXPECT_EQ(listed.count(screen), 1u) << screen;
  }
  const Json unknown = Json::parse(Handle(R"({"action":"dose-anything"})").json);
  EXPECT_EQ(unknown["errors"][0]["field"], "action");
  // Under a site the same list comes back (the catalog answered by the ordinary path, not the cached one).
  const Json underSite =
      Json::parse(Handle(R"({"action":"catalog","site":"{\"schemaVersion\":1,\"institution\":\"Test\"}"})").json);
  ASSERT_EQ(underSite["ok"], true) << underSite.dump();
  EXPECT_EQ(underSite["actions"], catalog["actions"]);
}

TEST(Api, TheCatalogSaysWhatKindOfFigureEachRegimenLimitIs) {
  // The page says the kind (stated maximum, trial protocol, median...) from the catalog: every limit carries one.
  const Json catalog = Json::parse(Handle(R"({"action":"catalog"})").json);
  const std::set<std::string> kinds{"stated-range", "stated-maximum", "stated-minimum", "trial-protocol",
                                    "trial-mean", "trial-median", "typical-dose", "convention", "site"};
  int limits = 0;
  for (const Json& regimen : catalog["regimens"]) {
    for (const char* part : {"bolus", "infusion", "repeated"}) {
      if (!regimen.contains(part)) continue;
      for (auto item = regimen[part].begin(); item != regimen[part].end(); ++item) {
        if (!item->is_object() || item.key() == "default") continue;
        ++limits;
        EXPECT_EQ(kinds.count(item->value("kind", "")), 1u) << regimen["id"] << " " << part << "." << item.key();
      }
    }
    if (regimen["id"] == "oral-followon") {
      EXPECT_EQ(regimen["repeated"]["daily_mg"]["kind"], "trial-median");  // cohen2018 Q4: median 150 mg/day
    }
    if (regimen["id"] == "crps-sigtermans") {
      EXPECT_EQ(regimen["infusion"]["duration_h"]["kind"], "trial-mean");  // cohen2018 Q1: mean 4.2 days
    }
  }
  EXPECT_GT(limits, 20);
}

}  // namespace
}  // namespace ketadose
