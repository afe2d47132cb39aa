// The share link: #plan=<encodeURIComponent(request JSON)> recreates a plan; kept in sync while editing.

const PREFIX = '#plan=';

/**
 * The plan request carried by a location hash.
 * @returns {{request: object} | {error: string} | null} null when the hash holds no plan
 */
export function planFromHash(hash) {
  if (!hash || !hash.startsWith(PREFIX)) return null;
  try {
    const request = JSON.parse(decodeURIComponent(hash.slice(PREFIX.length)));
    if (!request || typeof request !== 'object' || Array.isArray(request)) {
      return { error: 'The link does not hold a plan request.' };
    }
    return { request: { ...request, action: 'plan' } };
  } catch {
    return { error: 'The link is damaged or incomplete: its plan could not be read.' };
  }
}

/** The hash for a plan request. */
export function hashForPlan(request) {
  return PREFIX + encodeURIComponent(JSON.stringify(request));
}

/** Puts the plan in the address bar without adding a history entry per keystroke. */
export function syncHash(request) {
  const hash = hashForPlan(request);
  if (location.hash !== hash) history.replaceState(history.state, '', hash);
}

/** The full shareable address of a plan. */
export function shareUrl(request) {
  return location.href.split('#')[0] + hashForPlan(request);
}
