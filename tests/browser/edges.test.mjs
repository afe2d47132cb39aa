// The page's edges (issue 11): a link is data, not a request; an acknowledgement belongs to the alert as it was
// read; the site configuration a build expects fails closed and shows itself; a failed call clears the plan;
// typing never puts the patient in the address bar.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  launch, serveDist, planLink, watch, waitForPlan, resultsText, typeInto, buildWithSite, distDir, EXAMPLE_PLAN,
} from './browser.mjs';
import { root } from '../node/wasm-module.mjs';

const exampleSite = fs.readFileSync(path.join(root, 'docs', 'site.example.json'), 'utf8');
// The example site doses on adjusted weight by default; the plan chooses actual weight, as a link may.
const PLAN = { ...EXAMPLE_PLAN, dosing_weight: 'actual' };
const INSTITUTION = 'St Elsewhere Hospital, Pain Service';

let browser; let plain; let sited; let siteDist;
const servers = [];
async function serveDir(dir) {
  const served = await serveDist('/', dir);
  servers.push(served.server);
  return served;
}

before(async () => {
  browser = await launch();
  plain = await serveDir(distDir);
  siteDist = await buildWithSite(exampleSite);
  sited = await serveDir(siteDist);
});
after(async () => {
  await browser?.close();
  for (const server of servers) server.close();
  if (siteDist) fs.rmSync(path.dirname(siteDist), { recursive: true, force: true });
});

/** A fresh page (no service worker: each test reads the files as served) opened at origin + hash. */
async function openPage(origin, hash = '', { viewport } = {}) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport });
  const page = await context.newPage();
  const seen = watch(page, origin);
  const requests = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  const consoleErrors = [];
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
  await page.goto(`${origin}/index.html${hash}`);
  return { context, page, seen, requests, consoleErrors };
}

const status = (page) => page.locator('#plan-status').innerText();
const note = (page) => page.locator('#copy-status').innerText();

// ---- a link is data, not a request ----

