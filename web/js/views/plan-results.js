// Renders a plan response: status, dose figures per part with their working, preparation, rate table,
// setting and monitoring, alerts with sources, notes. Every number is the core's, shown as it came.
import { h, qty, dl, formatCoreNumber, replaceKeepingFocus, placeKeepingFocus, patchInPlace, focusKeyIn } from '../dom.js';
import { renderAlerts, sourceLine } from './alerts.js';
import { renderMonitoring, monitoringReason } from './monitoring.js';
import { renderPlot } from './plot.js';
import { renderTarget } from './target.js';
import { renderPreparation, vtbiFigure } from './preparation.js';
import { renderPlanScreening, renderPlanGuidance } from './plan-screening.js';
import { renderSchedule } from './schedule.js';

const BASIS_WORD = { actual: 'actual weight', ideal: 'ideal weight', adjusted: 'adjusted weight' };
const PART_TITLE = { bolus: 'Bolus', infusion: 'Infusion', repeated: 'Repeated doses' };
// Where the core reports what an ideal or adjusted dosing weight is missing: at the missing field itself
// (patient.height_cm, patient.sex), as the rules branch made it, or at dosing_weight as before.
const BASIS_NEEDS = ['dosing_weight', 'patient.height_cm', 'patient.sex'];

/** The arithmetic steps whose field starts with one of the prefixes, as a "Show working" disclosure. */
function working(response, prefixes, key, title = 'Show working') {
  const steps = (response.arithmetic || []).filter((step) => prefixes.some((prefix) => step.field.startsWith(prefix)));
  if (!steps.length) return null;
  return h('details', { class: 'working', dataset: { key } },
    h('summary', { dataset: { focusKey: `working-${key}` } }, title),
    h('ol', {}, steps.map((step) => h('li', { text: step.working }))));
}

/**
 * Why there is no plan. A field's message shows once the user has had a chance (left the field or asked for the
 * plan); before that the box only says what is still to enter. Fields are named by their label, never their path.
 * A site default that cannot apply (adjusted weight without height and sex) says so and offers actual weight.
 */
function noPlanBox(response, context) {
  const { fieldLabel = () => '', mayShow = () => true, onAskForPlan, onDoseOnActual, basisDefaulted, catalog } = context;
  const errors = response.errors || [];
  const always = (error) => !error.field || error.field === 'dosing_weight' || !fieldLabel(error.field);
  const shown = errors.filter((error) => always(error) || mayShow(error.field));
  const waiting = [...new Set(errors.filter((error) => !shown.includes(error)).map((error) => fieldLabel(error.field)))];
  const named = (error) => {
    const label = fieldLabel(error.field);
    const message = String(error.message || '');
    return label && !message.toLowerCase().startsWith(label.toLowerCase()) ? `${label}: ${message}` : message;
  };
  // The default basis (a site's adjusted weight, say) cannot apply: say which fields it needs and offer actual weight.
  const defaultBasis = catalog?.default_dosing_weight;
  const basisNeeds = errors.filter((error) => BASIS_NEEDS.includes(error.field));
  const fallback = basisDefaulted && onDoseOnActual && basisNeeds.length > 0 &&
    (basisNeeds.some((error) => error.field === 'dosing_weight') || (defaultBasis && defaultBasis !== 'actual'));
  const needed = [...new Set(basisNeeds.map((error) => fieldLabel(error.field)).filter(Boolean))];
  const basisWords = BASIS_WORD[defaultBasis] ? ` (${BASIS_WORD[defaultBasis]})` : '';
  return h('div', { class: 'status status-needs', id: 'plan-status' },
    h('p', { class: 'status-title', text: shown.length ? 'No plan yet: fix these' : 'No plan yet' }),
    shown.length ? h('ul', { class: 'error-list' }, shown.map((error) => h('li', { text: named(error) }))) : null,
    fallback ? h('p', {}, needed.length && basisNeeds.every((error) => error.field !== 'dosing_weight')
      ? `The default dosing weight${basisWords} cannot apply without: ${needed.join(', ')}. `
      : 'The default dosing weight cannot apply without those fields. ',
      h('button', { type: 'button', class: 'link-button inline', id: 'dose-on-actual', onclick: onDoseOnActual,
        dataset: { focusKey: 'dose-on-actual' }, text: 'Dose on actual weight instead' })) : null,
    waiting.length ? h('p', {}, `To see the plan, enter: ${waiting.join(', ')}. `,
      onAskForPlan ? h('button', { type: 'button', class: 'link-button inline', id: 'show-missing', onclick: () => onAskForPlan(),
        dataset: { focusKey: 'show-missing' }, text: 'Show what is missing' }) : null) : null);
}

