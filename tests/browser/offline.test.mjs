// Offline use: after one visit the app loads and computes with the network off; a new version is announced,
// installs whole (every file checked against its hash) and is applied on reload, never mixed with the old one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, serveDist, planLink, watch, waitForPlan, resultsText, typeInto, distDir, EXAMPLE_PLAN } from './browser.mjs';
import { writeServiceWorker } from '../../scripts/build-site.mjs';

let browser; let server; let origin; let site;
before(async () => {
  // A copy of the built site that the update test can change as a new release would.
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'ketadose-offline-'));
  fs.cpSync(distDir, site, { recursive: true });
  ({ server, origin } = await serveDist('/', site));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

/** This instance's version caches (names carry the scope; the runtime cache left out). */
async function versionCaches(page) {
  return page.evaluate(async () => {
    const prefix = `ketadose ${(await navigator.serviceWorker.getRegistration()).scope} `;
    return (await caches.keys()).filter((name) => name.startsWith(prefix) && name !== `${prefix}runtime`)
      .map((name) => name.slice(prefix.length));
  });
}

/** Waits until the service worker has stored this version and reports it. */
async function waitForOfflineCopy(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => /Offline copy ready/.test(document.getElementById('offline-status')?.textContent),
    null, { timeout: 20000 });
}

/** Publishes a "new release" of the copied site: a visible change in index.html, then a new precache list. */
function release(marker, dir = site) {
  const index = path.join(dir, 'index.html');
  const html = fs.readFileSync(index, 'utf8').replace(/<p id="release">[^<]*<\/p>|<\/footer>/,
    (found) => (found === '</footer>' ? `<p id="release">${marker}</p></footer>` : `<p id="release">${marker}</p>`));
  fs.writeFileSync(index, html);
  return writeServiceWorker(dir);
}

/** Asks the page's service worker for the published release and applies it; resolves once the page reloaded. */
async function updateAndApply(page) {
  await Promise.all([
    page.waitForNavigation({ timeout: 30000 }),
    page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration.update();
      const worker = registration.installing || registration.waiting;
      if (worker.state !== 'installed') {
        await new Promise((resolve) => worker.addEventListener('statechange', () => worker.state === 'installed' && resolve()));
      }
      worker.postMessage({ type: 'activate' });
    }).catch(() => { /* the page may already be reloading */ }),
  ]);
}

test('after one visit the page loads and computes with the network off', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = watch(page, origin);
  await page.goto(`${origin}/index.html${planLink(EXAMPLE_PLAN)}`);
  await waitForPlan(page);
  await waitForOfflineCopy(page);
  await context.setOffline(true);
  await page.reload();
  await waitForPlan(page);
  // 0.5 mg/kg/h x 70 kg / 1 mg/mL = 35 mL/h; 0.35 mg/kg x 70 kg = 24.5 mg = 2.45 mL, drawn as 2.4 mL (0.1 mL steps).
  const text = await resultsText(page);
  assert.ok(text.includes('35 mL/h') && text.includes('2.4 mL'), text);
  // Offline, the core still computes a new entry: 1 mg/kg/h x 70 kg / 1 mg/mL = 70 mL/h.
  await typeInto(page, 'infusion.rate', '1');
  await page.waitForFunction(() => document.querySelector('#plan-results').innerText.includes('70 mL/h'));
  assert.deepEqual(seen.outside, []);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('offline works the same when the app is served under a sub-path', async () => {
  const sub = await serveDist('/apps/ketadose/', distDir);
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = watch(page, sub.origin);
  await page.goto(`${sub.origin}/apps/ketadose/${planLink(EXAMPLE_PLAN)}`);
  await waitForPlan(page);
  await waitForOfflineCopy(page);
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope),
    `${sub.origin}/apps/ketadose/`);
  await context.setOffline(true);
  await page.reload();
  await waitForPlan(page);
  assert.ok((await resultsText(page)).includes('35 mL/h'));
  assert.deepEqual(seen.outside, []);
  await context.close();
  sub.server.close();
});

