// Prints ./bench's one table from the result files it collected: API latency native and wasm with their ratio,
// the site's size gzip by file, and the time to the first result; each against its budget (issue 8).
//   node bench/report.mjs RESULTS_DIR   (native.json from api_bench, wasm.json, site-size.json, first-result.json)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = process.argv[2];
const read = (name) => {
  try { return JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')); } catch { return null; }
};
const native = read('native.json');
const wasm = read('wasm.json') || [];
const size = read('site-size.json');
const first = read('first-result.json');

const BUDGET = { ratio: 2, siteGzipKb: 250, firstResultMs: 1000 };
const rows = [['benchmark', 'native', 'wasm', 'ratio / size / time', 'budget', 'status']];
const verdict = (ok) => (ok ? 'ok' : 'OVER');
const us = (value) => (value >= 1000 ? `${(value / 1000).toFixed(2)} ms` : `${value.toFixed(1)} us`);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

// Latency: CPU time per call (the machine is shared; wall time would measure the neighbours).
for (const bench of native?.benchmarks || []) {
  const nativeUs = bench.cpu_time; // api_bench reports in microseconds
  const other = wasm.find((item) => item.name === bench.name);
  const ratio = other ? other.cpu_us / nativeUs : null;
  rows.push([`api ${bench.name} (CPU per call)`, us(nativeUs), other ? us(other.cpu_us) : 'n/a',
    ratio ? `${ratio.toFixed(2)}x` : '', `wasm <= ${BUDGET.ratio}x native`, ratio ? verdict(ratio <= BUDGET.ratio) : '']);
}
for (const item of wasm.filter((w) => !(native?.benchmarks || []).some((b) => b.name === w.name))) {
  rows.push([`api ${item.name} (CPU per call)`, 'n/a', us(item.cpu_us), '', '', '']);
}

if (size) {
  for (const file of size.files) {
    rows.push([`site ${file.file} (gzip)`, '', '', `${kb(file.gzip_bytes)} (raw ${kb(file.bytes)})`, '', '']);
  }
  const totalKb = size.total_gzip_bytes / 1024;
  rows.push([`site total, ${size.files.length} files (gzip)`, '', '', `${kb(size.total_gzip_bytes)} (raw ${kb(size.total_bytes)})`,
    `<= ${BUDGET.siteGzipKb} KB`, verdict(totalKb <= BUDGET.siteGzipKb)]);
}

if (first) {
  const time = (label, median, all) => {
    if (median === null || median === undefined) {
      rows.push([label, '', '', 'n/a (no service worker yet)', `<= ${BUDGET.firstResultMs} ms`, '']);
      return;
    }
    rows.push([label, '', '', `${Math.round(median)} ms (median of ${all.length}: ${all.map(Math.round).join(', ')})`,
      `<= ${BUDGET.firstResultMs} ms`, verdict(median <= BUDGET.firstResultMs)]);
  };
  time(`first result, cold, ${first.cpu_throttling_rate}x CPU throttle`, first.cold_median_ms, first.cold_ms);
  time(`first result, offline reload, ${first.cpu_throttling_rate}x`, first.offline_reload_median_ms, first.offline_reload_ms);
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