/** The status line at the top: no plan, refused, on hold, or ready. */
function statusBox(response, context = {}) {
  if (!response.ok) return noPlanBox(response, context);
  const hard = response.alerts.filter((alert) => alert.severity === 'hard');
  const pending = response.alerts.filter((alert) => alert.severity === 'soft' && !alert.acknowledged);
  if (hard.length) {
    return h('div', { class: 'status status-refused', id: 'plan-status' },
      h('p', { class: 'status-title', text: 'Refused: do not give this plan' }),
      h('p', { text: `${hard.length === 1 ? 'A hard stop stands' : `${hard.length} hard stops stand`}. The figures below show why; change the plan.` }));
  }
  if (pending.length || response.blocked) {
    return h('div', { class: 'status status-hold', id: 'plan-status' },
      h('p', { class: 'status-title', text: 'On hold: acknowledge to release' }),
      h('p', { text: `${pending.length} alert${pending.length === 1 ? '' : 's'} below need${pending.length === 1 ? 's' : ''} your acknowledgement.` }));
  }
  return h('div', { class: 'status status-ready', id: 'plan-status' },
    h('p', { class: 'status-title', text: 'Plan ready for a second check' }),
    h('p', { text: `Setting: ${response.setting}.` }));
}

function figure(label, value, unit, props = {}) {
  return h('div', { class: `figure${props.main ? ' figure-main' : ''}`, dataset: props.field ? { field: props.field } : undefined },
    h('span', { class: 'figure-label', text: label }), qty(value, unit));
}

function weightCard(response) {
  const weights = response.weights || {};
  const others = [['actual_kg', 'actual'], ['ideal_kg', 'ideal'], ['adjusted_kg', 'adjusted']]
    .filter(([key, basis]) => typeof weights[key] === 'number' && basis !== response.dosing_weight_basis)
    .map(([key, basis]) => [`${basis[0].toUpperCase()}${basis.slice(1)} weight`, qty(weights[key], 'kg')]);
  return h('section', { class: 'card result', 'aria-label': 'Dosing weight' },
    h('h3', { text: 'Dosing weight' }),
    h('div', { class: 'figures' },
      figure(`Dose on (${BASIS_WORD[response.dosing_weight_basis] || response.dosing_weight_basis})`, response.dosing_weight_kg, 'kg', { main: true })),
    others.length ? dl(others, { class: 'facts' }) : null,
    working(response, ['patient.', 'dosing_weight', 'weights.'], 'weight'));
}

function bolusCard(response) {
  const bolus = response.bolus;
  return h('section', { class: 'card result', 'aria-label': 'Bolus' },
    h('h3', { text: 'Bolus' }),
    h('div', { class: 'figures' },
      figure('Dose', bolus.dose_mg, 'mg', { main: true, field: 'bolus.dose_mg' }),
      figure('Volume', bolus.volume_ml, 'mL', { main: true, field: 'bolus.volume_ml' })),
    dl([
      ['Ordered', qty(bolus.dose_mg_per_kg, 'mg/kg')],
      ['Syringe', qty(bolus.concentration_mg_per_ml, 'mg/mL')],
      bolus.over_min !== undefined ? ['Given over', qty(bolus.over_min, 'min')] : null,
      bolus.rate_ml_per_min !== undefined ? ['Push rate', qty(bolus.rate_ml_per_min, 'mL/min')] : null,
    ], { class: 'facts' }),
    working(response, ['bolus.'], 'bolus'));
}

function infusionCard(response, { onPumpCheck }) {
  const infusion = response.infusion;
  return h('section', { class: 'card result', 'aria-label': 'Infusion' },
    h('h3', { text: 'Infusion' }),
    h('div', { class: 'figures' },
      figure('Pump rate', infusion.rate_ml_per_h, 'mL/h', { main: true, field: 'infusion.rate_ml_per_h' }),
      figure('Dose rate', infusion.rate_mg_per_h, 'mg/h', { main: true, field: 'infusion.rate_mg_per_h' }),
      vtbiFigure(response)),
    dl([
      ['Per kg', h('span', {}, qty(infusion.rate_mg_per_kg_per_h, 'mg/kg/h'), ' = ', qty(infusion.rate_ug_per_kg_per_min, 'ug/kg/min'))],
      ['Bag', qty(infusion.concentration_mg_per_ml, 'mg/mL')],
      ['Duration', qty(infusion.duration_h, 'h')],
      ['Infusion total', h('span', {}, qty(infusion.total_mg, 'mg'), ' in ', qty(infusion.total_ml, 'mL'))],
    ], { class: 'facts' }),
    working(response, ['infusion.'], 'infusion'),
    onPumpCheck ? h('button', { type: 'button', class: 'button link-button', onclick: onPumpCheck,
      dataset: { focusKey: 'pump-check' }, text: 'Double-check the pump setting' }) : null);
}

