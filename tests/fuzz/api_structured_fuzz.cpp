// libFuzzer target, structure-aware: each input is a JSON request (the seed corpus holds every golden request,
// tests/fuzz/make-corpus.mjs). The custom mutator edits it as JSON, the way a user or a broken page would: a number
// made tenfold, negative, zero, tiny or huge, a value of the wrong type, a key removed or added, another action,
// regimen, unit or condition id. So the fuzzer spends its time inside the actions rather than in the JSON parser.
// Every response must keep the invariants of invariants.hpp.
#include <cfloat>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "invariants.hpp"
#include "api/api.hpp"

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t maxSize);

namespace {

// The core's JSON type, as the invariants use (invariants.hpp says why).
using Json = ketadose::Json;
using Random = std::mt19937;

// Names the mutator draws from: the API's actions, and every key and short string of the catalog
// (regimen ids, units, condition ids, model ids...), so new actions and content are fuzzed as they land.
struct Pools {
  std::vector<std::string> actions;
  std::vector<std::string> keys;
  std::vector<std::string> strings;
};

void Collect(const Json& value, std::set<std::string>& keys, std::set<std::string>& strings) {
  if (value.is_object()) {
    for (auto item = value.begin(); item != value.end(); ++item) {
      keys.insert(item.key());
      Collect(item.value(), keys, strings);
    }
  } else if (value.is_array()) {
    for (const Json& item : value) Collect(item, keys, strings);
  } else if (value.is_string() && value.get<std::string>().size() <= 40) {
    strings.insert(value.get<std::string>());
  }
}

Pools BuildPools() {
  Pools pools;
  // The unknown-action error lists every action: Use one of "plan", "catalog", ...
  const Json unknown = Json::parse(ketadose::Handle(R"({"action":"?"})").json, nullptr, false);
  const std::string message = unknown.is_object() ? unknown["errors"][0].value("message", "") : "";
  const auto list = message.find("Use one of");
  for (std::size_t open = message.find('"', list); list != std::string::npos && open != std::string::npos;) {
    const std::size_t close = message.find('"', open + 1);
    if (close == std::string::npos) break;
    pools.actions.push_back(message.substr(open + 1, close - open - 1));
    open = message.find('"', close + 1);
  }
  if (pools.actions.empty()) pools.actions = {"plan", "catalog"};
  std::set<std::string> keys{"action",    "protocol",      "patient", "weight",   "weight_unit", "height_cm",   "sex",
                             "age_years", "dosing_weight", "bolus",   "infusion", "repeated",    "acknowledged"};
  std::set<std::string> strings(pools.actions.begin(), pools.actions.end());
  Collect(Json::parse(ketadose::Handle(R"({"action":"catalog"})").json, nullptr, false), keys, strings);
  pools.keys.assign(keys.begin(), keys.end());
  pools.strings.assign(strings.begin(), strings.end());
  return pools;
}

const Pools& GetPools() {
  static const Pools pools = BuildPools();
  return pools;
}

template <typename T>
const T& Pick(const std::vector<T>& list, Random& random) {
  return list[random() % list.size()];
}

// A number a slip, a unit mix-up or an edge of the plausible ranges would produce from `x`.
double InterestingNumber(double x, Random& random) {
  const double factors[] = {10,       0.1,  100,        0.01, 1000,     0.001,    2.20462262, 0.45359237, 60,
                            1.0 / 60, 0.06, 1.0 / 0.06, -1,   1 + 1e-9, 1 - 1e-9, 24,         1.0 / 24};
  const double constants[] = {0,           -0.0,     1,           -1,      0.5,
                              0.4999999,   350,      350.0000001, 40,      250,
                              168,         168.0001, 240,         0.17,    8.333,
                              16.667,      833,      5000,        1e-300,  5e-324,
                              DBL_MIN,     1e308,    -1e308,      DBL_MAX, 9007199254740993.0,
                              4294967296.0};
  switch (random() % 4) {
    case 0: return x * Pick(std::vector<double>(std::begin(factors), std::end(factors)), random);
    case 1: return Pick(std::vector<double>(std::begin(constants), std::end(constants)), random);
    case 2: return std::uniform_real_distribution<double>(0, 1000)(random);
    default: return std::nextafter(x, (random() % 2) != 0 ? DBL_MAX : -DBL_MAX);
  }
}

Json RandomValue(const Json& like, Random& random) {
  const Pools& pools = GetPools();
  switch (random() % 9) {
    case 0: return nullptr;
    case 1: return (random() % 2) != 0;
    case 2: return Pick(pools.strings, random);
    case 3: return Json::array();
    case 4: return Json::object();
    case 5: return like.is_number() ? Json(like.dump()) : Json("70");  // a number sent as text
    case 6: return static_cast<std::int64_t>(random()) - (1LL << 31);
    case 7: return Json::array({Pick(pools.strings, random)});
    default: return InterestingNumber(like.is_number() ? like.get<double>() : 70.0, random);
  }
}

// Every node of the document with the object or array that holds it (nullptr for the root).
struct Node {
  Json* value;
  Json* parent;
  std::string key;    // in an object parent
  std::size_t index;  // in an array parent
};

void Walk(Json& value, Json* parent, const std::string& key, std::size_t index, std::vector<Node>& nodes) {
  nodes.push_back(Node{&value, parent, key, index});
  if (value.is_object()) {
    for (auto item = value.begin(); item != value.end(); ++item) Walk(item.value(), &value, item.key(), 0, nodes);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) Walk(value[i], &value, "", i, nodes);
  }
}

