// Alerts from the core: severity colour and word, message, source; soft alerts carry an acknowledgement box.
import { h } from '../dom.js';
import { referenceName } from '../catalog.js';

const SEVERITY_WORD = { hard: 'Hard stop', strong: 'Important', soft: 'Check', info: 'Note' };

/**
 * "Source: Cohen 2018 (ASRA/AAPM/ASA), Q6 ..." for a record citing its source either as API responses do
 * ({source: id, where}) or as catalog records do ({source: {ref, where}}).
 */
export function sourceLine(catalog, record) {
  const cited = record?.source && typeof record.source === 'object' ? record.source : record;
  const id = cited?.ref ?? cited?.source;
  if (!id || typeof id !== 'string') return null;
  return h('p', { class: 'source' }, 'Source: ', h('cite', { text: referenceName(catalog, id) }), cited.where ? `, ${cited.where}` : '');
}

/**
 * The alert list. onAcknowledge(ackKey, checked) is called when a soft alert's box changes (its ack_key, which
 * changes with its message, so a changed figure asks again).
 * @param {{code: string, severity: string, message: string, source?: string, where?: string, acknowledged?: boolean,
 *          site_modified?: boolean}[]} alerts
 */
export function renderAlerts(alerts, { catalog, onAcknowledge, keyPrefix = 'alert' }) {
  if (!alerts?.length) return null;
  const order = { hard: 0, strong: 1, soft: 2, info: 3 };
  const sorted = [...alerts].sort((a, b) => (order[a.severity] ?? 4) - (order[b.severity] ?? 4));
  return h('ul', { class: 'alerts', 'aria-label': 'Alerts' }, sorted.map((alert) => {
    const word = SEVERITY_WORD[alert.severity] || alert.severity;
    const acknowledged = alert.severity === 'soft' && alert.acknowledged;
    return h('li', { class: `alert alert-${alert.severity}${acknowledged ? ' is-acknowledged' : ''}`, dataset: { code: alert.code } },
      h('p', { class: 'alert-head' },
        h('strong', { class: 'alert-severity', text: acknowledged ? `${word} (acknowledged)` : word }),
        alert.title ? h('span', { class: 'alert-title', text: ` ${alert.title}` }) : null,
        alert.site_modified ? h('span', { class: 'badge', text: 'site-modified' }) : null),
      h('p', { class: 'alert-message', text: alert.message }),
      sourceLine(catalog, alert),
      alert.severity === 'soft' && onAcknowledge ? h('label', { class: 'ack' },
        h('input', {
          type: 'checkbox', checked: Boolean(alert.acknowledged), dataset: { focusKey: `${keyPrefix}-ack-${alert.code}` },
          onchange: (event) => onAcknowledge(alert.ack_key, event.target.checked),
        }),
        h('span', { text: 'I have checked this and it is intended' })) : null,
      alert.severity === 'hard' ? h('p', { class: 'alert-refusal', text: 'This cannot be acknowledged: change the plan.' }) : null);
  }));
}
