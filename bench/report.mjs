// Prints ./bench's one table from the result files it collected: API latency native, wasm in node and wasm in
// Chromium with their ratios, the site's size gzip by file, the time to the first result, the typing repaint and
// Lighthouse; each against its budget (issue 8, and issue 13's Budgets table).
//   node bench/report.mjs RESULTS_DIR   (native.json from api_bench, wasm.json, wasm-chromium.json, site-size.json,
//   first-result.json, typing.json, lighthouse.json; a missing file leaves its rows out)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = process.argv[2];
const read = (name) => {
  try { return JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')); } catch { return null; }
};
const native = read('native.json');
const wasm = read('wasm.json') || [];
const chromium = read('wasm-chromium.json') || [];
const size = read('site-size.json');
const first = read('first-result.json');
const typing = read('typing.json');
const lighthouse = read('lighthouse.json');

// Issue 13's budgets: wasm within 2x of native in node and 1.5x in Chromium, the whole site 200 KB gzip (the wasm
// module 120 KB of it), the first
// dose 0.8 s cold and 0.3 s offline at 4x CPU, typing to the dose repainted 50 ms at 4x, Lighthouse mobile >= 95
// (LCP <= 2.5 s, TBT <= 200 ms).
const BUDGET = { ratio: 2, chromiumRatio: 1.5, siteGzipKb: 200, wasmGzipKb: 120, firstColdMs: 800, firstOfflineMs: 300, typingMs: 50,
  lighthouse: 95, lcpMs: 2500, tbtMs: 200 };
const rows = [['benchmark', 'native', 'wasm', 'ratio / size / time', 'budget', 'status']];
const verdict = (ok) => (ok ? 'ok' : 'OVER');
const us = (value) => (value >= 1000 ? `${(value / 1000).toFixed(2)} ms` : `${value.toFixed(1)} us`);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

// Latency: CPU time per call (the machine is shared; wall time would measure the neighbours). Chromium's is the
// renderer main thread's CPU time (bench/wasm-chromium.mjs).
const ratioRow = (label, nativeUs, other, budget) => {
  const ratio = other ? other.cpu_us / nativeUs : null;
  rows.push([label, us(nativeUs), other ? us(other.cpu_us) : 'n/a', ratio ? `${ratio.toFixed(2)}x` : '',
    `wasm <= ${budget}x native`, ratio ? verdict(ratio <= budget) : '']);
};
for (const bench of native?.benchmarks || []) {
  const nativeUs = bench.cpu_time; // api_bench reports in microseconds
  ratioRow(`api ${bench.name}, node (CPU per call)`, nativeUs, wasm.find((item) => item.name === bench.name), BUDGET.ratio);
  if (chromium.length) {
    ratioRow(`api ${bench.name}, Chromium (CPU per call)`, nativeUs, chromium.find((item) => item.name === bench.name), BUDGET.chromiumRatio);
  }
}
for (const [where, list] of [['node', wasm], ['Chromium', chromium]]) {
  for (const item of list.filter((w) => !(native?.benchmarks || []).some((b) => b.name === w.name))) {
    rows.push([`api ${item.name}, ${where} (CPU per call)`, 'n/a', us(item.cpu_us), '', '', '']);
  }
}

if (size) {
  for (const file of size.files) {
    const budget = file.file.replace(/\\/g, '/') === 'wasm/ketadose.wasm' ? BUDGET.wasmGzipKb : null;
    const brotli = typeof file.brotli_bytes === 'number' ? `, brotli ${kb(file.brotli_bytes)}` : '';
    rows.push([`site ${file.file} (gzip)`, '', '', `${kb(file.gzip_bytes)} (raw ${kb(file.bytes)}${brotli})`,
      budget ? `<= ${budget} KB` : '', budget ? verdict(file.gzip_bytes / 1024 <= budget) : '']);
  }
  const totalKb = size.total_gzip_bytes / 1024;
  const brotliTotal = typeof size.total_brotli_bytes === 'number' ? `, with the brotli copies ${kb(size.total_brotli_bytes)}` : '';
  rows.push([`site total, ${size.files.length} files (gzip)`, '', '', `${kb(size.total_gzip_bytes)} (raw ${kb(size.total_bytes)}${brotliTotal})`,
    `<= ${BUDGET.siteGzipKb} KB`, verdict(totalKb <= BUDGET.siteGzipKb)]);
}

const time = (label, median, all, budgetMs, missing = 'n/a') => {
  if (median === null || median === undefined) {
    rows.push([label, '', '', missing, `<= ${budgetMs} ms`, '']);
    return;
  }
  const spread = all.length > 6 ? `${Math.round(Math.min(...all))}-${Math.round(Math.max(...all))}` : all.map(Math.round).join(', ');
  rows.push([label, '', '', `${Math.round(median)} ms (median of ${all.length}: ${spread})`,
    `<= ${budgetMs} ms`, verdict(median <= budgetMs)]);
};
if (first) {
  time(`first dose from a link, cold, ${first.cpu_throttling_rate}x CPU`, first.cold_median_ms, first.cold_ms, BUDGET.firstColdMs);
  time(`first dose, offline reload, ${first.cpu_throttling_rate}x CPU`, first.offline_reload_median_ms, first.offline_reload_ms,
    BUDGET.firstOfflineMs, 'n/a (no service worker yet)');
}
if (typing) {
  time(`typing a weight to the dose repainted, ${typing.cpu_throttling_rate}x CPU (debounce ${typing.debounce_ms} ms, excluded)`,
    typing.repaint_median_ms, typing.repaint_ms, BUDGET.typingMs);
}
if (lighthouse) {
  const all = (key) => lighthouse.runs.map((run) => Math.round(run[key])).join(', ');
  rows.push([`Lighthouse mobile performance (median of ${lighthouse.runs.length}: ${all('score')})`, '', '',
    String(lighthouse.score_median), `>= ${BUDGET.lighthouse}`, verdict(lighthouse.score_median >= BUDGET.lighthouse)]);
  rows.push([`Lighthouse largest contentful paint (${all('lcp_ms')})`, '', '', `${Math.round(lighthouse.lcp_median_ms)} ms`,
    `<= ${BUDGET.lcpMs} ms`, verdict(lighthouse.lcp_median_ms <= BUDGET.lcpMs)]);
  rows.push([`Lighthouse total blocking time (${all('tbt_ms')})`, '', '', `${Math.round(lighthouse.tbt_median_ms)} ms`,
    `<= ${BUDGET.tbtMs} ms`, verdict(lighthouse.tbt_median_ms <= BUDGET.tbtMs)]);
  rows.push(['Lighthouse longest main-thread task', '', '', `${Math.round(lighthouse.longest_task_median_ms)} ms`, '', '']);
  if (typeof lighthouse.cls_median === 'number') {
    rows.push([`Lighthouse cumulative layout shift (${lighthouse.runs.map((run) => run.cls?.toFixed(3)).join(', ')})`, '', '', lighthouse.cls_median.toFixed(3), '', '']);
  }
}

// Fuzzing speed per target (issue 13: >= 5,000 per second): executions per CPU second, the wall-clock rate beside it.
for (const item of read('fuzz-speed.json') || []) {
  rows.push([`fuzz ${item.target} (ASan, executions per CPU s)`, '', '',
    `${item.execs_per_cpu_s}/s (wall ${item.execs_per_s}/s, ${item.executions} in ${item.seconds} s)`, '>= 5000/s',
    verdict(item.execs_per_cpu_s >= 5000)]);
}

const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) || [])[1] || os.cpus()[0]?.model;
console.log(`ketadose benchmarks, ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} x ${cpu}, `
  + `load average ${os.loadavg()[0].toFixed(1)}, node ${process.version}`);
const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
for (const [index, row] of rows.entries()) {
  console.log(row.map((cell, column) => String(cell).padEnd(widths[column])).join('  ').trimEnd());
  if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
}
