// Reverse check screen: the mL/h read off the pump and the bag's concentration go to the core, which says what
// the pump delivers (mg/h, mg/kg/h, ug/kg/min) and whether that matches the plan. An independent double check.
import { api } from '../core.js';
import { h, announce, qty, replaceKeepingFocus, uid } from '../dom.js';
import { concentrationChoices, findRegimen } from '../catalog.js';
import { renderAlerts } from '../views/alerts.js';
import { parseEntry } from './plan.js';
import { current, subscribe } from '../store.js';

export function mountPumpCheckScreen(section, { catalog, go }) {
  let acknowledged = [];
  let sequence = 0;
  const touched = new Set(); // a field's message shows once the user has left it, never on first load
  const heading = h('h2', { id: 'pump-heading', tabIndex: -1, text: 'Pump double check' });
  const context = h('div', { class: 'card pump-context', id: 'pump-context' });
  const result = h('div', { class: 'pump-result', id: 'pump-result' });
  const live = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });

  function entry(id, label, unit, hint) {
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    const input = h('input', { id, type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false',
      'aria-labelledby': `${id}-label ${id}-unit`, 'aria-describedby': `${id}-hint ${id}-error` });
    input.addEventListener('input', () => { acknowledged = []; compute(); });
    input.addEventListener('blur', () => { touched.add(id); compute(); }); // its message waits until the user leaves the field
    return { id, input, error, node: h('div', { class: 'field' },
      h('label', { for: id, id: `${id}-label`, text: label }),
      h('div', { class: 'input-row' }, input, h('span', { class: 'unit-label', id: `${id}-unit`, text: unit })),
      h('p', { class: 'hint', id: `${id}-hint`, text: hint }), error) };
  }

  const pump = entry('pump-rate', 'Rate set on the pump', 'mL/h', 'Read it off the pump display.');
  const bag = entry('pump-bag', 'Concentration on the bag label', 'mg/mL', 'Read it off the bag, not the plan.');
  const chips = h('div', { class: 'chips', role: 'group', 'aria-label': 'Stocked concentrations' });
  bag.node.insertBefore(chips, bag.node.querySelector('.hint'));
  const compareId = uid('compare');
  const compare = h('input', { type: 'checkbox', id: compareId, checked: true, onchange: () => compute() });
  const compareRow = h('div', { class: 'toggle' }, compare, h('label', { for: compareId, id: `${compareId}-label` }));

  section.append(heading, live,
    h('p', { class: 'lede', text: 'Enter what the pump and the bag actually say. The core works out what that delivers and compares it with the plan.' }),
    h('div', { class: 'plan-layout' },
      h('form', { class: 'card', 'aria-labelledby': 'pump-heading', novalidate: true, onsubmit: (event) => event.preventDefault() },
        context, pump.node, bag.node, compareRow),
      h('section', { class: 'results-panel', tabIndex: 0, 'aria-label': 'Pump check result' }, result)));

  function renderContext() {
    const { planRequest, planResponse } = current();
    const regimen = planRequest && findRegimen(catalog, planRequest.protocol);
    chips.replaceChildren(...concentrationChoices(catalog, regimen, 'infusion').map((value) => h('button', {
      type: 'button', class: 'chip', 'aria-pressed': String(bag.input.value.trim() === String(value)),
      onclick: () => { bag.input.value = String(value); acknowledged = []; compute(); },
    }, `${value} mg/mL`)));
    const infusion = planResponse?.ok ? planResponse.infusion : null;
    compareRow.hidden = !infusion;
    compareRow.querySelector('label').replaceChildren(...(infusion
      ? ['Compare with the planned ', qty(infusion.rate_mg_per_h, 'mg/h')] : []));
    context.replaceChildren(
      h('h3', { text: 'Checking against' }),
      planRequest && regimen
        ? h('p', {}, regimen.title, planResponse?.ok ? [', dosing weight ', qty(planResponse.dosing_weight_kg, 'kg')] : '',
          infusion ? [', planned pump rate ', qty(infusion.rate_ml_per_h, 'mL/h'), ' at ', qty(infusion.concentration_mg_per_ml, 'mg/mL')] : '')
        : h('p', { text: 'No plan yet.' }),
      h('button', { type: 'button', class: 'link-button', onclick: () => go('plan'), text: 'Change the plan' }));
  }

  function request() {
    const { planRequest, planResponse } = current();
    // The plan's patient, dosing weight and comorbidity, so the check and the plan agree on the setting. The
    // dosing weight the plan used (its default included) is the one checked against.
    const next = { action: 'pump-check', protocol: planRequest?.protocol, patient: planRequest?.patient,
      dosing_weight: planRequest?.dosing_weight || (planResponse?.ok && planResponse.dosing_weight_basis) || 'actual' };
    if (planRequest?.significant_comorbidity === true) next.significant_comorbidity = true;
    const rate = parseEntry(pump.input.value);
    const concentration = parseEntry(bag.input.value);
    if (rate !== undefined) next.pump_ml_per_h = rate;
    if (concentration !== undefined) next.concentration_mg_per_ml = concentration;
    const infusion = planResponse?.ok ? planResponse.infusion : null;
    if (infusion && compare.checked) {
      next.planned_rate_mg_per_h = infusion.rate_mg_per_h;
      next.planned_concentration_mg_per_ml = infusion.concentration_mg_per_ml;
    }
    if (acknowledged.length) next.acknowledged = [...acknowledged];
    return next;
  }

  function render(response) {
    for (const [field, input] of [['pump_ml_per_h', pump], ['concentration_mg_per_ml', bag]]) {
      const messages = touched.has(input.id)
        ? (response.errors || []).filter((error) => error.field === field).map((error) => error.message) : [];
      input.input.setAttribute('aria-invalid', String(messages.length > 0));
      if (document.activeElement !== input.input || !messages.length) {
        input.error.textContent = messages.join(' ');
        input.error.hidden = !messages.length;
      }
    }
    if (!response.ok) {
      const typed = (pump.input.value.trim() && bag.input.value.trim()) || (touched.has(pump.id) && touched.has(bag.id));
      replaceKeepingFocus(result, h('div', { class: 'status status-needs', id: 'pump-status' },
        h('p', { class: 'status-title', text: typed ? 'No check yet: the core needs these fixed' : 'Enter the pump rate and the bag concentration' }),
        typed ? h('ul', { class: 'error-list' }, response.errors.map((error) => h('li', { text: error.message }))) : null));
      return;
    }
    const hard = response.alerts.some((alert) => alert.severity === 'hard');
    const compared = response.matches_plan !== undefined;
    let status;
    if (response.matches_plan === false) {
      // The check explains its own mismatch (the bag, the rate, or both), not the plan's alerts.
      status = h('div', { class: 'status status-refused', id: 'pump-status' },
        h('p', { class: 'status-title', text: 'Mismatch: stop and recheck' }),
        response.check ? h('p', { text: response.check }) : null,
        response.mismatch_causes?.length ? h('ul', { class: 'pump-causes', 'aria-label': 'Why it does not match' },
          response.mismatch_causes.map((cause) => h('li', { dataset: { cause: cause.field }, text: cause.message }))) : null);
    } else if (compared) {
      status = h('div', { class: 'status status-ready', id: 'pump-status' },
        h('p', { class: 'status-title', text: 'Matches the plan' }), response.check ? h('p', { text: response.check }) : null);
    } else if (hard) {
      status = h('div', { class: 'status status-refused', id: 'pump-status' },
        h('p', { class: 'status-title', text: 'Refused: the delivered rate breaks a hard stop' }),
        response.check ? h('p', { text: response.check }) : null);
    } else if (response.blocked) {
      status = h('div', { class: 'status status-hold', id: 'pump-status' },
        h('p', { class: 'status-title', text: 'Check the alerts below' }), response.check ? h('p', { text: response.check }) : null);
    } else {
      status = h('div', { class: 'status status-ready', id: 'pump-status' },
        h('p', { class: 'status-title', text: response.matches_plan ? 'Matches the plan' : 'Delivered rate worked out' }),
        response.check ? h('p', { text: response.check }) : null);
    }
    replaceKeepingFocus(result, status,
      h('section', { class: 'card result', 'aria-label': 'Delivered rate' },
        h('h3', { text: 'The pump delivers' }),
        h('div', { class: 'figures' },
          h('div', { class: 'figure figure-main' }, h('span', { class: 'figure-label', text: 'Dose rate' }), qty(response.delivered_rate_mg_per_h, 'mg/h')),
          h('div', { class: 'figure figure-main' }, h('span', { class: 'figure-label', text: 'Per kg' }), qty(response.delivered_rate_mg_per_kg_per_h, 'mg/kg/h'))),
        h('dl', { class: 'facts' },
          h('dt', { text: 'Also' }), h('dd', {}, qty(response.delivered_rate_ug_per_kg_per_min, 'ug/kg/min')),
          response.planned_rate_mg_per_h !== undefined ? [h('dt', { text: 'Planned, with this bag' }),
            h('dd', {}, qty(response.planned_rate_mg_per_h, 'mg/h'), ' = ', qty(response.planned_rate_ml_per_h, 'mL/h'))] : null,
          response.ratio_to_plan !== undefined ? [h('dt', { text: 'Delivered ÷ planned' }), h('dd', { text: `${response.ratio_to_plan} ×` })] : null,
          h('dt', { text: 'Dosing weight' }), h('dd', {}, qty(response.dosing_weight_kg, 'kg'))),
        h('details', { class: 'working', dataset: { key: 'pump' } },
          h('summary', { dataset: { focusKey: 'pump-working' } }, 'Show working'),
          h('ol', {}, (response.arithmetic || []).map((step) => h('li', { text: step.working }))))),
      pumpAlerts(response));
  }

  /**
   * Checked against a plan, the plan's own alerts stay on the plan screen: a matching pump adds none, and a
   * mismatch lists what the delivered rate would break, with nothing to acknowledge (the pump must be reset).
   * Without a plan to compare, the delivered rate's alerts are this check's own.
   */
  function pumpAlerts(response) {
    if (response.matches_plan === true) {
      return h('p', { class: 'hint', id: 'pump-plan-alerts', text: 'The plan\'s own checks and acknowledgements are on the plan screen.' });
    }
    if (response.matches_plan === false) {
      // Closed by default: the mismatch above is the finding; these say how far the pump as set is off limits.
      return response.alerts.length ? h('details', { class: 'held-alerts delivered-alerts', dataset: { key: 'delivered' } },
        h('summary', { dataset: { focusKey: 'delivered-alerts' } },
          `Limits the pump as set would break (${response.alerts.length})`),
        renderAlerts(response.alerts, { catalog, keyPrefix: 'pump' })) : null;
    }
    return renderAlerts(response.alerts, { catalog, keyPrefix: 'pump', onAcknowledge: (code, checked) => {
      acknowledged = checked ? [...new Set([...acknowledged, code])] : acknowledged.filter((c) => c !== code);
      compute();
    } });
  }

  async function compute() {
    const mine = ++sequence;
    renderContext();
    const response = await api(request());
    if (mine !== sequence) return;
    render(response);
    announce(live, result.querySelector('#pump-status')?.textContent || '');
  }

  subscribe((state, change) => { if ('planResponse' in change && !section.hidden) compute(); });
  return { heading, show: () => compute() };
}
