// Starts the page: loads the catalog from the core, mounts one module per screen, drives the navigation,
// the theme switch, the print stamp and the offline (service worker) status.
import { siteStatus } from './core.js';
import { h } from './dom.js';
import { loadCatalog } from './catalog.js';
import { mountPlanScreen } from './screens/plan.js';
import { mountPumpCheckScreen } from './screens/pump-check.js';
import { mountScreeningScreen } from './screens/screening.js';
import { mountAssessScreen } from './screens/assess.js';
import { mountSiteScreen } from './screens/site.js';
import { mountLearnScreen } from './screens/learn.js';
import { mountQualityLogScreen } from './screens/quality-log.js';
import { startOffline } from './offline.js';
import { stampText } from './views/print-sheet.js';
import { buildMismatch } from './build-check.js';

/** Screens in navigation order; `action` names the core action a screen needs (listed in the catalog's `actions`). */
const SCREENS = [
  { id: 'plan', title: 'Plan', mount: mountPlanScreen },
  { id: 'pump', title: 'Pump check', action: 'pump-check', mount: mountPumpCheckScreen },
  { id: 'screening', title: 'Screening', action: 'screen', mount: mountScreeningScreen },
  { id: 'response', title: 'Response', action: 'assess', mount: mountAssessScreen },
  { id: 'learn', title: 'Learn', action: 'evidence', mount: mountLearnScreen },
  { id: 'site', title: 'Site settings', needsSite: true, mount: mountSiteScreen },
  { id: 'quality', title: 'Quality log', mount: mountQualityLogScreen },
];

/**
 * Says on screen which site configuration is in force: the hospital's name, or a persistent line that the
 * guideline defaults apply; or, when the expected one cannot be used, why (one sentence for IT, then the core's
 * field errors if it has any). Returns false when no plan may be computed.
 */
function showSite(status, banner) {
  const line = document.getElementById('site-name');
  line.hidden = false;
  if (status.state === 'ok') {
    line.textContent = status.site.institution;
    return true;
  }
  if (status.state === 'none') {
    line.textContent = 'Guideline defaults, no hospital configuration';
    line.classList.add('site-defaults');
    return true;
  }
  line.textContent = 'Hospital configuration not usable';
  banner.replaceChildren(
    h('p', { id: 'site-problem' }, h('strong', { text: status.reason })),
    status.errors?.length
      ? h('ul', {}, status.errors.map((error) => h('li', {}, h('code', { text: error.field }), ` ${error.message}`))) : null);
  banner.hidden = false;
  return false;
}

function setupTheme() {
  const button = document.getElementById('theme-toggle');
  const order = ['auto', 'light', 'dark'];
  const show = () => {
    const theme = document.documentElement.dataset.theme || 'auto';
    button.textContent = `Theme: ${theme}`;
    button.setAttribute('aria-label', `Colour theme: ${theme}. Change`);
  };
  button.addEventListener('click', () => {
    const now = document.documentElement.dataset.theme || 'auto';
    const next = order[(order.indexOf(now) + 1) % order.length];
    document.documentElement.dataset.theme = next;
    try { localStorage.setItem('ketadose-theme', next); } catch { /* storage off: the choice lasts this page */ }
    show();
  });
  show();
}

function setupSkipLink() {
  // The hash carries the plan, so the skip link moves focus instead of changing the address.
  document.getElementById('skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    document.getElementById('main').focus();
  });
}

async function main() {
  if (document.documentElement.dataset.unsupported) return; // js/support.js has said why this browser cannot run it
  setupTheme();
  setupSkipLink();
  const registerWorker = await startOffline(document.getElementById('offline-status'), document.getElementById('update-banner'));
  if (!registerWorker) return;
  const boot = document.getElementById('boot-status');
  // A page and a core from two builds (a partial update without a service worker) never compute together.
  const mismatch = await buildMismatch().catch((error) => `The dosing core could not start: ${error.message || error}`);
  if (mismatch) {
    boot.replaceChildren(h('span', { text: mismatch }), ' ',
      h('button', { type: 'button', class: 'button', onclick: () => location.reload(), text: 'Reload' }));
    boot.classList.add('status', 'status-refused');
    boot.setAttribute('role', 'alert');
    return;
  }
  // The site configuration first: when the one this build expects cannot be used, nothing is computed.
  const site = await siteStatus();
  if (!showSite(site, document.getElementById('site-banner'))) {
    boot.textContent = 'No plan can be computed until the hospital configuration is fixed (see above).';
    boot.classList.add('status', 'status-refused');
    document.body.dataset.ready = 'site-failed';
    return;
  }
  const catalog = await loadCatalog().catch((error) => ({ ok: false, errors: [{ message: String(error) }] }));
  if (!catalog.ok) {
    boot.textContent = `The dosing core could not start: ${(catalog.errors || []).map((error) => error.message).join(' ')}`;
    boot.classList.add('status', 'status-refused');
    return;
  }
  const main = document.getElementById('main');
  const nav = document.getElementById('nav');
  const mounted = new Map();
  const available = [];
  for (const screen of SCREENS) {
    if (screen.needsSite && site.state !== 'ok') continue;
    // The catalog lists the actions this core answers (a screen whose action it lacks is not offered).
    if (!screen.action || (catalog.actions || []).includes(screen.action)) available.push(screen);
  }

  const has = (id) => mounted.has(id);
  // A screen is built the first time it is opened, so the plan shows as early as possible.
  function mount(id) {
    const entry = mounted.get(id);
    if (entry && !entry.api) entry.api = entry.screen.mount(entry.section, { catalog, go, has, site: site.site });
    return entry;
  }

  function go(id, { focus = true } = {}) {
    mount(id);
    for (const [screenId, { section }] of mounted) section.hidden = screenId !== id;
    for (const button of nav.querySelectorAll('button')) {
      if (button.dataset.screen === id) button.setAttribute('aria-current', 'page'); else button.removeAttribute('aria-current');
    }
    document.body.dataset.screen = id;
    const screen = mounted.get(id);
    screen?.api.show?.();
    if (focus) screen?.api.heading?.focus();
  }

  for (const screen of available) {
    const section = h('section', { id: `screen-${screen.id}`, class: 'screen', hidden: true, 'aria-labelledby': `${screen.id}-heading` });
    main.append(section);
    mounted.set(screen.id, { screen, section, api: null });
    nav.append(h('li', {}, h('button', { type: 'button', class: 'nav-button', dataset: { screen: screen.id },
      onclick: () => go(screen.id), text: screen.title })));
  }

  document.getElementById('content-version').textContent = `Content version ${catalog.content_version || 'unknown'}`;
  // Every printed page names the content version and the date it was printed.
  const stampAll = () => {
    for (const stamp of document.querySelectorAll('[data-stamp]')) {
      stamp.textContent = `${stampText(catalog)} · check every figure independently before use`;
    }
  };
  stampAll();
  // Dated again whenever a print starts (the Print button, Ctrl+P and the browser's menu fire beforeprint), so a page
  // left open overnight prints the day it is printed.
  window.addEventListener('beforeprint', stampAll);
  boot.remove();
  go('plan', { focus: false });
  document.body.dataset.ready = 'true';
  // Storing the offline copy waits until the first plan is on screen and the page is idle.
  const whenIdle = (work) => ('requestIdleCallback' in window ? requestIdleCallback(work, { timeout: 3000 }) : setTimeout(work, 500));
  whenIdle(registerWorker);
}

main();
