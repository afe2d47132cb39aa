// What the screens share in this tab: the current plan request and response, the screening answer.
// Held in memory only; nothing about a patient is written to storage.

const state = { planRequest: null, planResponse: null, screenResponse: null };
const listeners = new Set();

/** The shared state (read-only by convention; change it with update). */
export function current() {
  return state;
}

/** Merges a change and tells every subscriber. */
export function update(change) {
  Object.assign(state, change);
  for (const listener of listeners) listener(state, change);
}

/** Calls listener(state, change) after every update; returns an unsubscribe function. */
export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
