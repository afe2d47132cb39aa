// Learn (issue 14): clearing the evidence search clears its state; synonyms from the core find the same
// sections; a drill's "Plan it" fills exactly the drill's order; the quiz shows one question at a time with
// progress and a way back; text in a numeric answer gets one message. At the three bedside viewport sizes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPage, waitForPlan, currentRequest } from './browser.mjs';

const SIZES = [[390, 844], [820, 1180], [1180, 820]];
let browser; let server; let origin; let page; let seen;
before(async () => { ({ browser, server, origin, page, seen } = await startPage()); });
after(async () => { await browser?.close(); server?.close(); });

async function openLearn(part) {
  await page.goto(`${origin}/index.html`);
  await page.reload();
  await waitForPlan(page);
  await page.locator('.nav-button[data-screen="learn"]').click();
  await page.locator('#topic-heading').waitFor();
  if (part) await page.locator(`.subnav button[data-part="${part}"]`).click();
}

const heading = () => page.locator('#topic-heading').innerText();
const hits = async () => (await page.locator('.search-hits button').allInnerTexts()).sort();

async function search(text) {
  await page.locator('#evidence-search').fill(text);
  if (text.trim()) await page.waitForFunction((query) => document.querySelector('#topic-heading')?.textContent.includes(`“${query}”`), text.trim());
}

for (const [width, height] of SIZES) {
  test(`learn at ${width}x${height}: clearing the search clears its state`, async () => {
    await page.setViewportSize({ width, height });
    await openLearn();
    const topicBefore = await heading();
    await search('xyzzy');
    assert.match(await heading(), /^0 sections mention “xyzzy”/);
    await search('');
    await page.waitForFunction((before) => document.querySelector('#topic-heading')?.textContent === before, topicBefore);
    assert.doesNotMatch(await page.locator('.topic-view').innerText(), /mention/);
    assert.equal(await page.locator('.search-hits').count(), 0);
  });
}

test('synonyms: esketamine finds the S-ketamine sections, CRPS the complex regional pain syndrome ones', async () => {
  await page.setViewportSize({ width: 1180, height: 820 });
  await openLearn();
  await search('S-ketamine');
  const sKetamine = await hits();
  assert.ok(sKetamine.length > 0);
  await search('esketamine');
  const esketamine = await hits();
  // Every section that says S-ketamine is found by esketamine (which may also find sections using that word).
  for (const hit of sKetamine) assert.ok(esketamine.includes(hit), `${hit} missing for esketamine`);
  assert.match(await page.locator('.topic-view').innerText(), /Also searched as one word: esketamine, s-ketamine/);
  await search('CRPS');
  const crps = await hits();
  await search('complex regional pain syndrome');
  assert.deepEqual(await hits(), crps);
  assert.ok(crps.length > 0);
  // A word not in any synonym group still matches as typed, part of a word included.
  await search('phencyclid');
  assert.ok((await hits()).length > 0);
});

test('a drill\'s "Plan it" fills exactly the drill\'s order: no default bolus added to an infusion-only order', async () => {
  await openLearn('drills');
  const drill = page.locator('#drill-obese-first-infusion');
  await drill.getByRole('button', { name: 'Plan it in the calculator' }).click();
  await page.waitForFunction(() => document.querySelector('input[data-path="patient.weight"]')?.value === '132');
  await waitForPlan(page);
  // The request the page holds: the address bar no longer carries the plan while editing (branch webedge), so it
  // is read from the page's store (browser.mjs currentRequest) instead of the hash.
  const request = await currentRequest(page);
  // The order as the vignette writes it (content/education/drills.json): 132 kg, 163 cm, female, 52 years,
  // adjusted weight, 0.5 mg/kg/h for 4 h from 1 mg/mL, and no bolus.
  assert.deepEqual(request, { action: 'plan', protocol: 'chronic-iv-outpatient',
    patient: { weight: 132, weight_unit: 'kg', height_cm: 163, sex: 'female', age_years: 52 }, dosing_weight: 'adjusted',
    infusion: { rate_mg_per_kg_per_h: 0.5, duration_h: 4, concentration_mg_per_ml: 1 } });
  assert.equal(await page.locator('[data-part-toggle="bolus"]').isChecked(), false);
  // The order as written matches itself in the review.
  await page.locator('.nav-button[data-screen="learn"]').click();
  await drill.getByRole('button', { name: 'Review my current plan' }).click();
  await drill.locator('.drill-review').waitFor();
  assert.match(await drill.innerText(), /Your plan matches the order as written/);
});

