// Learn screen for trainees: evidence summaries (searchable), worked examples computed by the core, the
// self-assessment quiz and case drills. Each part is its own view, loaded from the core when first opened.
import { h } from '../dom.js';
import { mountEvidence } from '../views/evidence.js';
import { mountExamples } from '../views/examples.js';
import { mountQuiz } from '../views/quiz.js';
import { mountDrills } from '../views/drills.js';

const PARTS = [
  { id: 'evidence', title: 'Evidence', mount: mountEvidence },
  { id: 'examples', title: 'Worked examples', mount: mountExamples },
  { id: 'quiz', title: 'Quiz', mount: mountQuiz },
  { id: 'drills', title: 'Case drills', mount: mountDrills },
];

export function mountLearnScreen(section, context) {
  const heading = h('h2', { id: 'learn-heading', tabIndex: -1, text: 'Learn' });
  const tabs = h('div', { class: 'subnav', role: 'group', 'aria-label': 'Learning sections' });
  const panels = new Map();
  section.append(heading, tabs);
  let shown = null;

  function open(id) {
    for (const part of PARTS) {
      let panel = panels.get(part.id);
      if (part.id === id && !panel) {
        panel = { element: h('div', { class: 'learn-panel', id: `learn-${part.id}` }) };
        section.append(panel.element);
        panel.api = part.mount(panel.element, { ...context, openPart: open });
        panels.set(part.id, panel);
      }
      if (panel) panel.element.hidden = part.id !== id;
    }
    for (const button of tabs.querySelectorAll('button')) {
      if (button.dataset.part === id) button.setAttribute('aria-current', 'true'); else button.removeAttribute('aria-current');
    }
    shown = id;
    panels.get(id)?.api?.show?.();
  }

  tabs.append(...PARTS.map((part) => h('button', { type: 'button', class: 'nav-button', dataset: { part: part.id },
    onclick: () => open(part.id), text: part.title })));
  return {
    heading,
    show: () => { if (!shown) open('evidence'); },
  };
}
