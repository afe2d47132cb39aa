// The catalog (regimens, rules, references, ...) fetched once from the core, with look-ups the screens share.
import { api, siteStatus } from './core.js';
import { h } from './dom.js';

let catalogPromise = null;

/**
 * The core's catalog response, requested once. Its site record is the one core.js applied (siteStatus): the
 * core answers a bare {"action":"catalog"} from its built-in catalog even under an applied site, so without this
 * the page would read "no site" (the quality log's "quality_log": false, its site checksum).
 */
export function loadCatalog() {
  if (!catalogPromise) {
    catalogPromise = Promise.all([api({ action: 'catalog' }), siteStatus()]).then(([catalog, site]) =>
      (catalog?.ok && site?.state === 'ok' ? { ...catalog, site: site.site } : catalog));
  }
  return catalogPromise;
}

/** The regimen record with this id, or undefined. */
export function findRegimen(catalog, id) {
  return (catalog.regimens || []).find((regimen) => regimen.id === id);
}

/** Regimens grouped by indication, in catalog order: [[indication, [regimen, ...]], ...]. */
export function regimensByIndication(catalog) {
  const groups = new Map();
  for (const regimen of catalog.regimens || []) {
    const key = regimen.indication || 'Other';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(regimen);
  }
  return [...groups];
}

/**
 * The catalog's record that a plan names by id: a monitoring item (`catalog.monitoring.items`, which a plan's
 * monitoring sections name), a guidance rule (`catalog.guidance.rules`) or a take-home note
 * (`catalog.guidance.take_home.notes`). Undefined when the catalog has no such record.
 */
export function findCatalogRecord(records, id) {
  return Array.isArray(records) ? records.find((record) => record?.id === id) : undefined;
}

/** A visible line in place of a record the catalog lacks: the plan and the catalog came from different builds. */
export function missingRecord(id) {
  return h('p', { class: 'missing-record', role: 'alert', text: `Missing from the catalog: "${id}". Reload the page before relying on this part of the plan.` });
}

/** The reference record with this id, or undefined. */
export function findReference(catalog, id) {
  return (catalog.references || []).find((reference) => reference.id === id);
}

/** A short readable name for a reference id ("Cohen 2018 (ASRA/AAPM/ASA)"), falling back to the id. */
export function referenceName(catalog, id) {
  const reference = findReference(catalog, id);
  return reference?.short || reference?.title || id || '';
}

/**
 * Concentrations to offer as quick picks for one part of a regimen: the regimen's default for that part and
 * the stocked products from the catalog rules (injections; the oral solution for an oral part). No arithmetic:
 * these are the catalog's own numbers, sorted for display.
 */
export function concentrationChoices(catalog, regimen, part) {
  const products = catalog.rules?.products || {};
  const values = new Set();
  const fromDefault = regimen?.[part]?.default?.concentration_mg_per_ml;
  if (typeof fromDefault === 'number') values.add(fromDefault);
  const oral = regimen?.[part]?.route === 'oral';
  if (oral && typeof products.oral_solution_mg_per_ml === 'number') values.add(products.oral_solution_mg_per_ml);
  if (!oral) for (const value of products.injection_mg_per_ml || []) if (typeof value === 'number') values.add(value);
  return [...values].sort((a, b) => a - b);
}