function repeatedCard(response) {
  const repeated = response.repeated;
  return h('section', { class: 'card result', 'aria-label': 'Repeated doses' },
    h('h3', { text: `Repeated doses${repeated.route ? ` (${repeated.route})` : ''}` }),
    h('div', { class: 'figures' },
      figure('Each dose', repeated.dose_mg, 'mg', { main: true, field: 'repeated.dose_mg' }),
      repeated.volume_ml !== undefined ? figure('Volume', repeated.volume_ml, 'mL', { main: true, field: 'repeated.volume_ml' }) : null),
    dl([
      repeated.dose_mg_per_kg !== undefined ? ['Ordered', qty(repeated.dose_mg_per_kg, 'mg/kg')] : null,
      ['Every', qty(repeated.every_h, 'h')],
      ['Doses a day', formatCoreNumber(repeated.doses_per_day)],
      ['Daily total', qty(repeated.daily_mg, 'mg')],
    ], { class: 'facts' }),
    working(response, ['repeated.'], 'repeated'));
}

function totalsCard(response, { screening, onScreening }) {
  return h('section', { class: 'card result', 'aria-label': 'Totals and setting' },
    h('h3', { text: 'Total and setting' }),
    h('div', { class: 'figures' },
      // Repeated doses are totalled per day on their own card; the plan total covers a bolus and an infusion.
      response.bolus || response.infusion ? figure('Plan total', response.total_mg, 'mg', { main: true, field: 'total_mg' }) : null,
      h('div', { class: 'figure' }, h('span', { class: 'figure-label', text: 'Setting' }),
        h('span', { class: `setting setting-${response.setting}`, text: response.setting }))),
    working(response, ['total_mg'], 'total'),
    monitoringReason(response.monitoring),
    screeningSummary(screening, onScreening));
}

/** The screening verdict beside the dose, when the screening page has been filled in. */
function screeningSummary(screening, onScreening) {
  if (!onScreening) return null;
  if (!screening?.ok) {
    return h('p', { class: 'screening-summary' }, 'Screening not recorded. ',
      h('button', { type: 'button', class: 'link-button inline', onclick: onScreening, dataset: { focusKey: 'go-screening' },
        text: 'Open the screening checklist' }));
  }
  return h('div', { class: `screening-summary verdict-${screening.verdict}` },
    h('p', {}, h('strong', { text: `Screening: ${screening.verdict}` }),
      ` (${(screening.findings || []).length} finding${(screening.findings || []).length === 1 ? '' : 's'}) `,
      h('button', { type: 'button', class: 'link-button inline', onclick: onScreening, dataset: { focusKey: 'go-screening' },
        text: 'Review' })));
}

function preparationCard(response) {
  if (!response.preparation?.length) return null;
  return h('section', { class: 'card result', 'aria-label': 'Preparation' },
    h('h3', { text: 'Preparation' }),
    response.preparation.map((prep) => h('div', { class: 'prep' },
      h('p', { class: 'prep-head' },
        h('strong', { text: `${PART_TITLE[prep.part] || prep.part}: ` }),
        `${formatCoreNumber(prep.containers)} × `, qty(prep.container_ml, 'mL'), ' at ', qty(prep.concentration_mg_per_ml, 'mg/mL'),
        ' (', qty(prep.drug_mg_per_container, 'mg'), ' in each)'),
      h('ul', { class: 'prep-options' }, (prep.from_stock || []).map((draw) => h('li', {},
        'From ', qty(draw.stock_mg_per_ml, 'mg/mL'), ' stock: draw ', qty(draw.stock_ml, 'mL'),
        draw.undiluted ? ', undiluted' : h('span', {}, ', add ', qty(draw.diluent_ml, 'mL'), ' diluent')))))));
}

