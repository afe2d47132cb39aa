// Case drills: a vignette; the learner plans it in the calculator, then the core reviews that plan against the
// order as written (figures, the flags a reviewer would raise, what was caught or missed) and debriefs.
import { api } from '../core.js';
import { h, fill, formatCoreNumber } from '../dom.js';
import { findRegimen } from '../catalog.js';
import { refsLine } from './evidence.js';
import { hashForPlan } from '../share.js';
import { current } from '../store.js';
import { learnText, learnTextProblem } from '../learn-text.js';

function review(result, drill, catalog) {
  const { review: r } = result;
  // Alert codes are shown by their title (content/alerts.json, the catalog's alert_titles).
  const list = (title, codes, cls) => (codes?.length ? h('p', { class: cls }, h('strong', { text: `${title}: ` }),
    codes.map((code) => catalog.alert_titles?.[code] || code).join('; ')) : null);
  return h('div', { class: 'drill-review' },
    h('div', { class: `status ${r.matches_order ? 'status-ready' : 'status-hold'}` },
      h('p', { class: 'status-title', text: r.matches_order ? 'Your plan matches the order as written' : 'Your plan differs from the order as written' })),
    h('div', { class: 'table-scroll', tabIndex: 0, role: 'region', 'aria-label': 'Figures compared' },
      h('table', { class: 'evidence-table' },
        h('thead', {}, h('tr', {}, ['Figure', 'Your plan', 'Order as written', ''].map((text) => h('th', { scope: 'col', text })))),
        h('tbody', {}, r.figures.map((figure) => h('tr', {},
          h('th', { scope: 'row', text: figure.label }), h('td', { text: formatCoreNumber(figure.yours) }),
          h('td', { text: formatCoreNumber(figure.order_as_written) }), h('td', { text: figure.matches ? 'same' : 'differs' })))))),
    list('A reviewer flags', r.reviewer_flags, ''), list('Caught by your plan', r.caught, 'quiz-right'),
    list('Missed', r.missed, 'quiz-wrong'), list('Flagged only in your plan', r.unexpected, ''),
    h('ul', {}, (r.findings || []).map((finding) => h('li', { text: finding }))),
    h('h4', { text: 'Debrief' }), h('p', { text: drill.debrief ?? '' }),
    refsLine(catalog, drill.refs));
}

function drillCard(drill, { catalog, go }) {
  const output = h('div', { class: 'drill-output', 'aria-live': 'polite' });
  // The order exactly as the vignette writes it (the core's "order"): no default part or figure is added.
  const plan = () => {
    if (!drill.order || !findRegimen(catalog, drill.order.protocol)) {
      fill(output, h('p', { text: 'This drill\'s regimen is not available here.' }));
      return;
    }
    location.hash = hashForPlan({ action: 'plan', ...drill.order });
    go('plan');
  };
  const check = async () => {
    const mine = current().planRequest;
    if (!mine) { fill(output, h('p', { text: 'Plan the case in the calculator first.' })); return; }
    const { action, ...planWithoutAction } = mine;
    const result = await api({ action: 'drill-check', drill: drill.id, plan: planWithoutAction });
    fill(output, result.ok ? review(result, drill, catalog)
      : h('div', { class: 'status status-needs' }, h('p', { class: 'status-title', text: 'The core could not review this plan' }),
        h('ul', { class: 'error-list' }, result.errors.map((error) => h('li', { text: `${error.field}: ${error.message}` })))));
  };
  return h('article', { class: 'card drill', id: `drill-${drill.id}` },
    h('h3', { text: drill.title ?? drill.id }),
    h('p', { text: drill.vignette ?? 'The text of this drill is not in this build.' }),
    h('p', {}, h('strong', { text: 'Task: ' }), drill.task),
    h('div', { class: 'results-actions' },
      h('button', { type: 'button', class: 'button', onclick: plan, text: 'Plan it in the calculator' }),
      h('button', { type: 'button', class: 'button quiet', onclick: check, text: 'Review my current plan' })),
    output);
}

export function mountDrills(panel, context) {
  let loaded = false;
  const list = h('div', { class: 'drills' });
  panel.append(h('p', { class: 'lede', text: 'Plan each case in the calculator as the order is written, come back, and ask for a review.' }), list);
  return {
    async show() {
      if (loaded) return;
      loaded = true;
      let text;
      try { text = await learnText(); } catch (error) { loaded = false; fill(list, h('p', { text: learnTextProblem(error) })); return; }
      const response = await api({ action: 'drills' });
      // The core's patient and order; the vignette, task and debrief are the Learn text's.
      fill(list, (response.ok ? response.drills.map((drill) => drillCard({ ...text.drills.get(drill.id), ...drill }, context))
        : [h('p', { text: 'The drills could not be loaded.' })]));
    },
  };
}
