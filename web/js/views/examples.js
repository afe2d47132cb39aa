// Worked examples: each order and the core's answer to it, step by step (the same plan action as the calculator,
// so the examples cannot drift from it), the trap it teaches, and a button to open it in the calculator.
import { api } from '../core.js';
import { h, fill } from '../dom.js';
import { renderAlerts } from './alerts.js';
import { refsLine } from './evidence.js';
import { hashForPlan } from '../share.js';
import { learnText, learnTextProblem } from '../learn-text.js';

const TRAP_WORDS = {
  'tenfold-weight': 'Trap: tenfold weight', 'tenfold-concentration': 'Trap: tenfold concentration',
  'ug-kg-min-as-mg-kg-h': 'Trap: ug/kg/min entered as mg/kg/h',
};

function exampleCard(example, { catalog, go }) {
  const response = example.response || {};
  const steps = response.arithmetic || [];
  const isPlan = example.request?.action === 'plan';
  return h('article', { class: 'card example', id: `example-${example.id}` },
    h('h3', { text: example.title }),
    example.trap ? h('p', {}, h('span', { class: 'badge trap', text: TRAP_WORDS[example.trap] || `Trap: ${example.trap}` })) : null,
    h('p', { class: 'teaching', text: example.teaching_point }),
    example.outcome === 'rejected'
      ? h('div', { class: 'status status-needs' }, h('p', { class: 'status-title', text: 'The core refuses this order' }),
        h('ul', { class: 'error-list' }, (response.errors || []).map((error) => h('li', { text: error.message }))))
      : null,
    steps.length ? h('ol', { class: 'steps' }, steps.map((step) => h('li', { text: step.working }))) : null,
    renderAlerts(response.alerts, { catalog }),
    refsLine(catalog, example.refs),
    isPlan ? h('button', { type: 'button', class: 'link-button', text: 'Open this order in the calculator',
      onclick: () => { location.hash = hashForPlan(example.request); go('plan'); } }) : null);
}

export function mountExamples(panel, context) {
  let loaded = false;
  const list = h('div', { class: 'examples' });
  panel.append(h('p', { class: 'lede', text: 'Each example is an order worked through by the calculator itself: the lines below are its own working.' }), list);
  return {
    async show() {
      if (loaded) return;
      loaded = true;
      let text;
      try { text = await learnText(); } catch (error) { loaded = false; fill(list, h('p', { text: learnTextProblem(error) })); return; }
      const response = await api({ action: 'examples' });
      // The core's request, outcome and response; a curated example's title and teaching point are the Learn text's.
      fill(list, (response.ok ? response.examples.map((example) => exampleCard({ ...text.examples.get(example.id), ...example }, context))
        : [h('p', { text: 'The examples could not be loaded.' })]));
    },
  };
}
