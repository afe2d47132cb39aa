// The built page loads the wasm core and shows a computed plan from a shared link.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serveDist, planLink } from './browser.mjs';

let browser; let server; let origin;
before(async () => { ({ server, origin } = await serveDist()); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

test('a #plan= link shows the issue 2 example numbers', async () => {
  const page = await browser.newPage();
  const request = {
    action: 'plan', protocol: 'chronic-iv-outpatient', patient: { weight: 70, weight_unit: 'kg' },
    bolus: { dose_mg_per_kg: 0.35, concentration_mg_per_ml: 10, over_min: 10 },
    infusion: { rate_mg_per_kg_per_h: 0.5, duration_h: 4, concentration_mg_per_ml: 1 },
  };
  await page.goto(`${origin}/index.html${planLink(request)}`);
  const text = await page.locator('main').innerText({ timeout: 15000 });
  await page.waitForFunction(() => document.body.innerText.includes('mL/h'));
  const body = await page.locator('main').innerText();
  // 0.35 x 70 = 24.5 mg; 24.5 / 10 = 2.45 mL; 0.5 x 70 / 1 = 35 mL/h; 35 x 4 = 140 mg.
  for (const figure of ['24.5 mg', '2.45 mL', '35 mL/h', '140 mg']) assert.ok(body.includes(figure), `${figure} in ${body} (${text.length})`);
  await page.close();
});
