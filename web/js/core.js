// The only module that touches the Emscripten module: creates the wasm instance once, lazily, and exposes the
// core's JSON API as api(request object) -> response object.
//
// The site configuration is the loader's alone. build-info.json (written by the build) says whether this build
// expects a hospital's site.json and, if so, its SHA-256. When one is expected, site.json is read once, checked
// (present, readable, not empty, valid, the expected checksum) and handed to the core once with setSite(text);
// if any check fails, the site state is "failed" and api() computes nothing. When none is expected, site.json is
// not fetched at all (so an absent file costs no request and no console error) and the guideline defaults apply.
// No request can carry a site configuration: api() removes a "site" field before the core sees it.
/** @typedef {{ok: boolean, errors?: {field: string, message: string}[]}} ApiResponse */
/**
 * @typedef {{state: 'none'} | {state: 'ok', site: object} |
 *   {state: 'failed', reason: string, errors?: {field: string, message: string}[]}} SiteStatus
 *   what became of the site configuration: none expected (guideline defaults), accepted (the catalog's site
 *   record), or expected and not usable (reason: one sentence for IT; errors: the core's field errors)
 */

let instance = null;
let siteState = null;

// The single-file build (./run --single-file) carries the wasm binary, its build information and any site.json
// inside the page, in non-executable <script type="application/octet-stream|json"> elements, because a page
// opened from disk cannot fetch files beside it. The wasm and site.json are base64, so no byte of them can end
// the element early.
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

/** The build's declaration of the site it expects: {expected: false} or {expected: true, sha256}. */
async function expectedSite() {
  const embedded = inlined('ketadose-build-info');
  const text = embedded ? embedded.textContent
    : await fetch(new URL('../build-info.json', import.meta.url), { cache: 'no-cache' }).then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.text();
    });
  const info = JSON.parse(text);
  const site = info?.site;
  if (site?.expected === true && typeof site.sha256 === 'string' && /^[0-9a-f]{64}$/.test(site.sha256)) return site;
  if (site?.expected === false) return { expected: false };
  throw new Error('it does not say whether a site configuration is expected');
}

/** The exact text of site.json: {text} or {problem} (a sentence fragment saying what is wrong with the file). */
async function siteText() {
  const embedded = inlined('ketadose-site');
  let bytes;
  if (embedded) {
    bytes = base64Bytes(embedded.textContent);
  } else {
    let response;
    try {
      response = await fetch(new URL('../site.json', import.meta.url), { cache: 'no-cache' });
    } catch (error) {
      return { problem: `site.json could not be read (${error.message || error})` };
    }
    if (response.status === 404) return { problem: 'site.json is missing from the server (HTTP 404)' };
    if (!response.ok) return { problem: `site.json could not be read (HTTP ${response.status})` };
    bytes = new Uint8Array(await response.arrayBuffer());
  }
  if (bytes.length === 0) return { problem: 'site.json is empty (0 bytes)' };
  try {
    // The exact bytes, as the build's checksum saw them: no byte-order mark dropped, no bad byte replaced.
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { problem: 'site.json is not UTF-8 text' };
  }
}

function call(module, request) {
  return JSON.parse(module.api(JSON.stringify(request)));
}

const short = (sha256) => sha256.slice(0, 12);
const FIX = 'Deploy the site.json this build was made with beside index.html, or rebuild with ./run --build --site site.json.';

/**
 * Reads build-info.json and, when a site is expected, site.json, while the core compiles (the two fetches do not
 * wait for it, nor it for them); applies the site to the core once both are there.
 */
async function applySite() {
  const compiling = load();
  compiling.catch(() => { /* a core that cannot load is reported by whoever awaits it (api, buildMismatch) */ });
  let expected;
  try {
    expected = await expectedSite();
  } catch (error) {
    return { state: 'failed', reason: `No plan is computed: build-info.json could not be read (${error.message || error}), ` +
      'so the page cannot tell whether this hospital\'s site configuration is expected. Redeploy the whole folder built by ./run --build.' };
  }
  if (!expected.expected) {
    JSON.parse((await compiling).setSite(''));
    return { state: 'none' };
  }
  const wanted = short(expected.sha256);
  const file = await siteText();
  if (file.problem) {
    return { state: 'failed', reason: `No plan is computed: ${file.problem}, but this build expects the hospital's site configuration (checksum ${wanted}…). ${FIX}` };
  }
  const answer = JSON.parse((await compiling).setSite(file.text));
  if (!answer.ok) {
    return { state: 'failed', errors: answer.errors || [],
      reason: `No plan is computed: site.json has errors (listed below), and this build expects the hospital's site configuration (checksum ${wanted}…). ${FIX}` };
  }
  if (answer.site?.checksum !== expected.sha256) {
    return { state: 'failed', reason: `No plan is computed: site.json is not the file this build expects (its checksum is ${short(answer.site?.checksum || '')}…, ` +
      `the build expects ${wanted}…). ${FIX}` };
  }
  return { state: 'ok', site: answer.site };
}

function loadSite() {
  if (!siteState) {
    siteState = applySite().catch((error) => ({ state: 'failed',
      reason: `No plan is computed: the site configuration could not be checked (${error.message || error}). Reload the page; if this persists, tell IT.` }));
  }
  return siteState;
}

// Start compiling the core and reading the site configuration, side by side, as soon as this module loads.
loadSite();

/** What became of the site configuration. @returns {Promise<SiteStatus>} */
export function siteStatus() {
  return loadSite();
}

/**
 * Sends one request to the core and returns its parsed response. Never throws: a failure of the call (the core
 * could not load, threw, or answered with something that is not JSON) is a response with ok false and one error,
 * so every screen clears what it showed. Nothing is computed when the expected site configuration failed.
 * @param {object} request a request as in docs/design.md ("action": "plan" | "catalog" | ...)
 * @returns {Promise<ApiResponse & Record<string, unknown>>}
 */
export async function api(request) {
  try {
    const module = await load();
    const site = await loadSite();
    if (site.state === 'failed') return { ok: false, errors: [{ field: 'site', message: site.reason }] };
    const { site: ignored, ...rest } = request; // only the loader gives the core a site configuration
    return call(module, rest);
  } catch (error) {
    return { ok: false, failed: true,
      errors: [{ field: '', message: `The dosing core failed, so nothing was computed (${error?.message || error}).` }] };
  }
}

/** The build id of the dosing core this page loaded (compared with the page's own stamp at start). */
export async function coreBuildId() {
  return (await load()).buildId();
}
