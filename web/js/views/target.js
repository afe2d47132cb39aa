// Target mode beside the concentration plot: the user asks for a concentration (plasma or effect site), the times to
// reach and hold it and how often the pump rate may change; the core's "target" action answers with a loading dose,
// a schedule of pump rates checked by the regimen's guardrails, and the predicted curve. The patient, regimen,
// dosing weight and bag come from the plan on screen. Every number shown is the core's; this module only lays it
// out, draws it, prints it, and can open the bolus and first rate in the calculator as a plan.
import { api } from '../core.js';
import { h, qty, formatCoreNumber } from '../dom.js';
import { renderAlerts, sourceLine } from './alerts.js';
import { draw } from './plot.js';

const cards = new WeakMap(); // results container -> {card, form, output, chartBox, planRequest, response}

const INPUTS = [
  ['target_ng_per_ml', 'Target concentration', 'ng/mL'],
  ['reach_min', 'Reach it within', 'min'],
  ['hold_min', 'Hold it for', 'min'],
  ['step_min', 'Change the pump rate every', 'min'],
];

function numberOrText(text) {
  const trimmed = String(text).trim();
  if (trimmed === '') return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : trimmed; // the core names what is wrong with text
}

function targetRequest(entry) {
  const plan = entry.planRequest || {};
  const form = entry.form;
  const request = { action: 'target', protocol: plan.protocol, patient: plan.patient };
  const model = form.querySelector('#target-model').value;
  if (model) request.model = model;
  if (plan.dosing_weight) request.dosing_weight = plan.dosing_weight;
  if (plan.significant_comorbidity) request.significant_comorbidity = true;
  const bag = plan.infusion?.concentration_mg_per_ml;
  if (bag !== undefined) request.concentration_mg_per_ml = bag;
  for (const [key] of INPUTS) {
    const value = numberOrText(form.querySelector(`#target-${key}`).value);
    if (value !== undefined) request[key] = value;
  }
  request.target_site = form.querySelector('input[name="target-site"]:checked')?.value || 'plasma';
  return request;
}

async function compute(entry, override) {
  const request = targetRequest(entry);
  if (override !== undefined) {
    request.target_ng_per_ml = override;
    entry.form.querySelector('#target-target_ng_per_ml').value = String(override);
  }
  const response = await api(request);
  entry.response = response;
  render(entry, request, response);
}

function errorsList(response) {
  return h('ul', { class: 'alerts target-errors', 'aria-label': 'Why no schedule was computed' },
    (response.errors || []).map((error) => h('li', { class: 'alert alert-hard' },
      h('strong', { text: error.field ? `${error.field}: ` : '' }), error.message)));
}

function scheduleTable(response, catalog) {
  const rows = [];
  if (response.bolus) {
    const bolus = response.bolus;
    rows.push(h('tr', { class: 'target-bolus' },
      h('th', { scope: 'row', text: 'Loading bolus' }),
      h('td', {}, '0 to ', formatCoreNumber(bolus.over_min), ' min'),
      h('td', {}, qty(bolus.volume_ml, 'mL'), ' over ', qty(bolus.over_min, 'min')),
      h('td', {}, qty(bolus.dose_mg, 'mg')),
      h('td', {}, qty(bolus.dose_mg_per_kg, 'mg/kg')),
      h('td', {})));
  }
  response.steps.forEach((step, index) => {
    rows.push(h('tr', {},
      h('th', { scope: 'row', text: index === 0 ? 'Start the pump' : `Change ${index}` }),
      h('td', {}, formatCoreNumber(step.start_min), ' to ', formatCoreNumber(step.end_min), ' min'),
      h('td', { class: 'figure-main' }, qty(step.rate_ml_per_h, 'mL/h')),
      h('td', {}, qty(step.rate_mg_per_h, 'mg/h')),
      h('td', {}, qty(step.rate_mg_per_kg_per_h, 'mg/kg/h')),
      h('td', {}, step.alerts.length ? renderAlerts(step.alerts, { catalog, keyPrefix: `target-step-${index}` }) : '')));
  });
  return h('table', { class: 'rate-table target-table' },
    h('caption', { text: 'Pump schedule (the first row is what the plan opens with; the later rows are the titration to follow)' }),
    h('thead', {}, h('tr', {},
      ['Step', 'When', 'Set', 'Delivers', 'Per kg', 'Guardrails'].map((text) => h('th', { scope: 'col', text })))),
    h('tbody', {}, rows));
}

