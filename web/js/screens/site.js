// Site settings screen (shown when a site.json is in force): who approved it, its checksum, and every place it
// differs from the guideline defaults, as the core lists them.
import { h } from '../dom.js';

const KIND_WORD = { tightened: 'Tightened', loosened: 'Loosened', changed: 'Changed', hidden: 'Hidden' };

export function mountSiteScreen(section, { site }) {
  const heading = h('h2', { id: 'site-heading', tabIndex: -1, text: `Site settings: ${site.institution}` });
  section.append(heading,
    h('div', { class: 'card' },
      h('dl', { class: 'facts' },
        h('dt', { text: 'Institution' }), h('dd', { text: site.institution }),
        site.approval ? [h('dt', { text: 'Approval' }), h('dd', { text: site.approval })] : null,
        h('dt', { text: 'Checksum (SHA-256)' }), h('dd', { class: 'checksum', text: site.checksum }))),
    h('section', { class: 'card', 'aria-labelledby': 'site-diff-heading' },
      h('h3', { id: 'site-diff-heading', text: 'Where this site differs from the guideline defaults' }),
      site.differences?.length ? h('div', { class: 'table-scroll', tabIndex: 0, role: 'region', 'aria-labelledby': 'site-diff-heading' },
        h('table', { class: 'diff-table' },
          h('thead', {}, h('tr', {}, ['Setting', 'Change', 'Default', 'This site'].map((text) => h('th', { scope: 'col', text })))),
          h('tbody', {}, site.differences.map((difference) => h('tr', { class: `diff-${difference.kind}` },
            h('th', { scope: 'row', text: difference.path }),
            h('td', { text: KIND_WORD[difference.kind] || difference.kind }),
            h('td', { text: difference.default }),
            h('td', { text: difference.site }))))))
        : h('p', { text: 'None: this site uses the guideline defaults.' })));
  return { heading };
}
