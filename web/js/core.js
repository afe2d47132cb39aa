// The only module that touches the Emscripten module: creates the wasm instance once, lazily, and exposes the
// core's JSON API as api(request object) -> response object. A hospital's site.json beside index.html, when it
// exists and the core accepts it, goes with every request; a rejected one is reported and left out (built-in
// defaults apply).
/** @typedef {{ok: boolean, errors?: {field: string, message: string}[]}} ApiResponse */
/**
 * @typedef {{state: 'none'} | {state: 'ok', site: object} | {state: 'invalid', errors: {field: string, message: string}[]}}
 *   SiteStatus what became of site.json: none found, accepted (the catalog's site record), or rejected with errors
 */

let instance = null;
let siteState = null;

function load() {
  if (!instance) {
    instance = import('../wasm/ketadose.js').then(({ default: createKetadose }) =>
      createKetadose({ locateFile: (name) => new URL(`../wasm/${name}`, import.meta.url).href }));
  }
  return instance;
}

function call(module, request) {
  return JSON.parse(module.api(JSON.stringify(request)));
}

/** Reads site.json once and asks the core to validate it. */
function loadSite() {
  if (!siteState) {
    siteState = Promise.all([load(), fetch(new URL('../site.json', import.meta.url), { cache: 'no-cache' })
      .then((response) => (response.ok ? response.text() : null)).catch(() => null)])
      .then(([module, text]) => {
        if (text === null) return { status: { state: 'none' }, text: null };
        const checked = call(module, { action: 'catalog', site: text });
        if (!checked.ok) return { status: { state: 'invalid', errors: checked.errors || [] }, text: null };
        return { status: { state: 'ok', site: checked.site }, text };
      });
  }
  return siteState;
}

// Start compiling the core and reading site.json as soon as this module loads, while the page sets itself up.
loadSite();

/** What became of site.json. @returns {Promise<SiteStatus>} */
export async function siteStatus() {
  return (await loadSite()).status;
}

/**
 * Sends one request to the core and returns its parsed response.
 * @param {object} request a request as in docs/design.md ("action": "plan" | "catalog" | ...)
 * @returns {Promise<ApiResponse & Record<string, unknown>>}
 */
export async function api(request) {
  const module = await load();
  const { text } = await loadSite();
  return call(module, text !== null && !('site' in request) ? { ...request, site: text } : request);
}
