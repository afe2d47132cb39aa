// A hospital's site.json beside index.html: its tightened limits are enforced and marked site-modified, its
// settings page lists every difference, the print-out carries its checksum, it keeps working offline; a broken
// one is reported field by field and the built-in defaults apply.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, serveDist, planLink, watch, waitForPlan, resultsText, distDir, EXAMPLE_PLAN } from './browser.mjs';
import { root } from '../node/wasm-module.mjs';

const example = fs.readFileSync(path.join(root, 'docs', 'site.example.json'), 'utf8');
// The example site doses on adjusted weight by default; this plan chooses actual weight, as a link may.
const PLAN = { ...EXAMPLE_PLAN, dosing_weight: 'actual' };
let browser; let good; let broken; const dirs = [];

function siteCopy(siteJson) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketadose-site-'));
  fs.cpSync(distDir, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'site.json'), siteJson);
  dirs.push(dir);
  return serveDist('/', dir);
}

before(async () => {
  good = await siteCopy(example);
  const brokenJson = JSON.parse(example);
  brokenJson.stocked_concentrations_mg_per_ml = [10, -5];
  delete brokenJson.institution;
  broken = await siteCopy(JSON.stringify(brokenJson));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  good?.server.close();
  broken?.server.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

test('without a choice the site\'s default dosing weight applies', async () => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const request = { ...EXAMPLE_PLAN, patient: { weight: 100, weight_unit: 'kg', height_cm: 175, sex: 'male' } };
  await page.goto(`${good.origin}/index.html${planLink(request)}`);
  await waitForPlan(page);
  // Devine IBW, male, 175 cm = 68.898 in: 50 + 2.3 x 8.898 = 70.465 kg; adjusted = 70.465 + 0.4 x (100 - 70.465)
  // = 82.279 kg (the core's figures, rounded to 3 places).
  assert.match(await resultsText(page), /DOSE ON \(ADJUSTED WEIGHT\)\s*82\.279 kg/i);
  assert.ok(await page.locator('input[name="dosing-weight"][value="adjusted"]').isChecked());
  await context.close();
});

test('a site.json is in force: tightened limit enforced and marked, differences listed, checksum printed', async () => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const seen = watch(page, good.origin);
  await page.goto(`${good.origin}/index.html${planLink(PLAN)}`);
  await waitForPlan(page);
  assert.equal(await page.locator('#site-name').innerText(), 'St Elsewhere Hospital, Pain Service');
  // The site caps the bolus at 0.25 mg/kg (the guideline says 0.35): the 0.35 mg/kg bolus is flagged, site-modified.
  const flagged = page.locator('.alert[data-code="above-protocol-range"]');
  await flagged.waitFor();
  assert.match(await flagged.innerText(), /site-modified/);
  assert.match(await page.locator('#regimen-about').innerText(), /at most 0\.25 mg\/kg site-modified/);
  // The hidden regimen is gone from the chooser.
  assert.equal(await page.locator('#regimen option[value="intranasal-s-ketamine"]').count(), 0);
  // Stocked concentrations come from the site: 10 and 50 mg/mL, no 100.
  assert.deepEqual(await page.locator('[data-chip-for="bolus.concentration_mg_per_ml"]').allInnerTexts(), ['10 mg/mL', '50 mg/mL']);
  const checksum = await page.evaluate(async () => (await (await import('./js/core.js')).siteStatus()).site.checksum);
  assert.match(checksum, /^[0-9a-f]{64}$/);
  assert.ok((await page.locator('#print-sheet').textContent()).includes(checksum), 'the print-out carries the checksum');
  await page.locator('.nav-button[data-screen="site"]').click();
  const settings = await page.locator('#screen-site').innerText();
  assert.match(settings, /regimens\.chronic-iv-outpatient\.bolus\.dose_mg_per_kg\.max\s+Tightened\s+0\.35\s+0\.25/);
  assert.ok(settings.includes(checksum));
  assert.deepEqual(seen.outside, []);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('the site configuration still applies offline', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${good.origin}/index.html${planLink(PLAN)}`);
  await waitForPlan(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload(); // controlled: site.json now goes through the service worker and is kept
  await waitForPlan(page);
  await context.setOffline(true);
  await page.reload();
  await waitForPlan(page);
  assert.equal(await page.locator('#site-name').innerText(), 'St Elsewhere Hospital, Pain Service');
  assert.match(await resultsText(page), /site-modified/);
  await context.close();
});

test('a broken site.json is reported field by field and the guideline defaults apply', async () => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${broken.origin}/index.html${planLink(PLAN)}`);
  await waitForPlan(page);
  const banner = page.locator('#site-banner');
  assert.ok(await banner.isVisible());
  const text = await banner.innerText();
  assert.match(text, /built-in guideline defaults/);
  assert.match(text, /site\.institution/);
  assert.match(text, /site\.stocked_concentrations_mg_per_ml/);
  // Defaults: every regimen, the guideline's 0.35 mg/kg bolus limit (no site alert), no site settings screen.
  assert.equal(await page.locator('#regimen option[value="intranasal-s-ketamine"]').count(), 1);
  assert.equal(await page.locator('.alert[data-code="above-protocol-range"]').count(), 0);
  assert.equal(await page.locator('.nav-button[data-screen="site"]').count(), 0);
  // 0.35 mg/kg x 70 kg = 24.5 mg = 2.45 mL, drawn as 2.4 mL, as without a site.
  assert.ok((await resultsText(page)).includes('2.4 mL'));
  await context.close();
});