function rateTableCard(response) {
  const rows = response.rate_table;
  if (!rows?.length) return null;
  const infusion = response.infusion || {};
  return h('section', { class: 'card result', 'aria-label': 'Titration and weaning table' },
    h('h3', { text: 'Titration and weaning' }),
    h('div', { class: 'table-scroll', tabIndex: 0, role: 'region', 'aria-label': 'Rate table' },
      h('table', { class: 'rate-table' },
        h('caption', {}, 'Pump settings at ', qty(infusion.concentration_mg_per_ml, 'mg/mL'), ' for ', qty(response.dosing_weight_kg, 'kg')),
        h('thead', {}, h('tr', {}, ['mg/kg/h', 'ug/kg/min', 'mg/h', 'Pump mL/h', 'Note'].map((text) => h('th', { scope: 'col', text })))),
        h('tbody', {}, rows.map((row) => {
          const notes = [row.planned ? 'planned' : '', row.outside_range ? 'outside regimen range' : '',
            row.monitored_setting ? 'monitored setting' : ''].filter(Boolean);
          return h('tr', { class: [row.planned ? 'is-planned' : '', row.outside_range ? 'is-outside' : ''].join(' ').trim() || undefined },
            h('th', { scope: 'row', text: formatCoreNumber(row.rate_mg_per_kg_per_h) }),
            h('td', { text: formatCoreNumber(row.rate_ug_per_kg_per_min) }),
            h('td', { text: formatCoreNumber(row.rate_mg_per_h) }),
            h('td', { class: 'pump', text: formatCoreNumber(row.rate_ml_per_h) }),
            h('td', { text: notes.join(', ') }));
        })))));
}

function notesCard(response, catalog) {
  if (!response.notes?.length) return null;
  return h('section', { class: 'card result', 'aria-label': 'Regimen notes' },
    h('h3', { text: 'Notes for this regimen' }),
    h('ul', { class: 'notes' }, response.notes.map((note) => h('li', {}, h('p', { text: note.text }), sourceLine(catalog, note)))));
}

function allWorking(response) {
  if (!response.arithmetic?.length) return null;
  return h('details', { class: 'working all-working', dataset: { key: 'all' } },
    h('summary', { dataset: { focusKey: 'working-all' } }, 'Show all the arithmetic'),
    h('ol', {}, response.arithmetic.map((step) => h('li', {}, h('span', { class: 'step-field', text: step.field }), ' ', step.working))));
}

/**
 * Renders a plan response into container.
 * @param {HTMLElement} container
 * @param {object} response the core's plan response
 * @param {{catalog: object, request: object, onAcknowledge?: Function, onPumpCheck?: Function,
 *          screening?: object, onScreening?: Function, onSimulate?: Function}} context
 */
export function renderPlanResults(container, response, context) {
  const { catalog } = context;
  const previous = lastShown.get(container);
  if (!response.ok && !previous) {
    container.classList.remove('is-refused', 'is-hold', 'is-stale');
    sectionsShown.delete(container);
    restPending.delete(container);
    replaceKeepingFocus(container, statusBox(response, context));
    container.dataset.drawn = 'all';
    return;
  }
  // Without a plan, the last plan's layout stays with every figure blanked, so nothing jumps while typing
  // and no figure from an earlier entry is ever shown.
  const shown = response.ok ? response : blankFigures(previous);
  if (response.ok) lastShown.set(container, response);
  const refused = shown.alerts.some((alert) => alert.severity === 'hard');
  container.classList.toggle('is-refused', refused);
  container.classList.toggle('is-hold', !refused && shown.blocked);
  container.classList.toggle('is-stale', !response.ok);
  renderPlan(container, statusBox(response, context), shown, context);
}

const lastShown = new WeakMap();

/** A copy of a response with every number replaced by null (shown as "—"), and no alerts or working. */
function blankFigures(response) {
  const blank = (value) => {
    if (typeof value === 'number') return null;
    if (Array.isArray(value)) return value.map(blank);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blank(v)]));
    return value;
  };
  return { ...blank(response), alerts: [], arithmetic: [], blocked: false, setting: '—', monitoring: undefined, simulation: undefined };
}

/**
 * The plan's alerts. A hard stop stands alone: it comes first, and the other checks are held (shown, but with
 * nothing to acknowledge) until it is resolved, so no one ticks a box on a plan that cannot be given.
 */
