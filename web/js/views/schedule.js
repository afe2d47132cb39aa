// The titration and weaning schedule of an inpatient plan: a step-hours entry (the sources give no interval,
// so the user chooses it) and, once the core has built it, the timed table for the nurse, printable on its own.
import { h, qty, formatCoreNumber } from '../dom.js';
import { sourceLine } from './alerts.js';

const PHASE_WORD = { titration: 'Titration', maintenance: 'Planned rate', weaning: 'Weaning', observation: 'Stopped: observe' };

/**
 * The schedule card, for regimens whose catalog record has a schedule.
 * @param {object} response the plan response (schedule, schedule_basis when asked for)
 * @param {{catalog: object, request: object, onSchedule?: Function}} context onSchedule(stepText) sets the step
 */
export function renderSchedule(response, { catalog, request, onSchedule }) {
  const regimen = (catalog?.regimens || []).find((item) => item.id === response.protocol);
  if (!regimen?.schedule || !onSchedule) return null;
  const stepText = request?.schedule?.step_h === undefined ? '' : String(request.schedule.step_h);
  const input = h('input', { id: 'schedule-step', type: 'text', inputmode: 'decimal', autocomplete: 'off',
    value: stepText, 'aria-describedby': 'schedule-step-hint', dataset: { focusKey: 'schedule-step' },
    oninput: (event) => onSchedule(event.target.value) });
  const rows = response.schedule;
  const basis = response.schedule_basis;
  return h('section', { class: 'card result schedule-card', id: 'schedule-card', 'aria-labelledby': 'schedule-heading' },
    h('h3', { id: 'schedule-heading', text: 'Titration and weaning schedule' }),
    h('div', { class: 'field' },
      h('label', { for: 'schedule-step' }, 'Hours per step'),
      h('div', { class: 'input-row' }, input, h('span', { class: 'unit-label', text: 'h' })),
      h('p', { class: 'hint', id: 'schedule-step-hint', text: 'The sources give no step interval: choose it. Leave empty for no schedule.' })),
    rows?.length ? h('div', { class: 'table-scroll', tabIndex: 0, role: 'region', 'aria-label': 'Schedule' },
      h('table', { class: 'rate-table schedule-table' },
        h('caption', {}, 'From the start of the infusion, at ', qty(basis?.concentration_mg_per_ml, 'mg/mL'), ' for ',
          qty(basis?.dosing_weight_kg, 'kg')),
        h('thead', {}, h('tr', {}, ['From (h)', 'To (h)', 'Step', 'mg/kg/h', 'mg/h', 'Pump mL/h', 'Given (initials)']
          .map((text) => h('th', { scope: 'col', text })))),
        h('tbody', {}, rows.map((row) => h('tr', { class: `phase-${row.phase}` },
          h('th', { scope: 'row', text: formatCoreNumber(row.start_h) }),
          h('td', { text: formatCoreNumber(row.end_h) }),
          h('td', { text: PHASE_WORD[row.phase] || row.phase }),
          h('td', { text: formatCoreNumber(row.rate_mg_per_kg_per_h) }),
          h('td', { text: formatCoreNumber(row.rate_mg_per_h) }),
          h('td', { class: 'pump', text: formatCoreNumber(row.rate_ml_per_h) }),
          h('td', { class: 'sign' })))))) : null,
    basis ? sourceLine(catalog, basis) : null,
    basis?.convention ? sourceLine(catalog, basis.convention) : null,
    rows?.length ? h('button', { type: 'button', class: 'button', id: 'print-schedule', dataset: { focusKey: 'print-schedule' },
      onclick: printSchedule, text: 'Print the schedule' }) : null);
}

/** Prints the schedule card alone (the stylesheet hides everything else while body has .printing-schedule). */
function printSchedule() {
  document.body.classList.add('printing-schedule');
  const done = () => { document.body.classList.remove('printing-schedule'); window.removeEventListener('afterprint', done); };
  window.addEventListener('afterprint', done);
  window.print();
}
