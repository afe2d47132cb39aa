// The monitoring plan a plan response carries (tier, what to watch and how often), when the core sends one.
import { h } from '../dom.js';

/** Renders response.monitoring, or nothing when the core sent none. */
export function renderMonitoring(monitoring) {
  if (!monitoring) return null;
  return h('div', { class: 'monitoring' }, h('h4', { text: 'Monitoring' }));
}
