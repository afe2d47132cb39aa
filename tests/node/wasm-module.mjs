// Loads the built wasm module in node (passing the binary directly: Emscripten 3.1.6 would try fetch on a path).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const wasmDir = process.env.KETADOSE_WASM_DIR || path.join(root, 'build', 'wasm');

export async function loadCore() {
  const { default: createKetadose } = await import(path.join(wasmDir, 'ketadose.js'));
  return createKetadose({ wasmBinary: fs.readFileSync(path.join(wasmDir, 'ketadose.wasm')) });
}

// Every golden case from tests/golden/*.json, as {file, name, text, exit}.
export function goldenCases() {
  const dir = path.join(root, 'tests', 'golden');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().flatMap((file) =>
    JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')).cases.map((c) => ({
      file, name: c.name, exit: c.exit,
      text: typeof c.request === 'string' ? c.request : JSON.stringify(c.request),
    })));
}
