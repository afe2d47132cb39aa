// Real server: serves dist/ with Debian's nginx using the documented configs in docs/deploy/ (at the root
// and under /apps/ketadose/), checks the headers that matter, and loads a plan in Chromium through each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { launch, distDir, planLink } from '../browser/browser.mjs';
import { root } from '../node/wasm-module.mjs';

const NGINX = process.env.NGINX || '/usr/sbin/nginx';
const deployDocs = path.join(root, 'docs', 'deploy');
const BROTLI_STATIC = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so'; // libnginx-mod-http-brotli-static
let work; let nginx; let browser; let rootOrigin; let subOrigin;

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url) {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(url)).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nginx did not answer at ${url}: ${fs.readFileSync(path.join(work, 'error.log'), 'utf8')}`);
}

// The documented config with only paths and ports substituted, so the test proves the documentation.
function documented(name, substitutions) {
  let text = fs.readFileSync(path.join(deployDocs, name), 'utf8');
  for (const [from, to] of substitutions) text = text.split(from).join(to);
  return text;
}

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ketadose-nginx-'));
  fs.chmodSync(work, 0o755);  // nginx workers run as an unprivileged user
  fs.mkdirSync(path.join(work, 'sub', 'apps'), { recursive: true });
  fs.symlinkSync(distDir, path.join(work, 'sub', 'apps', 'ketadose'));
  const [rootPort, subPort] = [await freePort(), await freePort()];
  const snippet = path.join(deployDocs, 'ketadose-headers.conf');
  const common = [['/etc/nginx/snippets/ketadose-headers.conf', snippet]];
  fs.writeFileSync(path.join(work, 'root.conf'),
    documented('nginx-root.conf', [...common, ['/srv/ketadose', distDir], ['listen 8080', `listen 127.0.0.1:${rootPort}`]]));
  fs.writeFileSync(path.join(work, 'sub.conf'),
    documented('nginx-subpath.conf', [...common, ['/srv/sub', path.join(work, 'sub')], ['listen 8081', `listen 127.0.0.1:${subPort}`]]));
  const temp = (name) => `${name}_temp_path ${path.join(work, name)};`;
  // Debian's nginx loads its modules from /etc/nginx/modules-enabled; this config names the documented one itself.
  fs.writeFileSync(path.join(work, 'nginx.conf'), `load_module ${BROTLI_STATIC};
worker_processes 1; daemon off; pid ${work}/nginx.pid;
error_log ${work}/error.log;
events { worker_connections 64; }
http { access_log off; ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join(' ')}
  include ${work}/root.conf; include ${work}/sub.conf; }
`);
  nginx = spawn(NGINX, ['-p', work, '-c', path.join(work, 'nginx.conf'), '-e', path.join(work, 'error.log')],
    { stdio: 'inherit' });
  rootOrigin = `http://127.0.0.1:${rootPort}`;
  subOrigin = `http://127.0.0.1:${subPort}`;
  await waitFor(`${rootOrigin}/index.html`);
  await waitFor(`${subOrigin}/apps/ketadose/`);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  nginx?.kill('SIGTERM');
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

