// Appended to the Emscripten module (--post-js): api(request) -> response text. The core hands back a view of the
// response's bytes (apiBytes, bindings.cpp), decoded here by the engine's TextDecoder in one step and copied out
// before the next call can replace them. Not a string return through Embind: its std::string conversion walks every
// byte in JavaScript twice first (measured in bench/wasm-bench.mjs: most of a catalog call).
const ketadoseDecoder = new TextDecoder();
Module['api'] = (request) => ketadoseDecoder.decode(Module['apiBytes'](request));
