// The Learn screen's text (evidence summaries, quiz stems and explanations, examples' teaching points, drills'
// vignettes and debriefs): a static file the site build writes (scripts/learn-text.mjs), loaded the first time
// the Learn screen opens, never at start. Every figure, verdict and review still comes from the core; the views
// join this text to the core's records by id. build-info.json names the file (by its content hash) and gives
// its SHA-256; the text is checked against it before use. The single-file build carries it inline.

const NAME = /^learn\/text-[0-9a-f]{16}\.json$/;
let loading = null;

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function fetchText(url, options) {
  const response = await fetch(url, options);
  if (!response.ok) throw new Error(`${url.pathname || url}: HTTP ${response.status}`);
  return response;
}

async function readText() {
  const inline = globalThis.document?.getElementById('ketadose-learn-text');
  if (inline) return JSON.parse(inline.textContent);
  const info = await (await fetchText(new URL('../build-info.json', import.meta.url), { cache: 'no-cache' })).json();
  const { url, sha256 } = info?.learn_text || {};
  if (typeof url !== 'string' || !NAME.test(url) || typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) {
    throw new Error('build-info.json does not name the Learn text');
  }
  // The name carries the content hash, so no cache can hand back another version under it.
  const bytes = await (await fetchText(new URL(`../${url}`, import.meta.url))).arrayBuffer();
  if (globalThis.crypto?.subtle && hex(await crypto.subtle.digest('SHA-256', bytes)) !== sha256) {
    throw new Error(`${url} is not the file this version lists (its content hash differs)`);
  }
  return JSON.parse(new TextDecoder().decode(bytes));
}

function byId(list) {
  return new Map((Array.isArray(list) ? list : []).filter((item) => item && typeof item.id === 'string').map((item) => [item.id, item]));
}

/**
 * The text, read once: {topics, quiz, examples, drills} as Maps from id to record, and synonyms (groups of
 * lower-case terms). Rejects with an Error saying what is wrong; a view shows that instead of its content.
 */
export function learnText() {
  loading ||= readText().then((text) => {
    if (!text || typeof text !== 'object' || !Array.isArray(text.evidence?.topics)) throw new Error('the Learn text is malformed');
    const synonyms = (Array.isArray(text.evidence.synonyms) ? text.evidence.synonyms : []).filter(Array.isArray)
      .map((group) => group.filter((term) => typeof term === 'string').map((term) => term.toLowerCase()));
    return { topics: byId(text.evidence.topics), synonyms, quiz: byId(text.quiz), examples: byId(text.examples), drills: byId(text.drills) };
  }).catch((error) => {
    loading = null; // a later visit tries again
    throw error;
  });
  return loading;
}

/** The sentence a view shows when the text cannot be had. */
export function learnTextProblem(error) {
  return `The Learn text could not be loaded (${error?.message || error}).`;
}
