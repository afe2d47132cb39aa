// The page and its dosing core must come from one build. Without a service worker (a first visit, private
// browsing) a browser can pair a new index.html and scripts with an old ketadose.js/.wasm from its HTTP cache,
// or the reverse, during an update. The build stamps below the id of the core this page was built beside
// (scripts/build-site.mjs); the page asks the core for its own id at start and refuses to run on a mismatch.
import { coreBuildId } from './core.js';

/** Replaced by scripts/build-site.mjs with the core's build id (cmake/build_id.cmake). */
export const EXPECTED_CORE_BUILD = '/*__CORE_BUILD__*/unstamped';

/**
 * null when page and core belong together, else the sentence to show (the page then computes nothing).
 * @returns {Promise<string | null>}
 */
export async function buildMismatch() {
  const actual = await coreBuildId();
  if (actual === EXPECTED_CORE_BUILD) return null;
  return `This page (built for dosing core ${EXPECTED_CORE_BUILD}) and the dosing core it loaded ` +
    `(${actual || 'unknown'}) come from different versions, as can happen part-way through an update. ` +
    'No plan is computed. Reload the page; if this message stays, ask IT to check that every file of the ' +
    'new version was copied and that the server does not serve old copies.';
}
