// The share link: #plan=<encodeURIComponent(plan JSON)>, made only when the user presses "Copy share link".
// A link is data, not a request: the page rebuilds the plan from an allow-list of the fields a plan has, each
// type-checked; anything else is dropped and named, and a link never carries a site configuration or an
// acknowledgement (a plan opened from a link is always acknowledged afresh).

const PREFIX = '#plan=';
/** The longest link hash read (characters after "#plan="): a plan needs well under 1 KB. */
export const MAX_LINK_CHARS = 4096;
/** The deepest nesting a plan has (request > part > field) with one level to spare. */
export const MAX_LINK_DEPTH = 4;

const number = (value) => typeof value === 'number' && Number.isFinite(value);
const text = (value) => typeof value === 'string' && value.length > 0 && value.length <= 64;
const oneOf = (...choices) => (value) => choices.includes(value);
const boolean = (value) => typeof value === 'boolean';

// Every field a plan request has, with the type it must have. Numbers are numbers (never text) in a link.
const PLAN_FIELDS = {
  protocol: text,
  patient: { weight: number, weight_unit: oneOf('kg', 'lb'), height_cm: number, age_years: number,
    sex: oneOf('female', 'male') },
  dosing_weight: oneOf('actual', 'ideal', 'adjusted'),
  significant_comorbidity: boolean,
  bolus: { dose_mg_per_kg: number, concentration_mg_per_ml: number, over_min: number },
  infusion: { rate_mg_per_kg_per_h: number, rate_ug_per_kg_per_min: number, rate_mg_per_h: number, duration_h: number,
    concentration_mg_per_ml: number },
  repeated: { dose_mg_per_kg: number, dose_mg: number, every_h: number, concentration_mg_per_ml: number },
  simulate: { model: text, step_min: number, until_min: number, threshold_ng_per_ml: number, ke0_half_life_min: number },
  // The titration schedule's entries (docs/design.md, plan request "schedule"): the step interval is part of the plan.
  schedule: { step_h: number, start_mg_per_kg_per_h: number, step_mg_per_kg_per_h: number, weaning_h: number },
};
// Fields a link must never carry, whatever their value: they are the page's own, never data.
const NEVER = { site: 'a site configuration', acknowledged: 'acknowledgements' };

const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** How deeply a parsed value nests (a scalar is 0), counted without recursion. */
function depthOf(value) {
  let deepest = 0;
  const stack = [[value, 0]];
  while (stack.length) {
    const [item, depth] = stack.pop();
    if (item === null || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** A copy of value holding only the fields of schema with the right type; every other field's path in dropped. */
function allowed(value, schema, path, dropped) {
  const out = {};
  for (const [key, item] of Object.entries(value)) {
    const where = path ? `${path}.${key}` : key;
    const rule = has(schema, key) ? schema[key] : null;
    if (typeof rule === 'function' && rule(item)) out[key] = item;
    else if (rule && typeof rule === 'object' && isObject(item)) out[key] = allowed(item, rule, where, dropped);
    else if (!path && has(NEVER, key)) dropped.never.push(NEVER[key]);
    else if (key !== 'action' || path || item !== 'plan') dropped.fields.push(where);
  }
  return out;
}

/**
 * A plan rebuilt from link data: {request, notes} with only allow-listed, type-checked fields (action "plan"),
 * or {error} with a plain sentence. notes lists, in a sentence each, what the link held that was left out.
 */
export function planFromData(data) {
  if (!isObject(data)) return { error: 'The link does not hold a plan, so nothing was filled in.' };
  if (depthOf(data) > MAX_LINK_DEPTH) return { error: 'The link is nested too deeply to be a plan, so it was not opened.' };
  const dropped = { fields: [], never: [] };
  const request = { action: 'plan', ...allowed(data, PLAN_FIELDS, '', dropped) };
  const notes = [];
  if (dropped.never.length) {
    notes.push(`The link carried ${dropped.never.join(' and ')}, which a link never sets: they were left out, ` +
      'so every alert is checked afresh.');
  }
  if (dropped.fields.length) {
    notes.push(`Left out of the link because a plan has no such field or it had the wrong type: ${dropped.fields.join(', ')}.`);
  }
  return { request, notes };
}

/**
 * The plan carried by a location hash.
 * @returns {{request: object, notes: string[]} | {error: string} | null} null when the hash holds no plan
 */
export function planFromHash(hash) {
  if (!hash || !hash.startsWith(PREFIX)) return null;
  const encoded = hash.slice(PREFIX.length);
  if (encoded.length > MAX_LINK_CHARS) {
    return { error: `The link is too long to be a plan (over ${MAX_LINK_CHARS} characters), so it was not opened.` };
  }
  let data;
  try {
    data = JSON.parse(decodeURIComponent(encoded));
  } catch {
    return { error: 'The link is damaged or incomplete: its plan could not be read.' };
  }
  return planFromData(data);
}

/** The hash for a plan: its allow-listed fields only (never a site or acknowledgements). */
export function hashForPlan(request) {
  const { request: clean } = planFromData(request);
  return PREFIX + encodeURIComponent(JSON.stringify(clean || {}));
}

/** The full shareable address of a plan. */
export function shareUrl(request) {
  return location.href.split('#')[0] + hashForPlan(request);
}

/** Takes the plan out of the address bar (without a history entry), once the page has read it. */
export function clearPlanHash() {
  if (location.hash.startsWith(PREFIX)) history.replaceState(history.state, '', location.pathname + location.search);
}
