// The Embind binding: hands a JSON request string to the core API and returns the response string.
#include <emscripten/bind.h>
#include <malloc.h>

#include <string>

#include "ketadose/api.hpp"

namespace {
std::string ApiEntry(const std::string& request) { return ketadose::Api(request); }
// Bytes the allocator holds for live allocations (dlmalloc's mallinfo), for the heap-stability test: unlike the
// memory buffer, which never shrinks, this goes back down when the core frees what it allocated.
double HeapBytesInUse() { return static_cast<double>(mallinfo().uordblks); }
}  // namespace

EMSCRIPTEN_BINDINGS(ketadose) {
  emscripten::function("api", &ApiEntry);
  emscripten::function("heapBytesInUse", &HeapBytesInUse);
}
