// Writes one self-contained HTML file from dist/ (run scripts/build-site.mjs first): every script bundled
// and inlined, styles inlined, icons as data: URIs, and the wasm core (and, if given, a site.json) carried in
// non-executable <script> elements. It works opened from disk or from a shared drive: no request is made.
// The Content-Security-Policy allows exactly the inlined scripts and styles, by hash.
// Usage: node scripts/build-single-file.mjs [--site site.json] [--out dist-single/ketadose.html]
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { siteDeclaration } from './build-site.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const args = process.argv.slice(2);
const option = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const out = path.resolve(option('--out') || path.join(root, 'dist-single', 'ketadose.html'));
const sitePath = option('--site');

const read = (rel) => fs.readFileSync(path.join(dist, rel));
const hash = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const dataUri = (rel, type) => `data:${type};base64,${read(rel).toString('base64')}`;
// Inline text must never change how the HTML around it is parsed. In a <script>, the sequences "<!--",
// "<script" and "</script" (any case) do; each is written with "<" as the escape \x3C, which means "<" in
// every place JavaScript can hold those letters (strings, templates, regular expressions), and the result is
// parsed again to prove it is still the same program's syntax. Styles get "<" as the CSS escape \3c. Data
// (the wasm, a site.json) is base64, which has no "<" at all.
const safeScript = (code) => code.replace(/<(?=!--|\/?script)/gi, '\\x3C');
const safeStyle = (css) => css.replace(/</g, '\\3c ');
const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const base64 = (bytes) => Buffer.from(bytes).toString('base64');

let html = read('index.html').toString('utf8');
const scripts = [];
const styles = [];

// Styles: each stylesheet link becomes a <style> element.
html = html.replace(/<link rel="stylesheet" href="([^"]+)">/g, (_, href) => {
  const css = safeStyle(read(href).toString('utf8'));
  styles.push(css);
  return `<style>${css}</style>`;
});
// Links that need files beside the page (manifest, preloads, touch icon) have no meaning in one file.
html = html.replace(/\s*<link rel="(manifest|modulepreload|preload|apple-touch-icon)"[^>]*>/g, '');
html = html.replace(/\s*<!-- build: modulepreload[^>]*-->/g, '');
html = html.replace(/<link rel="icon" href="([^"]+\.svg)"/g, (_, href) => `<link rel="icon" href="${dataUri(href, 'image/svg+xml')}"`);
html = html.replace(/<img src="([^"]+\.svg)"/g, (_, src) => `<img src="${dataUri(src, 'image/svg+xml')}"`);

// Classic scripts inline as they are; the module graph (app.js and everything it imports, the wasm
// loader and uPlot included) bundled into one module.
html = html.replace(/<script src="([^"]+)"(?: defer)?><\/script>/g, (_, src) => {
  const code = safeScript(read(src).toString('utf8'));
  scripts.push(code);
  return `<script>${code}</script>`;
});
// The page's module script names the built bundle's entry (js/app-<hash>.js, scripts/build-site.mjs).
const MODULE_SCRIPT = /<script type="module" src="(js\/[^"]+)"><\/script>/;
const entry = html.match(MODULE_SCRIPT)?.[1];
if (!entry) throw new Error('dist/index.html has no module script');
const bundle = await esbuild.build({
  entryPoints: [path.join(dist, entry)], bundle: true, format: 'esm', minify: true, write: false,
  target: 'es2020', legalComments: 'none', logLevel: 'error',
});
const appCode = safeScript(bundle.outputFiles[0].text);
for (const code of [appCode, ...scripts]) {
  // Still valid JavaScript after escaping (a "<" that was an operator would not be).
  await esbuild.transform(code, { loader: 'js', format: code === appCode ? 'esm' : undefined, logLevel: 'silent' });
}
scripts.push(appCode);
let payload = `<script type="application/octet-stream" id="ketadose-wasm">${base64(read('wasm/ketadose.wasm'))}</script>`;
// The build information, with the site this file expects (its SHA-256), or that it expects none; the site's exact
// bytes in base64, so the checksum the core computes is the file's and no character of it can end the element.
const buildInfo = { ...JSON.parse(read('build-info.json').toString('utf8')), site: siteDeclaration(sitePath) };
payload += `\n<script type="application/json" id="ketadose-build-info">${JSON.stringify(buildInfo).replace(/</g, '\\u003c')}</script>`;
// The Learn screen's text (scripts/learn-text.mjs), as data the page reads instead of fetching it.
if (buildInfo.learn_text?.url) {
  payload += `\n<script type="application/json" id="ketadose-learn-text">${read(buildInfo.learn_text.url).toString('utf8').trim().replace(/</g, '\\u003c')}</script>`;
}
if (sitePath) {
  payload += `\n<script type="application/octet-stream" id="ketadose-site">${base64(fs.readFileSync(sitePath))}</script>`;
}
html = html.replace(MODULE_SCRIPT, () => `${payload}\n<script type="module">${appCode}</script>`);

// The licence and third-party notices travel inside the file (the footer's links point at files beside a
// served site, which one file does not have).
const licences = `<details class="licences"><summary>Licence and third-party notices</summary><pre>${
  escapeHtml(`${read('LICENSE.txt')}\n\n${read('THIRD-PARTY-NOTICES.txt')}`)}</pre></details>`;
if (!/<p class="licence-links">[\s\S]*?<\/p>/.test(html)) throw new Error('index.html lost its licence links');
html = html.replace(/<p class="licence-links">[\s\S]*?<\/p>/, () => licences);

const csp = ["default-src 'none'", `script-src ${scripts.map(hash).join(' ')} 'wasm-unsafe-eval'`,
  `style-src ${styles.map(hash).join(' ')}`, 'img-src data:', "connect-src 'none'", "object-src 'none'",
  "base-uri 'none'", "form-action 'none'"].join('; ');
html = html.replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`);

for (const leftover of html.matchAll(/(?:src|href)="(?!data:|#)([^"]+)"/g)) {
  throw new Error(`single file still refers to ${leftover[1]}`);
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, html);
console.log(`single file written to ${path.relative(process.cwd(), out)} (${(html.length / 1024).toFixed(0)} KB${sitePath ? `, site ${sitePath}` : ''})`);
