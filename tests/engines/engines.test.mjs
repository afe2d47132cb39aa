// The engines a bedside tablet runs besides Chromium: Firefox ESR (Debian's firefox-esr, driven by npm
// puppeteer-core over WebDriver BiDi) and WebKit, the engine of Safari (Debian's webkit2gtk-driver:
// WebKitWebDriver starting MiniBrowser --automation under xvfb-run, driven over plain HTTP WebDriver with fetch).
// Each engine starts once and opens the example plan link, the pump check and the Learn screen's evidence search.
// Run: node --test tests/engines/ (needs dist/: node scripts/build-site.mjs dist).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { serveDist, planLink, EXAMPLE_PLAN } from '../browser/browser.mjs';

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const WAIT_MS = 60000; // how long a step may take before the test gives up (a hang guard, not a timing check)

let server; let origin;
before(async () => { ({ server, origin } = await serveDist()); });
after(() => server?.close());

// ---- the scenario, written once as in-page scripts (each engine runs the same source) ----

/** Page-side: waits until condition holds (polling), then goes on. Source text, run in the page. */
const waitInPage = (condition) => `{
  const deadline = Date.now() + ${WAIT_MS};
  const ok = () => { try { return Boolean(${condition}); } catch (error) { return false; } };
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for: ' + ${JSON.stringify(condition)});
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}`;

/** Page-side: types text into an input the way the app listens to it (an input event). */
const typeInPage = (selector, text) => `{
  const input = document.querySelector(${JSON.stringify(selector)});
  input.value = ${JSON.stringify(text)};
  input.dispatchEvent(new Event('input', { bubbles: true }));
}`;

const clickInPage = (selector) => `document.querySelector(${JSON.stringify(selector)}).click();`;

const STEPS = {
  // The example plan from a shared link: 0.5 mg/kg/h x 70 kg = 35 mg/h; at 1 mg/mL that is 35 mL/h.
  plan: `${waitInPage(`document.body.dataset.ready === 'true' && document.querySelector('#plan-results').dataset.drawn === 'all' && /35 mL\\/h/.test(document.querySelector('#plan-results').innerText)`)}
    return { results: document.querySelector('#plan-results').innerText, unsupported: document.documentElement.dataset.unsupported || '' };`,
  pump: `${clickInPage('.nav-button[data-screen="pump"]')}
    ${waitInPage(`document.querySelector('#pump-rate')`)}
    ${typeInPage('#pump-rate', '35')} ${typeInPage('#pump-bag', '1')}
    ${waitInPage(`/Matches the plan/.test(document.querySelector('#pump-result').innerText)`)}
    return document.querySelector('#pump-result').innerText;`,
  learn: `${clickInPage('.nav-button[data-screen="learn"]')}
    ${waitInPage(`document.querySelector('#topic-heading')`)}
    ${typeInPage('#evidence-search', 'esketamine')}
    ${waitInPage(`/mention/.test(document.querySelector('#topic-heading').textContent)`)}
    return { heading: document.querySelector('#topic-heading').textContent, hits: document.querySelectorAll('.search-hits li').length };`,
};

function scenario(engine, runStep, openLink) {
  test(`${engine}: the example plan link shows the pump rate`, async () => {
    await openLink(`${origin}/index.html${planLink(EXAMPLE_PLAN)}`);
    const { results, unsupported } = await runStep(STEPS.plan);
    assert.equal(unsupported, '', 'the browser check must pass in this engine');
    assert.match(results, /35 mL\/h/);
    // The bolus: 0.35 mg/kg x 70 kg = 24.5 mg = 2.45 mL of 10 mg/mL, drawn in 0.1 mL syringe steps as 2.4 mL = 24 mg.
    assert.match(results, /2\.4 mL/);
    assert.match(results, /\b24 mg/);
  });
  test(`${engine}: the pump check confirms the matching setting`, async () => {
    assert.match(await runStep(STEPS.pump), /Matches the plan/);
  });
  test(`${engine}: Learn finds the S-ketamine sections when searched as esketamine`, async () => {
    const { heading, hits } = await runStep(STEPS.learn);
    assert.match(heading, /section/);
    assert.ok(hits > 0, `esketamine found ${hits} sections`);
  });
}

// ---- Firefox ESR: puppeteer-core over WebDriver BiDi ----

describe('Firefox ESR', () => {
  let browser; let page;
  before(async () => {
    assert.ok(fs.existsSync(FIREFOX), `${FIREFOX} is missing: apt-get install firefox-esr`);
    const { default: puppeteer } = await import('puppeteer-core');
    browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true,
      protocol: 'webDriverBiDi', extraPrefsFirefox: { 'network.proxy.type': 0, 'app.update.enabled': false } });
    page = await browser.newPage();
    await page.setViewport({ width: 1180, height: 820 });
  });
  after(async () => { await browser?.close(); });
  scenario('Firefox', (source) => page.evaluate(`(async () => { ${source} })()`),
    (url) => page.goto(url, { waitUntil: 'load' }));
});

// ---- WebKit: WebKitWebDriver over plain HTTP WebDriver ----

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => { const { port } = probe.address(); probe.close(() => resolve(port)); });
  });
}

describe('WebKit', () => {
  let driver; let base; let session;
  async function call(method, path, body) {
    const response = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await response.json();
    if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${JSON.stringify(json.value)}`);
    return json.value;
  }
  before(async () => {
    assert.ok(fs.existsSync(WEBKIT_DRIVER), `${WEBKIT_DRIVER} is missing: apt-get install webkit2gtk-driver xvfb`);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    driver = spawn('xvfb-run', ['-a', WEBKIT_DRIVER, `--port=${port}`], { detached: true, stdio: 'ignore' });
    for (let tries = 0; ; tries += 1) { // the driver listens once it has started
      try { await call('GET', '/status'); break; } catch (error) {
        if (tries > WAIT_MS / 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const created = await call('POST', '/session', { capabilities: { alwaysMatch: {
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } } });
    session = created.sessionId;
    await call('POST', `/session/${session}/timeouts`, { script: WAIT_MS * 2, pageLoad: WAIT_MS });
    await call('POST', `/session/${session}/window/rect`, { width: 1180, height: 820 }).catch(() => {});
  });
  after(async () => {
    if (session) await call('DELETE', `/session/${session}`).catch(() => {});
    if (driver?.pid) { try { process.kill(-driver.pid, 'SIGTERM'); } catch { /* already gone */ } }
  });
  scenario('WebKit', (source) => call('POST', `/session/${session}/execute/async`, {
    script: `const done = arguments[arguments.length - 1];
      (async () => { ${source} })().then((value) => done({ value }), (error) => done({ error: String(error) }));`,
    args: [],
  }).then((result) => { if (result?.error) throw new Error(result.error); return result.value; }),
  (url) => call('POST', `/session/${session}/url`, { url }));
});
