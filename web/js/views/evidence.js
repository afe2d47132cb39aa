// Evidence summaries: topic list, a topic's sections (paragraphs, tables, graded statements) with their
// references, and a search over every topic's text.
import { api } from '../core.js';
import { h, fill } from '../dom.js';
import { referenceName } from '../catalog.js';
import { learnText, learnTextProblem } from '../learn-text.js';

/** "Sources: Cohen 2018 (ASRA/AAPM/ASA), Q1; ..." for a refs list [{ref, where}]. */
export function refsLine(catalog, refs) {
  if (!refs?.length) return null;
  return h('p', { class: 'source' }, 'Sources: ', refs.map((ref, index) => [index ? '; ' : '',
    h('cite', { text: referenceName(catalog, ref.ref) }), ref.where ? `, ${ref.where}` : '']));
}

function sectionText(section) {
  const parts = [section.heading, section.question, ...(section.paragraphs || []).map((p) => p.text),
    ...(section.grades || []).map((g) => g.statement),
    ...(section.rows || []).flatMap((row) => Object.values(row).filter((value) => typeof value === 'string'))];
  return parts.filter(Boolean).join(' ');
}

function renderSection(section, catalog) {
  return h('section', { class: 'evidence-section', id: `evidence-${section.id}`, tabIndex: -1 },
    h('h4', { text: section.heading }),
    (section.paragraphs || []).map((paragraph) => h('div', { class: 'evidence-paragraph' },
      h('p', { text: paragraph.text }), refsLine(catalog, paragraph.refs))),
    section.columns && section.rows ? h('div', { class: 'table-scroll', tabIndex: 0, role: 'region', 'aria-label': section.heading },
      h('table', { class: 'evidence-table' },
        h('thead', {}, h('tr', {}, section.columns.map((column) => h('th', { scope: 'col', text: column.label })))),
        h('tbody', {}, section.rows.map((row) => h('tr', {},
          section.columns.map((column, index) => h(index === 0 ? 'th' : 'td', index === 0 ? { scope: 'row' } : {},
            String(row[column.key] ?? ''), index === section.columns.length - 1 ? refsLine(catalog, row.refs) : null))))))) : null,
    section.grades?.length ? h('ul', { class: 'grades' }, section.grades.map((grade) => h('li', {},
      h('p', {}, h('span', { class: `grade grade-${grade.grade}`, text: `Grade ${grade.grade}` }), ` ${grade.certainty} certainty. `, grade.statement),
      grade.note ? h('p', { class: 'meta', text: grade.note }) : null,
      refsLine(catalog, grade.refs)))) : null);
}