test('a new version is announced, applied on reload, and replaces the old one whole', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/index.html${planLink(EXAMPLE_PLAN)}`);
  await waitForOfflineCopy(page);
  await page.reload(); // now controlled by the service worker
  await waitForPlan(page);
  assert.ok(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)));
  const oldVersion = await versionCaches(page);

  const second = release('release two');
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  const banner = page.locator('#update-banner');
  await banner.waitFor({ state: 'visible', timeout: 20000 });
  assert.match(await banner.innerText(), /new version/i);
  // Until the user reloads, the open page keeps running the old version.
  assert.equal(await page.locator('#release').count(), 0);
  await typeInto(page, 'infusion.duration_h', '3');
  await page.waitForFunction(() => document.querySelector('#plan-results').innerText.includes('105 mg')); // 35 mg/h x 3 h

  await Promise.all([page.waitForNavigation(), banner.getByRole('button', { name: 'Reload now' }).click()]);
  await waitForPlan(page);
  assert.equal(await page.locator('#release').innerText(), 'release two');
  // The edited plan was never written into the address (nothing about the patient is kept): the new version
  // starts with an empty form.
  assert.equal(await page.evaluate(() => location.hash), '');
  assert.equal(await page.locator('input[data-path="patient.weight"]').inputValue(), '');
  assert.deepEqual(await versionCaches(page), [second], `old cache ${oldVersion} removed`);

  // A plain reload also applies a waiting version (the page has nothing to lose just after loading).
  const third = release('release three');
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration.update();
    const worker = registration.installing || registration.waiting;
    if (worker && worker.state !== 'installed') {
      await new Promise((resolve) => worker.addEventListener('statechange', () => worker.state === 'installed' && resolve()));
    }
  });
  await page.reload();
  await page.waitForFunction(() => document.getElementById('release')?.textContent === 'release three', null, { timeout: 20000 });
  await waitForPlan(page);
  assert.deepEqual(await versionCaches(page), [third]);
  await context.close();
});

test('a version whose files do not match their hashes is not installed', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/index.html`);
  await waitForOfflineCopy(page);
  const before = await versionCaches(page);
  // A half-copied deployment: sw.js lists a new index.html, but the server still has different bytes.
  release('release four');
  fs.appendFileSync(path.join(site, 'index.html'), '\n<!-- changed after the list was made -->\n');
  const outcome = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration.update();
    const worker = registration.installing;
    if (!worker) return 'no install';
    return new Promise((resolve) => worker.addEventListener('statechange', () => {
      if (worker.state === 'redundant' || worker.state === 'installed') resolve(worker.state);
    }));
  });
  assert.equal(outcome, 'redundant');
  const after = await versionCaches(page);
  assert.deepEqual(after, before, 'the working version stays');
  await context.close();
});

test('two instances under two sub-paths of one origin both stay offline-ready after each updates', async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'ketadose-two-'));
  for (const name of ['a', 'b']) fs.cpSync(distDir, path.join(parent, name), { recursive: true });
  const both = await serveDist('/', parent);
  const context = await browser.newContext();
  try {
    const pages = {};
    for (const name of ['a', 'b']) {
      pages[name] = await context.newPage();
      await pages[name].goto(`${both.origin}/${name}/${planLink(EXAMPLE_PLAN)}`);
      await waitForPlan(pages[name]);
      await waitForOfflineCopy(pages[name]);
      await pages[name].reload(); // controlled from here on
      await waitForPlan(pages[name]);
    }
    // Each instance publishes and applies a release of its own; neither may remove the other's offline copy.
    const versions = {};
    for (const name of ['a', 'b']) {
      versions[name] = release(`${name} two`, path.join(parent, name));
      await updateAndApply(pages[name]);
      await waitForPlan(pages[name]);
      await pages[name].waitForFunction((marker) => document.getElementById('release')?.textContent === marker, `${name} two`);
    }
    for (const name of ['a', 'b']) assert.deepEqual(await versionCaches(pages[name]), [versions[name]], name);
    await context.setOffline(true);
    for (const name of ['a', 'b']) {
      await pages[name].reload();
      await waitForPlan(pages[name]);
      assert.ok((await resultsText(pages[name])).includes('35 mL/h'), `${name} computes offline`);
      assert.equal(await pages[name].locator('#release').innerText(), `${name} two`);
    }
  } finally {
    await context.close();
    both.server.close();
    fs.rmSync(parent, { recursive: true, force: true });
  }
});

test('a cached file altered after install is not served: it is fetched again, or refused offline', async (t) => {
  const own = await serveDist('/', distDir);
  t.after(() => own.server.close());
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${own.origin}/index.html${planLink(EXAMPLE_PLAN)}`);
  await waitForOfflineCopy(page);
  await page.reload();
  await waitForPlan(page);
  const tamper = () => page.evaluate(async () => {
    const scope = (await navigator.serviceWorker.getRegistration()).scope;
    const prefix = `ketadose ${scope} `;
    const name = (await caches.keys()).find((key) => key.startsWith(prefix) && key !== `${prefix}runtime`);
    const cache = await caches.open(name);
    await cache.put(`${scope}index.html`, new Response('<!doctype html><p id="tampered">TAMPERED</p>',
      { headers: { 'Content-Type': 'text/html' } }));
  });
  await tamper();
  await page.reload();
  await waitForPlan(page);
  assert.equal(await page.locator('#tampered').count(), 0, 'online: the altered copy is replaced by the listed file');
  await tamper();
  await context.setOffline(true);
  await page.reload().catch(() => { /* offline with a damaged copy: the navigation fails, as it should */ });
  assert.equal(await page.locator('#tampered').count(), 0, 'offline: the altered copy is never run');
  await context.close();
});

test('the Learn text, never opened online, is precached and opens with the network off (issue 13)', async (t) => {
  // Its own server over the built site: the update tests above publish "new releases" into the shared copy, and this
  // test is about one install of one build.
  const own = await serveDist('/', distDir);
  t.after(() => own.server.close());
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = watch(page, own.origin);
  await page.goto(`${own.origin}/index.html${planLink(EXAMPLE_PLAN)}`);
  await waitForPlan(page);
  await waitForOfflineCopy(page);
  await context.setOffline(true);
  await page.reload();
  await waitForPlan(page);
  await page.locator('.nav-button[data-screen="learn"]').click();
  await page.locator('#topic-heading').waitFor();
  assert.ok((await page.locator('.topic-view .lede').innerText()).length > 40, 'the first topic\'s summary, offline');
  assert.deepEqual(seen.outside, []);
  assert.deepEqual(seen.errors, []);
  await context.close();
});
