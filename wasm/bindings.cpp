// The Embind binding: one Session (session.hpp) per module. setSite(text) applies the site configuration once
// ("" clears it) and returns the site-check-like answer; api(request) evaluates a request under it; buildId() names
// the build of this core, which the page compares with its own stamp at start.
#include <emscripten/bind.h>
#include <malloc.h>

#include <string>

#include "content/build.hpp"
#include "api/session.hpp"

namespace {
ketadose::Session& TheSession() {
  static ketadose::Session session;
  return session;
}
std::string ApiEntry(const std::string& request) { return TheSession().Handle(request).json; }
std::string SetSiteEntry(const std::string& site) { return TheSession().SetSite(site); }
std::string BuildIdEntry() { return ketadose::CoreBuildId(); }
// Bytes the allocator holds for live allocations (dlmalloc's mallinfo), for the heap-stability test: unlike the
// memory buffer, which never shrinks, this goes back down when the core frees what it allocated.
double HeapBytesInUse() { return static_cast<double>(mallinfo().uordblks); }
}  // namespace

EMSCRIPTEN_BINDINGS(ketadose) {
  emscripten::function("api", &ApiEntry);
  emscripten::function("setSite", &SetSiteEntry);
  emscripten::function("buildId", &BuildIdEntry);
  emscripten::function("heapBytesInUse", &HeapBytesInUse);
}
