// The Embind binding: one Session (session.hpp) per module. setSite(text) applies the site configuration once
// ("" clears it) and returns the site-check-like answer; api(request) evaluates a request under it; buildId() names
// the build of this core, which the page compares with its own stamp at start.
//
// api() itself is defined in wasm/post.js over apiBytes(): the response leaves as a view of its bytes, which the
// engine's TextDecoder turns into a string in one native step. Returned as a std::string, Embind 3.1.6 scanned every
// byte twice in JavaScript (for embedded NULs, then for the terminator) before decoding: for the 66 KB catalog
// response that was most of the call (bench/wasm-bench.mjs, docs/design.md "Bounded input").
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <string>

#include "content/build.hpp"
#include "api/session.hpp"

namespace {
ketadose::Session& TheSession() {
  static ketadose::Session session;
  return session;
}
// The last response, held until post.js has decoded the view of it (the next call replaces it).
std::string& LastResponse() {
  static std::string last;
  return last;
}
emscripten::val ApiBytesEntry(const std::string& request) {
  std::string& last = LastResponse();
  last = TheSession().Handle(request).json;
  return emscripten::val(
      emscripten::typed_memory_view(last.size(), reinterpret_cast<const unsigned char*>(last.data())));
}
std::string SetSiteEntry(const std::string& site) { return TheSession().SetSite(site); }
std::string BuildIdEntry() { return ketadose::CoreBuildId(); }
// Bytes the allocator holds for live allocations (dlmalloc's mallinfo), for the heap-stability test: unlike the
// memory buffer, which never shrinks, this goes back down when the core frees what it allocated.
double HeapBytesInUse() { return static_cast<double>(mallinfo().uordblks); }
}  // namespace

EMSCRIPTEN_BINDINGS(ketadose) {
  emscripten::function("apiBytes", &ApiBytesEntry);
  emscripten::function("setSite", &SetSiteEntry);
  emscripten::function("buildId", &BuildIdEntry);
  emscripten::function("heapBytesInUse", &HeapBytesInUse);
}
