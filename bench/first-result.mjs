// Time to the first result on screen, in headless Chromium with the CPU slowed down 4x (CDP
// Emulation.setCPUThrottlingRate): the example plan opened from a shared link, measured from navigation
// start to the frame after the results show "35 mL/h". Cold: a fresh profile (no cache, no service worker).
// Offline: the same page reloaded with the network off once the service worker has stored the app.
//   node bench/first-result.mjs [--runs N] [--rate R] [--dist DIR]   serves dist/ (or DIR); prints JSON with every run and the medians
import { launch, serveDist, planLink, nextReport, EXAMPLE_PLAN } from '../tests/browser/browser.mjs';

const option = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const runs = option('--runs', 5);
const rate = option('--rate', 4);
const RESULT = '35 mL/h'; // 0.5 mg/kg/h x 70 kg / 1 mg/mL

// Runs in the page before its scripts: at the first frame that shows the result, writes performance.now() to the
// console, read by nextReport (browser.mjs), not by evaluating in the page: Playwright's first evaluation in a
// document injects its helper script (about 30 ms of main-thread work at 4x, traced), which ran during the load
// it measured and delayed the very frame being timed.
function watchForResult(wanted) {
  let seen = false;
  const check = () => {
    if (seen || !document.querySelector('#plan-results')?.textContent.includes(wanted)) return;
    seen = true;
    requestAnimationFrame(() => console.debug('ketadose-first-result', performance.now()));
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
}

// Waits (up to 30 s) until a service worker is active and the page says its offline copy is ready;
// false when the site registers none.
async function offlineCopyReady(page) {
  const active = await page.evaluate(() => 'serviceWorker' in navigator && Promise.race([
    navigator.serviceWorker.ready.then(() => true),
    new Promise((resolve) => { setTimeout(() => resolve(false), 30000); }),
  ]));
  if (!active) return false;
  await page.waitForFunction(() => /ready/i.test(document.getElementById('offline-status')?.textContent || ''),
    null, { timeout: 30000 }).catch(() => {});
  return true;
}

const median = (values) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const distIndex = process.argv.indexOf('--dist');
const { server, origin } = await serveDist('/', distIndex > 0 ? process.argv[distIndex + 1] : undefined);
const browser = await launch();
const cold = [];
const offline = [];
try {
  for (let run = 0; run < runs; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1180, height: 820 } });
    await context.addInitScript(watchForResult, RESULT);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const first = nextReport(page, 'ketadose-first-result');
    await page.goto(`${origin}/index.html${planLink(EXAMPLE_PLAN)}`, { waitUntil: 'commit' });
    cold.push((await first)[0]);
    if (await offlineCopyReady(page)) {
      await context.setOffline(true);
      const again = nextReport(page, 'ketadose-first-result');
      await page.reload({ waitUntil: 'commit' });
      offline.push((await again)[0]);
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify({
  cpu_throttling_rate: rate, runs, cold_ms: cold, cold_median_ms: median(cold),
  offline_reload_ms: offline, offline_reload_median_ms: median(offline),
}, null, 1));