function planAlerts(response, context) {
  const { catalog, onAcknowledge } = context;
  const hard = (response.alerts || []).filter((alert) => alert.severity === 'hard');
  if (!hard.length) return renderAlerts(response.alerts, { catalog, onAcknowledge, keyPrefix: 'plan' });
  const others = response.alerts.filter((alert) => alert.severity !== 'hard');
  return h('div', { class: 'hard-first' },
    renderAlerts(hard, { catalog, keyPrefix: 'plan' }),
    others.length ? h('details', { class: 'held-alerts', dataset: { key: 'held-alerts' } },
      h('summary', { dataset: { focusKey: 'held-alerts' } },
        `${others.length} other check${others.length === 1 ? '' : 's'}, held until the hard stop is resolved`),
      renderAlerts(others, { catalog, keyPrefix: 'held' })) : null);
}

const sectionsShown = new WeakMap(); // results container -> Map(section name -> {key, node}) as last placed
const restPending = new WeakMap(); // results container -> the drawing of a first plan's later sections, still to run

// The sections a first plan draws in the frame that shows it: what is on screen at once (the status, the alerts and
// the dose figures). The rest (preparation, monitoring, rate table, guidance, notes...) is drawn in the next task,
// so the dose is not held up by laying out and painting the whole plan; `data-drawn` on the container says which.
const FIRST_SCREEN = new Set(['status', 'title', 'site', 'alerts', 'grid']);

/**
 * The names of the sections drawn last time whose elements lie wholly outside what the user can see: above or
 * below the window, or scrolled out of the results panel (a scroll box on a wide screen). Read from the layout as
 * it stands, before this redraw changes anything. The first screen's sections and a section keyed null (asked
 * every time) are never left for later.
 */
function outOfView(container, shown) {
  const panel = container.closest('.results-panel') || container;
  const clip = panel.getBoundingClientRect();
  const top = Math.max(0, clip.top);
  const bottom = Math.min(window.innerHeight, clip.bottom);
  const names = new Set();
  for (const [name, section] of shown) {
    if (FIRST_SCREEN.has(name) || section.key === null || !(section.node instanceof Element) || section.node.parentNode !== container) continue;
    const box = section.node.getBoundingClientRect();
    if (box.bottom <= top || box.top >= bottom) names.add(name);
  }
  return names;
}

const viewBeforeChange = new WeakMap(); // results container -> the sections out of view when the change began

/**
 * Notes which of the plan's sections are out of view now, as the change that will redraw the panel begins (the
 * plan screen calls it before it asks the core): the layout then is the one on screen, and reading it costs little,
 * where reading it once the form and summary have been updated would lay the whole page out again first.
 */
export function noteViewBeforeChange(container) {
  if (sectionsShown.has(container)) viewBeforeChange.set(container, outOfView(container, sectionsShown.get(container)));
}

/** Draws at once what a first plan or a keystroke left for the next task (called before printing), if anything. */
export function finishPlanResults(container) {
  restPending.get(container)?.();
}

/**
 * Draws the plan into container section by section. Each section has a key: the JSON of exactly the data it is
 * drawn from (the status box, which is small and reads the form's state, is keyed by its own markup). A section
 * whose key is the one last drawn keeps its elements; only the others are built and swapped in, so a keystroke
 * that moves the figures does not rebuild the monitoring plan, the guidance, the notes and the rest below them.
 * whole: draw every section now (the second step of a draw that left some for the next task).
 */
