// Target mode in a real browser: the card beside the plot asks the core for a schedule to reach and hold a
// concentration, shows the core's statement, target line, curve and pump schedule, refuses an unreachable target
// (and offers the highest the limits allow), and opens the bolus and first rate in the calculator as a plan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPage, planLink, waitForPlan, currentRequest } from './browser.mjs';

let browser; let server; let origin; let page; let seen;
before(async () => { ({ browser, server, origin, page, seen } = await startPage()); });
after(async () => { await browser?.close(); server?.close(); });

// An acute perioperative plan at 70 kg with a 1 mg/mL bag: the target card takes its patient, regimen and bag.
const PLAN = {
  action: 'plan', protocol: 'acute-periop', patient: { weight: 70, weight_unit: 'kg' },
  bolus: { dose_mg_per_kg: 0.2, concentration_mg_per_ml: 10, over_min: 2 },
  infusion: { rate_mg_per_h: 10, duration_h: 24, concentration_mg_per_ml: 1 },
};

async function open(plan) {
  // A fresh load each time: a link opened in the same tab is read and then cleared from the address (the plan
  // lives in memory only), so a reload would not bring it back.
  await page.goto('about:blank');
  await page.goto(`${origin}/index.html${planLink(plan)}`);
  await waitForPlan(page);
  await page.locator('.target-card').waitFor({ timeout: 10000 });
}

async function askTarget({ model = 'domino', target, reach, hold, step, site = 'plasma' }) {
  await page.selectOption('#target-model', model);
  await page.fill('#target-target_ng_per_ml', String(target));
  await page.fill('#target-reach_min', String(reach));
  await page.fill('#target-hold_min', String(hold));
  await page.fill('#target-step_min', String(step));
  await page.check(`input[name="target-site"][value="${site}"]`);
  await page.click('#target-compute');
}

async function outputText() {
  return page.locator('.target-output').innerText();
}

test('a plasma target gives the pump schedule, curve and deviation the core computed', async () => {
  await open(PLAN);
  // Domino at 70 kg: 100 ng/mL held 24 h with 4-hourly changes settles at 0.1 mg/L x 1.932 L/min = 11.6 mL/h.
  await askTarget({ target: 100, reach: 30, hold: 1440, step: 240 });
  await page.locator('.target-table').waitFor({ timeout: 10000 });
  const text = await outputText();
  assert.match(text, /not a measurement/);
  assert.match(text, /Target line 100 ng\/mL \(plasma\)/);
  const rows = await page.locator('.target-table tbody tr').count();
  assert.equal(rows, 7); // 0-30 min, then 6 x 240 min
  assert.match(await page.locator('.target-table tbody tr').last().innerText(), /11\.6 mL\/h/);
  assert.match(text, /overshoot/);
  // The chart is drawn: both curves and the target line.
  assert.equal(await page.locator('.target-card svg polyline').count(), 2);
  assert.equal(await page.locator('.target-card svg .plot-threshold').count(), 1);
  // Every figure on the card is one the core returned: compare the table with the core's own answer.
  const response = await page.evaluate(async () => {
    const { api } = await import('./js/core.js');
    return api({ action: 'target', model: 'domino', protocol: 'acute-periop', patient: { weight: 70, weight_unit: 'kg' },
      target_ng_per_ml: 100, reach_min: 30, hold_min: 1440, step_min: 240, concentration_mg_per_ml: 1, target_site: 'plasma' });
  });
  const shown = await page.locator('.target-table tbody tr td.figure-main').allInnerTexts();
  assert.deepEqual(shown.map((cell) => cell.trim()), response.steps.map((step) => `${step.rate_ml_per_h} mL/h`));
  assert.deepEqual(seen.outside, []);
  assert.deepEqual(seen.errors, []);
});

test('a target beyond a limit is refused with no schedule, and the highest reachable is offered', async () => {
  await open(PLAN);
  // acute-periop allows at most 35 mg/h: reaching 400 ng/mL in 5 min needs far more.
  await askTarget({ target: 400, reach: 5, hold: 120, step: 30 });
  await page.locator('#target-use-highest').waitFor({ timeout: 10000 });
  const text = await outputText();
  assert.match(text, /no schedule is given/);
  assert.equal(await page.locator('.target-table').count(), 0);
  await page.click('#target-use-highest');
  await page.locator('.target-table').waitFor({ timeout: 10000 });
  const offered = await page.locator('#target-target_ng_per_ml').inputValue();
  assert.ok(Number(offered) > 0 && Number(offered) < 400, `highest reachable ${offered}`);
});

