// Response assessment screen: pain, satisfaction, and optionally disability (ODI), opioid use (MME), duration
// of relief and treatments this year in; the core says whether the response is positive, why, and what to watch.
import { api } from '../core.js';
import { h, announce, qty, replaceKeepingFocus } from '../dom.js';
import { renderAlerts, sourceLine } from '../views/alerts.js';
import { parseEntry } from './plan.js';

// The core's verdict (Cohen 2018 Q8: size and duration together) as a title and a status style.
const VERDICT = {
  positive: ['Positive response', 'status-ready'],
  'not-positive': ['Not a positive response', 'status-hold'],
  pending: ['Pending: the benefit is met, the duration is not known yet', 'status-needs'],
};
const NUMBER_FIELDS = [
  ['pain_before', 'Pain before', 'of 10', 'On a 0-10 scale.'],
  ['pain_after', 'Pain after', 'of 10', null],
  ['odi_before', 'Oswestry Disability Index before', '%', 'Optional.'],
  ['odi_after', 'Oswestry Disability Index after', '%', null],
  ['opioid_mme_per_day_before', 'Opioid use before', 'mg MME/day', 'Optional: oral morphine milligram equivalents a day.'],
  ['opioid_mme_per_day_after', 'Opioid use after', 'mg MME/day', null],
  ['relief_weeks', 'Relief lasted', 'weeks', 'Optional: needs the kind of treatment below.'],
  ['treatments_last_12_months', 'Treatments in the last 12 months', 'treatments', 'Optional.'],
];

