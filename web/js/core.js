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

// The single-file build (./run --single-file) carries the wasm binary and any site.json inside the page, in
// non-executable <script type="application/octet-stream|json"> elements, because a page opened from disk
// cannot fetch files beside it. Both are base64, so no byte of them can end the element early.
function inlined(id) {
  return globalThis.document ? document.getElementById(id) : null;
}

/** The bytes of a base64 text (the single file carries the wasm and any site.json so). */
function base64Bytes(text) {
  const binary = atob(text.trim());
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function wasmOptions() {
  const embedded = inlined('ketadose-wasm');
  if (!embedded) return { locateFile: (name) => new URL(`../wasm/${name}`, import.meta.url).href };
  return { wasmBinary: base64Bytes(embedded.textContent) };
}

function load() {
  if (!instance) {
    instance = import('../wasm/ketadose.js').then(({ default: createKetadose }) => createKetadose(wasmOptions()));
  }
  return instance;
}

function siteText() {
  const embedded = inlined('ketadose-site');
  if (embedded) return Promise.resolve(new TextDecoder().decode(base64Bytes(embedded.textContent)));
  if (inlined('ketadose-wasm')) return Promise.resolve(null);  // single file without a site: nothing to fetch
  return fetch(new URL('../site.json', import.meta.url), { cache: 'no-cache' })
    .then((response) => (response.ok ? response.text() : null)).catch(() => null);
}

function call(module, request) {
  return JSON.parse(module.api(JSON.stringify(request)));
}

/** Reads site.json once and asks the core to validate it. */
function loadSite() {
  if (!siteState) {
    siteState = Promise.all([load(), siteText()])
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

/** The build id of the dosing core this page loaded (compared with the page's own stamp at start). */
export async function coreBuildId() {
  return (await load()).buildId();
}
