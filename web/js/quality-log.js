// The override log for quality review (smart-pump practice: overrides are reviewed by the hospital). It records,
// on this device only, every soft alert the user acknowledged and every plan refused by a hard stop: the time,
// the regimen, the alert's code, key, severity and message, the site configuration's checksum and the content
// version. Never a patient identifier: no weight, height, age or sex, nothing the user typed; the patient's own
// figures are taken out of an alert's message before it is kept. Nothing leaves the device unless exported.
// A site switches the log off with "quality_log": false in site.json (the catalog's site record says so).

const KEY = 'ketadose-quality-log';
/** The log keeps the newest entries up to this many (a storage bound, not a clinical figure). */
export const MAX_ENTRIES = 500;
/** The fields of an entry, in export order: the only ones ever stored. */
export const FIELDS = ['time', 'event', 'regimen', 'code', 'ack_key', 'severity', 'message', 'site_checksum', 'content_version'];
const PATIENT_MARK = '[patient figure]';

/** Whether the log is on: always, unless the site configuration in force switches it off. */
export function isEnabled(catalog) {
  return catalog?.site?.quality_log !== false;
}

/** The stored entries, oldest first; anything malformed is dropped, each entry rebuilt from the allow-list. */
export function entries() {
  let stored;
  try { stored = JSON.parse(localStorage.getItem(KEY) || '[]'); } catch { stored = []; }
  if (!Array.isArray(stored)) return [];
  return stored.filter((item) => item && typeof item === 'object').map(clean).slice(-MAX_ENTRIES);
}

function clean(item) {
  const entry = {};
  for (const field of FIELDS) entry[field] = typeof item[field] === 'string' ? item[field].slice(0, 2000) : '';
  return entry;
}

function save(list) {
  try {
    localStorage.setItem(KEY, JSON.stringify(list.slice(-MAX_ENTRIES)));
    return true;
  } catch {
    return false; // storage off or full: the log cannot be kept on this device
  }
}

/** Empties the log. */
export function clear() {
  try { localStorage.removeItem(KEY); } catch { /* storage off: nothing is stored */ }
}

/** The patient's own figures in a plan (weight, height, age as entered, and the weights computed from them). */
function patientFigures(request, response) {
  const patient = request?.patient || {};
  const weights = response?.weights || {};
  const values = [patient.weight, patient.height_cm, patient.age_years, response?.dosing_weight_kg,
    ...Object.values(weights)];
  return new Set(values.filter((value) => typeof value === 'number' && Number.isFinite(value)).map(String));
}

/**
 * An alert's message without the patient's figures: a number with a weight, height or age unit, or equal to a
 * figure of this patient, becomes "[patient figure]". Dose figures (mg, mg/kg, mL/h) stay: they are the override.
 */
export function withoutPatientFigures(message, request, response) {
  const figures = patientFigures(request, response);
  return String(message || '').replace(/\d+(?:\.\d+)?(\s*(?:kg|lb|cm|years?|year-old)\b)?/g, (match, unit, offset, whole) => {
    const number = match.replace(/\s*[a-z-]+$/i, '');
    if (/[\d.]/.test(whole[offset - 1] || '')) return match;
    return unit || figures.has(number) || figures.has(String(Number(number))) ? PATIENT_MARK : match;
  });
}

function entryFor(event, alert, catalog, request, response) {
  return clean({
    time: new Date().toISOString(),
    event,
    regimen: String(response?.protocol || request?.protocol || ''),
    code: String(alert.code || ''),
    ack_key: String(alert.ack_key || ''),
    severity: String(alert.severity || ''),
    message: withoutPatientFigures(alert.message, request, response),
    site_checksum: String(catalog?.site?.checksum || 'none (built-in defaults)'),
    content_version: String(catalog?.content_version || ''),
  });
}

function add(list) {
  if (!list.length) return false;
  return save([...entries(), ...list]);
}

/**
 * The user ticked "I have checked this" for an alert of the plan on screen. `key` is what the page
 * acknowledges with (an ack_key, or a code on a core without ack keys).
 */
export function recordAcknowledged(catalog, request, response, key) {
  try { return acknowledged(catalog, request, response, key); } catch { return false; } // never in the plan's way
}

function acknowledged(catalog, request, response, key) {
  if (!isEnabled(catalog) || !response?.ok || !Array.isArray(response.alerts)) return false;
  const alert = (response.alerts || []).find((item) => item.ack_key === key)
    || (response.alerts || []).find((item) => item.code === key);
  if (!alert || alert.severity === 'hard') return false;
  return add([entryFor('acknowledged', alert, catalog, request, response)]);
}

/** A plan was shown: when a hard stop refuses it, each hard alert is logged (a refusal repeated in a row, once). */
export function recordShown(catalog, request, response) {
  try { return shown(catalog, request, response); } catch { return false; } // never in the plan's way
}

function shown(catalog, request, response) {
  if (!isEnabled(catalog) || !response?.ok || !Array.isArray(response.alerts)) return false;
  const hard = (response.alerts || []).filter((alert) => alert.severity === 'hard');
  if (!hard.length) return false;
  const made = hard.map((alert) => entryFor('refused', alert, catalog, request, response));
  // The same refusal shown again (each keystroke, a reload of the same link) is one entry, not one per showing:
  // it is kept only when the log's latest entries are not already this refusal.
  const signature = (list) => JSON.stringify(list.map(({ event, regimen, code, message, site_checksum }) =>
    [event, regimen, code, message, site_checksum]));
  if (signature(entries().slice(-made.length)) === signature(made)) return false;
  return add(made);
}

function csvCell(value) {
  const text = String(value ?? '');
  // Quoted always; a leading = + - @ is prefixed so that a spreadsheet does not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The log as CSV (a header line, then one line per entry). */
export function toCsv(list = entries()) {
  return [FIELDS.join(','), ...list.map((entry) => FIELDS.map((field) => csvCell(entry[field])).join(','))].join('\r\n') + '\r\n';
}

/** The log as JSON. */
export function toJson(list = entries()) {
  return JSON.stringify({ format: 'ketadose-quality-log', version: 1, entries: list }, null, 2);
}