function deviationFacts(response) {
  const d = response.deviation;
  return h('dl', { class: 'facts target-deviation' },
    h('dt', { text: 'Target reached (model)' }), h('dd', {}, 'from ', qty(d.from_min, 'min')),
    h('dt', { text: 'Highest after that' }), h('dd', {}, qty(d.highest_ng_per_ml, 'ng/mL'), ' (overshoot ',
      qty(d.overshoot_ng_per_ml, 'ng/mL'), ', ', qty(d.overshoot_percent, '%'), ')'),
    h('dt', { text: 'Lowest after that' }), h('dd', {}, qty(d.lowest_ng_per_ml, 'ng/mL'), ' (undershoot ',
      qty(d.undershoot_ng_per_ml, 'ng/mL'), ', ', qty(d.undershoot_percent, '%'), ')'),
    h('dt', { text: 'Total' }), h('dd', {}, qty(response.total_mg, 'mg'), ' = ', qty(response.total_ml, 'mL')),
    h('dt', { text: 'Setting' }), h('dd', { text: response.setting }));
}

function prediction(response, catalog) {
  const p = response.prediction || {};
  const unsuited = (response.models || []).filter((model) => !model.suits || model.caution);
  return h('div', { class: 'target-prediction' },
    h('p', { class: 'status status-hold', text: p.statement || '' }),
    p.caution ? h('p', { class: 'alert alert-soft', text: p.caution }) : null,
    h('p', { class: 'meta', text: `Model population: ${p.population || ''}` }),
    sourceLine(catalog, { source: p.source, where: p.where }),
    unsuited.length ? h('ul', { class: 'meta target-models' }, unsuited.map((model) =>
      h('li', {}, `${model.title}: `, model.suits ? model.caution : model.reason))) : null);
}

function render(entry, request, response) {
  const { output, chartBox, catalog } = entry;
  if (!response.ok) {
    output.replaceChildren(errorsList(response));
    return;
  }
  const parts = [prediction(response, catalog)];
  if (!response.reachable) {
    parts.unshift(h('p', { class: 'status status-refused', role: 'status', text: response.message }));
    if (response.highest_target_ng_per_ml > 0) {
      parts.push(h('button', { type: 'button', class: 'button quiet', id: 'target-use-highest',
        onclick: () => compute(entry, response.highest_target_ng_per_ml) },
      `Plan for ${formatCoreNumber(response.highest_target_ng_per_ml)} ng/mL instead`));
    }
    output.replaceChildren(...parts);
    return;
  }
  const site = response.target_site === 'effect' ? 'effect-site' : 'plasma';
  chartBox.setAttribute('aria-label', `Predicted plasma and effect-site concentration over ${response.simulate.until_min} ` +
    `minutes with the ${site} target line at ${response.target_ng_per_ml} ng/mL`);
  parts.unshift(h('p', { class: 'status status-ready', role: 'status' },
    `Target line ${formatCoreNumber(response.target_ng_per_ml)} ng/mL (${site}), reached by ${response.loading === 'bolus' ? 'a loading bolus' : 'the first pump rate'}.`));
  parts.push(chartBox,
    h('ul', { class: 'plot-legend' },
      h('li', {}, h('span', { class: 'swatch plot-plasma', 'aria-hidden': 'true' }), 'Plasma'),
      h('li', {}, h('span', { class: 'swatch plot-effect', 'aria-hidden': 'true' }), 'Effect site'),
      h('li', {}, h('span', { class: 'swatch plot-threshold', 'aria-hidden': 'true' }), `Target ${formatCoreNumber(response.target_ng_per_ml)} ng/mL`)),
    deviationFacts(response),
    renderAlerts(response.alerts, { catalog, keyPrefix: 'target-course' }),
    scheduleTable(response, catalog),
    h('div', { class: 'target-actions' },
      h('button', { type: 'button', class: 'button', id: 'target-open-plan',
        onclick: () => entry.onOpenPlan?.(response.plan_request) }, 'Open in calculator as a plan'),
      h('button', { type: 'button', class: 'button quiet', id: 'target-print', onclick: printTarget }, 'Print schedule')));
  output.replaceChildren(...parts);
  draw({ chartBox, simulation: { ...response, threshold_ng_per_ml: response.target_ng_per_ml } });
}

