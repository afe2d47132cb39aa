// The printed plan's extra page: a double-check sheet listing each figure for two independent checkers,
// stamped with the content version and the date; no patient identifiers (a box for the ward's label instead).
import { h, qty } from '../dom.js';
import { preparationCheckRows } from './preparation.js';

function checkRow(label, value) {
  return h('tr', {}, h('th', { scope: 'row', text: label }), h('td', {}, value), h('td', { class: 'blank' }), h('td', { class: 'blank' }));
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];

/**
 * The date the sheet is printed, day, month in words and year ("2 December 2026"): read the same way in every
 * English locale, and made without the browser's locale data, whose first use cost 45-60 ms at full CPU speed
 * (four times that on a slow tablet) in one task, so the stamps can carry it from the start.
 */
export function printDate() {
  const now = new Date();
  return `${now.getDate()} ${MONTHS[now.getMonth()]} ${now.getFullYear()}`;
}

/** Fills container (shown only in print) from a plan response. */
export function renderPrintSheet(container, response, { catalog }) {
  markForPrint(response);
  if (!response.ok) { container.replaceChildren(); return; }
  const rows = [
    checkRow('Regimen', response.regimen_title),
    checkRow('Dosing weight', h('span', {}, qty(response.dosing_weight_kg, 'kg'), ` (${response.dosing_weight_basis})`)),
  ];
  if (response.bolus) {
    rows.push(checkRow('Bolus dose', h('span', {}, qty(response.bolus.dose_mg, 'mg'), ' (', qty(response.bolus.dose_mg_per_kg, 'mg/kg'), ')')),
      checkRow('Bolus volume', h('span', {}, qty(response.bolus.volume_ml, 'mL'), ' of ', qty(response.bolus.concentration_mg_per_ml, 'mg/mL'))));
    if (response.bolus.over_min !== undefined) rows.push(checkRow('Bolus given over', qty(response.bolus.over_min, 'min')));
  }
  if (response.infusion) {
    rows.push(checkRow('Infusion rate', h('span', {}, qty(response.infusion.rate_mg_per_h, 'mg/h'), ' (', qty(response.infusion.rate_mg_per_kg_per_h, 'mg/kg/h'), ')')),
      checkRow('Bag concentration', qty(response.infusion.concentration_mg_per_ml, 'mg/mL')),
      checkRow('Pump rate', qty(response.infusion.rate_ml_per_h, 'mL/h')),
      checkRow('Duration', qty(response.infusion.duration_h, 'h')),
      checkRow('Infusion total', h('span', {}, qty(response.infusion.total_mg, 'mg'), ' in ', qty(response.infusion.total_ml, 'mL'))),
      ...preparationCheckRows(response, checkRow));
  }
  if (response.repeated) {
    rows.push(checkRow('Each dose', qty(response.repeated.dose_mg, 'mg')),
      checkRow('Every', qty(response.repeated.every_h, 'h')),
      checkRow('Daily total', qty(response.repeated.daily_mg, 'mg')));
  }
  if (response.bolus || response.infusion) rows.push(checkRow('Plan total', qty(response.total_mg, 'mg')));
  rows.push(checkRow('Setting', response.setting));
  const acknowledged = response.alerts.filter((alert) => alert.acknowledged);
  container.replaceChildren(
    h('section', { class: 'check-sheet' },
      document.body.dataset.planUse === 'not-for-use'
        ? h('p', { class: 'not-for-use', text: 'NOT FOR USE: this plan is refused or on hold. Do not prepare or give it.' }) : null,
      h('h2', { text: 'Independent double check' }),
      h('p', { text: 'Each checker works the figures out independently, then initials each line. Stop if any figure differs.' }),
      h('div', { class: 'label-box', text: 'Patient label' }),
      h('table', { class: 'check-table' },
        h('thead', {}, h('tr', {}, ['Item', 'Plan', 'Checker 1', 'Checker 2'].map((text) => h('th', { scope: 'col', text })))),
        h('tbody', {}, rows)),
      acknowledged.length ? h('div', {}, h('h3', { text: 'Alerts acknowledged' }),
        h('ul', {}, acknowledged.map((alert) => h('li', { text: alert.message })))) : null,
      h('p', { class: 'blank-line', text: 'Pump set to: ________ mL/h    Bag label reads: ________ mg/mL' }),
      h('p', { class: 'blank-line', text: 'Checker 1: ______________    Checker 2: ______________    Time: ________' }),
      response.site ? h('p', { class: 'stamp' }, `Site configuration: ${response.site.institution}; checksum (SHA-256) `,
        h('span', { class: 'checksum', text: response.site.checksum })) : null,
      stamp(catalog)));
}

/** "ketadose · content version ... (content hash ...) · printed ...": names the exact content a sheet used. */
export function stampText(catalog) {
  return `ketadose · content version ${catalog.content_version || 'unknown'} ` +
    `(content hash ${(catalog.content_hash || 'unknown').slice(0, 16)}, core ${catalog.core_build || 'unknown'})` +
    ` · printed ${printDate()}`;
}

/** The stamp line for the foot of each printed page. */
export function stamp(catalog) {
  return h('p', { class: 'stamp', dataset: { stamp: '' } }, stampText(catalog));
}

/**
 * Marks the document for print: a refused or on-hold plan prints every block marked not for use, however
 * printing is started (the Print button is disabled then, but the browser's own Print is not).
 */
export function markForPrint(response) {
  const usable = response.ok && !response.blocked && !(response.alerts || []).some((alert) => alert.severity === 'hard');
  document.body.dataset.planUse = !response.ok ? 'none' : usable ? 'ready' : 'not-for-use';
}
