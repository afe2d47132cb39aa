// Accessibility: axe-core finds no serious or critical violation on each screen and state, in light and
// dark themes; the calculator can be driven from the keyboard alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { launch, serveDist, planLink, waitForPlan, EXAMPLE_PLAN } from './browser.mjs';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let browser; let server; let origin; let page;

before(async () => {
  ({ server, origin } = await serveDist());
  browser = await launch();
  // axe is injected as an inline script, which the page's own CSP (rightly) forbids: bypass it for this file only.
  // Reduced motion: colour transitions would otherwise be measured half-way.
  const context = await browser.newContext({ bypassCSP: true, serviceWorkers: 'block', reducedMotion: 'reduce', viewport: { width: 1024, height: 768 } });
  page = await context.newPage();
});
after(async () => { await browser?.close(); server?.close(); });

async function axeViolations() {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((violation) => ['serious', 'critical'].includes(violation.impact))
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join('; ')}`);
}

async function openPlan(request, theme = 'light') {
  await page.goto(`${origin}/index.html${request ? planLink(request) : ''}`);
  await page.reload();
  await waitForPlan(page);
  await page.evaluate((value) => { document.documentElement.dataset.theme = value; }, theme);
}

const STATES = [
  ['a plan on hold with a soft alert', EXAMPLE_PLAN],
  ['a refused plan', { ...EXAMPLE_PLAN, infusion: { ...EXAMPLE_PLAN.infusion, rate_mg_per_kg_per_h: 8.333 } }],
  ['a request the core rejects', { ...EXAMPLE_PLAN, patient: { weight: 'seventy', weight_unit: 'kg' } }],
  ['an empty form', null],
];

for (const theme of ['light', 'dark']) {
  // Colour contrast is what changes with the theme: the dark theme is checked on the coloured states.
  for (const [name, request] of theme === 'light' ? STATES : STATES.slice(0, 3)) {
    test(`axe: no serious or critical violation on ${name} (${theme} theme)`, async () => {
      await openPlan(request, theme);
      // Open every "working" disclosure so its content is checked too.
      await page.evaluate(() => { for (const details of document.querySelectorAll('details')) details.open = true; });
      assert.deepEqual(await axeViolations(), []);
    });
  }
  test(`axe: no serious or critical violation on the pump check (${theme} theme)`, async () => {
    await openPlan(EXAMPLE_PLAN, theme);
    await page.locator('.nav-button[data-screen="pump"]').click();
    await page.locator('#pump-rate').fill('350');
    await page.locator('#pump-bag').fill('1');
    await page.waitForFunction(() => /Mismatch/.test(document.querySelector('#pump-result')?.innerText));
    assert.deepEqual(await axeViolations(), []);
  });
}

test('axe: no serious or critical violation on the screening, response and plot views', async () => {
  await openPlan({ ...EXAMPLE_PLAN, simulate: { model: 'domino' } });
  await page.locator('.plot-card svg').waitFor({ timeout: 10000 });
  assert.deepEqual(await axeViolations(), [], 'plan with the plot');
  await page.locator('.nav-button[data-screen="screening"]').click();
  await page.locator('#condition-pregnancy').check();
  await page.locator('#ort-sex-male').check();
  await page.waitForFunction(() => /Avoid/.test(document.querySelector('#screening-status')?.innerText));
  assert.deepEqual(await axeViolations(), [], 'screening');
  await page.locator('.nav-button[data-screen="response"]').click();
  await page.locator('#assess-pain_before').fill('8');
  await page.locator('#assess-pain_after').fill('4');
  await page.locator('#satisfied-yes').check();
  // Positive needs the duration too (Cohen 2018 Q8): 4 weeks > 3 after a single outpatient infusion.
  await page.locator('#assess-relief_weeks').fill('4');
  await page.locator('#regimen-kind-single-outpatient').check();
  await page.waitForFunction(() => /Positive response/.test(document.querySelector('#assess-status')?.innerText));
  assert.deepEqual(await axeViolations(), [], 'response assessment');
});

test('axe: no serious or critical violation on the learning pages', async () => {
  await openPlan(null);
  await page.locator('.nav-button[data-screen="learn"]').click();
  await page.locator('#topic-heading').waitFor();
  await page.locator('.topic-button[data-topic="indications-evidence"]').click(); // tables and grades
  assert.deepEqual(await axeViolations(), [], 'evidence');
  for (const part of ['examples', 'quiz', 'drills']) {
    await page.locator(`.subnav button[data-part="${part}"]`).click();
    await page.locator(`#learn-${part} .card`).first().waitFor();
    if (part === 'quiz') {
      await page.locator('#quiz-hp-protein-binding').getByRole('button', { name: 'Check answer' }).click();
      await page.locator('#quiz-hp-protein-binding .quiz-feedback p').waitFor();
    }
    assert.deepEqual(await axeViolations(), [], part);
  }
});

test('the keyboard alone reaches the weight, types it, and acknowledges an alert', async () => {
  await openPlan(EXAMPLE_PLAN);
  await page.locator('input[data-path="patient.weight"]').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('80');
  // 0.5 mg/kg/h x 80 kg / 1 mg/mL = 40 mL/h
  await page.waitForFunction(() => document.querySelector('#plan-results').innerText.includes('40 mL/h'));
  const box = page.locator('.alert-soft input[type="checkbox"]').first();
  await box.focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => /Plan ready/.test(document.querySelector('#plan-status')?.innerText));
  // Every control the user can reach has an accessible name.
  const unnamed = await page.evaluate(() => [...document.querySelectorAll('input, select, button')]
    .filter((el) => !el.disabled && el.offsetParent !== null)
    .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.textContent.trim()))
    .map((el) => el.outerHTML));
  assert.deepEqual(unnamed, []);
});
