// The single-file build (./run --single-file) opened straight from disk: it computes a plan from a shared
// link with no request at all, and a site.json built into it is enforced.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { launch, planLink } from './browser.mjs';
import { root } from '../node/wasm-module.mjs';

let browser; let work;
const request = {
  action: 'plan', protocol: 'chronic-iv-outpatient', patient: { weight: 70, weight_unit: 'kg' }, dosing_weight: 'actual',
  bolus: { dose_mg_per_kg: 0.35, concentration_mg_per_ml: 10, over_min: 10 },
  infusion: { rate_mg_per_kg_per_h: 0.5, duration_h: 4, concentration_mg_per_ml: 1 },
};

function buildSingle(name, extra = []) {
  const out = path.join(work, name);
  execFileSync('node', [path.join(root, 'scripts', 'build-single-file.mjs'), '--out', out, ...extra], { stdio: 'pipe' });
  return out;
}

async function open(file) {
  const page = await browser.newPage();
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url()); });
  await page.goto(`${pathToFileURL(file).href}${planLink(request)}`);
  // 0.35 mg/kg x 70 kg = 24.5 mg; 0.5 mg/kg/h x 70 kg / 1 mg/mL = 35 mL/h; 35 mg/h x 4 h = 140 mg.
  await page.waitForFunction(() => document.body.innerText.includes('35 mL/h') &&
    document.querySelector('#plan-results')?.dataset.drawn === 'all', null, { timeout: 20000 });
  return { page, requests };
}

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ketadose-single-'));
  browser = await launch();
});
after(async () => { await browser?.close(); fs.rmSync(work, { recursive: true, force: true }); });

test('opened from disk, a shared link shows the plan and nothing is requested', async () => {
  const { page, requests } = await open(buildSingle('ketadose.html'));
  const text = await page.locator('body').innerText();
  // 24.5 mg = 2.45 mL of 10 mg/mL, drawn as 2.4 mL = 24 mg (a syringe's 0.1 mL steps, rounded down).
  for (const figure of ['24 mg', '2.4 mL', '35 mL/h', '140 mg']) assert.ok(text.includes(figure), figure);
  assert.deepEqual(requests, []);
  await page.close();
});

test('a site.json built into the single file is enforced', async () => {
  // docs/site.example.json lowers the outpatient bolus maximum to 0.25 mg/kg: 0.35 mg/kg is now above it.
  const file = buildSingle('ketadose-site.html', ['--site', path.join(root, 'docs', 'site.example.json')]);
  const { page, requests } = await open(file);
  await page.waitForFunction(() => document.body.innerText.includes('St Elsewhere'), null, { timeout: 20000 });
  const text = await page.locator('body').innerText();
  assert.match(text, /0\.25 mg\/kg/);
  assert.deepEqual(requests, []);
  await page.close();
});

test('a site.json holding "<!--<script" or "</script>" cannot break the single file', async () => {
  // Before the fix only "</script" was escaped: "<!--<script" inside an embedded block swallowed the page.
  const site = JSON.parse(fs.readFileSync(path.join(root, 'docs', 'site.example.json'), 'utf8'));
  site.institution = 'St Elsewhere <!--<script> </script> <!-- ward 5';
  const sitePath = path.join(work, 'hostile-site.json');
  fs.writeFileSync(sitePath, JSON.stringify(site, null, 2));
  const file = buildSingle('ketadose-hostile.html', ['--site', sitePath]);
  const html = fs.readFileSync(file, 'utf8');
  const { page, requests } = await open(file);
  await page.waitForFunction(() => document.body.innerText.includes('St Elsewhere'), null, { timeout: 20000 });
  assert.ok((await page.locator('#site-name').innerText()).includes('<!--<script> </script> <!-- ward 5'),
    'the name is shown as text, whole');
  // The checksum the page prints is still the SHA-256 of the file's own bytes.
  const { createHash } = await import('node:crypto');
  const checksum = createHash('sha256').update(fs.readFileSync(sitePath)).digest('hex');
  await page.waitForFunction((sum) => document.documentElement.innerHTML.includes(sum), checksum, { timeout: 20000 });
  assert.deepEqual(requests, []);
  // No embedded block carries a raw "<" sequence that HTML would act on.
  for (const [, body] of html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)) {
    assert.doesNotMatch(body, /<!--|<script/i);
  }
  await page.close();
});

test('the licence and the third-party notices travel inside the single file', async () => {
  const html = fs.readFileSync(buildSingle('ketadose-notices.html'), 'utf8');
  for (const text of ['MIT License', 'nlohmann/json', 'Emscripten', 'musl libc', 'LLVM Exceptions']) {
    assert.ok(html.includes(text), text);
  }
});

test('the Learn screen works from the single file, its text carried inline (issue 13)', async () => {
  const { page, requests } = await open(buildSingle('ketadose-learn.html'));
  await page.locator('.nav-button[data-screen="learn"]').click();
  await page.locator('#topic-heading').waitFor();
  assert.ok((await page.locator('.topic-view .lede').innerText()).length > 40, 'the first topic\'s summary');
  await page.locator('.subnav button[data-part="drills"]').click();
  await page.locator('#learn-drills .card').first().waitFor();
  assert.doesNotMatch(await page.locator('#learn-drills').innerText(), /not in this build|could not be loaded/);
  assert.deepEqual(requests, []);
  await page.close();
});
