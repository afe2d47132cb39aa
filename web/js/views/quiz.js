// Self-assessment quiz: the core sends the questions without answers and judges each answer (numeric ones
// against figures it computes itself); progress is kept on this device only (no patient data in it).
import { api } from '../core.js';
import { h, fill } from '../dom.js';
import { refsLine } from './evidence.js';
import { parseEntry } from '../screens/plan.js';
import { learnText, learnTextProblem } from '../learn-text.js';

const PROGRESS_KEY = 'ketadose-quiz-progress';

function readProgress() {
  try { return JSON.parse(localStorage.getItem(PROGRESS_KEY) || '{}') || {}; } catch { return {}; }
}

function saveProgress(progress) {
  try { localStorage.setItem(PROGRESS_KEY, JSON.stringify(progress)); } catch { /* storage off: progress lasts this page */ }
}

export function mountQuiz(panel, { catalog }) {
  let questions = null;
  let shown = []; // the questions of the chosen topic
  let index = 0; // the one on screen
  let progress = readProgress();
  const summary = h('p', { class: 'quiz-progress', role: 'status' });
  const topicSelect = h('select', { id: 'quiz-topic' }, h('option', { value: '', text: 'All topics' }),
    (catalog.evidence || []).map((topic) => h('option', { value: topic.id, text: topic.title })));
  const position = h('p', { class: 'quiz-position', id: 'quiz-position' });
  const bar = h('progress', { class: 'quiz-bar-progress', max: '1', value: '0', 'aria-labelledby': 'quiz-position' });
  const card = h('div', { class: 'quiz' });
  const back = h('button', { type: 'button', class: 'button quiet', id: 'quiz-previous', text: 'Previous question',
    onclick: () => go(index - 1) });
  const next = h('button', { type: 'button', class: 'button', id: 'quiz-next', text: 'Next question',
    onclick: () => go(index + 1) });
  panel.append(
    h('div', { class: 'quiz-bar' },
      h('div', { class: 'field' }, h('label', { for: 'quiz-topic', text: 'Topic' }), topicSelect),
      h('button', { type: 'button', class: 'button quiet', text: 'Forget my answers',
        onclick: () => { progress = {}; saveProgress(progress); render(); } })),
    summary, position, bar, card, h('div', { class: 'results-actions quiz-nav' }, back, next));
  topicSelect.addEventListener('change', () => { index = 0; render(); });

  function showSummary() {
    const answered = questions.filter((question) => question.id in progress);
    const right = answered.filter((question) => progress[question.id]).length;
    summary.textContent = `${answered.length} of ${questions.length} answered, ${right} right. Kept on this device only.`;
  }

  function questionItem(question) {
    const id = `quiz-${question.id}`;
    const feedback = h('div', { class: 'quiz-feedback', 'aria-live': 'polite' });
    let answerControl;
    if (!question.stem || (question.kind === 'single' && question.options?.length !== question.option_count)) {
      // The core's question and the Learn text disagree (another build's text): nothing to answer.
      return h('article', { class: 'card quiz-question', id }, h('p', { class: 'quiz-stem', id: `${id}-stem`, text: 'The text of this question is not in this build.' }));
    }
    if (question.kind === 'single') {
      answerControl = h('fieldset', { class: 'quiz-options' }, h('legend', { class: 'visually-hidden', text: 'Answer' }),
        question.options.map((option, index) => h('div', { class: 'check' },
          h('input', { type: 'radio', name: id, id: `${id}-${index}`, value: String(index) }),
          h('label', { for: `${id}-${index}`, text: option }))));
    } else {
      answerControl = h('div', { class: 'input-row' },
        h('input', { type: 'text', inputmode: 'decimal', id: `${id}-answer`, autocomplete: 'off', 'aria-labelledby': `${id}-stem ${id}-unit`,
          'aria-describedby': `${id}-feedback` }),
        h('span', { class: 'unit-label', id: `${id}-unit`, text: question.unit || '' }));
    }
    feedback.id = `${id}-feedback`;
    const check = async () => {
      const answer = question.kind === 'single'
        ? parseEntry(answerControl.querySelector('input:checked')?.value ?? '')
        : parseEntry(answerControl.querySelector('input').value);
      if (answer === undefined) { fill(feedback, h('p', { class: 'field-error', text: 'Choose or enter an answer first.' })); return; }
      const result = await api({ action: 'quiz-answer', question: question.id, answer });
      if (!result.ok) {
        fill(feedback, h('p', { class: 'field-error', text: result.errors.map((error) => error.message)[0] || 'This answer could not be checked.' }));
        return;
      }
      progress[question.id] = result.correct;
      saveProgress(progress);
      showSummary();
      const expected = question.kind === 'single' ? question.options[result.expected]
        : `${result.expected} ${result.unit || ''} (within ${result.tolerance} ${result.unit || ''})`;
      fill(feedback,
        h('p', { class: result.correct ? 'quiz-right' : 'quiz-wrong' }, h('strong', { text: result.correct ? 'Right.' : 'Not quite.' }),
          ` The answer: ${expected}.`),
        result.working?.length ? h('ol', { class: 'steps' }, result.working.map((line) => h('li', { text: typeof line === 'string' ? line : line.working }))) : null,
        h('p', { text: question.explanation }),
        refsLine(catalog, question.refs));
    };
    const state = question.id in progress ? (progress[question.id] ? ' (answered right before)' : ' (answered wrongly before)') : '';
    const input = answerControl.querySelector('input[type="text"]');
    input?.addEventListener('keydown', (event) => { if (event.key === 'Enter') { event.preventDefault(); check(); } });
    return h('article', { class: 'card quiz-question', id, 'aria-labelledby': `${id}-stem` },
      h('p', { class: 'quiz-stem', id: `${id}-stem` }, question.stem, h('span', { class: 'meta', text: state })),
      answerControl,
      h('button', { type: 'button', class: 'button', onclick: check, text: 'Check answer' }),
      feedback);
  }

  /** Shows question `to` of the chosen topic; focus moves to it when the user moved. */
  function go(to, moveFocus = true) {
    if (!shown.length) { fill(card, h('p', { text: 'No questions for this topic.' })); position.textContent = ''; return; }
    index = Math.min(Math.max(0, to), shown.length - 1);
    const item = questionItem(shown[index]);
    fill(card, item);
    position.textContent = `Question ${index + 1} of ${shown.length}`;
    bar.max = String(shown.length);
    bar.value = String(index + 1);
    back.disabled = index === 0;
    next.disabled = index === shown.length - 1;
    if (moveFocus) {
      const stem = item.querySelector('.quiz-stem');
      stem.tabIndex = -1;
      stem.focus({ preventScroll: true });
    }
  }

  function render() {
    const topic = topicSelect.value;
    shown = questions.filter((question) => !topic || question.topic === topic);
    go(index, false);
    showSummary();
  }

  return {
    async show() {
      if (questions) return;
      let text;
      try { text = await learnText(); } catch (error) { fill(card, h('p', { text: learnTextProblem(error) })); return; }
      const response = await api({ action: 'quiz' });
      if (!response.ok) { fill(card, h('p', { text: 'The quiz could not be loaded.' })); return; }
      // The core's keys (id, topic, kind, option count, unit) with the Learn text's stem, options and explanation.
      questions = response.questions.map((question) => ({ ...text.quiz.get(question.id), ...question }));
      render();
    },
  };
}
