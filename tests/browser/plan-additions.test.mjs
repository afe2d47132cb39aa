// Issue 12 on the page: the plan's screening (from the screening page's answers), its regimen's guidance and the
// titration schedule with a step-hours entry. Every figure checked is the core's, worked by hand in the comment.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPage, planLink, waitForPlan, resultsText, currentRequest, requestInLink } from './browser.mjs';

let browser; let server; let origin; let page; let seen;
before(async () => { ({ browser, server, origin, page, seen } = await startPage()); });
after(async () => { await browser?.close(); server?.close(); });

// The position paper's protocol: 70 kg, 0.5 mg/kg/h for 72 h at 1 mg/mL.
const NCP_PLAN = Object.freeze({
  action: 'plan', protocol: 'ncp-subanaesthetic', patient: { weight: 70, weight_unit: 'kg', age_years: 40 },
  infusion: { rate_mg_per_kg_per_h: 0.5, duration_h: 72, concentration_mg_per_ml: 1 },
});

async function open(request) {
  await page.goto('about:blank'); // a fresh load: a hash-only change does not reload the app
  await page.goto(`${origin}/index.html${planLink(request)}`);
  await waitForPlan(page);
}

/** The link "Copy share link" would make for the plan the page holds (the address bar carries no plan: webedge). */
async function shareLink() {
  return page.evaluate(async () => (await import('./js/share.js')).shareUrl((await import('./js/store.js')).current().planRequest));
}

test('a multi-day plan shows its liver tests and the position paper\'s in-infusion rules', async () => {
  await open(NCP_PLAN);
  const text = await resultsText(page);
  // 72 h > 24 h: baseline and post-infusion LFTs (Cohen 2018 Q5), whatever was screened.
  assert.match(text, /Screening and tests for this plan[\s\S]*Liver function tests before and after/);
  // cnmp-position-2016 Proposal 5: pause for 1 hour; stop on dissociation.
  assert.match(text, /Guidance for this regimen[\s\S]*pause for 1 hour/i);
});

test('the schedule: 6 h steps give 0.1 to 0.4 mg/kg/h, then 0.5 from 24 h, weaning from 60 h', async () => {
  await open(NCP_PLAN);
  await page.locator('#schedule-step').fill('6');
  await page.locator('.schedule-table').waitFor({ timeout: 10000 });
  const rows = await page.locator('.schedule-table tbody tr').allInnerTexts();
  assert.equal(rows.length, 8);
  assert.match(rows[0], /^0\s+6\s+Titration\s+0\.1\s+7\s+7/);        // 0.1 x 70 = 7 mg/h = 7 mL/h
  assert.match(rows[4], /^24\s+60\s+Planned rate\s+0\.5\s+35\s+35/);  // 4 x 6 h; 72 - 12 h weaning
  assert.match(rows[5], /^60\s+66\s+Weaning\s+0\.333\s+23\.333/);     // 0.5 x 2/3
  assert.match(rows[7], /^72\s+76\s+Stopped: observe/);               // 4 h observation
  // The step interval is part of the plan and its link (the link is made on request, from the allow-list).
  assert.deepEqual((await currentRequest(page)).schedule, { step_h: 6 });
  const link = await shareLink();
  assert.deepEqual(requestInLink(link).schedule, { step_h: 6 });
  // Opened, the link brings the step back without a note that anything was left out.
  await page.goto('about:blank');
  await page.goto(link);
  await page.locator('.schedule-table').waitFor({ timeout: 10000 });
  assert.deepEqual((await currentRequest(page)).schedule, { step_h: 6 });
  assert.doesNotMatch(await page.locator('#copy-status').innerText(), /Left out of the link/); // where the page names what a link dropped
  assert.deepEqual(seen.errors, []);
});

test('screening answers ride with the plan: pregnancy holds it, and they are not put in the link', async () => {
  await open({ ...NCP_PLAN, infusion: { ...NCP_PLAN.infusion, duration_h: 48, rate_mg_per_kg_per_h: 0.1 } });
  await page.locator('.nav-button[data-screen="screening"]').click();
  await page.locator('#condition-pregnancy').check();
  await page.waitForFunction(() => /Avoid/i.test(document.querySelector('#screening-status')?.innerText));
  await page.locator('.nav-button[data-screen="plan"]').click();
  await page.waitForFunction(() => /Screening: avoid/.test(document.querySelector('.plan-screening')?.innerText || ''));
  assert.match(await resultsText(page), /On hold/);
  assert.equal((await currentRequest(page)).screening, undefined);
  assert.equal(requestInLink(await shareLink()).screening, undefined);
});

// A plan names its monitoring items and guidance records by id; the words on the cards are the catalog's
// (content/monitoring.json, content/guidance.json), sent once. A record the catalog lacks is said to be missing.
test('the monitoring and guidance cards show the catalog\'s words for what the plan names, and a missing record visibly', async () => {
  await open(NCP_PLAN);
  const found = await page.evaluate(async () => {
    const { api } = await import('./js/core.js');
    const { loadCatalog } = await import('./js/catalog.js');
    const store = await import('./js/store.js');
    const catalog = await loadCatalog();
    const plan = await api(store.current().planRequest);
    const byId = (records, id) => records.find((record) => record.id === id);
    const monitoringText = document.querySelector('#plan-results .monitoring').innerText;
    const guidanceText = document.querySelector('#plan-results .plan-guidance').innerText;
    const items = Object.values(plan.monitoring.sections).flat();
    return {
      items: items.length,
      itemsShown: items.filter((item) => monitoringText.includes(byId(catalog.monitoring.items, item.id).text)).length,
      textsInPlan: items.filter((item) => 'text' in item).length,
      rules: plan.guidance.rules.map((rule) => rule.id),
      rulesShown: plan.guidance.rules.filter((rule) => {
        const record = byId(catalog.guidance.rules, rule.id);
        return guidanceText.includes(record.title) && guidanceText.includes(record.text);
      }).length,
      scopeNoteShown: guidanceText.includes(catalog.guidance.scope_note.text),
    };
  });
  // A catalog that lacks an item the plan names (a page and core of different builds): the page's catalog loses
  // the supervising clinician, and age 70 (thresholds halved, content/monitoring.json) redraws the card.
  await page.evaluate(async () => {
    const catalog = await (await import('./js/catalog.js')).loadCatalog();
    catalog.monitoring.items = catalog.monitoring.items.filter((item) => item.id !== 'supervising-clinician');
  });
  await page.getByRole('textbox', { name: /^Age/ }).fill('70');
  await page.locator('#plan-results .monitoring .missing-record').waitFor({ timeout: 10000 });
  found.orphan = await page.locator('#plan-results .monitoring .missing-record').innerText();
  // The position paper's regimen: its two in-infusion rules (cnmp-position-2016 Proposal 5).
  assert.deepEqual(found.rules, ['pause-then-resume', 'stop-on-dissociation-or-amnesia']);
  assert.equal(found.rulesShown, 2);
  assert.equal(found.scopeNoteShown, true);
  assert.ok(found.items >= 5, `${found.items} monitoring items`);
  assert.equal(found.itemsShown, found.items, 'every item the plan names is shown in the catalog\'s words');
  assert.equal(found.textsInPlan, 0, 'the plan carries no item text');
  assert.match(found.orphan, /Missing from the catalog: "supervising-clinician"\. Reload the page/);
});
