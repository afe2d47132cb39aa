// The browser check (web/js/support.js, issue 14): a browser without what the core needs (WebAssembly with
// exception handling, allowed by the CSP's 'wasm-unsafe-eval'; ES modules) is told so plainly, and the app
// does not start half-way. The engine's lack is simulated in Chromium by an init script.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serveDist, watch } from './browser.mjs';

let browser; let server; let origin;
before(async () => { ({ server, origin } = await serveDist()); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

async function pageWith(initScript) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  if (initScript) await page.addInitScript(initScript);
  const seen = watch(page, origin);
  await page.goto(`${origin}/index.html`);
  return { page, seen };
}

test('without WebAssembly exception handling the page says plainly that it cannot run here', async () => {
  const { page, seen } = await pageWith(() => { WebAssembly.validate = () => false; });
  await page.waitForFunction(() => /cannot run ketadose/.test(document.getElementById('boot-status')?.textContent));
  const text = await page.locator('#boot-status').innerText();
  assert.match(text, /lacks WebAssembly exception handling/);
  assert.match(text, /Chrome or Edge 97 or later, Firefox 102 or later, or Safari 16 or later/);
  assert.equal(await page.locator('#boot-status').getAttribute('role'), 'alert');
  assert.equal(await page.locator('.nav-button').count(), 0, 'the app does not start');
  assert.deepEqual(seen.errors, []);
});

test('when the security policy refuses to compile WebAssembly the page says so', async () => {
  const { page } = await pageWith(() => {
    WebAssembly.Module = function refused() { throw new WebAssembly.CompileError('refused by CSP'); };
  });
  await page.waitForFunction(() => /cannot run ketadose/.test(document.getElementById('boot-status')?.textContent));
  assert.match(await page.locator('#boot-status').innerText(), /'wasm-unsafe-eval'/);
});

test('a current Chromium passes the check and the app starts', async () => {
  const { page, seen } = await pageWith(null);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.unsupported), undefined);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.csp, []);
});
