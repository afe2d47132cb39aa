// Calculator screen: regimen, patient, dosing weight and the parts of the plan in; the core's plan out,
// recomputed as the user types. The form holds what was typed; every number shown comes from the core.
import { api } from '../core.js';
import { h, append, uid, announce } from '../dom.js';
import { findRegimen, regimensByIndication, concentrationChoices } from '../catalog.js';
import { planFromHash, hashForPlan, shareUrl, clearPlanHash } from '../share.js';
import { renderPlanResults, planSummaryText, finishPlanResults, noteViewBeforeChange } from '../views/plan-results.js';
import { renderPlanSummary } from '../views/plan-summary.js';
import { renderPrintSheet, markForPrint } from '../views/print-sheet.js';
import { withScreening } from '../views/plan-screening.js';
import { sourceLine } from '../views/alerts.js';
import { update, current, subscribe } from '../store.js';
import { recordAcknowledged, recordShown } from '../quality-log.js';

const PART_NAMES = { bolus: 'Bolus', infusion: 'Infusion', repeated: 'Repeated doses' };
const PART_TOGGLE = { bolus: 'Give a bolus', infusion: 'Give an infusion', repeated: 'Give repeated doses' };
const RATE_UNITS = [['rate_mg_per_kg_per_h', 'mg/kg/h'], ['rate_ug_per_kg_per_min', 'ug/kg/min'], ['rate_mg_per_h', 'mg/h']];
const DOSE_UNITS = [['dose_mg_per_kg', 'mg/kg'], ['dose_mg', 'mg']];
const LIMIT_UNITS = { dose_mg_per_kg: 'mg/kg', dose_mg: 'mg', rate_mg_per_kg_per_h: 'mg/kg/h', rate_mg_per_h: 'mg/h',
  duration_h: 'h', over_min: 'min', every_h: 'h', daily_mg: 'mg' };
const BOUND_WORDS = { min: 'at least', max: 'at most', hard_max: 'never above', cap: 'capped at' };
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * What the user typed, as it goes into the request: a number when it reads as one, the text itself otherwise
 * (the core then says what is wrong with it), nothing when empty.
 */
export function parseEntry(text) {
  const trimmed = String(text ?? '').trim();
  if (trimmed === '') return undefined;
  return DECIMAL.test(trimmed) ? Number(trimmed) : trimmed;
}

/** A value from a request as it appears in an input. */
function entryText(value) {
  return value === undefined || value === null ? '' : String(value);
}

/** The request for a regimen with its catalog defaults (UI defaults only: the catalog's "default" records). */
export function defaultRequest(regimen, previous) {
  const request = {
    action: 'plan', protocol: regimen.id,
    patient: previous?.patient ? { ...previous.patient } : { weight_unit: 'kg' },
  };
  // Without an explicit choice the core applies the default (the site's, if it sets one).
  if (previous?.dosing_weight) request.dosing_weight = previous.dosing_weight;
  if (previous?.significant_comorbidity) request.significant_comorbidity = true;
  if (previous?.simulate && !request.repeated) request.simulate = previous.simulate;
  const available = ['bolus', 'infusion', 'repeated'].filter((part) => regimen[part]);
  // Bolus and infusion go together; repeated doses are an alternative, chosen by default only when alone.
  const included = available.filter((part) => part !== 'repeated' || available.length === 1);
  for (const part of included) request[part] = { ...(regimen[part].default || {}) };
  return request;
}

