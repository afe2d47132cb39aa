// The built site's size, file by file, raw and gzip (level 9, as a server or the browser cache would hold it).
//   node bench/site-size.mjs [DIST]   prints JSON: {files: [{file, bytes, gzip_bytes}], total_bytes, total_gzip_bytes}
// Everything in DIST counts: it is what a first visit downloads and what the service worker precaches.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.argv[2] || path.join(root, 'dist'));

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full); else yield full;
  }
}

const files = [...walk(dist)].sort().map((full) => {
  const bytes = fs.readFileSync(full);
  return { file: path.relative(dist, full), bytes: bytes.length, gzip_bytes: zlib.gzipSync(bytes, { level: 9 }).length };
});
const total = (key) => files.reduce((sum, file) => sum + file[key], 0);
console.log(JSON.stringify({ files, total_bytes: total('bytes'), total_gzip_bytes: total('gzip_bytes') }, null, 1));
