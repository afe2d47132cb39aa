// The override log for quality review (issue 14): an acknowledged soft alert and a refused plan are recorded on
// the device with no patient field; the Quality log screen lists, exports (CSV, JSON, as downloads) and clears
// them; a site.json with "quality_log": false switches it off; axe is clean on the screen in both themes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launch, serveDist, planLink, watch, waitForPlan, buildWithSite, EXAMPLE_PLAN } from './browser.mjs';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// The fields an entry may hold (web/js/quality-log.js FIELDS); anything else would be a leak.
const ALLOWED = ['time', 'event', 'regimen', 'code', 'ack_key', 'severity', 'message', 'site_checksum', 'content_version'];
// A patient with figures that appear nowhere else in the plan: 73.4 kg, 181 cm, 67 years, female.
const PATIENT = { weight: 73.4, weight_unit: 'kg', height_cm: 181, age_years: 67, sex: 'female' };
const ON_HOLD = { ...EXAMPLE_PLAN, patient: PATIENT }; // 0.35 mg/kg bolus: monitored-setting-required (soft)
// 8.333 mg/kg/h is ug/kg/min typed as mg/kg/h: above the awake range, a hard stop (anesthetic-range).
const REFUSED = { ...ON_HOLD, infusion: { ...EXAMPLE_PLAN.infusion, rate_mg_per_kg_per_h: 8.333 } };

let browser; let server; let origin; let context; let page; let seen; let siteServer; let siteDist;
before(async () => {
  ({ server, origin } = await serveDist());
  browser = await launch();
  // axe is evaluated in the page, which the page's own CSP (rightly) forbids: bypassed in this file only.
  context = await browser.newContext({ bypassCSP: true, serviceWorkers: 'block', viewport: { width: 1180, height: 820 }, acceptDownloads: true });
  page = await context.newPage();
  seen = watch(page, origin);
});
after(async () => {
  await browser?.close(); server?.close(); siteServer?.server.close();
  if (siteDist) fs.rmSync(path.dirname(siteDist), { recursive: true, force: true });
});

async function open(request, at = origin) {
  await page.goto(`${at}/index.html${planLink(request)}`);
  await page.reload();
  await waitForPlan(page);
}

const stored = () => page.evaluate(() => JSON.parse(localStorage.getItem('ketadose-quality-log') || '[]'));

test('an acknowledged soft alert and a refused plan are logged, without any patient field or figure', async () => {
  await page.goto(`${origin}/index.html`);
  await page.evaluate(() => localStorage.clear());
  await open(ON_HOLD);
  assert.deepEqual(await stored(), [], 'nothing is logged before the user acts');
  await page.locator('#plan-results .ack input[type="checkbox"]').first().check();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('ketadose-quality-log') || '[]').length === 1);
  await open(REFUSED);
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('ketadose-quality-log') || '[]').some((e) => e.event === 'refused'));
  // The same refusal shown again (open() loads the link twice; a keystroke that changes nothing) is logged once.
  await page.locator('input[data-path="patient.height_cm"]').fill('181');
  await waitForPlan(page);
  const log = await stored();
  const acknowledged = log.filter((entry) => entry.event === 'acknowledged');
  const refused = log.filter((entry) => entry.event === 'refused');
  assert.equal(acknowledged.length, 1);
  assert.equal(acknowledged[0].code, 'monitored-setting-required');
  assert.equal(acknowledged[0].severity, 'soft');
  assert.equal(acknowledged[0].regimen, 'chronic-iv-outpatient');
  assert.match(acknowledged[0].message, /0\.35 mg\/kg/, 'the alert\'s own figures are kept');
  assert.ok(refused.some((entry) => entry.code === 'anesthetic-range' && /8\.333 mg\/kg\/h/.test(entry.message)));
  assert.equal(new Set(refused.map((entry) => entry.code)).size, refused.length, 'each hard alert once');
  const catalogVersion = await page.evaluate(() => document.getElementById('content-version').textContent);
  for (const entry of log) {
    assert.deepEqual(Object.keys(entry).sort(), [...ALLOWED].sort(), 'only the allowed fields');
    assert.ok(!Number.isNaN(Date.parse(entry.time)));
    assert.equal(entry.site_checksum, 'none (built-in defaults)');
    assert.ok(catalogVersion.includes(entry.content_version) && entry.content_version);
    // No patient figure anywhere in the entry's words: weight, height, age, or the weights computed from them.
    for (const figure of ['73.4', '181', '67 ', 'female', 'weight_unit', 'height_cm', 'age_years', '"sex"']) {
      assert.ok(!entry.message.includes(figure) && !entry.regimen.includes(figure), `${figure} in ${JSON.stringify(entry)}`);
    }
  }
});

