// Content validation (validate.hpp): one loader per content file with typed records.
#include "content/validate.hpp"

#include <exception>
#include <map>
#include <string>

#include "content/catalog_json.hpp"
#include "content/content.hpp"
#include "content/education_records.hpp"
#include "content/pk_records.hpp"
#include "content/records_json.hpp"

namespace ketadose {

namespace {

// A loader reads a parsed content file into its typed records and throws ContentError (or a nlohmann exception)
// naming the field when it cannot.
using ContentLoader = void (*)(const Json& document);

void LoadRegimens(const Json& document) {
  if (!document.is_object() || !document.contains("regimens")) throw ContentError("regimens", "is missing");
  (void)ReadRegimens(document.at("regimens"));
}
void LoadRules(const Json& document) { (void)ReadRules(document); }
void LoadMonitoring(const Json& document) { (void)document.get<MonitoringContent>(); }
void LoadAlertTitles(const Json& document) {
  if (!document.is_object() || !document.contains("titles")) throw ContentError("titles", "is missing");
  for (const auto& [code, title] : document.at("titles").items()) {
    if (!title.is_string()) throw ContentError("titles." + code, "must be text");
  }
}

struct ContentCheck {
  const char* file;
  ContentLoader load;
};

// Every content file with typed records and its loader. Another family adding typed records for its file adds
// ONE line here (keep one line per file so that merges stay easy).
// ---- content loaders: begin ----
constexpr ContentCheck kContentChecks[] = {
    {"regimens.json", LoadRegimens},
    {"rules.json", LoadRules},
    {"monitoring.json", LoadMonitoring},
    {"alerts.json", LoadAlertTitles},
};
// ---- content loaders: end ----

}  // namespace

void ValidateContent(std::string_view file, std::string_view text, Errors& errors) {
  const Json document = Json::parse(text.begin(), text.end(), nullptr, false);
  const std::string name(file);
  if (document.is_discarded()) {
    errors.Add(name, "content/" + name + " is not valid JSON.");
    return;
  }
  for (const ContentCheck& check : kContentChecks) {
    if (file != check.file) continue;
    try {
      check.load(document);
    } catch (const ContentError& error) {
      errors.Add(name + ":" + error.path, "content/" + name + ", field " + (error.path.empty() ? "(top)" : error.path) +
                                              ": " + error.what() + ".");
    } catch (const Json::exception& error) {
      errors.Add(name, "content/" + name + ": " + error.what());
    }
  }
}

void ValidateAllContent(Errors& errors) {
  for (const EmbeddedFile& file : EmbeddedContent()) ValidateContent(file.name, file.text, errors);
  // The clinical families' records (screening.json, ort.json, response.json, pk-models.json: pk_records.hpp).
  const Errors clinical = ValidateClinicalContent();
  for (const FieldError& error : clinical.List()) errors.Add(error.field, error.message);
  // The education records the core computes with (education_records.hpp); they refuse a malformed record by
  // throwing, naming the file's record.
  try {
    (void)EvidenceTopics();
    (void)Education();
  } catch (const std::exception& error) {
    errors.Add("education", error.what());
  }
}

}  // namespace ketadose
