// Shared set-up for browser tests: Debian's Chromium driven by playwright-core, the built site served locally.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { root } from '../node/wasm-module.mjs';

export const distDir = process.env.KETADOSE_DIST || path.join(root, 'dist');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

// Serves dist/ (or dir) on a free port; returns {server, origin}.
export async function serveDist(base = '/', dir = distDir) {
  const server = await serve(dir, 0, base);
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/**
 * The numbers in the next console message of page that starts with tag ("tag 12.5 3"): how a watcher the page runs
 * reports a timing without being evaluated in the page (a bench's first evaluation in a document injects
 * Playwright's helper, about 30 ms of main-thread work at 4x CPU, into what it times). Call before the action.
 */
export function nextReport(page, tag, timeout = 60000) {
  return page.waitForEvent('console', { predicate: (message) => message.text().startsWith(`${tag} `), timeout })
    .then((message) => message.text().split(' ').slice(1).map(Number));
}

export function planLink(request) {
  return `#plan=${encodeURIComponent(JSON.stringify(request))}`;
}

// The example: 70 kg, bolus 0.35 mg/kg at 10 mg/mL over 10 min, infusion 0.5 mg/kg/h for 4 h at 1 mg/mL.
export const EXAMPLE_PLAN = Object.freeze({
  action: 'plan', protocol: 'chronic-iv-outpatient', patient: { weight: 70, weight_unit: 'kg' },
  bolus: { dose_mg_per_kg: 0.35, concentration_mg_per_ml: 10, over_min: 10 },
  infusion: { rate_mg_per_kg_per_h: 0.5, duration_h: 4, concentration_mg_per_ml: 1 },
});

/**
 * The usual set-up of a browser test file: dist/ served, Chromium started, one page at the tablet-landscape size
 * (1180x820) with service workers blocked, watched for outside requests, CSP violations and errors.
 * @returns {Promise<{browser, server, origin, page, seen}>} close with `browser.close()` and `server.close()`
 */
export async function startPage() {
  const { server, origin } = await serveDist();
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1180, height: 820 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  return { browser, server, origin, page, seen: watch(page, origin) };
}

/**
 * Watches a page for what must never happen: a request to another origin, a Content-Security-Policy
 * violation, an uncaught error. Returns the lists, filled as the page runs.
 */
export function watch(page, origin) {
  const seen = { outside: [], csp: [], errors: [] };
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) seen.outside.push(url);
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.csp.push(message.text());
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  return seen;
}

/**
 * Waits until the plan results show a status box (the core answered and the page rendered it) and the whole plan
 * is drawn: a first plan draws its dose figures in one frame and the sections below them in the next task
 * (views/plan-results.js, `data-drawn`).
 */
export async function waitForPlan(page) {
  await page.locator('#plan-results[data-drawn="all"] #plan-status').waitFor({ timeout: 20000 });
}

/** The text of the plan results panel. */
export async function resultsText(page) {
  return page.locator('#plan-results').innerText();
}

/** Types into an input found by its request path (data-path), replacing what was there. */
export async function typeInto(page, requestPath, text) {
  const input = page.locator(`input[data-path="${requestPath}"]`);
  await input.fill('');
  await input.pressSequentially(text);
}

/** The plan request the page holds (in memory only: the address bar carries no plan while editing). */
export async function currentRequest(page) {
  return page.evaluate(async () => (await import('./js/store.js')).current().planRequest);
}

/** The plan request a share link carries. */
export function requestInLink(link) {
  return JSON.parse(decodeURIComponent(new URL(link).hash.replace(/^#plan=/, '')));
}

/**
 * Builds the site into a fresh temporary folder with siteText built in as its expected site.json (as
 * ./run --build --site does); returns the folder. The caller removes it.
 */
export async function buildWithSite(siteText) {
  const { buildSite } = await import('../../scripts/build-site.mjs');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ketadose-sitebuild-'));
  const sitePath = path.join(work, 'site.source.json');
  fs.writeFileSync(sitePath, siteText);
  const out = path.join(work, 'dist');
  await buildSite(out, { site: sitePath });
  return out;
}
