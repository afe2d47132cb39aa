// Field errors: how a rejected request explains itself (a JSON path and a plain sentence).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace ketadose {

struct FieldError {
  std::string field;    // JSON path in the request, e.g. "patient.weight" or "conditions.2"
  std::string message;  // a sentence a nurse understands
};

class Errors {
 public:
  void Add(std::string field, std::string message) {
    list_.push_back(FieldError{std::move(field), std::move(message)});
  }
  [[nodiscard]] bool Empty() const { return list_.empty(); }
  [[nodiscard]] const std::vector<FieldError>& List() const { return list_; }

 private:
  std::vector<FieldError> list_;
};

// Joins a parent path and a key: Path("patient", "weight") == "patient.weight"; Path("", "x") == "x".
inline std::string Path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

}  // namespace ketadose
