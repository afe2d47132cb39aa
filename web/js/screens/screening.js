// Screening checklist screen: conditions (from the catalog), planned dosing pattern and the Opioid Risk Tool in;
// the core's verdict, findings, pre-infusion tests and ORT score out. Below: the plan's monitoring plan and the
// rules for during the infusion. The verdict also appears beside the dose on the plan screen.
import { api } from '../core.js';
import { h, announce, replaceKeepingFocus } from '../dom.js';
import { sourceLine } from '../views/alerts.js';
import { renderMonitoring } from '../views/monitoring.js';
import { renderGuidance } from '../views/guidance.js';
import { parseEntry } from './plan.js';
import { current, update, subscribe } from '../store.js';

const VERDICT = {
  avoid: ['status-refused', 'Avoid: do not give an elective infusion while this applies'],
  caution: ['status-hold', 'Caution: only with extra care'],
  proceed: ['status-ready', 'Proceed: nothing found on this checklist'],
};
const CATEGORY_TITLES = {
  cardiovascular: 'Heart and circulation', neurological: 'Brain and nerves', ophthalmic: 'Eyes', endocrine: 'Hormones',
  gastrointestinal: 'Liver and stomach', metabolic: 'Metabolic', pregnancy: 'Pregnancy', psychiatric: 'Mental state and consent',
};

function checkbox(id, label, extra, onchange) {
  return h('div', { class: 'check' },
    h('input', { type: 'checkbox', id, onchange }),
    h('label', { for: id }, h('span', { text: label }), extra || null));
}