/** Builds the calculator in section; returns the screen object app.js drives. */
export function mountPlanScreen(section, { catalog, go, has }) {
  let request = null;
  let regimen = null;
  let lastResponse = null;
  let basisChosen = false; // the user (or the link) chose the dosing weight; otherwise the core's default applies
  let sequence = 0;
  let typingTimer = 0;
  let printPending = null; // {response, request} whose print sheet is still to be drawn (schedulePrintSheet)
  const fields = new Map(); // request path -> {input, error, wrapper, label}
  // A field's message shows once the user has left it (or the link filled it), or once the user asks for the
  // plan (Enter, or "Show what is missing"); never on first load.
  const touched = new Set();
  let planAsked = false;

  const heading = h('h2', { id: 'plan-heading', tabIndex: -1, text: 'Plan an infusion' });
  const form = h('form', { class: 'plan-form', 'aria-labelledby': 'plan-heading', novalidate: true,
    onsubmit: (event) => event.preventDefault() });
  const results = h('div', { class: 'plan-results', id: 'plan-results' });
  const resultsRegion = h('section', { class: 'results-panel', tabIndex: 0, 'aria-labelledby': 'results-heading' },
    h('div', { class: 'results-bar' },
      h('h2', { id: 'results-heading', text: 'Plan' }),
      h('div', { class: 'results-actions' },
        h('button', { type: 'button', class: 'button quiet', id: 'new-patient', onclick: newPatient, text: 'New patient' }),
        h('button', { type: 'button', class: 'button', id: 'copy-link', onclick: copyLink, text: 'Copy share link' }),
        h('button', { type: 'button', class: 'button', id: 'print-plan', onclick: () => window.print(), text: 'Print plan' }))),
    h('p', { class: 'copy-status', id: 'copy-status', role: 'status' }),
    results);
  const live = h('p', { class: 'visually-hidden', 'aria-live': 'polite', id: 'plan-live' });
  // A unit change is announced on its own, so the plan's settled summary does not talk over it.
  const unitLive = h('p', { class: 'visually-hidden', 'aria-live': 'assertive', id: 'unit-live' });
  const printSheet = h('div', { class: 'print-only', id: 'print-sheet' });
  // The figures to program, always in view: sticky above the form and results (and first on the print-out).
  const summary = h('section', { class: 'plan-summary', id: 'plan-summary', 'aria-label': 'Figures to program' });
  section.append(heading, summary, h('div', { class: 'plan-layout' }, form, resultsRegion), live, unitLive, printSheet);
  // The results panel sticks below the summary on a wide screen, and a field brought into view by the keyboard
  // scrolls clear of it: both need the summary's height (0 while another screen is shown). Set on the two elements
  // that use it, not as a custom property of the whole document: that one inherits into every element, so each
  // change restyled the whole page inside the frame that first draws the plan (7.5 ms unthrottled in Chromium's
  // trace of the first load); --summary-h is registered as not inherited (app.css).
  new ResizeObserver(() => {
    const height = `${summary.offsetHeight}px`;
    document.documentElement.style.scrollPaddingTop = `calc(${height} + 1rem)`;
    resultsRegion.style.setProperty('--summary-h', height);
  }).observe(summary);
  form.addEventListener('submit', () => askForPlan());

  // ---- form building ----

  function fieldError(path) {
    return h('p', { class: 'field-error', id: uid('error'), hidden: true, dataset: { for: path } });
  }

  /** A text entry for a number with its unit beside it; the unit is part of the accessible name. */
  function numberField({ path, label, unit, hint, extra, chips, optional }) {
    const id = uid('f');
    const labelId = `${id}-label`;
    const unitEl = h('span', { class: 'unit-label', id: `${id}-unit`, text: unit });
    const error = fieldError(path);
    const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint`, text: hint }) : null;
    const input = h('input', {
      id, type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', enterkeyhint: 'next',
      'aria-labelledby': `${labelId} ${id}-unit`,
      'aria-describedby': [hintEl ? hintEl.id : '', error.id].filter(Boolean).join(' '),
      dataset: { path },
    });
    input.addEventListener('input', () => changed(path));
    input.addEventListener('blur', () => { touched.add(path); showError(path); });
    const wrapper = h('div', { class: 'field' },
      h('label', { for: id, id: labelId }, label, optional ? h('span', { class: 'optional', text: ' (optional)' }) : null),
      h('div', { class: 'input-row' }, input, unitEl, extra),
      h('p', { class: 'unit-notice', hidden: true }),
      chips, hintEl, error);
    fields.set(path, { input, error, wrapper, unitEl, label });
    return wrapper;
  }

  /** Quick picks for the stocked concentrations; a pick fills the input it belongs to. */
  function concentrationChips(part) {
    const choices = concentrationChoices(catalog, regimen, part);
    if (!choices.length) return null;
    const path = `${part}.concentration_mg_per_ml`;
    return h('div', { class: 'chips', role: 'group', 'aria-label': 'Stocked concentrations' },
      choices.map((value) => h('button', {
        type: 'button', class: 'chip', 'aria-pressed': 'false', dataset: { value: String(value), chipFor: path },
        onclick: () => { fields.get(path).input.value = String(value); changed(path); },
      }, `${value} mg/mL`)));
  }

  function unitSelect(path, options, label) {
    const select = h('select', { class: 'unit-select', 'aria-label': label, dataset: { unitFor: path } },
      options.map(([key, unit]) => h('option', { value: key, text: unit })));
    select.addEventListener('change', () => unitChanged(path, select.selectedOptions[0]?.text || ''));
    return select;
  }

  /**
   * A unit changed under a typed number: the number is cleared, never read in the new unit, and the change is
   * said beside the field and to screen readers (docs/design.md, "Unit changes"). The plan waits for the number
   * in the new unit, and every acknowledgement is asked again.
   */
  function unitChanged(path, unit) {
    const field = fields.get(path);
    const notice = field?.wrapper.querySelector('.unit-notice');
    if (field && field.input.value.trim() !== '') {
      field.input.value = '';
      const text = `Unit changed to ${unit}: the number was cleared so it is not read in the new unit. Enter it in ${unit}.`;
      if (notice) { notice.textContent = text; notice.hidden = false; }
      unitLive.textContent = text;
    } else if (notice) {
      notice.hidden = true;
    }
    changed(path);
  }

  function radioGroup({ name, legend, options, path, hint }) {
    const error = fieldError(path);
    const group = h('fieldset', { class: 'radio-group', 'aria-describedby': error.id, dataset: { group: path } },
      h('legend', { text: legend }),
      h('div', { class: 'segmented' }, options.map(([value, text, extraNode]) => {
        const id = uid(name);
        return h('span', { class: 'segment' },
          h('input', { type: 'radio', name, id, value, onchange: () => { touched.add(path); changed(path); } }),
          h('label', { for: id }, h('span', { text }), extraNode || null));
      })),
      hint ? h('p', { class: 'hint', text: hint }) : null,
      error);
    fields.set(path, { input: group, error, wrapper: group, label: legend });
    return group;
  }

  function regimenField() {
    const select = h('select', { id: 'regimen', class: 'regimen-select', dataset: { path: 'protocol' } },
      regimensByIndication(catalog).map(([indication, list]) => h('optgroup', { label: indication },
        list.map((item) => h('option', { value: item.id, text: item.title })))));
    select.addEventListener('change', () => chooseRegimen(select.value));
    const error = fieldError('protocol');
    fields.set('protocol', { input: select, error, wrapper: select, label: 'Regimen' });
    return h('div', { class: 'field' },
      h('label', { for: 'regimen', text: 'Regimen, grouped by indication' }),
      select,
      h('div', { class: 'regimen-about', id: 'regimen-about', 'aria-live': 'off' }),
      error);
  }

  function patientFieldset() {
    const unitToggle = h('span', { class: 'segmented compact', role: 'radiogroup', 'aria-label': 'Weight unit' },
      ['kg', 'lb'].map((unit) => {
        const id = uid('wu');
        return h('span', { class: 'segment' },
          h('input', { type: 'radio', name: 'weight-unit', id, value: unit, onchange: () => unitChanged('patient.weight', unit) }),
          h('label', { for: id, text: unit }));
      }));
    return h('fieldset', { class: 'card' },
      h('legend', { text: 'Patient' }),
      numberField({ path: 'patient.weight', label: 'Weight', unit: 'kg',
        extra: [unitToggle, h('span', { class: 'kg-equivalent', id: 'weight-kg', dataset: { kgEquivalent: 'actual_kg' } })] }),
      h('div', { class: 'field-row' },
        numberField({ path: 'patient.height_cm', label: 'Height', unit: 'cm', optional: true }),
        numberField({ path: 'patient.age_years', label: 'Age', unit: 'years', optional: true })),
      radioGroup({ name: 'sex', legend: 'Sex (for ideal body weight)', path: 'patient.sex',
        options: [['', 'Not given'], ['female', 'Female'], ['male', 'Male']] }),
      h('div', { class: 'toggle' },
        h('input', { type: 'checkbox', id: 'comorbidity', dataset: { path: 'significant_comorbidity' },
          onchange: () => changed('significant_comorbidity') }),
        h('label', { for: 'comorbidity', text: 'Significant comorbidity (lowers the monitored-setting thresholds)' })));
  }

  function dosingWeightFieldset() {
    const note = catalog.rules?.dosing_weight?.policy_note;
    const weightHint = (key) => h('span', { class: 'choice-figure', dataset: { weight: key } });
    return h('fieldset', { class: 'card' },
      h('legend', { text: 'Dose on' }),
      radioGroup({ name: 'dosing-weight', legend: 'Dosing weight', path: 'dosing_weight', hint: note,
        options: [['actual', 'Actual weight', weightHint('actual_kg')], ['ideal', 'Ideal weight', weightHint('ideal_kg')],
          ['adjusted', 'Adjusted weight', weightHint('adjusted_kg')]] }));
  }

  function partFieldset(part) {
    const record = regimen[part];
    const toggleId = uid('part');
    const only = ['bolus', 'infusion', 'repeated'].filter((p) => regimen[p]).length === 1;
    const toggle = only ? null
      : h('input', { type: 'checkbox', id: toggleId, dataset: { partToggle: part }, onchange: () => changed(part) });
    const body = h('div', { class: 'part-body', dataset: { partBody: part } });
    const route = record.route ? ` (${record.route})` : '';
    if (part === 'bolus') {
      body.append(
        numberField({ path: 'bolus.dose_mg_per_kg', label: 'Dose', unit: 'mg/kg' }),
        numberField({ path: 'bolus.concentration_mg_per_ml', label: 'Syringe concentration', unit: 'mg/mL', chips: concentrationChips('bolus') }),
        numberField({ path: 'bolus.over_min', label: 'Given over', unit: 'min', optional: true }));
    } else if (part === 'infusion') {
      body.append(
        numberField({ path: 'infusion.rate', label: 'Rate', unit: '', extra: unitSelect('infusion.rate', RATE_UNITS, 'Rate unit'),
          hint: 'The unit chosen here is the unit of the number typed; nothing is converted for you.' }),
        numberField({ path: 'infusion.duration_h', label: 'Duration', unit: 'h' }),
        numberField({ path: 'infusion.concentration_mg_per_ml', label: 'Bag concentration', unit: 'mg/mL', chips: concentrationChips('infusion') }));
    } else {
      body.append(
        numberField({ path: 'repeated.dose', label: 'Each dose', unit: '', extra: unitSelect('repeated.dose', DOSE_UNITS, 'Dose unit') }),
        numberField({ path: 'repeated.every_h', label: 'Every', unit: 'h' }),
        numberField({ path: 'repeated.concentration_mg_per_ml', label: 'Concentration', unit: 'mg/mL', optional: true,
          chips: concentrationChips('repeated') }));
    }
    const error = fieldError(part);
    fields.set(part, { input: toggle || body, error, wrapper: body, label: PART_NAMES[part] });
    return h('fieldset', { class: 'card part', dataset: { part } },
      h('legend', { text: PART_NAMES[part] + route }),
      only ? null : h('div', { class: 'toggle' }, toggle, h('label', { for: toggleId, text: PART_TOGGLE[part] })),
      body, error);
  }

  function buildForm() {
    fields.clear();
    const parts = ['bolus', 'infusion', 'repeated'].filter((part) => regimen[part]).map(partFieldset);
    form.replaceChildren(
      h('fieldset', { class: 'card' }, h('legend', { text: 'Regimen' }), regimenField()),
      patientFieldset(), dosingWeightFieldset(), ...parts);
    renderRegimenAbout();
  }

  function renderRegimenAbout() {
    const about = form.querySelector('#regimen-about');
    about.replaceChildren();
    append(about, [
      h('p', { class: 'summary', text: regimen.summary || '' }),
      h('p', { class: 'meta' }, `Route: ${regimen.route || '—'} · Setting: `,
        h('span', { id: 'regimen-setting', text: regimen.setting || '—' })),
      siteLimits(regimen),
      (regimen.sources || []).map((source) => sourceLine(catalog, { source }))]);
  }

  /** The regimen's limits a site configuration changed, as the catalog states them, marked site-modified. */
  function siteLimits(record) {
    const lines = [];
    for (const part of ['bolus', 'infusion', 'repeated']) {
      for (const [key, limit] of Object.entries(record[part] || {})) {
        if (!limit?.site_modified) continue;
        const unit = LIMIT_UNITS[key] || '';
        const bounds = ['min', 'max', 'hard_max', 'cap'].filter((bound) => typeof limit[bound] === 'number')
          .map((bound) => `${BOUND_WORDS[bound]} ${limit[bound]} ${unit}`.trim());
        lines.push(h('li', {}, `${PART_NAMES[part]} ${key.replace(/_/g, ' ')}: ${bounds.join(', ')} `,
          h('span', { class: 'badge', text: 'site-modified' })));
      }
    }
    // The summary above is the guideline's; where this site changed a limit, the site's figure is the one in force.
    return lines.length ? [h('p', { class: 'site-limits-lead', text: 'This site\'s limits, in force where they differ from the summary above:' }),
      h('ul', { class: 'site-limits', 'aria-label': 'Limits set by this site' }, lines)] : null;
  }

  // ---- form <-> request ----

  function fillForm() {
    form.querySelector('#regimen').value = regimen.id;
    const patient = request.patient || {};
    fields.get('patient.weight').input.value = entryText(patient.weight);
    fields.get('patient.height_cm').input.value = entryText(patient.height_cm);
    fields.get('patient.age_years').input.value = entryText(patient.age_years);
    for (const radio of form.querySelectorAll('input[name="weight-unit"]')) radio.checked = radio.value === (patient.weight_unit || 'kg');
    for (const radio of form.querySelectorAll('input[name="sex"]')) radio.checked = radio.value === (patient.sex || '');
    // Until the user or the link chooses, no box is ticked: the core's default shows once it has answered.
    for (const radio of form.querySelectorAll('input[name="dosing-weight"]')) radio.checked = radio.value === request.dosing_weight;
    form.querySelector('#comorbidity').checked = request.significant_comorbidity === true;
    for (const part of ['bolus', 'infusion', 'repeated']) {
      if (!regimen[part]) continue;
      const values = request[part];
      const toggle = form.querySelector(`[data-part-toggle="${part}"]`);
      if (toggle) toggle.checked = Boolean(values);
      // The last values typed stay in a part switched off; defaults fill a part never filled.
      const shown = values || regimen[part].default || {};
      for (const [path, { input }] of fields) {
        if (!path.startsWith(`${part}.`) || input.tagName !== 'INPUT') continue;
        const key = path.slice(part.length + 1);
        if (key === 'rate' || key === 'dose') {
          const units = key === 'rate' ? RATE_UNITS : DOSE_UNITS;
          const chosen = units.find(([unitKey]) => unitKey in shown)?.[0] || units[0][0];
          form.querySelector(`[data-unit-for="${path}"]`).value = chosen;
          input.value = entryText(shown[chosen]);
        } else {
          input.value = entryText(shown[key]);
        }
      }
    }
    refreshFormState();
  }

  function readForm() {
    const next = { action: 'plan', protocol: regimen.id, patient: {} };
    const value = (path) => parseEntry(fields.get(path).input.value);
    const put = (object, key, entry) => { if (entry !== undefined) object[key] = entry; };
    put(next.patient, 'weight', value('patient.weight'));
    next.patient.weight_unit = form.querySelector('input[name="weight-unit"]:checked')?.value || 'kg';
    put(next.patient, 'height_cm', value('patient.height_cm'));
    put(next.patient, 'sex', form.querySelector('input[name="sex"]:checked')?.value || undefined);
    put(next.patient, 'age_years', value('patient.age_years'));
    const basis = form.querySelector('input[name="dosing-weight"]:checked')?.value;
    if (basisChosen && basis) next.dosing_weight = basis;
    if (form.querySelector('#comorbidity').checked) next.significant_comorbidity = true;
    for (const part of ['bolus', 'infusion', 'repeated']) {
      if (!regimen[part]) continue;
      if (!partIncluded(part)) continue;
      const values = {};
      for (const [path, { input }] of fields) {
        if (!path.startsWith(`${part}.`) || input.tagName !== 'INPUT') continue;
        const key = path.slice(part.length + 1);
        const unitKey = form.querySelector(`[data-unit-for="${path}"]`)?.value;
        put(values, unitKey || key, value(path));
      }
      next[part] = values;
    }
    if (request?.acknowledged?.length) next.acknowledged = [...request.acknowledged]; // ack keys, kept in memory only
    // The simulator models intravenous doses only: the plot is offered without repeated doses.
    if (request?.simulate && !next.repeated) next.simulate = request.simulate;
    if (request?.schedule && next.protocol === request.protocol) next.schedule = request.schedule;
    return next;
  }

  /** Whether a part goes into the request: its box is ticked, or it is the regimen's only part. */
  function partIncluded(part) {
    const toggle = form.querySelector(`[data-part-toggle="${part}"]`);
    return toggle ? toggle.checked : true;
  }

  /** Enables the inputs of included parts and marks which concentration pick matches the entry. */
  function refreshFormState() {
    for (const body of form.querySelectorAll('[data-part-body]')) {
      const included = partIncluded(body.dataset.partBody);
      body.classList.toggle('is-off', !included);
      for (const control of body.querySelectorAll('input, select, button')) control.disabled = !included;
    }
    for (const chip of form.querySelectorAll('[data-chip-for]')) {
      const entry = fields.get(chip.dataset.chipFor).input.value.trim();
      chip.setAttribute('aria-pressed', String(entry === chip.dataset.value));
    }
    const unit = form.querySelector('input[name="weight-unit"]:checked')?.value || 'kg';
    const unitEl = fields.get('patient.weight').unitEl;
    if (unitEl.textContent !== unit) unitEl.textContent = unit; // rewriting the same text would still relayout
  }

  // ---- acknowledgements ----

  // An acknowledgement is the alert's ack_key from the core (its code and a hash of its message, figures
  // included), so an alert whose text changes is open again. On top of that, a change drops the
  // acknowledgements of the alerts it may have moved.

  /** Drops acknowledgements of alerts raised by what just changed: a changed value asks again. */
  function forgetAcknowledgements(path) {
    if (!request?.acknowledged?.length) return;
    const part = path.split('.')[0];
    const partScoped = ['bolus', 'infusion', 'repeated'].includes(part);
    const alerts = lastResponse?.alerts || [];
    request.acknowledged = request.acknowledged.filter((key) => {
      if (!partScoped) return false; // regimen, patient or dosing weight changed: every number may have moved
      const alert = alerts.find((item) => item.ack_key === key);
      return alert?.field ? alert.field.split('.')[0] !== part : false;
    });
  }

  /** Keeps only the acknowledgements of soft alerts the core still raises with the same text. */
  function keepCurrentAcknowledgements(response) {
    if (!request?.acknowledged?.length || !response.ok) return;
    const open = new Set((response.alerts || []).map((alert) => alert.ack_key).filter(Boolean));
    request.acknowledged = request.acknowledged.filter((key) => open.has(key));
    if (!request.acknowledged.length) delete request.acknowledged;
  }

  function acknowledge(key, checked) {
    if (checked) recordAcknowledged(catalog, request, lastResponse, key); // the override log (quality-log.js)
    const codes = new Set(request.acknowledged || []);
    if (checked) codes.add(key); else codes.delete(key);
    request = { ...request, acknowledged: [...codes] };
    if (!request.acknowledged.length) delete request.acknowledged;
    compute();
  }

  // ---- compute and render ----

  function chooseModel(model) {
    request = { ...request };
    if (model) request.simulate = { model }; else delete request.simulate;
    compute();
  }

  /** The schedule's step hours (views/schedule.js): the text goes to the core as typed, empty drops it. */
  function chooseSchedule(text) {
    const step = parseEntry(text);
    if (step === undefined) delete request.schedule;
    else request.schedule = { step_h: step };
    compute();
  }

  function changed(path) {
    if (path === 'dosing_weight') basisChosen = true;
    clearPlanHash(); // the address no longer holds what the form shows; typing never writes the patient there
    forgetAcknowledgements(path);
    refreshFormState();
    request = readForm();
    // A simulation of a multi-day infusion takes tens of milliseconds: wait for a pause in the typing.
    clearTimeout(typingTimer);
    if (request.simulate) typingTimer = setTimeout(compute, 150); else compute();
  }

  function chooseRegimen(id) {
    const next = findRegimen(catalog, id);
    if (!next) return;
    regimen = next;
    const previous = request;
    request = defaultRequest(regimen, previous);
    buildForm();
    fillForm();
    compute();
  }

  /** Whether a field's message may show: the user has left it, or asked for the plan. */
  function mayShow(path) {
    return planAsked || touched.has(path);
  }

  /** Shows the message the core gave for a field (held back while the user was typing in it, or before). */
  function showError(path) {
    const field = fields.get(path);
    if (!field) return;
    const text = mayShow(path) ? field.message || '' : '';
    if (field.error.textContent !== text) field.error.textContent = text;
    field.error.hidden = !text;
    field.input.setAttribute?.('aria-invalid', String(Boolean(text)));
    field.wrapper.classList?.toggle('has-error', Boolean(text));
  }

  /** The user asks for the plan (Enter, or "Show what is missing"): every message shows, the first field gets focus. */
  function askForPlan(focusPath) {
    planAsked = true;
    for (const path of fields.keys()) showError(path);
    const target = fields.get(focusPath || [...fields.keys()].find((path) => fields.get(path).message));
    const control = target?.input.matches?.('input, select') ? target.input : target?.input.querySelector?.('input');
    control?.focus();
  }

  /** The label a field is shown with, for an error or alert path ("patient.weight" -> "Weight"). */
  function fieldLabel(path) {
    return fields.get(fieldPathFor(path))?.label || '';
  }

  /** The site's default dosing weight cannot apply (e.g. adjusted weight without height and sex): dose on actual. */
  function doseOnActual() {
    const radio = form.querySelector('input[name="dosing-weight"][value="actual"]');
    if (radio) radio.checked = true;
    touched.add('dosing_weight');
    changed('dosing_weight');
  }

  function markFields(response) {
    const messages = new Map();
    const addMessage = (path, text) => messages.set(path, [...(messages.get(path) || []), text]);
    for (const error of response.errors || []) addMessage(fieldPathFor(error.field), error.message);
    const alertLevel = new Map();
    for (const alert of response.alerts || []) {
      if (!alert.field || alert.severity === 'info') continue;
      const path = fieldPathFor(alert.field);
      if (alert.severity === 'hard' || !alertLevel.has(path)) alertLevel.set(path, alert.severity);
    }
    for (const [path, field] of fields) {
      const text = (messages.get(path) || []).join(' ');
      const focused = field.input === document.activeElement;
      field.wrapper.classList?.toggle('has-hard', alertLevel.get(path) === 'hard');
      field.wrapper.classList?.toggle('has-soft', alertLevel.get(path) === 'soft');
      // The message under a field changes when the user leaves it, so the form does not jump while typing; the
      // field itself is marked at once, but only once the user has had a chance.
      field.input.setAttribute?.('aria-invalid', String(Boolean(text) && mayShow(path)));
      field.message = text;
      if (!focused) showError(path);
    }
    if (!basisChosen) {
      // Without a choice the default applies: the core's answer, or (when it cannot apply) the default that failed,
      // so the choice in force is always shown.
      const basis = response.ok ? response.dosing_weight_basis : catalog.default_dosing_weight;
      for (const radio of form.querySelectorAll('input[name="dosing-weight"]')) radio.checked = radio.value === basis;
    }
    for (const figure of form.querySelectorAll('[data-weight]')) {
      const value = response.weights?.[figure.dataset.weight];
      const text = typeof value === 'number' ? `${value} kg` : '';
      if (figure.textContent !== text) figure.textContent = text;
    }
    // A weight typed in pounds is shown with the kilograms the core read it as.
    const inPounds = form.querySelector('input[name="weight-unit"]:checked')?.value === 'lb';
    const kg = form.querySelector('[data-kg-equivalent]');
    const value = response.ok ? response.weights?.actual_kg : undefined;
    const kgText = inPounds && typeof value === 'number' ? `= ${value} kg` : '';
    if (kg.textContent !== kgText) kg.textContent = kgText;
    // The regimen card's setting line follows the setting this plan's figures need.
    const setting = form.querySelector('#regimen-setting');
    if (setting && response.ok) { // without a plan the line stays as it was, so the form does not move
      const needs = response.ok && response.setting === 'monitored' && regimen.setting !== 'monitored';
      setting.textContent = needs ? `${regimen.setting || '—'} regimen, but this plan needs a monitored setting`
        : regimen.setting || '—';
      setting.classList.toggle('setting-monitored', needs);
    }
  }

  /** The form field an error or alert path belongs to ("infusion.rate_mg_per_h" -> "infusion.rate"). */
  function fieldPathFor(path) {
    if (!path) return '';
    if (fields.has(path)) return path;
    const [part, key = ''] = path.split('.');
    if (key.startsWith('rate_') && fields.has(`${part}.rate`)) return `${part}.rate`;
    if (key.startsWith('dose') && fields.has(`${part}.dose`)) return `${part}.dose`;
    if (fields.has(part)) return part;
    return path;
  }

  /** Clears the results and the print sheet: no plan could be computed (the core's call failed). */
  function showNoPlan(reason) {
    lastResponse = null;
    const message = `No plan could be computed. ${reason} Nothing shown earlier applies. Reload the page; if this ` +
      'persists, tell IT.';
    results.replaceChildren(h('div', { class: 'status status-refused', id: 'plan-status', role: 'alert' },
      h('p', { class: 'status-title', text: 'No plan could be computed' }), h('p', { text: message })));
    printPending = null;
    printSheet.replaceChildren();
    // The sticky summary too: its pump rate and bolus volume were the previous patient's.
    try { renderPlanSummary(summary, null); } catch { summary.replaceChildren(); }
    document.body.dataset.planUse = 'none'; // nothing printable (print-sheet.js marks a plan's use)
    document.getElementById('print-plan').disabled = true;
    update({ planRequest: request, planResponse: null });
    announce(live, message);
  }

  async function compute() {
    const mine = ++sequence;
    noteViewBeforeChange(results);
    try {
      const response = await api(withScreening(request, current().screenRequest));
      if (mine !== sequence) return; // a newer keystroke already asked
      // api() turns a failure of the core into {ok: false, failed: true}; anything else unexpected is one too.
      if (!response || typeof response !== 'object' || response.failed) {
        showNoPlan(response?.errors?.[0]?.message || 'The dosing core gave no answer.');
        return;
      }
      keepCurrentAcknowledgements(response);
      showPlan(response);
    } catch (error) {
      // Whatever failed, the previous patient's plan must not stay on screen under the new entries.
      if (mine === sequence) showNoPlan(`The page could not show the plan (${error?.message || error}).`);
    }
  }

  function showPlan(response) {
    lastResponse = response.ok ? response : lastResponse;
    recordShown(catalog, request, response); // a plan refused by a hard stop goes in the override log
    markFields(response);
    renderPlanSummary(summary, response);
    renderPlanResults(results, response, {
      catalog, request, onAcknowledge: acknowledge, onModel: chooseModel, onSchedule: chooseSchedule, onOpenPlan: openRequest,
      fieldLabel, mayShow: (path) => mayShow(fieldPathFor(path)), onAskForPlan: (path) => askForPlan(path && fieldPathFor(path)),
      basisDefaulted: !basisChosen, onDoseOnActual: doseOnActual,
      onPumpCheck: has('pump') ? () => go('pump') : null,
      screening: current().screenResponse, onScreening: has('screening') ? () => go('screening') : null,
    });
    schedulePrintSheet(response);
    document.getElementById('print-plan').disabled = !response.ok || response.blocked;
    update({ planRequest: request, planResponse: response });
    announce(live, planSummaryText(response));
  }

  /**
   * The print sheet (hidden on screen) is drawn after the frame that shows the dose, not in it. Until then it is
   * empty, never the previous plan's; the document's print marking (refused, on hold) is set at once; and a print
   * started before it is drawn draws it first (beforeprint, and print media being applied).
   */
  function schedulePrintSheet(response) {
    markForPrint(response);
    printSheet.replaceChildren();
    printPending = response.ok ? { response, request } : null;
    if (printPending) requestAnimationFrame(() => setTimeout(drawPrintSheet, 0));
  }

  function drawPrintSheet() {
    if (!printPending) return;
    const { response, request: asked } = printPending;
    printPending = null;
    renderPrintSheet(printSheet, response, { catalog, request: asked });
  }
  /** Before a print: the whole plan panel (a first plan draws its later sections a task after its dose) and the sheet. */
  function readyForPrint() {
    finishPlanResults(results);
    drawPrintSheet();
  }
  // In the capture phase, so the sheet is drawn before app.js dates the print stamps on the same event.
  window.addEventListener('beforeprint', readyForPrint, true);
  window.matchMedia?.('print').addEventListener?.('change', (event) => { if (event.matches) readyForPrint(); });

  /** Starts afresh: nothing is stored, so dropping the plan from the address and reloading forgets everything. */
  function newPatient() {
    history.replaceState(null, '', location.pathname + location.search);
    location.reload();
  }

  /** Makes a link only now, when asked: the address bar is not changed, and no acknowledgement goes in it. */
  async function copyLink() {
    const status = document.getElementById('copy-status');
    const url = shareUrl(request);
    try {
      await navigator.clipboard.writeText(url);
      status.textContent = 'Link copied. It holds the plan (weight, height, age, sex and doses) but no name, and no ' +
        'acknowledgements: whoever opens it checks the alerts afresh.';
    } catch {
      status.replaceChildren('The link could not be copied automatically. Select it and copy it: ',
        h('input', { type: 'text', readonly: true, value: url, class: 'share-url', 'aria-label': 'Share link', onfocus: (event) => event.target.select() }));
    }
  }

  /**
   * Opens a plan request made inside the app (the Target card's "Open in calculator") in memory, never through the
   * address bar: it is read through the same allow-list as a link, and its acknowledgements start afresh.
   */
  function openRequest(next) {
    clearPlanHash(); // like a first edit: the link this page was opened with no longer describes the plan
    load(planFromHash(hashForPlan(next)));
  }

  /** Loads the plan in the location hash (or one handed over in memory), or the first regimen's defaults. */
  function load(fromHash = planFromHash(location.hash)) {
    const notice = [fromHash?.error, ...(fromHash?.notes || [])].filter(Boolean).join(' ');
    const next = fromHash?.request;
    const found = next && findRegimen(catalog, next.protocol);
    regimen = found || catalog.regimens[0];
    // A link naming a regimen this version does not have keeps its patient and starts from the first regimen.
    request = found ? next : defaultRequest(regimen, next);
    basisChosen = Boolean(request.dosing_weight);
    buildForm();
    fillForm();
    // What the link filled in counts as entered: its messages show at once. Empty fields wait for the user.
    touched.clear();
    planAsked = false;
    for (const [path, field] of fields) if (field.input.tagName === 'INPUT' && field.input.value.trim() !== '') touched.add(path);
    compute();
    const unknown = next && !found ? `The link names a regimen this version does not have ("${next.protocol}"). Choose one.` : '';
    document.getElementById('copy-status').textContent = [notice, unknown].filter(Boolean).join(' ');
  }

  window.addEventListener('hashchange', () => {
    const fromHash = planFromHash(location.hash);
    // A new link opened in this tab is read as data, like the first one (a refused one says why).
    if (fromHash && (!fromHash.request || JSON.stringify(fromHash.request) !== JSON.stringify(request))) load();
  });

  // The screening verdict is shown beside the dose: redraw when it changes.
  subscribe((state, change) => { if ('screenResponse' in change) compute(); });
  load();
  return { heading, refresh: () => compute() };
}
