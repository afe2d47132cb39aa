// Writes the fuzzers' seed corpora and dictionaries from the golden cases, so no binary input is committed.
//   node tests/fuzz/make-corpus.mjs OUTDIR
// OUTDIR/api/   every golden request (tests/golden/*.json), one file each, named by content hash
// OUTDIR/site/  every site configuration in the golden requests, and docs/site.example.json
// OUTDIR/api.dict, OUTDIR/site.dict   libFuzzer dictionaries: every key and short string value seen
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = path.resolve(process.argv[2] || path.join(root, 'build', 'fuzz', 'seeds'));

function writeSeeds(kind, texts) {
  const dir = path.join(out, kind);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const text of new Set(texts)) {
    const name = crypto.createHash('sha1').update(text).digest('hex');
    fs.writeFileSync(path.join(dir, name), text);
  }
  return new Set(texts).size;
}

// A libFuzzer dictionary: each token a quoted, escaped string on its own line.
function writeDictionary(kind, documents) {
  const tokens = new Set();
  const walk = (value) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) { tokens.add(`"${key}"`); walk(item); }
    } else if (typeof value === 'string' && value.length <= 40) tokens.add(`"${value}"`);
  };
  documents.forEach(walk);
  const escape = (token) => [...token].map((c) => (c === '\\' || (c === '"') ? `\\${c}` : c)).join('')
    .replace(/[^\x20-\x7e]/g, (c) => [...Buffer.from(c)].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join(''));
  const lines = [...tokens].sort().map((token) => `"${escape(token)}"`);
  fs.writeFileSync(path.join(out, `${kind}.dict`), `${lines.join('\n')}\n`);
}

const goldenDir = path.join(root, 'tests', 'golden');
const requests = [];
for (const file of fs.readdirSync(goldenDir).filter((f) => f.endsWith('.json')).sort()) {
  for (const item of JSON.parse(fs.readFileSync(path.join(goldenDir, file), 'utf8')).cases) {
    requests.push(item.request);
  }
}
const requestTexts = requests.map((r) => (typeof r === 'string' ? r : JSON.stringify(r)));
const siteTexts = requests.filter((r) => r && typeof r === 'object' && typeof r.site === 'string').map((r) => r.site);
const example = path.join(root, 'docs', 'site.example.json');
if (fs.existsSync(example)) siteTexts.push(fs.readFileSync(example, 'utf8'));
const parsedSites = siteTexts.flatMap((t) => { try { return [JSON.parse(t)]; } catch { return []; } });

fs.mkdirSync(out, { recursive: true });
const apiCount = writeSeeds('api', requestTexts);
const siteCount = writeSeeds('site', siteTexts);
writeDictionary('api', requests.filter((r) => r && typeof r === 'object'));
writeDictionary('site', parsedSites);
console.log(`seeds: ${apiCount} requests, ${siteCount} site configurations in ${path.relative(root, out)}`);
