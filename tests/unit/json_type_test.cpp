// The core's JSON type (json/json_type.hpp): objects keep their members in the order they were added, as the
// content files and the response contract need; a key is never added twice; erasing keeps the others' order;
// and an object that grows moves its members instead of copying them (the reason the type exists).
#include "json/json_type.hpp"

#include <string>

#include <gtest/gtest.h>

namespace ketadose {
namespace {

TEST(JsonType, KeepsMembersInTheOrderTheyWereAdded) {
  Json object;
  object["zeta"] = 1;
  object["alpha"] = 2;
  object["mid"] = 3;
  EXPECT_EQ(object.dump(), R"({"zeta":1,"alpha":2,"mid":3})");
  EXPECT_EQ(Json::parse(R"({"b":1,"a":{"d":2,"c":3}})").dump(), R"({"b":1,"a":{"d":2,"c":3}})");
}

TEST(JsonType, AddsAKeyOnceAndFindsItAgain) {
  Json object;
  object["dose_mg"] = 24.5;
  object["dose_mg"] = 25;  // assignment replaces the value in place
  object.emplace("dose_mg", 99);  // emplace never replaces
  EXPECT_EQ(object.size(), 1u);
  EXPECT_EQ(object.at("dose_mg"), 25);
  EXPECT_TRUE(object.contains("dose_mg"));
  EXPECT_EQ(object.count("volume_ml"), 0u);
  EXPECT_THROW((void)object.at("volume_ml"), Json::out_of_range);
}

TEST(JsonType, ErasingKeepsTheOrderOfTheRest) {
  Json object = Json::parse(R"({"a":1,"b":2,"c":3,"d":4})");
  EXPECT_EQ(object.erase("b"), 1u);
  EXPECT_EQ(object.erase("absent"), 0u);
  EXPECT_EQ(object.dump(), R"({"a":1,"c":3,"d":4})");
  object.erase(object.begin());
  EXPECT_EQ(object.dump(), R"({"c":3,"d":4})");
}

TEST(JsonType, AnObjectThatGrowsMovesItsMembersRatherThanCopyingThem) {
  // A member's string keeps its storage after every member added as the object grows from 1 to 64 members: it was
  // moved each time the list grew. With nlohmann::ordered_json (const keys) each growth copies it into new storage
  // (checked after each addition: the copies of alternate growths can land back at the first address).
  Json object;
  object["text"] = std::string(200, 'x');  // longer than any small-string buffer: heap storage
  const char* storage = object["text"].get_ref<const std::string&>().data();
  for (int i = 0; i < 63; ++i) {
    object["member-" + std::to_string(i)] = i;
    ASSERT_EQ(object["text"].get_ref<const std::string&>().data(), storage) << "after member " << i + 1;
  }
  EXPECT_EQ(object.size(), 64u);
  EXPECT_EQ(object.begin().key(), "text");
}

}  // namespace
}  // namespace ketadose
