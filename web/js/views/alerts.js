// Alerts from the core: severity colour and word, message, source; soft alerts carry an acknowledgement box.
import { h } from '../dom.js';
import { referenceName } from '../catalog.js';

const SEVERITY_WORD = { hard: 'Hard stop', soft: 'Check', info: 'Note' };

/** "Cohen 2018 (ASRA/AAPM/ASA), Q6 ..." for a record carrying source (a reference id) and where. */
export function sourceLine(catalog, record) {
  if (!record?.source) return null;
  const name = referenceName(catalog, record.source);
  return h('p', { class: 'source' }, 'Source: ', h('cite', { text: name }), record.where ? `, ${record.where}` : '');
}

/**
 * The alert list. onAcknowledge(code, checked) is called when a soft alert's box changes.
 * @param {{code: string, severity: string, message: string, source?: string, where?: string, acknowledged?: boolean,
 *          site_modified?: boolean}[]} alerts
 */
export function renderAlerts(alerts, { catalog, onAcknowledge, keyPrefix = 'alert' }) {
  if (!alerts?.length) return null;
  const order = { hard: 0, soft: 1, info: 2 };
  const sorted = [...alerts].sort((a, b) => (order[a.severity] ?? 3) - (order[b.severity] ?? 3));
  return h('ul', { class: 'alerts', 'aria-label': 'Alerts' }, sorted.map((alert) => {
    const word = SEVERITY_WORD[alert.severity] || alert.severity;
    const acknowledged = alert.severity === 'soft' && alert.acknowledged;
    return h('li', { class: `alert alert-${alert.severity}${acknowledged ? ' is-acknowledged' : ''}`, dataset: { code: alert.code } },
      h('p', { class: 'alert-head' },
        h('strong', { class: 'alert-severity', text: acknowledged ? `${word} (acknowledged)` : word }),
        alert.site_modified ? h('span', { class: 'badge', text: 'site-modified' }) : null),
      h('p', { class: 'alert-message', text: alert.message }),
      sourceLine(catalog, alert),
      alert.severity === 'soft' && onAcknowledge ? h('label', { class: 'ack' },
        h('input', {
          type: 'checkbox', checked: Boolean(alert.acknowledged), dataset: { focusKey: `${keyPrefix}-ack-${alert.code}` },
          onchange: (event) => onAcknowledge(alert.code, event.target.checked),
        }),
        h('span', { text: 'I have checked this and it is intended' })) : null,
      alert.severity === 'hard' ? h('p', { class: 'alert-refusal', text: 'This cannot be acknowledged: change the plan.' }) : null);
  }));
}
