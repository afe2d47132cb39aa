// Lighthouse (npm lighthouse, pinned in package.json) mobile performance of the built site, offline: dist/ served
// on localhost, Debian's Chromium (CHROME_PATH, default /usr/bin/chromium) headless, Lighthouse's default mobile
// settings (Moto G Power screen, simulated slow 4G and 4x CPU). The page opened is the example plan from
// a shared link. Prints JSON: the performance score (0-100), LCP, TBT, FCP, the longest main-thread task.
// Figures only, never a test; ./test does not use Lighthouse.
//   node bench/lighthouse.mjs [--runs N]   prints JSON with every run and the medians
import { serveDist, planLink, EXAMPLE_PLAN, CHROMIUM_ARGS } from '../tests/browser/browser.mjs';

const option = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const runs = option('--runs', 3);
const median = (values) => {
  const sorted = values.filter((value) => typeof value === 'number').sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const { default: lighthouse } = await import('lighthouse');
const chromeLauncher = await import('chrome-launcher');
const { server, origin } = await serveDist();
const results = [];
try {
  for (let run = 0; run < runs; run += 1) {
    const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      chromeFlags: [...CHROMIUM_ARGS, '--user-data-dir=' + (await import('node:fs')).mkdtempSync('/tmp/ketadose-lh-')] });
    try {
      const { lhr } = await lighthouse(`${origin}/index.html${planLink(EXAMPLE_PLAN)}`,
        { port: chrome.port, onlyCategories: ['performance'], output: 'json', logLevel: 'error' });
      const audit = (id) => lhr.audits[id]?.numericValue;
      const tasks = lhr.audits['long-tasks']?.details?.items || [];
      results.push({
        score: Math.round((lhr.categories.performance.score ?? 0) * 100),
        lcp_ms: audit('largest-contentful-paint'), tbt_ms: audit('total-blocking-time'),
        fcp_ms: audit('first-contentful-paint'), speed_index_ms: audit('speed-index'), cls: audit('cumulative-layout-shift'),
        longest_task_ms: Math.max(0, ...tasks.map((task) => task.duration)),
        runtime_error: lhr.runtimeError?.message,
      });
    } finally {
      await chrome.kill();
    }
  }
} finally {
  server.close();
}
const pick = (key) => median(results.map((result) => result[key]));
console.log(JSON.stringify({ runs: results, score_median: pick('score'), lcp_median_ms: pick('lcp_ms'),
  tbt_median_ms: pick('tbt_ms'), fcp_median_ms: pick('fcp_ms'), speed_index_median_ms: pick('speed_index_ms'),
  cls_median: pick('cls'), longest_task_median_ms: pick('longest_task_ms') }, null, 1));
