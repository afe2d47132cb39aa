// Native/wasm parity: every golden request (good and bad input alike) must give byte-identical JSON
// from the native CLI and the wasm module, so the browser shows exactly what the native tests prove.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root, loadCore, goldenCases } from './wasm-module.mjs';

const cli = process.env.KETADOSE_CLI || path.join(root, 'build', 'native', 'ketadose');
const core = await loadCore();
const cases = goldenCases();

test('there are golden cases to compare', () => {
  assert.ok(cases.length >= 20, `only ${cases.length} golden cases`);
});

for (const golden of cases) {
  test(`parity: ${golden.file}: ${golden.name}`, () => {
    const native = spawnSync(cli, { input: golden.text, encoding: 'utf8' });
    assert.equal(native.status, golden.exit, `CLI exit status (stderr: ${native.stderr})`);
    const wasm = core.api(golden.text);
    assert.equal(wasm, native.stdout.replace(/\n$/, ''));
  });
}

test('the CLI reads a request from a file argument too', () => {
  const file = path.join(root, 'tests', 'node', 'fixtures', 'example-plan.json');
  const result = spawnSync(cli, [file], { encoding: 'utf8' });
  assert.equal(result.status, 0);
  const response = JSON.parse(result.stdout);
  // 0.35 mg/kg x 70 kg = 24.5 mg = 2.45 mL of 10 mg/mL, drawn as 2.4 mL (a syringe's 0.1 mL steps, rounded down) = 24 mg.
  assert.equal(response.bolus.dose_mg, 24);
  assert.equal(response.infusion.rate_ml_per_h, 35);
});

test('the CLI explains itself with --help', () => {
  const result = spawnSync(cli, ['--help'], { encoding: 'utf8' });
  assert.equal(result.status, 0);
  assert.match(result.stdout, /Usage: ketadose/);
});

test('the allocator holds the same bytes after 300 rejected, computed and broken requests', () => {
  // The memory buffer never shrinks, so its size cannot show a leak: heapBytesInUse() (dlmalloc's mallinfo) is
  // what the allocator holds for live allocations. After a warm-up (the cached catalog, static content), 100
  // rounds of a rejected, a computed, an unparsable and a refused-unread request leave it exactly as it was.
  const bad = '{"action":"plan","protocol":"chronic-iv-outpatient","patient":{"weight":-1}}';
  const good = cases.find((c) => c.exit === 0).text;
  const deep = '['.repeat(20000) + ']'.repeat(20000);
  const round = () => { core.api(bad); core.api(good); core.api('{not json'); core.api(deep); core.api('{"action":"catalog"}'); };
  for (let i = 0; i < 20; i++) round();
  const before = core.heapBytesInUse();
  assert.ok(before > 0, 'heapBytesInUse() reports the bytes in use');
  for (let i = 0; i < 100; i++) round();
  assert.equal(core.heapBytesInUse(), before);
});

test('heapBytesInUse() sees memory the core keeps', async () => {
  // The measure can fail: in a fresh module, the first catalog call parses the content and keeps the 55 KB
  // answer for reuse (core/api/api.cpp), and the bytes in use rise by at least that much and stay there.
  const fresh = await loadCore();
  const before = fresh.heapBytesInUse();
  const answer = fresh.api('{"action":"catalog"}');
  assert.ok(answer.length > 50000);
  assert.ok(fresh.heapBytesInUse() >= before + answer.length, `${before} -> ${fresh.heapBytesInUse()}`);
});

// The core bounds every request (docs/design.md, "Bounded input"): no text makes api() throw or the CLI crash.
const deepRequest = '{"action":"plan","patient":' + '['.repeat(100000) + ']'.repeat(100000) + '}';
const deepUnderCap = '{"action":"plan","patient":' + '['.repeat(30000) + ']'.repeat(30000) + '}';

test('api() of a request nested 100k levels deep returns a rejection instead of throwing', () => {
  for (const text of [deepRequest, deepUnderCap, '{"a":'.repeat(100000)]) {
    let answer;
    assert.doesNotThrow(() => { answer = core.api(text); });
    const response = JSON.parse(answer);
    assert.equal(response.ok, false);
    assert.equal(response.errors.length, 1);
    assert.equal(response.errors[0].field, '');
    assert.match(response.errors[0].message, /64 KB|nested more than 32 levels/);
  }
});

test('the CLI exits 2, not 139, for a deeply nested request', () => {
  for (const text of [deepRequest, deepUnderCap]) {
    const result = spawnSync(cli, { input: text, encoding: 'utf8' });
    assert.equal(result.signal, null, `the CLI was killed by ${result.signal}`);
    assert.equal(result.status, 2, result.stderr);
    assert.equal(JSON.parse(result.stdout).errors[0].field, '');
  }
  const site = path.join(root, 'build', 'native', 'deep-site.test.json');
  fs.writeFileSync(site, '['.repeat(30000) + ']'.repeat(30000));
  try {
    const result = spawnSync(cli, ['--site', site], { input: '{"action":"site-check"}', encoding: 'utf8' });
    assert.equal(result.status, 2, result.stderr);
    assert.equal(JSON.parse(result.stdout).errors[0].field, 'site');
  } finally {
    fs.rmSync(site, { force: true });
  }
});