void MutateOnce(Json& document, Random& random) {
  const Pools& pools = GetPools();
  std::vector<Node> nodes;
  Walk(document, nullptr, "", 0, nodes);
  const Node node = Pick(nodes, random);
  Json& value = *node.value;
  switch (random() % 8) {
    case 0:  // a slip in a value of the same kind
      if (value.is_number()) {
        value = InterestingNumber(value.get<double>(), random);
      } else if (value.is_string()) {
        value = Pick(pools.strings, random);
      } else if (value.is_boolean()) {
        value = !value.get<bool>();
      } else {
        value = RandomValue(value, random);
      }
      break;
    case 1:  // a value of another type
      value = RandomValue(value, random);
      break;
    case 2:  // a field left out
      if (node.parent != nullptr && node.parent->is_object()) {
        node.parent->erase(node.key);
      } else if (node.parent != nullptr && node.parent->is_array()) {
        node.parent->erase(node.index);
      }
      break;
    case 3:  // a field added (known name, any value)
      if (value.is_object()) {
        value[Pick(pools.keys, random)] = RandomValue(Json(70.0), random);
      } else if (value.is_array()) {
        value.push_back(value.empty() ? RandomValue(Json(70.0), random) : Json(Pick(pools.strings, random)));
      }
      break;
    case 4:  // another action on the same fields
      if (document.is_object()) document["action"] = Pick(pools.actions, random);
      break;
    case 5:  // a subtree copied over another
      if (&value != &document) value = *Pick(nodes, random).value;
      break;
    case 6:  // an array element repeated
      if (value.is_array() && !value.empty()) value.push_back(value[random() % value.size()]);
      break;
    default:  // a known key with a slipped number
      if (value.is_object()) value[Pick(pools.keys, random)] = InterestingNumber(70.0, random);
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  GetPools();
  return 0;
}

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t maxSize,
                                               unsigned int seed) {
  Random random(seed);
  Json document = Json::parse(data, data + size, nullptr, false);
  if (document.is_discarded() || random() % 20 == 0) return LLVMFuzzerMutate(data, size, maxSize);
  const int edits = 1 + static_cast<int>(random() % 3);
  for (int i = 0; i < edits; ++i) MutateOnce(document, random);
  const std::string text = document.dump();
  if (text.size() > maxSize) return LLVMFuzzerMutate(data, size, maxSize);
  std::memcpy(data, text.data(), text.size());
  return text.size();
}

// Crossover: a random subtree of the second request grafted into the first.
extern "C" std::size_t LLVMFuzzerCustomCrossOver(const std::uint8_t* data1, std::size_t size1,
                                                 const std::uint8_t* data2, std::size_t size2, std::uint8_t* out,
                                                 std::size_t maxOutSize, unsigned int seed) {
  Random random(seed);
  Json first = Json::parse(data1, data1 + size1, nullptr, false);
  Json second = Json::parse(data2, data2 + size2, nullptr, false);
  if (first.is_discarded() || second.is_discarded()) return 0;
  std::vector<Node> into;
  std::vector<Node> from;
  Walk(first, nullptr, "", 0, into);
  Walk(second, nullptr, "", 0, from);
  *Pick(into, random).value = *Pick(from, random).value;
  const std::string text = first.dump();
  if (text.size() > maxOutSize) return 0;
  std::memcpy(out, text.data(), text.size());
  return text.size();
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view request(reinterpret_cast<const char*>(data), size);
  ketadose::invariants::RequireInvariants(ketadose::Handle(request), request);
  return 0;
}
