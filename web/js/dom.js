// DOM builders for the render functions: elements from a tag, properties and children; text only as text nodes.

// Properties set on the element object rather than as attributes (their live state matters, not the markup).
const PROPERTIES = new Set(['value', 'checked', 'disabled', 'hidden', 'selected', 'open', 'indeterminate', 'tabIndex']);

/**
 * Creates an element. props: class, text, dataset, on<event> handlers, live properties, other attributes.
 * Children: nodes, strings (as text), arrays of either; null/undefined/false are skipped.
 * @param {string} tag
 * @param {Record<string, unknown>} [props]
 * @param {...unknown} children
 * @returns {HTMLElement}
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.className = String(value);
    else if (key === 'text') element.textContent = String(value);
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (PROPERTIES.has(key)) element[key] = value;
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Replaces a parent's content with children (nodes, strings, nested arrays; falsy skipped). */
export function fill(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** Appends children (nodes, strings, nested arrays; falsy skipped) to a parent. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === '') continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/**
 * A number the core returned with its unit, e.g. "24.5 mg". The value is shown exactly as the core sent it:
 * the page never rounds or converts a clinical number.
 */
export function qty(value, unit, props = {}) {
  return h('span', { class: 'qty', ...props }, h('span', { class: 'num', text: formatCoreNumber(value) }), ' ',
    h('span', { class: 'unit', text: unit }));
}

/** A number from the core as text: JSON's own shortest form (70.0 arrives as 70 and prints "70"). */
export function formatCoreNumber(value) {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '—';
}

/** Definition-list rows: [[term, value], ...] -> <dl>. */
export function dl(rows, props = {}) {
  return h('dl', props, rows.filter(Boolean).map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

const openDetails = new WeakMap(); // container -> keys of its <details> the user has opened

/**
 * Replaces a container's content, keeping keyboard focus and the <details> the user opened (matched by
 * data-focus-key and data-key), so re-rendering on every keystroke does not disturb the reader.
 */
export function replaceKeepingFocus(container, ...children) {
  if (!openDetails.has(container)) {
    const keys = new Set();
    openDetails.set(container, keys);
    // "toggle" does not bubble: listen in the capture phase.
    container.addEventListener('toggle', (event) => {
      const key = event.target.dataset?.key;
      if (key) { if (event.target.open) keys.add(key); else keys.delete(key); }
    }, true);
  }
  const active = document.activeElement;
  const focusKey = active && container.contains(active) ? active.dataset.focusKey : undefined;
  container.replaceChildren();
  append(container, children);
  const keys = openDetails.get(container);
  for (const details of container.querySelectorAll('details[data-key]')) {
    if (keys.has(details.dataset.key)) details.open = true;
  }
  if (focusKey) container.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus({ preventScroll: true });
}

const announceTimers = new WeakMap();
/**
 * Tells screen-reader users a result once it has settled (after a pause in typing), through a polite live
 * region, instead of announcing every keystroke's re-render.
 */
export function announce(liveRegion, text, delayMs = 900) {
  clearTimeout(announceTimers.get(liveRegion));
  announceTimers.set(liveRegion, setTimeout(() => { liveRegion.textContent = text; }, delayMs));
}

let idCounter = 0;
/** A unique element id with a readable prefix. */
export function uid(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
