// The pump's volume to be infused beside its rate, each bag with the hours it covers, and the core's sentence
// for each prepared container (what to make up, what to infuse, what to discard). Every figure and sentence is
// the core's (infusion.vtbi_ml, infusion.bags, preparation[].instruction, preparation[].strength_needed).
import { h, qty, formatCoreNumber } from '../dom.js';

/** The volume to be infused, as a figure for the infusion card (beside the pump rate), or null. */
export function vtbiFigure(response) {
  const infusion = response.infusion;
  if (!infusion) return null;
  const several = (infusion.bags || []).length > 1;
  return h('div', { class: 'figure figure-main', dataset: { field: 'infusion.vtbi_ml' } },
    h('span', { class: 'figure-label', text: several ? 'Volume to be infused, bag 1' : 'Volume to be infused' }),
    qty(infusion.vtbi_ml, 'mL'));
}

function bagTable(infusion) {
  const bags = infusion.bags || [];
  if (bags.length < 2) return null;
  return h('div', { class: 'table-scroll', tabIndex: 0, role: 'region', 'aria-label': 'Bag changes' },
    h('table', { class: 'rate-table bag-table' },
      h('caption', {}, `${bags.length} bags at `, qty(infusion.rate_ml_per_h, 'mL/h')),
      h('thead', {}, h('tr', {}, ['Bag', 'From (h)', 'To (h)', 'Volume to be infused (mL)', 'Drug (mg)', 'Made up to (mL)', 'Discard (mL)']
        .map((text) => h('th', { scope: 'col', text })))),
      h('tbody', {}, bags.map((bag) => h('tr', {},
        h('th', { scope: 'row', text: formatCoreNumber(bag.bag) }),
        h('td', { text: formatCoreNumber(bag.start_h) }),
        h('td', { text: formatCoreNumber(bag.end_h) }),
        h('td', { class: 'pump', text: formatCoreNumber(bag.vtbi_ml) }),
        h('td', { text: formatCoreNumber(bag.drug_mg) }),
        h('td', { text: formatCoreNumber(bag.made_up_to_ml) }),
        h('td', { text: bag.discard_ml ? formatCoreNumber(bag.discard_ml) : '' }))))));
}

/** The card with each container's instruction and, for a multi-bag infusion, the bag changes; or null. */
export function renderPreparation(response) {
  const parts = (response.preparation || []).filter((prep) => prep.instruction || prep.strength_needed);
  if (!parts.length && !response.infusion) return null;
  return h('section', { class: 'card result', 'aria-label': 'Make up and infuse' },
    h('h3', { text: 'Make up and infuse' }),
    h('ul', { class: 'notes prep-instructions' }, parts.map((prep) => h('li', { dataset: { part: prep.part } },
      prep.instruction ? h('p', { text: prep.instruction }) : null,
      prep.strength_needed ? h('p', { class: 'prep-strength-needed', role: 'note', text: prep.strength_needed }) : null))),
    response.infusion ? bagTable(response.infusion) : null);
}

/** Rows for the print sheet's double check: the volume to be infused and each bag change. */
export function preparationCheckRows(response, checkRow) {
  const infusion = response.infusion;
  if (!infusion) return [];
  const bags = infusion.bags || [];
  const rows = [checkRow(bags.length > 1 ? 'Volume to be infused, bag 1' : 'Volume to be infused', qty(infusion.vtbi_ml, 'mL'))];
  if (bags.length > 1) {
    for (const bag of bags) {
      rows.push(checkRow(`Bag ${bag.bag}: ${formatCoreNumber(bag.start_h)}-${formatCoreNumber(bag.end_h)} h`,
        h('span', {}, 'infuse ', qty(bag.vtbi_ml, 'mL'), ' (', qty(bag.drug_mg, 'mg'), ')')));
    }
  }
  for (const prep of response.preparation || []) {
    if (prep.part === 'infusion' && prep.instruction) rows.push(checkRow('Make up', prep.instruction));
    if (prep.strength_needed) rows.push(checkRow('Product strength', prep.strength_needed));
  }
  return rows;
}
