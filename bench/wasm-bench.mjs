// Latency of the JSON API in WebAssembly: the requests of bench/requests.json through the built module's api()
// in node (build/wasm, loaded with wasmBinary as tests/node does), string in and string out as the page calls it.
//   node bench/wasm-bench.mjs [--min-time SECONDS]   prints JSON: [{name, wall_us, cpu_us, iterations, response_bytes}]
// cpu_us is process CPU time per call, comparable with Google Benchmark's CPU time on a machine shared with others.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wasmDir = process.env.KETADOSE_WASM_DIR || path.join(root, 'build', 'wasm');
const minIndex = process.argv.indexOf('--min-time');
const minSeconds = minIndex > 0 ? Number(process.argv[minIndex + 1]) : 0.5;

const { default: createKetadose } = await import(path.join(wasmDir, 'ketadose.js'));
const core = await createKetadose({ wasmBinary: fs.readFileSync(path.join(wasmDir, 'ketadose.wasm')) });
const { requests } = JSON.parse(fs.readFileSync(path.join(root, 'bench', 'requests.json'), 'utf8'));

const results = [];
for (const { name, request } of requests) {
  const text = JSON.stringify(request);
  const first = core.api(text);
  if (!JSON.parse(first).ok) continue; // an action not answered yet is not timed (as in api_bench.cpp)
  for (let i = 0; i < 20; i += 1) core.api(text); // warm up: JIT tiers, heap growth
  let iterations = 0;
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  let wall = 0;
  // Batches of calls until the minimum time has passed, as Google Benchmark does.
  for (let batch = 1; wall < minSeconds * 1000; batch *= 2) {
    for (let i = 0; i < batch; i += 1) core.api(text);
    iterations += batch;
    wall = performance.now() - wallStart;
  }
  const cpu = process.cpuUsage(cpuStart);
  results.push({
    name,
    wall_us: (wall * 1000) / iterations,
    cpu_us: (cpu.user + cpu.system) / iterations,
    iterations,
    response_bytes: first.length,
  });
}
console.log(JSON.stringify(results, null, 1));
