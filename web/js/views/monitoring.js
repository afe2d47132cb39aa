// The monitoring plan a plan response carries: the setting and why, the (possibly lowered) thresholds, and what
// staff, observations, equipment and discharge need, each item with its source. The plan names each item by id;
// its words are the catalog's (catalog.monitoring.items, content/monitoring.json).
import { findCatalogRecord, missingRecord } from '../catalog.js';
import { h, qty } from '../dom.js';
import { sourceLine } from './alerts.js';

const SECTION_TITLES = { setting: 'Setting', staff: 'Staff', observations: 'Observations', equipment: 'Equipment', discharge: 'Discharge' };

/** One line on the setting and the thresholds that decided it, for the totals card. */
export function monitoringReason(monitoring) {
  if (!monitoring) return null;
  const thresholds = monitoring.thresholds || {};
  return h('div', { class: 'monitoring-reason' },
    monitoring.because?.length ? h('p', {}, h('strong', { text: 'Because: ' }), monitoring.because.join('; ')) : null,
    thresholds.lowered ? h('p', {}, 'Thresholds lowered (', qty(thresholds.bolus_mg_per_kg, 'mg/kg'), ' bolus, ',
      qty(thresholds.infusion_mg_per_kg_per_h, 'mg/kg/h'), ' infusion) for: ', (thresholds.lowered_because || []).join('; ')) : null);
}

/** The monitoring plan card, or nothing when the core sent none. */
export function renderMonitoring(monitoring, catalog) {
  if (!monitoring?.sections) return null;
  const thresholds = monitoring.thresholds || {};
  const sections = Object.entries(monitoring.sections).filter(([, items]) => items?.length);
  return h('section', { class: 'card result monitoring', 'aria-labelledby': 'monitoring-heading' },
    h('h3', { id: 'monitoring-heading' }, 'Monitoring plan: ', h('span', { class: `setting setting-${monitoring.setting}`, text: monitoring.setting })),
    monitoringReason(monitoring),
    thresholds.source ? sourceLine(catalog, thresholds) : null,
    thresholds.lowering ? sourceLine(catalog, thresholds.lowering) : null,
    typeof monitoring.observe_h_after_stop === 'number'
      ? h('p', { class: 'observe' }, h('strong', { text: 'Observe after stopping: ' }), qty(monitoring.observe_h_after_stop, 'h')) : null,
    h('div', { class: 'monitoring-sections' }, sections.map(([key, items]) => h('div', { class: 'monitoring-section' },
      h('h4', { text: SECTION_TITLES[key] || key }),
      h('ul', {}, items.map((item) => monitoringItem(item, catalog)))))),
    (monitoring.notes || []).map((note) => h('p', { class: 'meta', text: typeof note === 'string' ? note : note.text })));
}

/** One item the plan names, in the catalog's words, with the source the plan gives. */
function monitoringItem(item, catalog) {
  const record = findCatalogRecord(catalog?.monitoring?.items, item.id);
  return h('li', {}, record ? h('p', { text: record.text }) : missingRecord(item.id), sourceLine(catalog, item));
}
