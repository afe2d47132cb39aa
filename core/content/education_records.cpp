// Reads the education records from the embedded content/education/ files (their core view) once.
#include "content/education_records.hpp"

#include <stdexcept>
#include <type_traits>

#include "content/content.hpp"
#include "content/education_records_json.hpp"

namespace ketadose {

namespace {

const Json& List(const char* file, const char* key) {
  static const Json empty = Json::array();
  const Json& document = ContentJson(file);
  if (!document.is_object()) return empty;
  const auto found = document.find(key);
  return found != document.end() && found->is_array() ? *found : empty;
}

[[noreturn]] void Broken(const std::string& what, const std::string& id) {
  throw std::runtime_error("education content: " + what + " " + id + " is malformed");
}

std::vector<std::string> Strings(const Json& item, const char* key) {
  std::vector<std::string> values;
  for (const Json& value : item.value(key, Json::array())) values.push_back(value.get<std::string>());
  return values;
}

}  // namespace

void from_json(const Json& item, EvidenceTopic& topic) {
  topic.id = item.at("id").get<std::string>();
  topic.title = item.value("title", "");
}

void from_json(const Json& item, QuizQuestion& question) {
  question.id = item.at("id").get<std::string>();
  question.topic = item.value("topic", "");
  question.kind = item.at("kind").get<std::string>();
  question.unit = item.value("unit", "");
  question.optionCount = item.value("option_count", std::size_t{0});
  if (item.contains("answer") && item["answer"].is_number()) question.answer = item["answer"].get<double>();
  question.tolerance = item.value("tolerance", 0.0);
  const auto computed = item.find("computed");
  question.computed = computed != item.end() && computed->is_object();
  if (question.computed) question.computedField = computed->value("field", "");
}

void from_json(const Json& item, DrillCompare& compare) {
  compare.field = item.at("field").get<std::string>();
  compare.label = item.value("label", compare.field);
}

void from_json(const Json& item, Drill& drill) {
  drill.id = item.at("id").get<std::string>();
  const Json& patient = item.at("patient");
  drill.patientWeight = patient.value("weight", 0.0);
  drill.patientWeightUnit = patient.value("weight_unit", "kg");
  drill.protocols = Strings(item, "protocols");
  drill.compare = item.value("compare", Json::array()).get<std::vector<DrillCompare>>();
  drill.expectedFlags = Strings(item, "expected_flags");
  if (!item.contains("model_plan") || !item["model_plan"].is_object()) Broken("drill", drill.id);
}

namespace {

template <typename Record>
std::vector<Record> Records(const char* file, const char* key, const char* what) {
  std::vector<Record> records;
  const Json& list = List(file, key);
  for (std::size_t index = 0; index < list.size(); ++index) {
    try {
      Record record = list[index].get<Record>();
      if constexpr (!std::is_same_v<Record, EvidenceTopic>) record.index = index;
      records.push_back(std::move(record));
    } catch (const nlohmann::json::exception&) {
      Broken(what, list[index].is_object() ? list[index].value("id", "#" + std::to_string(index)) : "#" + std::to_string(index));
    }
  }
  return records;
}

}  // namespace

const std::vector<EvidenceTopic>& EvidenceTopics() {
  static const std::vector<EvidenceTopic> topics =
      Records<EvidenceTopic>("education/evidence.json", "topics", "evidence topic");
  return topics;
}

const EducationContent& Education() {
  static const EducationContent content = [] {
    EducationContent read;
    read.questions = Records<QuizQuestion>("education/quiz.json", "questions", "quiz question");
    const Json& examples = List("education/examples.json", "examples");
    for (std::size_t index = 0; index < examples.size(); ++index) {
      WorkedExample example;
      example.index = index;
      example.id = examples[index].value("id", "");
      const Json& request = examples[index].value("request", Json::object());
      if (example.id.empty() || !examples[index].contains("request")) Broken("worked example", example.id);
      example.protocol = request.value("protocol", "");
      read.examples.push_back(std::move(example));
    }
    read.drills = Records<Drill>("education/drills.json", "drills", "drill");
    for (const QuizQuestion& question : read.questions) {
      const bool single = question.Single();
      if (single ? question.optionCount == 0 || !question.answer
                 : question.kind != "numeric" || (!question.answer && !question.computed)) {
        Broken("quiz question", question.id);
      }
    }
    return read;
  }();
  return content;
}

namespace {

template <typename Record>
const Record* FindIn(const std::vector<Record>& records, const std::string& id) {
  for (const Record& record : records) {
    if (record.id == id) return &record;
  }
  return nullptr;
}

const Json& Empty() {
  static const Json empty = Json::object();
  return empty;
}

}  // namespace

const EvidenceTopic* FindTopic(const std::string& id) { return FindIn(EvidenceTopics(), id); }
const QuizQuestion* FindQuestion(const std::string& id) { return FindIn(Education().questions, id); }
const Drill* FindDrill(const std::string& id) { return FindIn(Education().drills, id); }

const Json& ExampleRequestJson(const WorkedExample& example) {
  return List("education/examples.json", "examples").at(example.index).at("request");
}

const Json& QuizRequestJson(const QuizQuestion& question) {
  if (!question.computed) return Empty();
  const Json& computed = List("education/quiz.json", "questions").at(question.index).at("computed");
  const auto request = computed.find("request");
  return request != computed.end() ? *request : Empty();
}

const Json& DrillPatientJson(const Drill& drill) {
  return List("education/drills.json", "drills").at(drill.index).at("patient");
}

const Json& DrillModelPlanJson(const Drill& drill) {
  return List("education/drills.json", "drills").at(drill.index).at("model_plan");
}

const Json& DefaultExamplePatientJson() {
  const Json& document = ContentJson("education/examples.json");
  static const Json fallback = Json::object();
  if (!document.is_object() || !document.contains("default_patient")) return fallback;
  return document["default_patient"].contains("patient") ? document["default_patient"]["patient"] : fallback;
}

}  // namespace ketadose