export function mountAssessScreen(section, { catalog }) {
  let sequence = 0;
  let touched = false;
  const heading = h('h2', { id: 'response-heading', tabIndex: -1, text: 'Response assessment' });
  const result = h('div', { id: 'assess-result' });
  const live = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  const inputs = new Map();

  const numberField = ([key, label, unit, hint]) => {
    const id = `assess-${key}`;
    const input = h('input', { type: 'text', id, inputmode: 'decimal', autocomplete: 'off', dataset: { field: key },
      'aria-labelledby': `${id}-label ${id}-unit`, 'aria-describedby': `${id}-error${hint ? ` ${id}-hint` : ''}` });
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    input.addEventListener('blur', () => compute()); // its message waits until the user leaves the field
    inputs.set(key, { input, error });
    return h('div', { class: 'field' },
      h('label', { for: id, id: `${id}-label`, text: label }),
      h('div', { class: 'input-row' }, input, h('span', { class: 'unit-label', id: `${id}-unit`, text: unit })),
      hint ? h('p', { class: 'hint', id: `${id}-hint`, text: hint }) : null, error);
  };
  const radios = (name, legend, options) => h('fieldset', { class: 'radio-group' }, h('legend', { text: legend }),
    h('div', { class: 'segmented' }, options.map(([value, text]) => h('span', { class: 'segment' },
      h('input', { type: 'radio', name, id: `${name}-${value || 'none'}`, value, checked: value === '' }),
      h('label', { for: `${name}-${value || 'none'}`, text })))));

  const form = h('form', { class: 'card', 'aria-labelledby': 'response-heading', novalidate: true,
    onsubmit: (event) => event.preventDefault(), oninput: () => { touched = true; compute(); }, onchange: () => { touched = true; compute(); } },
  h('div', { class: 'field-row' }, numberField(NUMBER_FIELDS[0]), numberField(NUMBER_FIELDS[1])),
  radios('satisfied', 'Is the patient satisfied with the result?', [['', 'Not asked'], ['yes', 'Yes'], ['no', 'No']]),
  h('div', { class: 'field-row' }, numberField(NUMBER_FIELDS[2]), numberField(NUMBER_FIELDS[3])),
  h('div', { class: 'field-row' }, numberField(NUMBER_FIELDS[4]), numberField(NUMBER_FIELDS[5])),
  numberField(NUMBER_FIELDS[6]),
  radios('regimen-kind', 'Kind of treatment', [['', 'Not given'], ['single-outpatient', 'Single outpatient infusion'], ['inpatient-or-series', 'Inpatient infusion or a series']]),
  numberField(NUMBER_FIELDS[7]));

  section.append(heading, live,
    h('p', { class: 'lede', text: 'After a treatment: the core applies the guideline\'s rule for a positive response. Nothing is stored.' }),
    h('div', { class: 'plan-layout' }, form, h('section', { class: 'results-panel', tabIndex: 0, 'aria-label': 'Assessment result' }, result)));

  function request() {
    const next = { action: 'assess' };
    for (const [key, { input }] of inputs) {
      const value = parseEntry(input.value);
      if (value !== undefined) next[key] = value;
    }
    const satisfied = form.querySelector('input[name="satisfied"]:checked')?.value;
    if (satisfied) next.satisfied = satisfied === 'yes';
    const kind = form.querySelector('input[name="regimen-kind"]:checked')?.value;
    if (kind) next.regimen_kind = kind;
    return next;
  }

  function render(response) {
    for (const [key, { input, error }] of inputs) {
      const messages = (response.errors || []).filter((item) => item.field === key).map((item) => item.message);
      input.setAttribute('aria-invalid', String(touched && messages.length > 0));
      if (document.activeElement !== input || !messages.length) {
        error.textContent = touched && input.value.trim() ? messages.join(' ') : '';
        error.hidden = !error.textContent;
      }
    }
    if (!response.ok) {
      replaceKeepingFocus(result, h('div', { class: 'status status-needs', id: 'assess-status' },
        h('p', { class: 'status-title', text: 'Enter the pain scores and whether the patient is satisfied' }),
        touched ? h('ul', { class: 'error-list' }, response.errors.map((item) => h('li', { text: item.message }))) : null));
      return;
    }
    const percent = (label, value) => (typeof value === 'number'
      ? h('div', { class: 'figure' }, h('span', { class: 'figure-label', text: label }), qty(value, '%')) : null);
    replaceKeepingFocus(result,
      h('div', { class: `status ${VERDICT[response.verdict]?.[1] || 'status-hold'}`, id: 'assess-status' },
        h('p', { class: 'status-title', text: VERDICT[response.verdict]?.[0] || 'Not a positive response' }),
        h('ul', { class: 'reasons' }, (response.verdict_reasons || []).map((reason) => h('li', { class: reason.met === true ? 'met' : 'not-met' },
          h('strong', { text: reason.met === true ? 'Met: ' : reason.met === false ? 'Not met: ' : 'Not known yet: ' }), reason.text))),
        response.verdict_rule ? h('p', { class: 'meta', text: response.verdict_rule.text }) : null),
      renderAlerts(response.alerts, { catalog }),
      h('section', { class: 'card result', 'aria-label': 'Changes' },
        h('h3', { text: 'Changes' }),
        h('div', { class: 'figures' },
          percent('Pain reduction', response.pain_reduction_percent),
          percent('ODI improvement', response.odi_improvement_percent),
          typeof response.odi_change_points === 'number'
            ? h('div', { class: 'figure' }, h('span', { class: 'figure-label', text: 'ODI change' }), qty(response.odi_change_points, 'points')) : null,
          percent('Opioid reduction', response.opioid_reduction_percent)),
        h('ul', { class: 'reasons' }, (response.reasons || []).map((reason) => h('li', { class: reason.met ? 'met' : 'not-met' },
          h('strong', { text: reason.met ? 'Met: ' : 'Not met: ' }), reason.text)))),
      response.duration ? h('section', { class: 'card result', 'aria-label': 'Duration of relief' },
        h('h3', { text: 'Duration of relief' }),
        h('p', { text: response.duration.counts === true ? 'The relief lasted long enough to count.'
          : response.duration.counts === false ? 'The relief did not last long enough to count.' : 'Not assessed.' }),
        h('p', { class: 'meta', text: response.duration.text }), sourceLine(catalog, response.duration)) : null,
      response.rule ? h('section', { class: 'card result', 'aria-label': 'The rule' },
        h('h3', { text: 'The rule' }), h('p', { text: response.rule.text }), sourceLine(catalog, response.rule)) : null);
  }

  async function compute() {
    const mine = ++sequence;
    const response = await api(request());
    if (mine !== sequence) return;
    render(response);
    if (touched && response.ok) announce(live, result.querySelector('.status-title')?.textContent || '');
  }

  compute();
  return { heading };
}
