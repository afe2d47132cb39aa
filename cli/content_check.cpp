// Build step: reads every compiled-in content file into its typed records (content/validate.hpp) and fails,
// naming the file and the field, when one is malformed or incomplete. CMake runs it after building it.
#include <iostream>

#include "content/validate.hpp"

int main() {
  ketadose::Errors errors;
  ketadose::ValidateAllContent(errors);
  for (const ketadose::FieldError& error : errors.List()) std::cerr << "content check: " << error.message << "\n";
  if (!errors.Empty()) {
    std::cerr << "content check: " << errors.List().size() << " problem(s) in content/: the build stops here.\n";
    return 1;
  }
  return 0;
}