export function mountEvidence(panel, { catalog }) {
  let topics = null;
  let synonyms = []; // groups of lower-case terms, from the Learn text (content/education/synonyms.json)
  const search = h('input', { type: 'search', id: 'evidence-search', autocomplete: 'off', 'aria-describedby': 'evidence-search-hint' });
  const list = h('nav', { class: 'topic-list', 'aria-label': 'Evidence topics' });
  const view = h('article', { class: 'topic-view', 'aria-live': 'off' });
  panel.append(
    h('div', { class: 'field' }, h('label', { for: 'evidence-search', text: 'Search the evidence' }), search,
      h('p', { class: 'hint', id: 'evidence-search-hint', text: 'Words to find in every summary, table and graded statement.' })),
    h('div', { class: 'learn-layout' }, list, view));

  function openTopic(id, sectionId, moveFocus = true) {
    const topic = topics.find((item) => item.id === id);
    if (!topic) return;
    for (const button of list.querySelectorAll('button')) {
      if (button.dataset.topic === id) button.setAttribute('aria-current', 'true'); else button.removeAttribute('aria-current');
    }
    fill(view,
      h('h3', { id: 'topic-heading', tabIndex: -1, text: topic.title }),
      h('p', { class: 'lede', text: topic.summary ?? 'The text of this topic is not in this build.' }), refsLine(catalog, topic.refs),
      topic.sections.map((section) => renderSection(section, catalog)));
    if (!moveFocus) return;
    const target = sectionId ? view.querySelector(`#evidence-${CSS.escape(sectionId)}`) : view.querySelector('#topic-heading');
    target?.focus({ preventScroll: true });
    target?.scrollIntoView({ block: 'start' });
  }

  /** The query as concepts: each synonym phrase it holds (every term of its group), then each other word. */
  function concepts(query) {
    let rest = ` ${query.toLowerCase().replace(/\s+/g, ' ').trim()} `;
    const found = [];
    const phrases = synonyms.flatMap((group) => group.map((term) => ({ term, group })))
      .sort((a, b) => b.term.length - a.term.length);
    for (const { term, group } of phrases) {
      const at = rest.indexOf(` ${term} `);
      if (at < 0) continue;
      found.push({ terms: group, whole: true });
      rest = `${rest.slice(0, at)} ${rest.slice(at + term.length + 1)}`;
    }
    for (const word of rest.split(' ').filter(Boolean)) found.push({ terms: [word], whole: false });
    return found;
  }

  /** Where a concept first occurs in lower-cased text: a synonym at the start of a word, a typed word anywhere. */
  function firstAt(lower, concept) {
    let best = -1;
    for (const term of concept.terms) {
      let at = lower.indexOf(term);
      while (at >= 0 && concept.whole && at > 0 && /[a-z0-9]/.test(lower[at - 1])) at = lower.indexOf(term, at + 1);
      if (at >= 0 && (best < 0 || at < best)) best = at;
    }
    return best;
  }

  function runSearch() {
    const query = search.value.trim();
    const wanted = concepts(query);
    if (!wanted.length) return;
    const hits = [];
    for (const topic of topics) {
      for (const section of topic.sections) {
        const text = sectionText(section);
        const lower = text.toLowerCase();
        const places = wanted.map((concept) => firstAt(lower, concept));
        if (places.every((at) => at >= 0)) {
          const at = Math.max(0, places[0] - 60);
          hits.push({ topic, section, snippet: `${at ? '…' : ''}${text.slice(at, at + 180)}…` });
        }
      }
    }
    const also = wanted.filter((concept) => concept.whole).map((concept) => concept.terms.join(', '));
    fill(view,
      h('h3', { id: 'topic-heading', text: `${hits.length} section${hits.length === 1 ? '' : 's'} mention “${query}”` }),
      also.length ? h('p', { class: 'meta', text: `Also searched as one word: ${also.join('; ')}.` }) : null,
      h('ul', { class: 'search-hits' }, hits.map((hit) => h('li', {},
        h('button', { type: 'button', class: 'link-button', onclick: () => openTopic(hit.topic.id, hit.section.id) },
          `${hit.topic.title}: ${hit.section.heading}`),
        h('p', { class: 'meta', text: hit.snippet })))));
  }

  /** An emptied search puts the topic that was open before it back, so no stale count stays on screen. */
  function clearSearch() {
    const open = list.querySelector('button[aria-current="true"]')?.dataset.topic || topics[0].id;
    openTopic(open, undefined, false);
  }

  search.addEventListener('input', () => {
    if (!topics) return;
    if (search.value.trim()) runSearch(); else clearSearch();
  });

  return {
    async show() {
      if (topics) return;
      let text;
      try { text = await learnText(); } catch (error) { fill(view, h('p', { text: learnTextProblem(error) })); return; }
      const response = await api({ action: 'evidence' });
      if (!response.ok) { fill(view, h('p', { text: 'The evidence could not be loaded.' })); return; }
      // The core lists the topics (id, title); their summaries and sections are the Learn text's.
      topics = response.topics.map((topic) => ({ sections: [], ...text.topics.get(topic.id), id: topic.id, title: topic.title }));
      synonyms = text.synonyms;
      fill(list, h('ul', {}, topics.map((topic) => h('li', {},
        h('button', { type: 'button', class: 'topic-button', dataset: { topic: topic.id }, onclick: () => openTopic(topic.id), text: topic.title })))));
      openTopic(topics[0].id, undefined, false);
    },
  };
}
