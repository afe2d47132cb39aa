// The plan's screening (verdict, findings, tests and the cumulative-risk notes its shape calls for) and its
// regimen's guidance (in-infusion rules, take-home safety notes), as the core returned them with their sources.
import { findCatalogRecord, missingRecord } from '../catalog.js';
import { h } from '../dom.js';
import { sourceLine } from './alerts.js';

/**
 * The plan request as sent to the core: the screening page's answers (conditions, ORT) ride along, so the plan
 * is judged with them. They are added here, not to the request in the address bar.
 */
export function withScreening(request, screenRequest) {
  if (!request || !Array.isArray(screenRequest?.conditions)) return request;
  const screening = { conditions: [...screenRequest.conditions] };
  if (screenRequest.ort) screening.ort = screenRequest.ort;
  return { ...request, screening };
}

/** The screening card of a plan response, or nothing when the plan has none. */
export function renderPlanScreening(response, catalog) {
  const screening = response.screening;
  if (!screening) return null;
  const source = (record) => sourceLine(catalog, record);
  const verdict = screening.screened ? `Screening: ${screening.verdict}` : 'Not screened with this plan';
  return h('section', { class: 'card result plan-screening', 'aria-labelledby': 'plan-screening-heading' },
    h('h3', { id: 'plan-screening-heading', text: 'Screening and tests for this plan' }),
    h('p', { class: `verdict verdict-${screening.verdict || 'none'}` }, h('strong', { text: verdict })),
    screening.findings?.length ? h('ul', { class: 'findings' }, screening.findings.map((finding) => h('li', {},
      h('p', {}, h('strong', { text: `${finding.title} (${finding.level})` }), finding.comorbidity ? ' · counts as significant comorbidity' : ''),
      h('p', { text: finding.reason }), source(finding)))) : null,
    screening.comorbidity_rule ? h('p', { class: 'meta', text: screening.comorbidity_rule.text }) : null,
    h('h4', { text: 'Tests' }),
    screening.tests?.length ? h('ul', { class: 'tests' }, screening.tests.map((test) => h('li', {},
      h('p', {}, h('strong', { text: test.title }), ` (because: ${(test.because || []).join(', ')})`),
      h('p', { text: test.reason }), source(test))))
      : h('p', { text: screening.tests_note?.text || 'No tests called for.' }),
    screening.plan_shape ? h('p', {}, screening.plan_shape.reason) : null,
    screening.plan_shape ? source(screening.plan_shape) : null,
    screening.notes?.length ? h('ul', { class: 'notes' }, screening.notes.map((note) => h('li', {},
      h('p', { text: note.text }), source(note)))) : null);
}

/**
 * The regimen's guidance card (rules during the infusion, take-home notes), or nothing when it has neither. The
 * plan names the catalog's records by id with their sources; the titles, texts and scope note are the catalog's.
 */
export function renderPlanGuidance(response, catalog) {
  const guidance = response.guidance;
  if (!guidance || (!guidance.rules?.length && !guidance.take_home?.length)) return null;
  const item = (records) => (named) => {
    const record = findCatalogRecord(records, named.id);
    return h('li', {}, record ? [h('p', {}, h('strong', { text: record.title })), h('p', { text: record.text })] : missingRecord(named.id),
      sourceLine(catalog, named));
  };
  const scopeNote = catalog?.guidance?.scope_note;
  return h('section', { class: 'card result plan-guidance', 'aria-labelledby': 'plan-guidance-heading' },
    h('h3', { id: 'plan-guidance-heading', text: 'Guidance for this regimen' }),
    guidance.rules?.length ? [h('h4', { text: 'During the infusion' }),
      h('ul', { class: 'guidance-rules' }, guidance.rules.map(item(catalog?.guidance?.rules)))] : null,
    guidance.take_home?.length ? [h('h4', { text: 'Doses taken at home' }),
      h('ul', { class: 'take-home' }, guidance.take_home.map(item(catalog?.guidance?.take_home?.notes)))] : null,
    scopeNote ? h('p', { class: 'meta', text: scopeNote.text }) : null);
}
