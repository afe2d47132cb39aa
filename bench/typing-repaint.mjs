// Typing a weight to the dose repainted, in headless Chromium with the CPU slowed down 4x (CDP
// Emulation.setCPUThrottlingRate): the example plan opened from a shared link, then the weight field's
// value replaced, alternately 80 and 70 kg (one input event, as a keystroke makes), measured from that input
// event to the frame after the results show the new pump rate (0.5 mg/kg/h x W kg / 1 mg/mL: 40 or 35 mL/h).
// Debounce: the plan screen recomputes at once on each input for a plan without a simulation, as this one is
// (web/js/screens/plan.js changed(): it waits 150 ms after the last keystroke only when a PK model is chosen),
// so the figure holds no debounce; with a model chosen, add 150 ms to it.
// The figure (repaint_ms) runs to the end of the frame that shows the new rate (its style, layout and paint
// included); to_frame_ms stops where that frame starts, as this benchmark measured before.
//   node bench/typing-repaint.mjs [--runs N] [--edits N] [--rate R] [--dist DIR]   serves dist/ (or DIR); prints JSON
import { launch, serveDist, planLink, nextReport, EXAMPLE_PLAN } from '../tests/browser/browser.mjs';

const option = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const runs = option('--runs', 3);
const edits = option('--edits', 10);
const rate = option('--rate', 4);
export const DEBOUNCE_MS = 0; // for this plan (no simulation); 150 ms with a PK model chosen
const DEBOUNCE_NOTE = 'none for this plan: each input recomputes at once; with a PK model chosen the page waits ' +
  '150 ms after the last keystroke (not in this figure)';

// In the page: notes performance.now() at each input event on the weight field, and at the first frame after it
// whose results show the wanted figure.
function watchEdits() {
  document.addEventListener('input', (event) => {
    if (event.target?.dataset?.path !== 'patient.weight') return;
    const wanted = `${0.5 * Number(event.target.value)} mL/h`;
    const started = performance.now();
    const check = () => {
      if (!document.querySelector('#plan-results')?.textContent.includes(wanted)) return false;
      // The frame that shows it starts with this rAF callback; a message posted from there is handled once that
      // frame's style, layout and paint are done: the figure is the time to then (to_frame_ms stops at the rAF).
      requestAnimationFrame(() => {
        const frame = performance.now() - started;
        const channel = new MessageChannel();
        channel.port1.onmessage = () => console.debug('ketadose-edit', performance.now() - started, frame);
        channel.port2.postMessage(0);
      });
      return true;
    };
    const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
    observer.observe(document.getElementById('plan-results'), { subtree: true, childList: true, characterData: true });
  }, true);
}

const median = (values) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const distIndex = process.argv.indexOf('--dist');
const { server, origin } = await serveDist('/', distIndex > 0 ? process.argv[distIndex + 1] : undefined);
const browser = await launch();
const times = [];
const frames = [];
try {
  for (let run = 0; run < runs; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1180, height: 820 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.goto(`${origin}/index.html${planLink(EXAMPLE_PLAN)}`);
    await page.waitForFunction(() => document.querySelector('#plan-results')?.textContent.includes('35 mL/h'), null, { timeout: 60000 });
    await page.evaluate(watchEdits);
    const weight = page.locator('input[data-path="patient.weight"]');
    for (let edit = 0; edit < edits; edit += 1) {
      await page.waitForTimeout(300); // the page idle between edits, as between a user's keystrokes
      // Read from a console message, not by polling the page: a poll would run inside the frames being timed.
      const reported = nextReport(page, 'ketadose-edit', 30000);
      await weight.fill(edit % 2 ? '70' : '80');
      const [repaint, frame] = await reported;
      times.push(repaint);
      frames.push(frame);
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify({ cpu_throttling_rate: rate, runs, edits, debounce_ms: DEBOUNCE_MS, repaint_ms: times,
  repaint_median_ms: median(times), to_frame_ms: frames, to_frame_median_ms: median(frames),
  debounce: DEBOUNCE_NOTE }, null, 1));
