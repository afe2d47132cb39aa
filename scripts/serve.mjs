// A small static file server for ./run and the browser tests: correct MIME types (application/wasm),
// the same Content-Security-Policy header as the documented nginx config, revalidation for the
// files that decide which version runs (index.html, sw.js), and compression for the text and wasm types as the
// documented configs do (docs/deploy/): the build's brotli copy (FILE.br) to a browser that accepts brotli, as
// nginx's brotli_static does, else gzip. Usage: node scripts/serve.mjs DIR [PORT] [BASE]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; " +
  "frame-ancestors 'none'";

// The types the documented configs compress (docs/deploy/ketadose-headers.conf); images are already compressed.
export const COMPRESSED = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.webmanifest', '.txt']);
const gzipCache = new Map(); // file -> {data, gzip}: compressed once per content, not on every request

function gzipOf(file, data) {
  const cached = gzipCache.get(file);
  if (cached && cached.data.equals(data)) return cached.gzip;
  const gzip = zlib.gzipSync(data);
  gzipCache.delete(file);
  if (gzipCache.size >= 256) gzipCache.delete(gzipCache.keys().next().value); // bounded: tests serve many copies
  gzipCache.set(file, { data, gzip });
  return gzip;
}

// A file's brotli copy is served only while it decodes to the file: a test (or anyone) that edits a file of a
// copied site leaves the old copy beside it, and a server that trusts it would send the file as it was (nginx's
// brotli_static does trust it; docs/deploying.md says to replace the folder whole).
const brotliCache = new Map(); // file -> {data, copy}: copy is the .br bytes, or null when absent or stale

function brotliCopyOf(file, data) {
  const cached = brotliCache.get(file);
  if (cached && cached.data.equals(data)) return cached.copy;
  let copy = null;
  try {
    const candidate = fs.readFileSync(`${file}.br`);
    if (zlib.brotliDecompressSync(candidate).equals(data)) copy = candidate;
  } catch { /* no copy, or not brotli: gzip instead */ }
  brotliCache.delete(file);
  if (brotliCache.size >= 256) brotliCache.delete(brotliCache.keys().next().value);
  brotliCache.set(file, { data, copy });
  return copy;
}

export function serve(root, port = 8080, base = '/') {
  const rootDir = path.resolve(root);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(base)) { res.writeHead(404).end('not found'); return; }
    rel = rel.slice(base.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(rootDir, rel);
    if (!file.startsWith(rootDir + path.sep)) { res.writeHead(403).end('forbidden'); return; }
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found'); return; }
      const ext = path.extname(file);
      const revalidate = ext === '.html' || path.basename(file) === 'sw.js' || ext === '.webmanifest';
      const headers = {
        'Content-Type': TYPES[ext] || 'application/octet-stream',
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': revalidate ? 'no-cache' : 'public, max-age=3600',
      };
      let body = data;
      if (COMPRESSED.has(ext)) {
        headers.Vary = 'Accept-Encoding';
        const accepts = req.headers['accept-encoding'] || '';
        const copy = /\bbr\b/.test(accepts) ? brotliCopyOf(file, data) : null;
        if (copy) {
          body = copy;
          headers['Content-Encoding'] = 'br';
        } else if (/\bgzip\b/.test(accepts)) {
          body = gzipOf(file, data);
          headers['Content-Encoding'] = 'gzip';
        }
      }
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root = 'dist', port = process.env.PORT || '8080', base = '/'] = process.argv.slice(2);
  const server = await serve(root, Number(port), base);
  console.log(`ketadose: serving ${path.resolve(root)} at http://localhost:${server.address().port}${base}`);
}