function renderPlan(container, status, response, context, whole = false) {
  const { catalog } = context;
  const json = JSON.stringify;
  const sections = [
    ['status', status.outerHTML, () => status],
    ['title', json(response.regimen_title), () => h('p', { class: 'regimen-title', text: response.regimen_title })],
    ['site', json(response.site ?? null), () => (response.site ? h('p', { class: 'site-line meta' }, `Site configuration: ${response.site.institution} · checksum `,
      h('span', { class: 'checksum', text: response.site.checksum })) : null)],
    ['alerts', json(response.alerts), () => planAlerts(response, context)],
    ['grid', json([response.weights, response.dosing_weight_basis, response.dosing_weight_kg, response.bolus, response.infusion,
      response.repeated, response.total_mg, response.setting, response.arithmetic, response.monitoring, context.screening ?? null,
      Boolean(context.onPumpCheck), Boolean(context.onScreening)]),
    () => h('div', { class: 'result-grid' },
      weightCard(response),
      response.bolus ? bolusCard(response) : null,
      response.infusion ? infusionCard(response, context) : null,
      response.repeated ? repeatedCard(response) : null,
      totalsCard(response, context))],
    ['preparation', json(response.preparation ?? null), () => preparationCard(response)],
    ['make-up', json([response.preparation ?? null, response.infusion ?? null]), () => renderPreparation(response)],
    ['monitoring', json(response.monitoring ?? null), () => renderMonitoring(response.monitoring, catalog)],
    ['rate-table', json([response.rate_table ?? null, response.infusion?.concentration_mg_per_ml, response.dosing_weight_kg]),
      () => rateTableCard(response)],
    ['schedule', json([response.protocol, context.request?.schedule ?? null, response.schedule ?? null, response.schedule_basis ?? null,
      Boolean(context.onSchedule)]), () => renderSchedule(response, context)],
    ['screening', json(response.screening ?? null), () => renderPlanScreening(response, catalog)],
    ['guidance', json(response.guidance ?? null), () => renderPlanGuidance(response, catalog)],
    ['plot', json([response.simulation ?? null, context.request?.simulate?.model ?? null, Boolean(response.repeated),
      Boolean(response.bolus || response.infusion), Boolean(context.onModel)]), () => renderPlot(response, { ...context, container })],
    // The Target card keeps itself across plans (it drops its answer when the plan under it changes): asked every time.
    ['target', null, () => renderTarget(response, { ...context, container })],
    ['notes', json(response.notes ?? null), () => notesCard(response, catalog)],
    ['working', json(response.arithmetic ?? null), () => allWorking(response)],
  ];
  const focusKey = focusKeyIn(container);
  const firstDraw = !sectionsShown.has(container);
  const before = sectionsShown.get(container) || new Map();
  const after = new Map();
  // A redraw (a keystroke) draws at once the first screen's sections and every changed section the user can see;
  // a changed section wholly out of view keeps its elements until the next task, which draws it, so the frame that
  // shows the new dose does not wait for the rate table, the working and the rest below. Out of view means outside
  // both the window and the results panel's scrolled area, measured before anything is changed.
  const measured = viewBeforeChange.get(container);
  viewBeforeChange.delete(container);
  const later = firstDraw || whole ? null : measured || outOfView(container, before);
  let deferred = firstDraw;
  for (const [name, key, build] of firstDraw ? sections.filter(([name]) => FIRST_SCREEN.has(name)) : sections) {
    const last = before.get(name);
    const kept = key !== null && last && last.key === key;
    if (!kept && later?.has(name)) {
      after.set(name, last);
      deferred = true;
      continue;
    }
    let node = kept ? last.node : build();
    // A section drawn anew whose elements are the same as on screen (a new weight moves figures, not layout)
    // has only its changed text rewritten in the elements on screen.
    if (node && last?.node && node !== last.node && last.node.parentNode === container && patchInPlace(container, last.node, node)) {
      node = last.node;
    }
    after.set(name, { key, node });
  }
  sectionsShown.set(container, after);
  placeKeepingFocus(container, [...after.values()].map((section) => section.node), focusKey);
  container.dataset.drawn = firstDraw ? 'first-screen' : deferred ? 'in-view' : 'all';
  if (!deferred) {
    restPending.delete(container);
    return;
  }
  // The rest of this plan after the frame that shows its dose, unless a newer plan has been drawn meanwhile (it
  // takes over what is left); at once if printing starts first (finishPlanResults, from the plan screen's print hooks).
  const rest = () => {
    if (restPending.get(container) !== rest) return;
    restPending.delete(container);
    renderPlan(container, status, response, context, true);
  };
  restPending.set(container, rest);
  requestAnimationFrame(() => setTimeout(rest, 0));
}

/** One sentence for screen readers after the plan settles: the main figures and whether it is released. */
export function planSummaryText(response) {
  if (!response.ok) return `No plan: ${(response.errors || []).map((error) => error.message).join(' ')}`;
  const parts = [];
  if (response.bolus) parts.push(`bolus ${response.bolus.dose_mg} mg, ${response.bolus.volume_ml} mL`);
  if (response.infusion) parts.push(`pump ${response.infusion.rate_ml_per_h} mL/h, ${response.infusion.rate_mg_per_h} mg/h`);
  if (response.repeated) parts.push(`each dose ${response.repeated.dose_mg} mg every ${response.repeated.every_h} h`);
  const hard = response.alerts.some((alert) => alert.severity === 'hard');
  const state = hard ? 'Refused by a hard stop.' : response.blocked ? 'On hold until alerts are acknowledged.' : 'Ready for a second check.';
  const total = response.bolus || response.infusion ? ` Total ${response.total_mg} mg.` : '';
  return `Plan: ${parts.join('; ')}.${total} ${state}`;
}
