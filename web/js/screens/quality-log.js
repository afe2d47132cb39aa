// Quality log screen: the overrides recorded on this device (acknowledged soft alerts, plans refused by a hard
// stop) for the hospital's quality review. Lists them, exports CSV or JSON as a download made on the device
// (a Blob link, no network), and clears them. Nothing about a patient is in it.
import { h, fill } from '../dom.js';
import { entries, clear, toCsv, toJson, isEnabled, FIELDS, MAX_ENTRIES } from '../quality-log.js';

const EVENT_WORDS = { acknowledged: 'Soft alert acknowledged', refused: 'Plan refused (hard stop)' };
const COLUMN_WORDS = { time: 'Time (UTC)', event: 'Event', regimen: 'Regimen', code: 'Alert', ack_key: 'Acknowledgement key',
  severity: 'Severity', message: 'Alert message (patient figures removed)', site_checksum: 'Site checksum',
  content_version: 'Content version' };

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function mountQualityLogScreen(section, { catalog }) {
  const heading = h('h2', { id: 'quality-heading', tabIndex: -1, text: 'Quality log' });
  const status = h('p', { class: 'copy-status', id: 'quality-status', role: 'status' });
  const body = h('div', { class: 'quality-body' });
  const enabled = isEnabled(catalog);
  const stamp = () => new Date().toISOString().slice(0, 10);
  const exportCsv = h('button', { type: 'button', class: 'button', id: 'quality-export-csv', text: 'Export CSV',
    onclick: () => { download(`ketadose-quality-log-${stamp()}.csv`, 'text/csv', toCsv()); status.textContent = 'CSV file saved by the browser.'; } });
  const exportJson = h('button', { type: 'button', class: 'button', id: 'quality-export-json', text: 'Export JSON',
    onclick: () => { download(`ketadose-quality-log-${stamp()}.json`, 'application/json', toJson()); status.textContent = 'JSON file saved by the browser.'; } });
  const clearButton = h('button', { type: 'button', class: 'button quiet', id: 'quality-clear', text: 'Clear the log',
    onclick: () => askClear() });
  const confirmRow = h('div', { class: 'results-actions', id: 'quality-confirm', hidden: true },
    h('p', { id: 'quality-confirm-text' }),
    h('button', { type: 'button', class: 'button', id: 'quality-clear-yes', text: 'Yes, clear it',
      onclick: () => { clear(); confirmRow.hidden = true; render(); status.textContent = 'The log is empty.'; clearButton.focus(); } }),
    h('button', { type: 'button', class: 'button quiet', text: 'Keep it',
      onclick: () => { confirmRow.hidden = true; clearButton.focus(); } }));

  function askClear() {
    confirmRow.querySelector('#quality-confirm-text').textContent =
      `Clear all ${entries().length} entries from this device? Export them first if the review needs them.`;
    confirmRow.hidden = false;
    confirmRow.querySelector('#quality-clear-yes').focus();
  }

  section.append(heading,
    h('div', { class: 'card' },
      h('p', { text: 'For the hospital\'s review of overrides: each soft alert acknowledged and each plan refused by a hard stop is '
        + 'listed here with its time, regimen, alert and message, the site configuration\'s checksum and the content version.' }),
      h('p', {}, h('strong', { text: 'This log never leaves this device unless you export it.' }),
        ' It holds no patient identifier: no weight, height, age or sex and nothing typed; the patient\'s figures are '
        + `taken out of each message. It keeps the newest ${MAX_ENTRIES} entries.`),
      enabled ? null : h('p', { class: 'status status-hold', id: 'quality-off',
        text: 'This site\'s configuration switches the log off: nothing new is recorded.' }),
      h('div', { class: 'results-actions' }, exportCsv, exportJson, clearButton),
      confirmRow, status),
    body);

  function render() {
    const list = entries();
    exportCsv.disabled = !list.length;
    exportJson.disabled = !list.length;
    clearButton.disabled = !list.length;
    if (!list.length) { fill(body, h('p', { id: 'quality-empty', text: 'The log is empty.' })); return; }
    const columns = FIELDS.filter((field) => field !== 'ack_key');
    fill(body, h('p', { id: 'quality-count', text: `${list.length} entr${list.length === 1 ? 'y' : 'ies'}, newest first.` }),
      h('div', { class: 'table-scroll', tabIndex: 0, role: 'region', 'aria-labelledby': 'quality-count' },
        h('table', { class: 'evidence-table quality-table' },
          h('thead', {}, h('tr', {}, columns.map((field) => h('th', { scope: 'col', text: COLUMN_WORDS[field] })))),
          h('tbody', {}, [...list].reverse().map((entry) => h('tr', {},
            columns.map((field, index) => h(index === 0 ? 'th' : 'td', index === 0 ? { scope: 'row' } : {},
              field === 'event' ? (EVENT_WORDS[entry.event] || entry.event)
                : field === 'site_checksum' ? entry.site_checksum.slice(0, 16)
                  : entry[field]))))))));
  }

  return { heading, show: render };
}
