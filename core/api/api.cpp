// The JSON API dispatcher: parses the request, routes it to an action, and turns errors into values.
#include "api/api.hpp"

#include <cmath>
#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/actions.hpp"
#include "json/json_bounds.hpp"
#include "json/fields.hpp"
#include "content/site.hpp"

namespace ketadose {

OrderedJson RejectedJson(const Errors& errors) {
  OrderedJson response;
  response["ok"] = false;
  OrderedJson list = OrderedJson::array();
  for (const FieldError& error : errors.List()) {
    OrderedJson item;
    item["field"] = error.field;
    item["message"] = error.message;
    list.push_back(std::move(item));
  }
  response["errors"] = std::move(list);
  return response;
}

namespace {

struct ActionEntry {
  const char* name;
  ActionHandler handler;
};

void CatalogWithActions(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors);

// Every action the API answers. Adding one: write its handler in its own file and list it here.
constexpr ActionEntry kActions[] = {
    {"plan", PlanAction},
    {"catalog", CatalogWithActions},
    {"pump-check", PumpCheckAction},
    {"screen", ScreenAction},
    {"assess", AssessAction},
    {"guidance", GuidanceAction},
    {"site-check", SiteCheckAction},
    {"simulate", SimulateAction},
    {"evidence", EvidenceAction},
    {"examples", ExamplesAction},
    {"quiz", QuizAction},
    {"quiz-answer", QuizAnswerAction},
    {"drills", DrillsAction},
    {"drill-check", DrillCheckAction},
    {"target", TargetAction},
};

std::string ActionNames() {
  std::string names;
  for (const ActionEntry& entry : kActions) names += (names.empty() ? "\"" : ", \"") + std::string(entry.name) + "\"";
  return names;
}

// The catalog, with the actions this core answers: the page shows a screen only when its action is listed, without
// asking each action in turn at start.
void CatalogWithActions(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors) {
  CatalogAction(request, catalog, response, errors);
  if (!errors.Empty()) return;
  OrderedJson& names = response["actions"] = OrderedJson::array();
  for (const ActionEntry& entry : kActions) names.push_back(entry.name);
}

std::string Dump(const OrderedJson& document) {
  // Invalid UTF-8 in an echoed string is replaced rather than thrown on.
  return document.dump(-1, ' ', false, Json::error_handler_t::replace);
}

ApiResult Rejected(const Errors& errors) { return ApiResult{Dump(RejectedJson(errors)), Outcome::kRejected}; }

ApiResult Fault(const std::string& what) {
  OrderedJson response;
  response["ok"] = false;
  response["errors"] = OrderedJson::array(
      {OrderedJson{{"field", ""}, {"message", "Internal fault: no result was computed (" + what + ")."}}});
  return ApiResult{Dump(response), Outcome::kInternalFault};
}

// True when every number in the response is finite: the common case, checked without building any path.
bool AllFiniteFast(const OrderedJson& value) {
  if (value.is_number_float()) return std::isfinite(value.get<double>());
  if (value.is_object() || value.is_array()) {
    for (const OrderedJson& item : value) {
      if (!AllFiniteFast(item)) return false;
    }
  }
  return true;
}

// A figure that overflowed to infinity or NaN (an extreme input the plausibility ranges let through, such as a
// concentration of 5e-324 mg/mL) would be printed as null. Returns false, with an error at the figure's path, so
// the request is refused rather than answered with it. The path is built only once a figure has failed.
bool AllFinite(const OrderedJson& value, const std::string& path, Errors& errors) {
  if (AllFiniteFast(value)) return true;
  if (value.is_number_float()) {
    errors.Add(path, "This figure cannot be computed from the numbers given (it comes out too large or undefined). "
                     "Check each number for a slip.");
    return false;
  }
  if (value.is_object()) {
    for (auto item = value.begin(); item != value.end(); ++item) {
      if (!AllFinite(item.value(), Path(path, item.key()), errors)) return false;
    }
  }
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (!AllFinite(value[i], Path(path, std::to_string(i)), errors)) return false;
    }
  }
  return true;
}

// Runs one action against a catalog and turns its response or its errors into the result.
ApiResult Respond(const ActionEntry& entry, const Json& request, const Catalog& catalog, Errors& errors) {
  OrderedJson response;
  response["ok"] = true;
  entry.handler(request, catalog, response, errors);
  if (errors.Empty()) AllFinite(response, "", errors);
  if (!errors.Empty()) return Rejected(errors);
  return ApiResult{Dump(response), Outcome::kComputed};
}

}  // namespace

void PutSource(OrderedJson& object, const SourceRef& source) {
  object["source"] = source.ref;
  object["where"] = source.where;
}