function printTarget() {
  document.body.classList.add('print-target');
  const done = () => { document.body.classList.remove('print-target'); window.removeEventListener('afterprint', done); };
  window.addEventListener('afterprint', done);
  window.print();
}

function buildForm(entry, models) {
  const fields = INPUTS.map(([key, label, unit]) => h('div', { class: 'field' },
    h('label', { for: `target-${key}`, text: `${label} (${unit})` }),
    h('input', { id: `target-${key}`, type: 'text', inputmode: 'decimal', autocomplete: 'off', dataset: { focusKey: `target-${key}` } })));
  const siteChoice = h('fieldset', { class: 'radio-group' }, h('legend', { text: 'Target site' }),
    ['plasma', 'effect'].map((value) => h('label', { class: 'radio' },
      h('input', { type: 'radio', name: 'target-site', value, checked: value === 'plasma' }),
      value === 'plasma' ? ' Plasma' : ' Effect site')));
  const model = h('div', { class: 'field' }, h('label', { for: 'target-model', text: 'Pharmacokinetic model' }),
    h('select', { id: 'target-model' }, models.map((m) => h('option', { value: m.id, text: m.title }))));
  return h('form', { class: 'target-form', onsubmit: (event) => { event.preventDefault(); compute(entry); } },
    model, h('div', { class: 'field-row' }, fields), siteChoice,
    h('p', { class: 'hint', text: 'Uses the patient, regimen, dosing weight and infusion bag of the plan above.' }),
    h('button', { type: 'submit', class: 'button', id: 'target-compute' }, 'Plan to target'));
}

/** The Target card for a plan screen's results container (kept across re-renders), or null without models. */
export function renderTarget(response, { catalog, request, container, onOpenPlan }) {
  const models = catalog.models || [];
  if (!models.length || !container || !request || response.repeated) return null;
  let entry = cards.get(container);
  if (!entry) {
    entry = { card: h('section', { class: 'card result target-card', 'aria-labelledby': 'target-heading' }),
      output: h('div', { class: 'target-output', 'aria-live': 'polite' }),
      chartBox: h('div', { class: 'chart', role: 'img', 'aria-label': 'Predicted concentration over time' }), catalog };
    entry.form = buildForm(entry, models);
    entry.card.append(
      h('h3', { id: 'target-heading', text: 'Target: reach and hold a concentration (model estimate)' }),
      entry.form, entry.output);
    cards.set(container, entry);
  }
  const basis = (plan) => JSON.stringify([plan?.protocol, plan?.patient, plan?.dosing_weight, plan?.significant_comorbidity,
    plan?.infusion?.concentration_mg_per_ml]);
  if (entry.response && basis(entry.planRequest) !== basis(request)) {
    entry.response = null;
    entry.output.replaceChildren(h('p', { class: 'hint', text: 'The plan above changed: plan to target again.' }));
  }
  entry.planRequest = request;
  entry.catalog = catalog;
  entry.onOpenPlan = onOpenPlan; // the plan screen opens the schedule in memory, never through the address bar
  return entry.card;
}
