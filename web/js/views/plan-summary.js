// The figures to program, always in view: the plan's status and what goes into the pump and the syringe
// (pump rate and volume to be infused, bolus volume and push time, the bag), as the core returned them.
import { h, qty } from '../dom.js';

const STATUS = {
  ready: ['Ready', 'status-ready'], hold: ['On hold', 'status-hold'], refused: ['Refused', 'status-refused'],
  none: ['No plan yet', 'status-needs'],
};

const NOTE = { ready: 'For a second check', hold: 'Acknowledge the checks', refused: 'Not for use', none: 'Enter the order' };
const lastShape = new WeakMap(); // container -> the last plan shown, for its layout

/** ready | hold | refused | none, as the status box above the results says it. */
export function planState(response) {
  if (!response?.ok) return 'none';
  if ((response.alerts || []).some((alert) => alert.severity === 'hard')) return 'refused';
  return response.blocked ? 'hold' : 'ready';
}

function item(label, ...value) {
  return h('div', { class: 'summary-item' }, h('dt', { text: label }), h('dd', {}, ...value));
}

/** Fills container with the compact summary of a plan response (or "No plan yet" with its figures blank). */
export function renderPlanSummary(container, response) {
  const state = planState(response);
  const [word, cls] = STATUS[state];
  container.className = `plan-summary ${cls}${state === 'refused' ? ' is-refused' : ''}`;
  container.dataset.state = state;
  const ok = response?.ok;
  if (ok) lastShape.set(container, response);
  // Without a plan the last plan's items stay, blank, so nothing below the summary moves while typing.
  const shape = ok ? response : lastShape.get(container);
  const part = (name) => (shape?.[name] ? (ok ? shape[name] : {}) : null);
  const items = [];
  const infusion = part('infusion');
  const bolus = part('bolus');
  const repeated = part('repeated');
  if (infusion || !shape) {
    items.push(item('Pump', qty(infusion?.rate_ml_per_h, 'mL/h', { dataset: { summary: 'rate_ml_per_h' } })));
    // VTBI: the volume programmed for the first (or only) container, when the core gives it.
    if ((ok ? infusion : shape?.infusion)?.vtbi_ml !== undefined) items.push(item('VTBI', qty(infusion.vtbi_ml, 'mL', { dataset: { summary: 'vtbi_ml' } })));
    else items.push(item('Volume', qty(infusion?.total_ml, 'mL', { dataset: { summary: 'total_ml' } })));
    items.push(item('Bag', qty(infusion?.concentration_mg_per_ml, 'mg/mL', { dataset: { summary: 'bag' } })));
  }
  if (bolus) {
    items.push(item('Bolus', qty(bolus.volume_ml, 'mL', { dataset: { summary: 'bolus_ml' } }),
      h('span', { class: 'summary-extra' }, ' (', qty(bolus.dose_mg, 'mg'), ')'),
      (ok ? bolus : shape.bolus).over_min !== undefined ? [' over ', qty(bolus.over_min, 'min', { dataset: { summary: 'bolus_over_min' } })] : ''));
  }
  if (repeated) {
    items.push(item('Each dose', qty(repeated.dose_mg, 'mg'), (ok ? repeated : shape.repeated).volume_ml !== undefined ? [' = ', qty(repeated.volume_ml, 'mL')] : '',
      ' every ', qty(repeated.every_h, 'h')));
  }
  // Blank figures are narrower: hold the height the plan had, so the form below does not move while typing.
  container.style.minHeight = !ok && shape ? `${container.getBoundingClientRect().height}px` : '';
  container.replaceChildren(
    h('p', { class: 'summary-status', id: 'summary-status' }, h('span', { class: 'summary-word', text: word }),
      h('span', { class: 'summary-note', text: ` ${NOTE[state]}` })),
    h('dl', { class: 'summary-figures' }, items));
}
