// The page and its core from one build, and printing what may be used: a page stamped for another core refuses
// to compute, and a refused or on-hold plan prints every block marked not for use, however printing is started.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, serveDist, planLink, waitForPlan, distDir, EXAMPLE_PLAN } from './browser.mjs';

let browser; let server; let origin;
before(async () => {
  ({ server, origin } = await serveDist('/', distDir));
  browser = await launch();
});
after(async () => { await browser?.close(); server?.close(); });

test('a page stamped for another build of the core computes nothing and says reload', async (t) => {
  // A partial update: the page's scripts are from one build, ketadose.js/.wasm from another (HTTP cache).
  const mixed = fs.mkdtempSync(path.join(os.tmpdir(), 'ketadose-mixed-'));
  t.after(() => fs.rmSync(mixed, { recursive: true, force: true }));
  fs.cpSync(distDir, mixed, { recursive: true });
  const id = fs.readFileSync(path.join(distDir, 'build-info.json'), 'utf8').match(/"core_build": "([0-9a-f]{16})"/)[1];
  // The stamp sits in whichever bundled file holds web/js/build-check.js (scripts/build-site.mjs bundles the page).
  const check = fs.readdirSync(path.join(mixed, 'js')).map((file) => path.join(mixed, 'js', file))
    .find((file) => fs.readFileSync(file, 'utf8').includes(id)) || path.join(mixed, 'js', 'build-check.js');
  const stamped = fs.readFileSync(check, 'utf8');
  assert.ok(stamped.includes(id), 'the build stamps the core id into the page');
  fs.writeFileSync(check, stamped.replace(id, '0123456789abcdef'));
  const other = await serveDist('/', mixed);
  t.after(() => other.server.close());
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${other.origin}/index.html${planLink(EXAMPLE_PLAN)}`);
  const boot = page.locator('#boot-status');
  await page.waitForFunction(() => /different versions/.test(document.getElementById('boot-status')?.textContent));
  assert.match(await boot.innerText(), /Reload/);
  assert.equal(await page.locator('#plan-status').count(), 0, 'no plan is computed');
  await page.context().close();
});

test('the page and core of one build start, and the print stamp names content version and hash', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${origin}/index.html${planLink(EXAMPLE_PLAN)}`);
  await waitForPlan(page);
  const stamp = await page.locator('.print-header').textContent();
  assert.match(stamp, /content version \S+ \(content hash [0-9a-f]{16}, core [0-9a-f]{16}\)/);
  await page.context().close();
});

/** The "not for use" marks a print would show, read with print media emulated. */
async function printMarks(page) {
  await page.emulateMedia({ media: 'print' });
  return page.evaluate(() => ({
    use: document.body.dataset.planUse,
    cards: [...document.querySelectorAll('#plan-results .card.result')]
      .map((card) => getComputedStyle(card, '::before').content),
    sheet: document.querySelector('#print-sheet .not-for-use')?.textContent || '',
  }));
}

test('a refused plan prints every block marked not for use (Ctrl+P as well as the button)', async () => {
  const page = await (await browser.newContext()).newPage();
  // 1.5 mg/kg bolus: at or above the anaesthetic range, a hard alert (content/rules.json), so refused.
  const refused = { ...EXAMPLE_PLAN, bolus: { ...EXAMPLE_PLAN.bolus, dose_mg_per_kg: 1.5 } };
  await page.goto(`${origin}/index.html${planLink(refused)}`);
  await waitForPlan(page);
  const marks = await printMarks(page);
  assert.equal(marks.use, 'not-for-use');
  assert.ok(marks.cards.length >= 3, `${marks.cards.length} result blocks`);
  for (const content of marks.cards) assert.match(content, /NOT FOR USE/);
  assert.match(marks.sheet, /NOT FOR USE/);
  await page.context().close();
});

test('an on-hold plan prints marked too, and a released plan prints unmarked', async () => {
  const page = await (await browser.newContext()).newPage();
  // The example's 0.35 mg/kg bolus needs a monitored setting (Cohen 2018 Q6): a soft alert, so on hold.
  await page.goto(`${origin}/index.html${planLink(EXAMPLE_PLAN)}`);
  await waitForPlan(page);
  assert.equal((await printMarks(page)).use, 'not-for-use');
  await page.emulateMedia({ media: 'screen' });
  // Without the bolus, 0.5 mg/kg/h x 4 h at 70 kg raises no alert: ready, printed unmarked.
  const { bolus, ...infusionOnly } = EXAMPLE_PLAN;
  assert.ok(bolus);
  await page.goto(`${origin}/index.html${planLink(infusionOnly)}`);
  await page.reload();
  await waitForPlan(page);
  const marks = await printMarks(page);
  assert.equal(marks.use, 'ready');
  for (const content of marks.cards) assert.equal(content, 'none');
  assert.equal(marks.sheet, '');
  await page.context().close();
});

test('the built site carries the licence and the third-party notices', () => {
  const notices = fs.readFileSync(path.join(distDir, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
  for (const text of ['nlohmann/json', 'Emscripten', 'musl libc', 'dlmalloc', 'LLVM Exceptions']) assert.ok(notices.includes(text), text);
  assert.match(fs.readFileSync(path.join(distDir, 'LICENSE.txt'), 'utf8'), /MIT License/);
});

test('the header draws the mark inline exactly as icons/icon.svg (the favicon and the installed icon) does', async () => {
  // Inline, so the first screen builds no separate SVG document (web/index.html says why); the two copies must not drift.
  const shapes = (svg) => [...svg.matchAll(/<(rect|path)\b([^>]*?)\/?>/g)].map(([, tag, attributes]) => `${tag} ${attributes.trim().replace(/\s+/g, ' ')}`);
  const file = shapes(fs.readFileSync(path.join(distDir, 'icons/icon.svg'), 'utf8'));
  const index = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const inline = index.match(/<h1 class="brand">(<svg[^]*?<\/svg>)/);
  assert.ok(inline, 'index.html has no inline mark in its heading');
  assert.ok(file.length >= 4, 'icons/icon.svg has lost its shapes');
  assert.deepEqual(shapes(inline[1]), file);
  assert.match(inline[1], /aria-hidden="true"/, 'the mark is decoration: the heading text names the app');
  assert.doesNotMatch(index, /<img[^>]+icon\.svg/, 'the header went back to an <img> of the SVG');
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  try {
    await page.goto(`${origin}/index.html`);
    const box = await page.locator('.brand-mark').boundingBox();
    assert.ok(box && box.width === 28 && box.height === 28, `phone-sized mark drawn ${JSON.stringify(box)}`);
  } finally {
    await page.close();
  }
});