test('a link carrying a whole site configuration does not apply it (no site.json expected)', async () => {
  const { context, page, seen } = await openPage(plain.origin, planLink({ ...PLAN, site: exampleSite }));
  await waitForPlan(page);
  // Under the example site the 0.35 mg/kg bolus is above its 0.25 mg/kg maximum; under the guideline it is not.
  assert.equal(await page.locator('.alert[data-code="above-protocol-range"]').count(), 0);
  assert.doesNotMatch(await resultsText(page), /Site configuration/);
  assert.match(await note(page), /a site configuration, which a link never sets/);
  assert.match(await page.locator('#site-name').innerText(), /Guideline defaults, no hospital configuration/);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('a link carrying "site":"" cannot switch the hospital configuration off', async () => {
  const { context, page, seen } = await openPage(sited.origin, planLink({ ...PLAN, site: '' }));
  await waitForPlan(page);
  assert.equal(await page.locator('#site-name').innerText(), INSTITUTION);
  // The site's 0.25 mg/kg bolus maximum still holds: 0.35 mg/kg is flagged, marked site-modified.
  const flagged = page.locator('.alert[data-code="above-protocol-range"]');
  await flagged.waitFor();
  assert.match(await flagged.innerText(), /site-modified/);
  assert.match(await resultsText(page), new RegExp(`Site configuration: ${INSTITUTION}`));
  assert.match(await note(page), /site configuration, which a link never sets/);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

for (const [where, origin] of [['without a site', () => plain.origin], ['with a site', () => sited.origin]]) {
  test(`a pre-acknowledged link arrives on hold, ${where}`, async () => {
    // Both the old bare codes and keys copied from a real response: a link's acknowledgements are never used.
    const { context, page } = await openPage(origin(), planLink({ ...PLAN,
      acknowledged: ['monitored-setting-required', 'above-protocol-range'] }));
    await waitForPlan(page);
    assert.match(await status(page), /On hold/);
    assert.ok(await page.locator('#print-plan').isDisabled(), 'Print stays disabled until someone ticks the alerts');
    assert.equal(await page.locator('.alert-soft input[type="checkbox"]:checked').count(), 0);
    assert.match(await note(page), /acknowledgements, which a link never sets/);
    assert.ok(await page.locator('.alert-soft').count() >= 1);
    await context.close();
  });
}

test('a link with keys copied from a real response still needs fresh acknowledgements', async () => {
  const first = await openPage(plain.origin, planLink(PLAN));
  await waitForPlan(first.page);
  const keys = await first.page.evaluate(async () => (await import('./js/store.js')).current().planResponse.alerts
    .map((alert) => alert.ack_key).filter(Boolean));
  assert.ok(keys.length >= 1);
  await first.context.close();
  const { context, page } = await openPage(plain.origin, planLink({ ...PLAN, acknowledged: keys }));
  await waitForPlan(page);
  assert.match(await status(page), /On hold/);
  await context.close();
});

for (const [where, origin] of [['without a site', () => plain.origin], ['with a site', () => sited.origin]]) {
  test(`a link over the size cap is refused with a sentence, ${where}`, async () => {
    const { context, page, seen } = await openPage(origin(), planLink({ ...PLAN, note: 'x'.repeat(5000) }));
    await waitForPlan(page);
    assert.match(await note(page), /The link is too long to be a plan/);
    // Nothing of it was used: the form starts empty.
    assert.equal(await page.locator('input[data-path="patient.weight"]').inputValue(), '');
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test(`a link with a part of the wrong type ("infusion":1) drops it and says so, ${where}`, async () => {
    const { context, page } = await openPage(origin(), planLink({ ...PLAN, infusion: 1, extra: true }));
    await waitForPlan(page);
    assert.match(await note(page), /Left out of the link[^.]*: infusion, extra\./);
    // The rest of the plan stands: the 0.35 mg/kg x 70 kg = 24.5 mg = 2.45 mL bolus, drawn as 2.4 mL = 24 mg (branch
    // prep: the figures shown are those programmed, syringe volumes rounded down to 0.1 mL), and no infusion.
    assert.match(await resultsText(page), /\b24 mg\b[\s\S]*\b2\.4 mL\b/);
    assert.equal(await page.locator('[data-part-toggle="infusion"]').isChecked(), false);
    // The sticky summary (branch bedside) copes with the dropped part: the bolus to draw, and no pump line.
    const summary = await page.locator('#plan-summary').innerText();
    assert.match(summary, /2\.4\s*mL/);
    assert.doesNotMatch(summary, /Pump/);
    await context.close();
  });

  test(`a deeply nested link is refused, within and beyond the size cap, ${where}`, async () => {
    let nested = 70;
    for (let i = 0; i < 500; i++) nested = [nested]; // about 3,000 characters encoded: under the cap
    const shallow = await openPage(origin(), planLink({ ...PLAN, patient: { weight: nested } }));
    await waitForPlan(shallow.page);
    assert.match(await note(shallow.page), /The link is nested too deeply to be a plan/);
    assert.deepEqual(shallow.seen.errors, []);
    await shallow.context.close();
    // About 5,000 levels: once enough to make the core throw a RangeError into the page.
    const bomb = `#plan=${'%5B'.repeat(5000)}70${'%5D'.repeat(5000)}`;
    const deep = await openPage(origin(), bomb);
    await waitForPlan(deep.page);
    assert.match(await note(deep.page), /The link is too long to be a plan/);
    assert.deepEqual(deep.seen.errors, []);
    await deep.context.close();
  });
}

// ---- an acknowledgement belongs to the alert as it was read ----

test('an acknowledgement is re-opened when the alert\'s figures change (0.5 -> 1.5 mg/kg/h)', async () => {
  const { context, page } = await openPage(plain.origin, planLink(PLAN));
  await waitForPlan(page);
  for (const box of await page.locator('.alert-soft input[type="checkbox"]').all()) await box.check();
  await page.waitForFunction(() => /Plan ready/.test(document.querySelector('#plan-status')?.innerText));
  await page.locator('input[data-path="infusion.rate"]').fill('1.5'); // one change, as a paste would be
  // 1.5 mg/kg/h x 70 kg = 105 mg/h: the monitored-setting alert now names other figures.
  await page.waitForFunction(() => document.querySelector('#plan-results')?.innerText.includes('105 mL/h'));
  assert.match(await status(page), /On hold/);
  assert.ok(await page.locator('#print-plan').isDisabled());
  await context.close();
});

// ---- private by default ----

test('typing never writes the patient into the address bar; the link is made on request', async () => {
  const { context, page } = await openPage(plain.origin);
  await waitForPlan(page);
  await typeInto(page, 'patient.weight', '83');
  await typeInto(page, 'patient.height_cm', '171');
  await typeInto(page, 'patient.age_years', '64');
  await page.locator('input[name="sex"][value="female"]').check();
  await page.waitForFunction(() => document.querySelector('#plan-results')?.innerText.includes('83 kg'));
  // The address after the origin: the server's random port may itself hold "83" or "64" (it did once, in CI).
  const where = await page.evaluate(() => decodeURIComponent(location.pathname + location.search + location.hash));
  for (const typed of ['83', '171', '64', 'female', 'weight', 'plan=']) assert.ok(!where.includes(typed), `${typed} not in ${where}`);
  // An opened link leaves the address bar as soon as the plan is edited.
  await page.goto(`${plain.origin}/index.html${planLink(PLAN)}`);
  await page.reload();
  await waitForPlan(page);
  await typeInto(page, 'patient.weight', '71');
  await page.waitForFunction(() => !location.hash);
  assert.match(await page.locator('#privacy-note').innerText(), /theme choice and quiz progress[\s\S]*offline copy[\s\S]*Nothing about the patient/);
  await context.close();
});

// ---- the page catches any failure of a call ----

test('when the core fails, the previous patient\'s plan is cleared and no plan is shown', async () => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  // The core module, wrapped so that its api() throws for a weight of 66 kg, as it once did on a deep request.
  const real = fs.readFileSync(path.join(distDir, 'wasm', 'ketadose.js'), 'utf8');
  await context.route('**/wasm/ketadose.real.js', (route) => route.fulfill({ body: real, contentType: 'text/javascript' }));
  await context.route('**/wasm/ketadose.js', (route) => route.fulfill({ contentType: 'text/javascript', body: `
    import create from './ketadose.real.js';
    export default async function (options) {
      const module = await create(options);
      const api = module.api.bind(module);
      module.api = (text) => { if (text.includes('"weight":66')) throw new RangeError('Maximum call stack size exceeded'); return api(text); };
      return module;
    }` }));
  const page = await context.newPage();
  const seen = watch(page, plain.origin);
  await page.goto(`${plain.origin}/index.html${planLink(PLAN)}`);
  await waitForPlan(page);
  // 0.35 mg/kg x 70 kg = 24.5 mg = 2.45 mL, drawn as 2.4 mL = 24 mg (branch prep: syringe volumes rounded down to
  // 0.1 mL, the figures shown are those programmed); 0.5 mg/kg/h x 70 kg / 1 mg/mL = 35 mL/h.
  assert.match(await resultsText(page), /\b24 mg\b[\s\S]*\b2\.4 mL\b/);
  assert.match(await resultsText(page), /\b35 mL\/h/);
  assert.match(await page.locator('#plan-summary').innerText(), /35\s*mL\/h/);
  await page.locator('input[data-path="patient.weight"]').fill('66'); // one change: the next patient's weight
  await page.waitForFunction(() => /No plan could be computed/.test(document.querySelector('#plan-results')?.innerText));
  const text = await resultsText(page);
  // 24 mg (2.4 mL) and 35 mL/h were the 70 kg patient's (figures as programmed, branch prep): none may stand under 66 kg.
  for (const figure of ['24 mg', '2.4 mL', '35 mL/h']) assert.ok(!text.includes(figure), `${figure} cleared`);
  // The sticky summary of figures to program (branch bedside) is cleared too: it says no plan, its figures blank.
  const summary = page.locator('#plan-summary');
  assert.equal(await summary.getAttribute('data-state'), 'none');
  const figures = (await summary.locator('dd').allInnerTexts()).join(' ');
  assert.ok(!/\d/.test(figures), `no figure left in the summary: ${figures}`);
  assert.equal((await page.locator('#print-sheet').innerText()).trim(), '', 'the print sheet is cleared');
  assert.ok(await page.locator('#print-plan').isDisabled());
  assert.deepEqual(seen.errors, []);
  await context.close();
});

// ---- the site configuration fails closed and shows itself ----

/** A copy of the site build with site.json changed by change(dir) (deleted, emptied, replaced). */
async function brokenSiteCopy(change) {
  const dir = fs.mkdtempSync(path.join(path.dirname(siteDist), 'copy-'));
  fs.cpSync(siteDist, dir, { recursive: true });
  change(path.join(dir, 'site.json'));
  return serveDir(dir);
}

async function expectNoPlan(served, reason) {
  const { context, page, seen } = await openPage(served.origin, planLink(PLAN));
  await page.waitForFunction(() => document.body.dataset.ready === 'site-failed', null, { timeout: 20000 });
  const banner = await page.locator('#site-banner').innerText();
  assert.match(banner, reason);
  assert.match(banner, /No plan is computed/);
  assert.equal(await page.locator('#plan-status').count(), 0, 'no plan, not even the guideline defaults');
  assert.equal(await page.locator('#plan-results').count(), 0);
  assert.deepEqual(seen.errors, []);
  await context.close();
  return banner;
}

test('an expected site.json that is missing stops every plan, saying why', async () => {
  const banner = await expectNoPlan(await brokenSiteCopy((file) => fs.rmSync(file)), /site\.json is missing from the server \(HTTP 404\)/);
  assert.match(banner, /\.\/run --build --site site\.json/);
});

test('an expected site.json that is empty stops every plan (once: a hang on "Loading the dosing core")', async () => {
  await expectNoPlan(await brokenSiteCopy((file) => fs.writeFileSync(file, '')), /site\.json is empty \(0 bytes\)/);
});

test('an expected site.json with another checksum stops every plan', async () => {
  // Loosened by one figure: still valid, but not the file this build was made with.
  const other = exampleSite.replace('"max": 0.25', '"max": 0.3');
  assert.notEqual(other, exampleSite);
  await expectNoPlan(await brokenSiteCopy((file) => fs.writeFileSync(file, other)), /not the file this build expects/);
});

test('an expected site.json with errors stops every plan and lists them', async () => {
  const banner = await expectNoPlan(await brokenSiteCopy((file) => fs.writeFileSync(file, '{"schemaVersion": 1}')),
    /site\.json has errors/);
  assert.match(banner, /site\.institution/);
});

test('without an expected site: a persistent defaults line, no site.json request, no console error', async () => {
  // A site.json dropped beside a build that does not expect one is not read (only a build declares one).
  const dir = fs.mkdtempSync(path.join(path.dirname(siteDist), 'plain-'));
  fs.cpSync(distDir, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'site.json'), exampleSite);
  const served = await serveDir(dir);
  const { context, page, requests, consoleErrors } = await openPage(served.origin, planLink(PLAN));
  await waitForPlan(page);
  assert.equal(await page.locator('#site-name').innerText(), 'Guideline defaults, no hospital configuration');
  assert.ok(!requests.some((url) => url.endsWith('/site.json')), 'site.json not fetched');
  assert.equal(await page.locator('.alert[data-code="above-protocol-range"]').count(), 0);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
