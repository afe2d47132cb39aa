// Preparation on the page: the volume to be infused beside the pump rate, the bag changes of a long infusion,
// the core's make-up and discard sentences, and an S-ketamine plan that offers no racemic stock.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serveDist, planLink, waitForPlan, resultsText } from './browser.mjs';

let browser; let server; let origin; let context; let page;
before(async () => {
  ({ server, origin } = await serveDist());
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1180, height: 820 }, serviceWorkers: 'block' });
  page = await context.newPage();
});
after(async () => { await browser?.close(); server?.close(); });

async function open(request) {
  await page.goto(`${origin}/index.html${planLink(request)}`);
  await page.reload();
  await waitForPlan(page);
  return resultsText(page);
}

test('a 72 h infusion shows three 24 h bags of 840 mL, each with its volume to be infused', async () => {
  // 0.5 mg/kg/h x 70 kg = 35 mL/h of 1 mg/mL; no bag hangs more than 24 h: 24 x 35 = 840 mL a bag, 3 bags.
  const text = await open({ action: 'plan', protocol: 'chronic-iv-inpatient', patient: { weight: 70, weight_unit: 'kg' },
    infusion: { rate_mg_per_kg_per_h: 0.5, duration_h: 72, concentration_mg_per_ml: 1 } });
  assert.match(text, /volume to be infused, bag 1\s+840 mL/i);  // the label is shown in capitals
  assert.ok(text.includes('840 mL'), text);
  assert.ok(text.includes('Bags 1, 2 and 3: make up each to 840 mL of 1 mg/mL racemic ketamine (840 mg) in a 1000 mL bag.'), text);
  const rows = await page.locator('.bag-table tbody tr').allInnerTexts();
  assert.equal(rows.length, 3);
  assert.match(rows[2], /^3\s+48\s+72\s+840\s+840\s+840/);
});

test('an S-ketamine plan asks for the product strength and offers no racemic stock', async () => {
  // Sigtermans 0.3 mg/kg/h x 70 kg = 21 mL/h; the built-in content lists no S-ketamine strength.
  const text = await open({ action: 'plan', protocol: 'crps-sigtermans', patient: { weight: 70, weight_unit: 'kg' },
    infusion: { rate_mg_per_kg_per_h: 0.3, duration_h: 24, concentration_mg_per_ml: 1 } });
  assert.ok(text.includes('S-ketamine (esketamine)'), text);
  assert.ok(await page.locator('.prep-strength-needed').count() >= 1);
  assert.equal(await page.locator('.prep-options li').count(), 0, 'no stock offered');
  assert.equal(await page.locator('.alert[data-code="s-ketamine-product"]').count(), 1);
});
