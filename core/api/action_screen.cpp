// The "screen" action: conditions (and optionally the Opioid Risk Tool) in; findings, verdict and tests out.
// Read (screening_io.cpp) -> Screen (domain/screening.cpp) -> write (screening_io.cpp).
#include "api/actions.hpp"
#include "api/screening_io.hpp"
#include "domain/screening.hpp"

namespace ketadose {

void ScreenAction(const Json& request, const Catalog& catalog, OrderedJson& response, Errors& errors) {
  const auto screen = ReadScreenRequest(request, catalog, errors);
  if (!screen) return;
  PutScreenResult(Screen(*screen, ScreeningRecords(), OrtRecords()), response);
}

}  // namespace ketadose
