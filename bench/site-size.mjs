// The built site's size, file by file, raw, gzip (level 9, as a server or the browser cache would hold it) and
// as its brotli copy (FILE.br, which a server with brotli_static sends instead; null when it has none).
//   node bench/site-size.mjs [DIST]   prints JSON: {files: [{file, bytes, gzip_bytes, brotli_bytes}], total_bytes,
//                                      total_gzip_bytes, total_brotli_bytes (each file's .br, else its gzip)}
// Every file in DIST counts: it is what a first visit downloads and what the service worker precaches. The .br
// copies are encodings of those files, not files of the site.
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

const files = [...walk(dist)].filter((full) => !full.endsWith('.br')).sort().map((full) => {
  const bytes = fs.readFileSync(full);
  const copy = `${full}.br`;
  return { file: path.relative(dist, full), bytes: bytes.length, gzip_bytes: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli_bytes: fs.existsSync(copy) ? fs.statSync(copy).size : null };
});
const total = (key) => files.reduce((sum, file) => sum + file[key], 0);
const totalBrotli = files.reduce((sum, file) => sum + (file.brotli_bytes ?? file.gzip_bytes), 0);
console.log(JSON.stringify({ files, total_bytes: total('bytes'), total_gzip_bytes: total('gzip_bytes'),
  total_brotli_bytes: totalBrotli }, null, 1));