namespace {

// The catalog under a site text, applied once per distinct text: the last text this thread applied is kept with
// its catalog, or with the errors that refused it, and reused while the same text comes again (the CLI's --site
// for each request it reads, a caller that sends its site with every request, a fuzz input asked several ways).
// The answer is the same either way; only validating the text and rebuilding the typed records are not repeated.
// Returns nullptr, with the errors added, for a refused text.
const Catalog* CatalogUnderSite(const std::string& siteText, Errors& errors) {
  struct Applied {
    std::string text;
    std::optional<Catalog> catalog;
    std::vector<FieldError> errors;
  };
  thread_local std::optional<Applied> last;
  if (!last || last->text != siteText) {
    last.reset();  // never a stale entry left under a new text, should applying throw
    Errors refusal;
    std::optional<Catalog> catalog = ApplySite(DefaultCatalog(), siteText, refusal);
    last = Applied{siteText, std::move(catalog), refusal.List()};
  }
  for (const FieldError& error : last->errors) errors.Add(error.field, error.message);
  return last->catalog ? &*last->catalog : nullptr;
}

// Handle's body: under the site text `siteJson` (or a request's "site"), or, when `given` is set, under that
// catalog (a Session's applied site), which nothing in the request can replace.
ApiResult HandleIn(std::string_view requestJson, std::string_view siteJson, const Catalog* given) {
  try {
    Errors errors;
    // Size, depth, fields per object and items per list are bounded before anything is parsed (json_bounds.hpp).
    const std::string tooBig = JsonBoundsProblem(requestJson, "The request");
    if (!tooBig.empty()) {
      errors.Add("", tooBig);
      return Rejected(errors);
    }
    Json request;
    try {
      request = Json::parse(requestJson.begin(), requestJson.end());
    } catch (const Json::exception& error) {  // parse_error, or out_of_range for a number overflow
      // nlohmann's text says where and why ("... at line 1, column 52: ... number overflow ...").
      std::string detail = error.what();
      const auto bracket = detail.find("] ");
      if (bracket != std::string::npos) detail = detail.substr(bracket + 2);
      errors.Add("", "The request is not valid JSON (" + detail + ").");
      return Rejected(errors);
    }
    if (!request.is_object()) {
      errors.Add("", "The request must be a JSON object with an \"action\" field.");
      return Rejected(errors);
    }
    const auto action = ReadString(request, "action", "", errors);
    if (!action) return Rejected(errors);

    // The site configuration, if any, replaces the built-in catalog for this request.
    const Catalog* siteCatalog = nullptr;
    std::string siteText(siteJson);
    if (request.contains("site") && given != nullptr) {
      errors.Add("site", "A site configuration is already in force here; a request cannot replace or remove it.");
      return Rejected(errors);
    }
    if (request.contains("site")) {
      if (!request["site"].is_string()) {
        errors.Add("site", "The site configuration must be passed as the text of site.json.");
        return Rejected(errors);
      }
      siteText = request["site"].get<std::string>();
      request.erase("site");
    }
    if (!siteText.empty()) {
      siteCatalog = CatalogUnderSite(siteText, errors);
      if (siteCatalog == nullptr) return Rejected(errors);
    }
    const Catalog& catalog = given != nullptr ? *given : siteCatalog != nullptr ? *siteCatalog : DefaultCatalog();

    for (const ActionEntry& entry : kActions) {
      if (*action != entry.name) continue;
      // The catalog of the built-in content answers {"action":"catalog"} with the same 55 KB every time: it is
      // built once, by the same path as any other answer, and reused. Any other catalog request (under a site,
      // whether from the request, the CLI's --site or a Session's setSite; an unknown field) takes the ordinary
      // path below.
      if (entry.handler == CatalogWithActions && &catalog == &DefaultCatalog() && request.size() == 1) {
        static const ApiResult builtIn = [&entry] {
          Errors none;
          return Respond(entry, Json{{"action", "catalog"}}, DefaultCatalog(), none);
        }();
        return builtIn;
      }
      return Respond(entry, request, catalog, errors);
    }
    errors.Add("action", "Unknown action \"" + *action + "\". Use one of " + ActionNames() + ".");
    return Rejected(errors);
  } catch (const std::exception& error) {
    return Fault(error.what());
  } catch (...) {
    return Fault("unknown error");
  }
}

}  // namespace

ApiResult Handle(std::string_view requestJson) { return Handle(requestJson, std::string_view()); }

ApiResult Handle(std::string_view requestJson, std::string_view siteJson) {
  return HandleIn(requestJson, siteJson, nullptr);
}

ApiResult Handle(std::string_view requestJson, const Catalog& catalog) {
  return HandleIn(requestJson, std::string_view(), &catalog);
}

ApiResult RejectedResult(const Errors& errors) { return Rejected(errors); }

const Catalog* SiteCatalog(std::string_view siteText, Errors& errors) {
  return CatalogUnderSite(std::string(siteText), errors);
}

std::string Api(std::string_view requestJson) { return Handle(requestJson).json; }

}  // namespace ketadose
