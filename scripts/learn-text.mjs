// The Learn screen's text: what a learner reads in content/education/ (evidence summaries and the search's
// synonyms, quiz stems, options and explanations, worked examples' titles and teaching points, drills' vignettes
// and debriefs, with their references), as one static JSON file the site serves beside the page. The core keeps
// only what it computes with (cmake/embed_content.cmake); the page joins the two by id (web/js/learn-text.js).
// The file is named by its content hash (learn/text-<16 hex>.json), listed in build-info.json ("learn_text") and,
// like every file of the site, in the service worker's verified precache list.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Keeps `keys` of each record (absent ones left out), in the order given. */
function pick(records, keys) {
  return (records || []).map((record) => Object.fromEntries(keys.filter((key) => key in record).map((key) => [key, record[key]])));
}

/** The text object from the education files under contentDir (default content/). */
export function learnText(contentDir = path.join(root, 'content')) {
  const read = (name) => JSON.parse(fs.readFileSync(path.join(contentDir, 'education', name), 'utf8'));
  const evidence = read('evidence.json');
  return {
    about: 'The Learn screen\'s text (ketadose content/education/). Figures, answers and reviews come from the core.',
    evidence: { topics: pick(evidence.topics, ['id', 'title', 'summary', 'refs', 'sections']), synonyms: read('synonyms.json').groups || [] },
    quiz: pick(read('quiz.json').questions, ['id', 'stem', 'options', 'explanation', 'refs']),
    examples: pick(read('examples.json').examples, ['id', 'title', 'teaching_point', 'trap', 'refs']),
    drills: pick(read('drills.json').drills, ['id', 'title', 'vignette', 'task', 'debrief', 'refs']),
  };
}

/**
 * Writes the text file into a built site at learn/text-<hash>.json and records {url, sha256} as "learn_text" in
 * its build-info.json (written before this is called). Returns that record.
 */
export function writeLearnText(out, contentDir) {
  const bytes = Buffer.from(`${JSON.stringify(learnText(contentDir))}\n`, 'utf8');
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const url = `learn/text-${sha256.slice(0, 16)}.json`;
  fs.mkdirSync(path.join(out, 'learn'), { recursive: true });
  fs.writeFileSync(path.join(out, url), bytes);
  const infoPath = path.join(out, 'build-info.json');
  const info = JSON.parse(fs.readFileSync(infoPath, 'utf8'));
  fs.writeFileSync(infoPath, `${JSON.stringify({ ...info, learn_text: { url, sha256 } }, null, 2)}\n`);
  return { url, sha256 };
}