test('the quiz shows one question at a time, with its position, progress and a way back', async () => {
  await openLearn('quiz');
  const card = page.locator('#learn-quiz .quiz-question');
  await card.first().waitFor();
  assert.equal(await card.count(), 1);
  const total = Number((await page.locator('#quiz-position').innerText()).match(/^Question 1 of (\d+)$/)[1]);
  assert.ok(total >= 40);
  assert.ok(await page.locator('#quiz-previous').isDisabled());
  const first = await card.getAttribute('id');
  await page.locator('#quiz-next').click();
  assert.equal(await page.locator('#quiz-position').innerText(), `Question 2 of ${total}`);
  assert.notEqual(await card.getAttribute('id'), first);
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('quiz-stem')), true, 'focus moves to the question');
  assert.equal(await page.locator('#learn-quiz progress').getAttribute('value'), '2');
  await page.locator('#quiz-previous').click();
  assert.equal(await card.getAttribute('id'), first);
  // A topic shows its own questions, from its first.
  await page.locator('#quiz-topic').selectOption('dose-arithmetic');
  assert.match(await page.locator('#quiz-position').innerText(), /^Question 1 of \d+$/);
});

test('text in a numeric answer gets one message', async () => {
  await openLearn('quiz');
  await page.locator('#quiz-topic').selectOption('dose-arithmetic');
  const numeric = page.locator('#quiz-da-bolus-volume');
  while (!(await numeric.count())) await page.locator('#quiz-next').click();
  await numeric.locator('input').fill('abc');
  await numeric.getByRole('button', { name: 'Check answer' }).click();
  await numeric.locator('.quiz-feedback p').waitFor();
  const messages = await numeric.locator('.quiz-feedback p').allInnerTexts();
  assert.deepEqual(messages, ['Enter the answer as a number in mL.']);
});

test('no request left the origin and no script error occurred on the Learn screens', () => {
  assert.deepEqual(seen.outside, []);
  assert.deepEqual(seen.csp, []);
  assert.deepEqual(seen.errors, []);
});

test('the Learn text is a static file fetched when Learn opens, not at start (issue 13)', async () => {
  await page.setViewportSize({ width: 1180, height: 820 });
  const fetched = [];
  const listen = (request) => { if (/\/learn\/text-[0-9a-f]{16}\.json$/.test(request.url())) fetched.push(request.url()); };
  page.on('request', listen);
  try {
    // A fresh context: nothing of the Learn screen is in memory yet.
    await page.goto(`${origin}/index.html`);
    await page.reload();
    await waitForPlan(page);
    assert.equal(fetched.length, 0, 'the Learn text was fetched before the Learn screen opened');
    await page.locator('.nav-button[data-screen="learn"]').click();
    await page.locator('#topic-heading').waitFor();
    assert.ok(fetched.length >= 1, 'opening Learn fetched no text file');
    // The text is joined to the core's records: a topic's summary, a quiz stem and, once answered, its option
    // text and explanation (the core sends the index it judged right).
    assert.ok((await page.locator('.topic-view .lede').innerText()).length > 40);
    await page.locator('.subnav button[data-part="quiz"]').click();
    await page.locator('#quiz-hp-protein-binding').waitFor();
    assert.match(await page.locator('#quiz-hp-protein-binding .quiz-stem').innerText(), /protein/);
    await page.locator('#quiz-hp-protein-binding-2').check();
    await page.locator('#quiz-hp-protein-binding').getByRole('button', { name: 'Check answer' }).click();
    await page.locator('#quiz-hp-protein-binding .quiz-feedback p').first().waitFor();
    assert.match(await page.locator('#quiz-hp-protein-binding .quiz-feedback').innerText(), /Right\.[\s\S]*About 12%[\s\S]*12% protein bound/);
  } finally {
    page.off('request', listen);
  }
});
