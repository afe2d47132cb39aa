// During the infusion: the rules for pausing and stopping, rescue drugs by problem, and the premedication
// evidence, from the catalog's guidance record, each with its source.
import { h } from '../dom.js';
import { sourceLine } from './alerts.js';

/** The guidance card, or nothing when the catalog has none. */
export function renderGuidance(guidance, catalog) {
  if (!guidance) return null;
  const source = (record) => sourceLine(catalog, record);
  const premedication = guidance.premedication;
  return h('section', { class: 'card guidance', 'aria-labelledby': 'guidance-heading' },
    h('h2', { id: 'guidance-heading', text: 'During the infusion' }),
    guidance.about ? h('p', { class: 'lede', text: guidance.about }) : null,
    h('h3', { text: 'Rules' }),
    h('ul', { class: 'guidance-rules' }, (guidance.rules || []).map((rule) => h('li', {},
      h('p', {}, h('strong', { text: rule.title })), h('p', { text: rule.text }), scopeLine(rule, catalog), source(rule)))),
    guidance.scope_note ? h('p', { class: 'meta', text: guidance.scope_note.text }) : null,
    h('h3', { text: 'Rescue drugs by problem' }),
    h('div', { class: 'rescue' }, (guidance.rescue || []).map((problem) => h('div', { class: 'rescue-problem' },
      h('h4', { text: problem.title }),
      h('ul', {}, (problem.options || []).map((option) => h('li', {},
        h('p', {}, h('strong', { text: option.drug }), option.note ? `: ${option.note}` : ''), source(option))))))),
    premedication ? h('div', { class: 'premedication' },
      h('h3', { text: premedication.title }),
      h('p', { text: premedication.text }),
      premedication.nnh_explained ? h('p', { text: premedication.nnh_explained }) : null,
      premedication.grade ? h('p', { class: 'meta', text: `Grade ${premedication.grade}, ${premedication.certainty} certainty` }) : null,
      source(premedication)) : null);
}

/** "For: <regimen titles>" for a rule scoped to some regimens (content/guidance.json "regimens"). */
function scopeLine(rule, catalog) {
  if (!Array.isArray(rule.regimens)) return null;
  const titles = rule.regimens.map((id) => (catalog?.regimens || []).find((regimen) => regimen.id === id)?.title || id);
  return h('p', { class: 'meta', text: `For: ${titles.join('; ')}` });
}
