// Self-assessment quiz: the core sends the questions without answers and judges each answer (numeric ones
// against figures it computes itself); progress is kept on this device only (no patient data in it).
import { api } from '../core.js';
import { h, fill } from '../dom.js';
import { refsLine } from './evidence.js';
import { parseEntry } from '../screens/plan.js';

const PROGRESS_KEY = 'ketadose-quiz-progress';

function readProgress() {
  try { return JSON.parse(localStorage.getItem(PROGRESS_KEY) || '{}') || {}; } catch { return {}; }
}

function saveProgress(progress) {
  try { localStorage.setItem(PROGRESS_KEY, JSON.stringify(progress)); } catch { /* storage off: progress lasts this page */ }
}

export function mountQuiz(panel, { catalog }) {
  let questions = null;
  let progress = readProgress();
  const summary = h('p', { class: 'quiz-progress', role: 'status' });
  const topicSelect = h('select', { id: 'quiz-topic' }, h('option', { value: '', text: 'All topics' }),
    (catalog.evidence || []).map((topic) => h('option', { value: topic.id, text: topic.title })));
  const list = h('ol', { class: 'quiz' });
  panel.append(
    h('div', { class: 'quiz-bar' },
      h('div', { class: 'field' }, h('label', { for: 'quiz-topic', text: 'Topic' }), topicSelect),
      h('button', { type: 'button', class: 'button quiet', text: 'Forget my answers',
        onclick: () => { progress = {}; saveProgress(progress); render(); } })),
    summary, list);
  topicSelect.addEventListener('change', () => render());

  function showSummary() {
    const answered = questions.filter((question) => question.id in progress);
    const right = answered.filter((question) => progress[question.id]).length;
    summary.textContent = `${answered.length} of ${questions.length} answered, ${right} right. Kept on this device only.`;
  }

  function questionItem(question) {
    const id = `quiz-${question.id}`;
    const feedback = h('div', { class: 'quiz-feedback', 'aria-live': 'polite' });
    let answerControl;
    if (question.kind === 'single') {
      answerControl = h('fieldset', { class: 'quiz-options' }, h('legend', { class: 'visually-hidden', text: 'Answer' }),
        question.options.map((option, index) => h('div', { class: 'check' },
          h('input', { type: 'radio', name: id, id: `${id}-${index}`, value: String(index) }),
          h('label', { for: `${id}-${index}`, text: option }))));
    } else {
      answerControl = h('div', { class: 'input-row' },
        h('input', { type: 'text', inputmode: 'decimal', id: `${id}-answer`, autocomplete: 'off', 'aria-labelledby': `${id}-stem ${id}-unit` }),
        h('span', { class: 'unit-label', id: `${id}-unit`, text: question.unit || '' }));
    }
    const check = async () => {
      const answer = question.kind === 'single'
        ? parseEntry(answerControl.querySelector('input:checked')?.value ?? '')
        : parseEntry(answerControl.querySelector('input').value);
      if (answer === undefined) { fill(feedback, h('p', { text: 'Choose or enter an answer first.' })); return; }
      const result = await api({ action: 'quiz-answer', question: question.id, answer });
      if (!result.ok) {
        fill(feedback, h('p', { class: 'field-error', text: result.errors.map((error) => error.message).join(' ') }));
        return;
      }
      progress[question.id] = result.correct;
      saveProgress(progress);
      showSummary();
      const expected = question.kind === 'single' ? result.expected_text
        : `${result.expected} ${result.unit || ''} (within ${result.tolerance} ${result.unit || ''})`;
      fill(feedback,
        h('p', { class: result.correct ? 'quiz-right' : 'quiz-wrong' }, h('strong', { text: result.correct ? 'Right.' : 'Not quite.' }),
          ` The answer: ${expected}.`),
        result.working?.length ? h('ol', { class: 'steps' }, result.working.map((line) => h('li', { text: typeof line === 'string' ? line : line.working }))) : null,
        h('p', { text: result.explanation }),
        refsLine(catalog, result.refs));
    };
    const state = question.id in progress ? (progress[question.id] ? ' (answered right before)' : ' (answered wrongly before)') : '';
    return h('li', { class: 'card quiz-question', id },
      h('p', { class: 'quiz-stem', id: `${id}-stem` }, question.stem, h('span', { class: 'meta', text: state })),
      answerControl,
      h('button', { type: 'button', class: 'button', onclick: check, text: 'Check answer' }),
      feedback);
  }

  function render() {
    const topic = topicSelect.value;
    fill(list, ...questions.filter((question) => !topic || question.topic === topic).map(questionItem));
    showSummary();
  }

  return {
    async show() {
      if (questions) return;
      const response = await api({ action: 'quiz' });
      if (!response.ok) { fill(list, h('li', { text: 'The quiz could not be loaded.' })); return; }
      questions = response.questions;
      render();
    },
  };
}
