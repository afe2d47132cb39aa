// The only module that touches the Emscripten module: creates the wasm instance once, lazily,
// and exposes the core's JSON API as api(request object) -> response object.
/** @typedef {{ok: boolean, errors?: {field: string, message: string}[]}} ApiResponse */

let instance = null;

function load() {
  if (!instance) {
    instance = import('../wasm/ketadose.js').then(({ default: createKetadose }) =>
      createKetadose({ locateFile: (name) => new URL(`../wasm/${name}`, import.meta.url).href }));
  }
  return instance;
}

/**
 * Sends one request to the core and returns its parsed response.
 * @param {object} request a request as in docs/design.md ("action": "plan" | "catalog" | ...)
 * @returns {Promise<ApiResponse & Record<string, unknown>>}
 */
export async function api(request) {
  const module = await load();
  return JSON.parse(module.api(JSON.stringify(request)));
}