test('an alert message loses the patient\'s figures but keeps the dose figures', async () => {
  const cleaned = await page.evaluate(async () => {
    const { withoutPatientFigures } = await import('./js/quality-log.js');
    return withoutPatientFigures('Actual weight 132 kg is 240% of the ideal weight (55.098 kg). If 132 was in pounds, '
      + 'the patient weighs 59.874 kg; 0.5 mg/kg/h gives 66 mg/h.', { patient: { weight: 132 } }, { weights: { ideal_kg: 55.098 } });
  });
  assert.doesNotMatch(cleaned, /132|55\.098|59\.874/);
  assert.match(cleaned, /240%/);
  assert.match(cleaned, /0\.5 mg\/kg\/h gives 66 mg\/h/);
});

test('the Quality log screen lists the entries, says it stays on the device, and exports CSV and JSON', async () => {
  await page.locator('.nav-button[data-screen="quality"]').click();
  const screen = page.locator('#screen-quality');
  await screen.locator('#quality-count').waitFor();
  assert.match(await screen.innerText(), /never leaves this device unless you export it/);
  const rows = await screen.locator('tbody tr').count();
  assert.equal(rows, (await stored()).length);
  assert.match(await screen.locator('tbody').innerText(), /Soft alert acknowledged[\s\S]*monitored-setting-required/);

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#quality-export-csv').click()]);
  assert.match(csvDownload.url(), /^blob:/, 'made on the device, not fetched');
  assert.match(csvDownload.suggestedFilename(), /^ketadose-quality-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync(await csvDownload.path(), 'utf8').trim().split('\r\n');
  assert.equal(csv[0], ALLOWED.join(','));
  assert.equal(csv.length, rows + 1);

  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#quality-export-json').click()]);
  const exported = JSON.parse(fs.readFileSync(await jsonDownload.path(), 'utf8'));
  assert.equal(exported.format, 'ketadose-quality-log');
  assert.deepEqual(exported.entries, await stored());
});

async function axeViolations() {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((violation) => ['serious', 'critical'].includes(violation.impact))
    .map((violation) => `${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join('; ')}`);
}

test('axe: no serious or critical violation on the Quality log (light and dark, confirm step open)', async () => {
  for (const theme of ['light', 'dark']) {
    await page.evaluate((value) => { document.documentElement.dataset.theme = value; }, theme);
    await page.locator('#quality-clear').click();
    await page.locator('#quality-confirm').waitFor();
    assert.deepEqual(await axeViolations(), [], theme);
    await page.getByRole('button', { name: 'Keep it' }).click();
  }
  await page.evaluate(() => { document.documentElement.dataset.theme = 'light'; });
});

test('Clear empties the log after a confirmation', async () => {
  await page.locator('#quality-clear').click();
  await page.locator('#quality-clear-yes').click();
  await page.locator('#quality-empty').waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('ketadose-quality-log')), null);
  assert.ok(await page.locator('#quality-export-csv').isDisabled());
});

test('a site with "quality_log": false records nothing and the screen says the log is off', async () => {
  // A site is read only by a build made with it (branch webedge: build-info.json says a site is expected, with its
  // checksum; a site.json dropped beside a build made without one is never requested), so build one with it.
  siteDist = await buildWithSite(JSON.stringify({ schemaVersion: 1, institution: 'Test Hospital', quality_log: false }));
  siteServer = await serveDist('/', siteDist);
  const at = siteServer.origin;
  const sitePage = await context.newPage();
  const pageBefore = page;
  page = sitePage;
  await page.goto(`${at}/index.html`);
  await page.evaluate(() => localStorage.clear());
  await open(REFUSED, at);
  await open(ON_HOLD, at);
  await page.locator('#plan-results .ack input[type="checkbox"]').first().check();
  await waitForPlan(page);
  assert.deepEqual(await stored(), []);
  await page.locator('.nav-button[data-screen="quality"]').click();
  assert.match(await page.locator('#quality-off').innerText(), /switches the log off/);
  page = pageBefore;
});

test('no request left the origin and no script error occurred', () => {
  assert.deepEqual(seen.outside, []);
  assert.deepEqual(seen.errors, []);
});
