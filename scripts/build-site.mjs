// Assembles the static site in dist/: the web/ sources, the wasm module and vendored libraries.
// Usage: node scripts/build-site.mjs [OUTDIR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(root, process.argv[2] || 'dist');

fs.rmSync(out, { recursive: true, force: true });
fs.cpSync(path.join(root, 'web'), out, { recursive: true });
fs.mkdirSync(path.join(out, 'wasm'), { recursive: true });
for (const name of ['ketadose.js', 'ketadose.wasm']) {
  fs.copyFileSync(path.join(root, 'build', 'wasm', name), path.join(out, 'wasm', name));
}
console.log(`site written to ${path.relative(process.cwd(), out) || '.'}`);
