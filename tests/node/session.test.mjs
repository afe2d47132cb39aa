// Contract 2: the wasm module's setSite(text) applies a site configuration once; api(request) is then evaluated
// under it, byte-identical to the CLI given the same file with --site. A rejected text fails closed; "" clears.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root, loadCore, goldenCases } from './wasm-module.mjs';

const cli = process.env.KETADOSE_CLI || path.join(root, 'build', 'native', 'ketadose');
const sitePath = path.join(root, 'docs', 'site.example.json');
const siteText = fs.readFileSync(sitePath, 'utf8');
const core = await loadCore();
// Every golden plan and pump-check request that names no site of its own.
const requests = goldenCases().filter((golden) => /"action":"(plan|pump-check)"/.test(golden.text) && !/"site":/.test(golden.text));

test('setSite applies the site once: every plan equals the CLI with --site', () => {
  const answer = JSON.parse(core.setSite(siteText));
  assert.equal(answer.ok, true);
  assert.equal(answer.site.institution, 'St Elsewhere Hospital, Pain Service');
  assert.ok(requests.length >= 10, `only ${requests.length} requests`);
  for (const golden of requests) {
    const native = spawnSync(cli, ['--site', sitePath], { input: golden.text, encoding: 'utf8' });
    assert.equal(core.api(golden.text), native.stdout.replace(/\n$/, ''), golden.name);
  }
  // A request cannot replace or remove the applied site.
  const replaced = JSON.parse(core.api(JSON.stringify({ ...JSON.parse(requests[0].text), site: '' })));
  assert.equal(replaced.ok, false);
  assert.equal(replaced.errors[0].field, 'site');
  core.setSite('');
});

test('a rejected site fails closed; "" clears it and the defaults apply again', () => {
  const rejected = JSON.parse(core.setSite('{"schemaVersion":1}'));
  assert.equal(rejected.ok, false);
  const refused = JSON.parse(core.api(requests[0].text));
  assert.equal(refused.ok, false);
  assert.equal(refused.errors[0].field, 'site');
  const cleared = JSON.parse(core.setSite(''));
  assert.equal(cleared.ok, true);
  assert.equal(cleared.using_defaults, true);
  const native = spawnSync(cli, { input: requests[0].text, encoding: 'utf8' });
  assert.equal(core.api(requests[0].text), native.stdout.replace(/\n$/, ''));
});