test('bad input shows the core\'s field errors and no dose', async () => {
  await open(PLAN);
  await askTarget({ target: 100, reach: 30, hold: 240, step: 1 });
  await page.locator('.target-errors').waitFor({ timeout: 10000 });
  assert.match(await outputText(), /step_min/);
  assert.equal(await page.locator('.target-table').count(), 0);
});

test('the schedule opens in the calculator as a plan: loading bolus and first rate', async () => {
  await open(PLAN);
  await askTarget({ target: 100, reach: 5, hold: 240, step: 60 });
  await page.locator('.target-bolus').waitFor({ timeout: 10000 });
  const firstRate = (await page.locator('.target-table tbody tr td.figure-main').first().innerText()).trim();
  await page.click('#target-open-plan');
  // The plan is handed over in memory: the address bar is left without it (nothing about the patient in it).
  await page.waitForFunction(async () => Boolean((await import('./js/store.js')).current().planRequest?.bolus),
    null, { timeout: 10000 });
  const request = await currentRequest(page);
  assert.equal(await page.evaluate(() => location.hash), '');
  assert.equal(request.protocol, 'acute-periop');
  assert.ok(request.bolus.dose_mg_per_kg > 0);
  assert.equal(request.bolus.over_min, 5);
  await page.waitForFunction((rate) => document.querySelector('#plan-results')?.innerText.includes(rate), firstRate,
    { timeout: 10000 });
});

test('the print button prints the target card alone', async () => {
  await open(PLAN);
  await askTarget({ target: 80, reach: 30, hold: 240, step: 60 });
  await page.locator('.target-table').waitFor({ timeout: 10000 });
  await page.evaluate(() => { window.print = () => { window.printedWith = document.body.className; }; });
  await page.click('#target-print');
  assert.match(await page.evaluate(() => window.printedWith), /print-target/);
  // In print media with that class, the target card shows and the plan's own results and sheet do not; without
  // it, the plan prints as before and the target card is left out.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.target-table').isVisible(), true);
  assert.equal(await page.locator('#plan-status').isVisible(), false);
  assert.equal(await page.locator('.target-form').isVisible(), false);
  await page.evaluate(() => document.body.classList.remove('print-target'));
  assert.equal(await page.locator('.target-card').isVisible(), false);
  await page.emulateMedia({ media: 'screen' });
});

test('axe: no serious or critical violation on the Target card, light and dark', async () => {
  const { default: fs } = await import('node:fs');
  const { createRequire } = await import('node:module');
  const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // axe is injected inline, which the page's CSP forbids: a context of its own bypasses it for this test only.
  const context = await browser.newContext({ bypassCSP: true, serviceWorkers: 'block', reducedMotion: 'reduce' });
  const axePage = await context.newPage();
  await axePage.goto(`${origin}/index.html${planLink(PLAN)}`);
  await axePage.reload();
  await axePage.locator('.target-card').waitFor({ timeout: 20000 });
  await axePage.selectOption('#target-model', 'hijazi');  // the ICU model: its caution shows too
  for (const [key, value] of [['target_ng_per_ml', 100], ['reach_min', 5], ['hold_min', 240], ['step_min', 60]]) {
    await axePage.fill(`#target-${key}`, String(value));
  }
  await axePage.click('#target-compute');
  await axePage.locator('.target-table').waitFor({ timeout: 10000 });
  await axePage.addScriptTag({ content: axeSource });
  for (const theme of ['light', 'dark']) {
    await axePage.evaluate((value) => { document.documentElement.dataset.theme = value; }, theme);
    const violations = await axePage.evaluate(async () => {
      const result = await window.axe.run(document.querySelector('.target-card'), { resultTypes: ['violations'] });
      return result.violations.filter((v) => ['serious', 'critical'].includes(v.impact))
        .map((v) => `${v.id}: ${v.help} at ${v.nodes.map((node) => node.target.join(' ')).join('; ')}`);
    });
    assert.deepEqual(violations, [], theme);
  }
  await context.close();
});
