// Latency of the JSON API in WebAssembly in headless Chromium: the requests of bench/requests.json through the
// built module's api() (dist/wasm, loaded as the page loads it), string in and string out as the page calls it.
// Chromium inlines and tiers wasm differently from node 20, and users run browsers, so both are reported.
//   node bench/wasm-chromium.mjs [--min-time SECONDS]   serves dist/; prints JSON: [{name, wall_us, cpu_us, iterations}]
// cpu_us is the renderer main thread's CPU time per call (CDP Performance metrics in thread ticks: TaskDuration),
// comparable with Google Benchmark's CPU time on a machine shared with others; renderer_cpu_us the renderer
// process's CPU time per call (SystemInfo.getProcessInfo), a check on it; wall_us is performance.now().
// No CPU throttling: the figures compare with the native ones of the same run.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serveDist } from '../tests/browser/browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const minIndex = process.argv.indexOf('--min-time');
const minSeconds = minIndex > 0 ? Number(process.argv[minIndex + 1]) : 0.5;
const { requests } = JSON.parse(fs.readFileSync(path.join(root, 'bench', 'requests.json'), 'utf8'));

const { server, origin } = await serveDist();
const browser = await launch();
const results = [];
try {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  // An empty page of the site's origin, so the module loads as the page loads it, without the app running.
  await context.route(`${origin}/bench.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }));
  const page = await context.newPage();
  await page.goto(`${origin}/bench.html`);
  await page.evaluate(async () => {
    const { default: createKetadose } = await import('./wasm/ketadose.js');
    window.core = await createKetadose({ locateFile: (name) => new URL(`./wasm/${name}`, location.href).href });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
  // The renderer processes' CPU time (SystemInfo.getProcessInfo): the check on the main thread's figure.
  const system = await browser.newBrowserCDPSession();
  const rendererSeconds = async () => (await system.send('SystemInfo.getProcessInfo')).processInfo
    .filter((item) => item.type === 'renderer').reduce((sum, item) => sum + item.cpuTime, 0);
  for (const { name, request } of requests) {
    const text = JSON.stringify(request);
    const answered = await page.evaluate((body) => {
      const first = window.core.api(body);
      if (!JSON.parse(first).ok) return null; // an action not answered yet is not timed (as in api_bench.cpp)
      for (let i = 0; i < 20; i += 1) window.core.api(body); // warm up: tiers, heap growth
      return first.length;
    }, text);
    if (answered === null) continue;
    const cpuBefore = await taskSeconds();
    const processBefore = await rendererSeconds();
    // Batches of calls until the minimum time has passed, as Google Benchmark does (one task, measured whole).
    const { wall, iterations } = await page.evaluate(([body, seconds]) => {
      let count = 0;
      const start = performance.now();
      let elapsed = 0;
      for (let batch = 1; elapsed < seconds * 1000; batch *= 2) {
        for (let i = 0; i < batch; i += 1) window.core.api(body);
        count += batch;
        elapsed = performance.now() - start;
      }
      return { wall: elapsed, iterations: count };
    }, [text, minSeconds]);
    const cpu = (await taskSeconds()) - cpuBefore;
    const processCpu = (await rendererSeconds()) - processBefore;
    results.push({ name, wall_us: (wall * 1000) / iterations, cpu_us: (cpu * 1e6) / iterations,
      renderer_cpu_us: (processCpu * 1e6) / iterations, iterations, response_bytes: answered });
  }
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(results, null, 1));
