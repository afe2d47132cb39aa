// The built site's brotli copies (scripts/build-site.mjs writes FILE.br) and how scripts/serve.mjs, the server of
// ./run and of these tests, sends them: the copy to a client that accepts brotli while it decodes to the file,
// gzip otherwise. nginx's brotli_static is tested in tests/deploy/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { distDir, serveDist } from './browser.mjs';
import { siteFiles, siteSizes } from '../../scripts/build-site.mjs';
import { COMPRESSED } from '../../scripts/serve.mjs';

let server; let origin; let copy; let copyServer; let copyOrigin;
before(async () => {
  ({ server, origin } = await serveDist());
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'ketadose-serve-'));
  fs.cpSync(distDir, copy, { recursive: true });
  ({ server: copyServer, origin: copyOrigin } = await serveDist('/', copy));
});
after(() => { server?.close(); copyServer?.close(); if (copy) fs.rmSync(copy, { recursive: true, force: true }); });

const get = (at, file, encoding) => fetch(`${at}/${file}`, { headers: { 'accept-encoding': encoding } });

test('every compressed type has a brotli copy that decodes to it, except site.json; the copies are no files of the site', () => {
  const files = siteFiles(distDir);
  assert.ok(files.length > 0 && files.every((file) => !file.endsWith('.br')));
  for (const file of files.filter((name) => COMPRESSED.has(path.extname(name)))) {
    const at = path.join(distDir, `${file}.br`);
    if (file === 'site.json') { assert.equal(fs.existsSync(at), false, 'site.json may be replaced after the build'); continue; }
    assert.ok(zlib.brotliDecompressSync(fs.readFileSync(at)).equals(fs.readFileSync(path.join(distDir, file))), file);
  }
  const sw = fs.readFileSync(path.join(distDir, 'sw.js'), 'utf8');
  assert.equal(/\.br["']/.test(sw), false, 'the service worker precaches the files, not their encodings');
  // The wasm core is the largest transfer of the first load: its brotli copy is smaller than its gzip.
  const wasm = siteSizes(distDir).find((item) => item.file === 'wasm/ketadose.wasm');
  assert.ok(wasm.brotli < wasm.gzip, `${wasm.brotli} < ${wasm.gzip}`);
});

test('the server sends the brotli copy to a client that accepts it, gzip to one that does not', async () => {
  for (const file of ['wasm/ketadose.wasm', 'index.html']) {
    const brotli = await get(origin, file, 'gzip, deflate, br');
    assert.equal(brotli.headers.get('content-encoding'), 'br', file);
    assert.ok(Buffer.from(await brotli.arrayBuffer()).equals(fs.readFileSync(path.join(distDir, file))), file);
    const gzip = await get(origin, file, 'gzip');
    assert.equal(gzip.headers.get('content-encoding'), 'gzip', file);
    assert.ok(Buffer.from(await gzip.arrayBuffer()).equals(fs.readFileSync(path.join(distDir, file))), file);
  }
});

test('a file edited after the build is sent as it now is, never as its stale brotli copy', async () => {
  const index = path.join(copy, 'index.html');
  const edited = fs.readFileSync(index, 'utf8').replace('</footer>', '<p id="edited">edited</p></footer>');
  fs.writeFileSync(index, edited);
  const response = await get(copyOrigin, 'index.html', 'gzip, deflate, br');
  assert.equal(response.headers.get('content-encoding'), 'gzip');
  assert.equal(await response.text(), edited);
});
