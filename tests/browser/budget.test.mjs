// Size budget of the built site (tablets on hospital wifi, first visit caches everything): gzip sizes per file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distDir } from './browser.mjs';
import { siteSizes, CEILING_GZIP_BYTES } from '../../scripts/build-site.mjs';

// The page's own share (HTML, CSS, JS, icons, manifest, service worker): everything but wasm/.
// 100 KB leaves the core 150 KB of the 250 KB (it was 108 KB gzip when the budget was set).
const FRONT_END_BUDGET_GZIP_BYTES = 100 * 1024;
const sizes = siteSizes(distDir);
const sum = (items) => items.reduce((total, item) => total + item.gzip, 0);
const table = (items) => items.map((item) => `${String(item.gzip).padStart(7)}  ${item.file}`).join('\n');
const total = sum(sizes);
// The Learn text (learn/, issue 13) was the core's content and left the wasm module: it counts with the core's
// share, not the page's; the whole-site ceiling below holds both.
const frontEnd = sizes.filter((item) => !item.file.startsWith('wasm/') && !item.file.startsWith('learn/'));

test(`the front end stays under ${FRONT_END_BUDGET_GZIP_BYTES / 1024} KB gzip`, () => {
  assert.ok(sum(frontEnd) <= FRONT_END_BUDGET_GZIP_BYTES, `${sum(frontEnd)} bytes gzip:\n${table(frontEnd)}`);
});

// The whole app, wasm core included: a real bound, whatever part of the site is over it (the table lists every
// file, so a failure says where the bytes are). This is the ceiling, not the 250 KB budget: the site is over
// the budget today (./benchmark reports it; scripts/build-site.mjs says when the ceiling was set and why).
test(`the whole site stays under its ${CEILING_GZIP_BYTES / 1024} KB gzip ceiling`, () => {
  assert.ok(total <= CEILING_GZIP_BYTES, `${total} bytes gzip, over ${CEILING_GZIP_BYTES}:\n${table(sizes)}`);
});