export function mountScreeningScreen(section, { catalog, go }) {
  let sequence = 0;
  let touched = false; // the plan shows "not recorded" until the user has filled something in
  // compute() awaits the core, so this form-level listener has run by the time the verdict renders.
  const markTouched = () => { touched = true; };
  const heading = h('h2', { id: 'screening-heading', tabIndex: -1, text: 'Screening checklist' });
  const result = h('div', { id: 'screening-result' });
  const live = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  const monitoring = h('div', { id: 'screening-monitoring' });
  const conditions = catalog.conditions || [];
  const ort = catalog.ort;

  const byCategory = new Map();
  for (const condition of conditions) {
    if (!byCategory.has(condition.category)) byCategory.set(condition.category, []);
    byCategory.get(condition.category).push(condition);
  }
  const conditionSets = [...byCategory].map(([category, list]) => h('fieldset', { class: 'card' },
    h('legend', { text: CATEGORY_TITLES[category] || category }),
    list.map((condition) => checkbox(`condition-${condition.id}`, condition.title,
      h('span', { class: `level level-${condition.level}`, text: condition.level }), compute))));

  const ortItems = ort ? groupItems(ort.items) : [];
  const ortSet = ort ? h('fieldset', { class: 'card' },
    h('legend', { text: ort.title || 'Opioid Risk Tool' }),
    h('p', { class: 'hint', text: ort.about || '' }),
    h('fieldset', { class: 'radio-group' }, h('legend', { text: 'Sex (the tool scores items by sex)' }),
      h('div', { class: 'segmented' }, [['', 'Not scored'], ['female', 'Female'], ['male', 'Male']].map(([value, text]) =>
        h('span', { class: 'segment' },
          h('input', { type: 'radio', name: 'ort-sex', id: `ort-sex-${value || 'none'}`, value, checked: value === '', onchange: compute }),
          h('label', { for: `ort-sex-${value || 'none'}`, text })))),
      sourceLine(catalog, ort)),
    h('div', { class: 'field' },
      h('label', { for: 'ort-age', id: 'ort-age-label' }, 'Age', h('span', { class: 'optional', text: ' (optional; scores the age item)' })),
      h('div', { class: 'input-row' },
        h('input', { type: 'text', id: 'ort-age', inputmode: 'decimal', autocomplete: 'off', 'aria-labelledby': 'ort-age-label ort-age-unit', oninput: compute }),
        h('span', { class: 'unit-label', id: 'ort-age-unit', text: 'years' }))),
    ortItems.map(([group, items]) => h('fieldset', { class: 'ort-group' }, h('legend', { text: group }),
      items.map((item) => checkbox(`ort-${item.id}`, item.label, null, compute))))) : null;

  const frequent = checkbox('planned-high-dose-frequent', 'High doses planned at frequent intervals (a multi-day or serial regimen)', null, compute);

  section.append(heading, live,
    h('p', { class: 'lede', text: 'Tick what applies to the patient. The core gives the verdict, the tests to do before the infusion and the Opioid Risk Tool score; nothing is stored.' }),
    h('div', { class: 'plan-layout' },
      h('form', { class: 'screening-form', 'aria-labelledby': 'screening-heading', novalidate: true,
        onsubmit: (event) => event.preventDefault(), onchange: markTouched, oninput: markTouched },
        h('fieldset', { class: 'card' }, h('legend', { text: 'Planned treatment' }), frequent),
        conditionSets, ortSet),
      h('section', { class: 'results-panel', tabIndex: 0, 'aria-label': 'Screening result' }, result)),
    monitoring,
    renderGuidance(catalog.guidance, catalog));

  function request() {
    const next = { action: 'screen',
      conditions: conditions.filter((condition) => section.querySelector(`#condition-${CSS.escape(condition.id)}`).checked).map((c) => c.id),
      planned_high_dose_frequent: section.querySelector('#planned-high-dose-frequent').checked };
    if (ort) {
      const sex = section.querySelector('input[name="ort-sex"]:checked')?.value || '';
      const items = ort.items.filter((item) => section.querySelector(`#ort-${CSS.escape(item.id)}`)?.checked).map((item) => item.id);
      const age = parseEntry(section.querySelector('#ort-age').value);
      if (sex || items.length || age !== undefined) {
        next.ort = { sex: sex || undefined, items };
        if (age !== undefined) next.ort.age_years = age;
      }
    }
    return next;
  }

  function render(response) {
    if (!response.ok) {
      replaceKeepingFocus(result, h('div', { class: 'status status-needs', id: 'screening-status' },
        h('p', { class: 'status-title', text: 'No verdict yet: the core needs these fixed' }),
        h('ul', { class: 'error-list' }, response.errors.map((error) => h('li', { text: error.message })))));
      return;
    }
    const [cls, title] = touched ? VERDICT[response.verdict] || ['status-needs', response.verdict]
      : ['status-needs', 'Nothing ticked yet: tick what applies and the verdict appears here'];
    replaceKeepingFocus(result,
      h('div', { class: `status ${cls}`, id: 'screening-status' },
        h('p', { class: 'status-title', text: title }),
        response.verdict_rule ? h('p', { class: 'meta', text: response.verdict_rule.text }) : null),
      response.findings.length ? h('section', { class: 'card result', 'aria-label': 'Findings' },
        h('h3', { text: 'Findings' }),
        h('ul', { class: 'findings' }, response.findings.map((finding) => h('li', { class: `finding finding-${finding.level}` },
          h('p', {}, h('strong', { text: finding.title }), ' ', h('span', { class: `level level-${finding.level}`, text: finding.level }),
            finding.grade ? h('span', { class: 'meta', text: ` grade ${finding.grade}${finding.certainty ? `, ${finding.certainty} certainty` : ''}` }) : null),
          h('p', { text: finding.reason }),
          finding.note ? h('p', { class: 'meta', text: finding.note }) : null,
          sourceLine(catalog, finding))))) : null,
      h('section', { class: 'card result', 'aria-label': 'Pre-infusion tests' },
        h('h3', { text: 'Tests before the infusion' }),
        response.tests.length
          ? h('ul', {}, response.tests.map((item) => h('li', {}, h('p', {}, h('strong', { text: item.title })), h('p', { text: item.reason }), sourceLine(catalog, item))))
          : h('div', {}, h('p', { text: response.tests_note?.text || 'None needed.' }), sourceLine(catalog, response.tests_note))),
      response.ort ? h('section', { class: 'card result', 'aria-label': 'Opioid Risk Tool' },
        h('h3', { text: response.ort.tool }),
        h('div', { class: 'figures' },
          h('div', { class: 'figure figure-main' }, h('span', { class: 'figure-label', text: 'Score' }), h('span', { class: 'qty', text: String(response.ort.score) })),
          h('div', { class: 'figure figure-main' }, h('span', { class: 'figure-label', text: 'Band' }), h('span', { class: `qty band-${response.ort.band}`, text: response.ort.band }))),
        response.ort.age_derived ? h('p', { class: 'meta', text: 'The age item was scored from the age entered.' }) : null,
        sourceLine(catalog, response.ort),
        response.ort.caveat ? h('p', { class: 'caveat', text: response.ort.caveat.text }) : null,
        response.ort.caveat ? sourceLine(catalog, response.ort.caveat) : null) : null,
      response.notes?.length ? h('section', { class: 'card result', 'aria-label': 'Notes' }, h('h3', { text: 'Before any infusion' }),
        h('ul', { class: 'notes' }, response.notes.map((note) => h('li', {}, h('p', { text: note.text }), sourceLine(catalog, note))))) : null);
  }

  function renderPlanMonitoring() {
    const plan = current().planResponse;
    monitoring.replaceChildren(...[
      plan?.ok && plan.monitoring ? renderMonitoring(plan.monitoring, catalog) : h('div', { class: 'card' },
        h('h3', { text: 'Monitoring plan' }),
        h('p', {}, 'The monitoring plan comes with a computed dose. ',
          h('button', { type: 'button', class: 'link-button inline', onclick: () => go('plan'), text: 'Go to the plan' }))),
    ].filter(Boolean));
  }

  async function compute() {
    const mine = ++sequence;
    const response = await api(request());
    if (mine !== sequence) return;
    render(response);
    if (touched) {
      update({ screenResponse: response, screenRequest: response.ok ? request() : null });
      announce(live, result.querySelector('.status-title')?.textContent || '');
    }
  }

  subscribe((state, change) => { if ('planResponse' in change && !section.hidden) renderPlanMonitoring(); });
  compute();
  return { heading, show: () => { renderPlanMonitoring(); } };
}

function groupItems(items) {
  const groups = new Map();
  for (const item of items) {
    if (!groups.has(item.group)) groups.set(item.group, []);
    groups.get(item.group).push(item);
  }
  return [...groups];
}

