// The Learn screen's text (scripts/learn-text.mjs) beside the core's education records: every record the core
// judges or works through has its text, the text carries no answer key, and the expectations on text that the
// core no longer carries (moved here from tests/golden/education.json and tests/unit/education_test.cpp when
// the text left the wasm module, issue 13) hold where the text now lives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, loadCore } from './wasm-module.mjs';
import { learnText, writeLearnText } from '../../scripts/learn-text.mjs';

const core = await loadCore();
const call = (request) => JSON.parse(core.api(JSON.stringify(request)));
const text = learnText();
const byId = (list) => new Map(list.map((item) => [item.id, item]));
const source = (name) => JSON.parse(fs.readFileSync(path.join(root, 'content', 'education', name), 'utf8'));

test('the text carries no answer key, computation or order as written', () => {
  const json = JSON.stringify(text);
  for (const key of ['answer', 'tolerance', 'computed', 'model_plan', 'expected_flags', 'compare', 'request']) {
    assert.ok(!json.includes(`"${key}":`), `the Learn text carries "${key}"`);
  }
});

test('moved from golden "quiz-answer: the right option of a single-best-answer item": option 1 of gq-q1-crps is CRPS', () => {
  const verdict = call({ action: 'quiz-answer', question: 'gq-q1-crps', answer: 1 });
  assert.equal(verdict.correct, true);
  assert.equal(verdict.expected, 1);
  // The golden case expected expected_text "CRPS": the page shows options[expected] of the Learn text.
  assert.equal(byId(text.quiz).get('gq-q1-crps').options[verdict.expected], 'CRPS');
});

test('moved from golden "quiz-answer: a stated numeric answer": gq-q3-minimum-mg cites cohen2018 Q3', () => {
  const verdict = call({ action: 'quiz-answer', question: 'gq-q3-minimum-mg', answer: 80 });
  assert.equal(verdict.correct, true);
  assert.equal(verdict.expected, 80); // cohen2018 Q3: at least 80 mg over more than 2 h
  assert.deepEqual(byId(text.quiz).get('gq-q3-minimum-mg').refs,
    [{ ref: 'cohen2018', where: 'Q3 conclusion; Table 6, dosing range (3)' }]);
});

test('every quiz question the core judges has its stem, options, explanation and references, and no other', () => {
  const quiz = call({ action: 'quiz' });
  const texts = byId(text.quiz);
  assert.deepEqual([...texts.keys()], quiz.questions.map((question) => question.id));
  for (const question of quiz.questions) {
    const item = texts.get(question.id);
    assert.ok(item.stem?.length, `${question.id}: stem`);
    assert.ok(item.explanation?.length, `${question.id}: explanation`);
    assert.ok(item.refs?.length, `${question.id}: refs`);
    if (question.kind === 'single') assert.equal(item.options.length, question.option_count, `${question.id}: options`);
    else assert.equal(item.options, undefined, `${question.id}: a numeric item has no options`);
  }
});

test('the worked examples: each curated one has its text and the outcome its content promises', () => {
  const worked = call({ action: 'examples' }).examples;
  const texts = byId(text.examples);
  const promised = byId(source('examples.json').examples);
  for (const example of worked) {
    if (example.id.startsWith('default-')) { assert.ok(example.title && example.teaching_point, example.id); continue; }
    assert.ok(texts.get(example.id)?.title && texts.get(example.id)?.teaching_point, `${example.id}: text`);
    // moved from unit test Examples.CuratedOutcomesAreTheOnesTheContentPromises (the "outcome" is not compiled in)
    assert.equal(example.outcome, promised.get(example.id).outcome, example.id);
  }
  assert.deepEqual([...texts.keys()], worked.filter((e) => !e.id.startsWith('default-')).map((e) => e.id));
});

test('every drill has its vignette, task and debrief (moved from the unit tests: the core carries none)', () => {
  const drills = call({ action: 'drills' }).drills;
  const texts = byId(text.drills);
  assert.deepEqual([...texts.keys()], drills.map((drill) => drill.id));
  for (const drill of drills) {
    for (const key of ['title', 'vignette', 'task', 'debrief']) assert.ok(texts.get(drill.id)[key]?.length, `${drill.id}: ${key}`);
    assert.ok(texts.get(drill.id).refs?.length, `${drill.id}: refs`);
  }
});

test('every evidence topic the core lists has its summary and sections', () => {
  const topics = call({ action: 'evidence' }).topics;
  const texts = byId(text.evidence.topics);
  assert.deepEqual([...texts.keys()], topics.map((topic) => topic.id));
  for (const topic of topics) {
    assert.equal(texts.get(topic.id).title, topic.title);
    assert.ok(texts.get(topic.id).summary?.length && texts.get(topic.id).sections?.length, topic.id);
  }
});

test('moved from unit test Evidence.EveryGuidelineQuestionCarriesGradeAndCertainty', () => {
  const topic = byId(text.evidence.topics).get('guideline-questions');
  const questions = new Set();
  for (const section of topic.sections) {
    if (!('question' in section)) continue;
    questions.add(section.question);
    assert.ok(section.grades?.length, section.question);
    for (const grade of section.grades) {
      assert.ok('ABCDI'.includes(grade.grade) && grade.grade.length === 1, `${section.question}: grade ${grade.grade}`);
      assert.ok(grade.certainty?.length, section.question);
      assert.ok(grade.refs?.length, section.question);
    }
  }
  assert.deepEqual([...questions].sort(), ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8']);
});

test('moved from unit test Evidence.CrpsIsGradeBAndTheStartingDoseGradeC', () => {
  // Cohen 2018 Q1 summary (CRPS grade B, low to moderate) and Q3 conclusion (80 mg over > 2 h: grade C, low).
  const sections = byId(text.evidence.topics).get('guideline-questions').sections;
  const q1 = sections.find((section) => section.question === 'Q1');
  const q3 = sections.find((section) => section.question === 'Q3');
  assert.equal(q1.grades[1].grade, 'B');
  assert.equal(q1.grades[1].certainty, 'low to moderate');
  assert.equal(q3.grades[0].grade, 'C');
});

test('moved from unit test Evidence.DeliversTheSynonymGroupsTheSearchTreatsAsOneWord', () => {
  const groups = text.evidence.synonyms;
  const together = (a, b) => groups.some((group) => group.includes(a) && group.includes(b));
  assert.ok(together('esketamine', 's-ketamine'));
  assert.ok(together('crps', 'complex regional pain syndrome'));
  for (const group of groups) {
    assert.ok(group.length >= 2);
    for (const term of group) assert.equal(term, term.toLowerCase()); // the search compares lower-cased text
  }
});

test('the site build names the text file by its content hash and lists it in build-info.json', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ketadose-learn-'));
  try {
    fs.writeFileSync(path.join(out, 'build-info.json'), JSON.stringify({ name: 'ketadose', site: { expected: false } }));
    const { url, sha256 } = writeLearnText(out);
    const bytes = fs.readFileSync(path.join(out, url));
    assert.equal(crypto.createHash('sha256').update(bytes).digest('hex'), sha256);
    assert.equal(url, `learn/text-${sha256.slice(0, 16)}.json`);
    const info = JSON.parse(fs.readFileSync(path.join(out, 'build-info.json'), 'utf8'));
    assert.deepEqual(info.learn_text, { url, sha256 });
    assert.deepEqual(info.site, { expected: false }); // the rest of build-info.json is kept
    assert.deepEqual(JSON.parse(bytes.toString('utf8')), text);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
