// Native/wasm parity: every golden request (good and bad input alike) must give byte-identical JSON
// from the native CLI and the wasm module, so the browser shows exactly what the native tests prove.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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

test('wasm heap does not grow over 1000 rejected and computed requests', () => {
  // After a warm-up, repeated requests must not leak: the memory buffer stays the same size.
  const bad = '{"action":"plan","protocol":"chronic-iv-outpatient","patient":{"weight":-1}}';
  const good = cases.find((c) => c.exit === 0).text;
  for (let i = 0; i < 50; i++) { core.api(bad); core.api(good); }
  const before = core.HEAPU8.buffer.byteLength;
  for (let i = 0; i < 1000; i++) { core.api(bad); core.api(good); core.api('{not json'); }
  assert.equal(core.HEAPU8.buffer.byteLength, before);
});