for (const [where, base] of [['at the root', '/'], ['under /apps/ketadose/', '/apps/ketadose/']]) {
  const origin = () => (base === '/' ? rootOrigin : subOrigin);

  test(`nginx ${where}: wasm type, revalidation of the entry files, and the CSP header`, async () => {
    const wasm = await fetch(`${origin()}${base}wasm/ketadose.wasm`);
    assert.equal(wasm.status, 200);
    assert.equal(wasm.headers.get('content-type'), 'application/wasm');
    for (const entry of ['', 'index.html']) {
      const page = await fetch(`${origin()}${base}${entry}`);
      assert.equal(page.status, 200, `${base}${entry}`);
      assert.equal(page.headers.get('cache-control'), 'no-cache', `${base}${entry}`);
      assert.match(page.headers.get('content-security-policy') || '', /script-src 'self' 'wasm-unsafe-eval'/);
    }
    if (fs.existsSync(path.join(distDir, 'sw.js'))) {
      assert.equal((await fetch(`${origin()}${base}sw.js`)).headers.get('cache-control'), 'no-cache');
    }
  });

  test(`nginx ${where}: the core, the scripts, the styles and the content arrive gzip-compressed, byte for byte`, async () => {
    // The site is about 300 KB gzip and 880 KB as stored; nginx compresses only HTML unless told the types.
    const bundle = fs.readdirSync(path.join(distDir, 'js')).find((name) => /^app-[0-9a-f]+\.js$/.test(name));
    const learn = fs.readdirSync(path.join(distDir, 'learn')).find((name) => name.endsWith('.json'));
    for (const file of ['wasm/ketadose.wasm', 'wasm/ketadose.js', `js/${bundle}`, 'css/app.css', `learn/${learn}`, 'index.html']) {
      const response = await fetch(`${origin()}${base}${file}`, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(response.status, 200, file);
      assert.equal(response.headers.get('content-encoding'), 'gzip', `${file} is sent compressed`);
      assert.match(response.headers.get('vary') || '', /accept-encoding/i, `${file} says it varies by encoding`);
      // fetch decodes the body: what arrives is the built file exactly (the service worker checks its hash).
      assert.ok(Buffer.from(await response.arrayBuffer()).equals(fs.readFileSync(path.join(distDir, file))), `${file} decodes to the built file`);
    }
  });

  test(`nginx ${where}: a browser that accepts brotli gets the build's brotli copies, byte for byte; site.json has none`, async () => {
    // The wasm core is 160 KB as brotli against 203 KB gzip (scripts/build-site.mjs writes FILE.br).
    const bundle = fs.readdirSync(path.join(distDir, 'js')).find((name) => /^app-[0-9a-f]+\.js$/.test(name));
    for (const file of ['wasm/ketadose.wasm', 'wasm/ketadose.js', `js/${bundle}`, 'css/app.css', 'index.html']) {
      const response = await fetch(`${origin()}${base}${file}`, { headers: { 'accept-encoding': 'br, gzip' } });
      assert.equal(response.status, 200, file);
      assert.equal(response.headers.get('content-encoding'), 'br', `${file} is sent as its brotli copy`);
      assert.match(response.headers.get('vary') || '', /accept-encoding/i, `${file} says it varies by encoding`);
      assert.equal(Number(response.headers.get('content-length')), fs.statSync(path.join(distDir, `${file}.br`)).size, file);
      assert.ok(Buffer.from(await response.arrayBuffer()).equals(fs.readFileSync(path.join(distDir, file))), `${file} decodes to the built file`);
    }
    assert.equal(fs.existsSync(path.join(distDir, 'site.json.br')), false, 'a site.json replaced after the build has no stale copy');
  });

  test(`nginx ${where}: a shared plan link shows the computed plan`, async () => {
    const page = await browser.newPage();
    const request = {
      action: 'plan', protocol: 'chronic-iv-outpatient', patient: { weight: 70, weight_unit: 'kg' },
      bolus: { dose_mg_per_kg: 0.35, concentration_mg_per_ml: 10, over_min: 10 },
      infusion: { rate_mg_per_kg_per_h: 0.5, duration_h: 4, concentration_mg_per_ml: 1 },
    };
    const outside = [];
    page.on('request', (r) => { if (!r.url().startsWith(origin()) && !r.url().startsWith('data:')) outside.push(r.url()); });
    await page.goto(`${origin()}${base}index.html${planLink(request)}`);
    // 0.35 mg/kg x 70 kg = 24.5 mg = 2.45 mL of 10 mg/mL, drawn in 0.1 mL steps as 2.4 mL = 24 mg;
    // 0.5 mg/kg/h x 70 kg / 1 mg/mL = 35 mL/h.
    await page.waitForFunction(() => document.body.innerText.includes('35 mL/h'), null, { timeout: 20000 });
    const text = await page.locator('body').innerText();
    assert.ok(text.includes('2.4 mL') && text.includes('24 mg'), 'bolus volume and dose shown');
    assert.deepEqual(outside, []);
    await page.close();
  });
}
