// DOM builders for the render functions: elements from a tag, properties and children; text only as text nodes.

// Properties set on the element object rather than as attributes (their live state matters, not the markup).
const PROPERTIES = new Set(['value', 'checked', 'disabled', 'hidden', 'selected', 'open', 'indeterminate', 'tabIndex']);

// Elements given an event handler by h(): patchInPlace never keeps an old one of these (its handler may hold old data).
const listened = new WeakSet();

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
  for (const key of props ? Object.keys(props) : []) {
    const value = props[key];
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.className = String(value);
    else if (key === 'text') element.textContent = String(value);
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') { element.addEventListener(key.slice(2), value); listened.add(element); }
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
  // Nested arrays are walked in place (no flattened copy): every element of every section passes through here.
  for (const child of children) {
    if (child === null || child === undefined || child === false || child === '') continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
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
  const keys = openKeys(container);
  const active = document.activeElement;
  const focusKey = active && container.contains(active) ? active.dataset.focusKey : undefined;
  container.replaceChildren();
  append(container, children);
  for (const details of container.querySelectorAll('details[data-key]')) {
    if (keys.has(details.dataset.key)) details.open = true;
  }
  if (focusKey) container.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus({ preventScroll: true });
}

/** The keys of the <details> the user opened in container, tracked from the first call on. */
function openKeys(container) {
  if (!openDetails.has(container)) {
    const keys = new Set();
    openDetails.set(container, keys);
    // "toggle" does not bubble: listen in the capture phase.
    container.addEventListener('toggle', (event) => {
      const key = event.target.dataset?.key;
      if (key) { if (event.target.open) keys.add(key); else keys.delete(key); }
    }, true);
  }
  return openDetails.get(container);
}

/**
 * Makes container hold exactly children (element nodes, in order; falsy skipped), touching only what differs:
 * a child already in place stays as it is (its focus, scroll and open <details> untouched), a new one goes in
 * with the <details> the user had opened, and the rest are removed. Focus inside a removed child moves to the
 * new element with the same data-focus-key, as replaceKeepingFocus does.
 */
export function placeKeepingFocus(container, children, focusKey = focusKeyIn(container)) {
  const keys = openKeys(container);
  const wanted = children.flat(Infinity).filter((child) => child instanceof Node);
  const keep = new Set(wanted);
  for (const child of [...container.childNodes]) if (!keep.has(child)) child.remove();
  let cursor = container.firstChild;
  for (const node of wanted) {
    if (node === cursor) { cursor = cursor.nextSibling; continue; }
    const fresh = node.parentNode !== container;
    container.insertBefore(node, cursor);
    if (fresh) reopenDetails(node, keys);
  }
  if (focusKey && !container.contains(document.activeElement)) {
    container.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus({ preventScroll: true });
  }
}

/** The data-focus-key of the element with keyboard focus inside container, if any. */
export function focusKeyIn(container) {
  const active = document.activeElement;
  return active && container.contains(active) ? active.dataset?.focusKey : undefined;
}

function reopenDetails(node, keys) {
  if (!(node instanceof Element)) return;
  const details = [...node.querySelectorAll('details[data-key]')];
  if (node.matches('details[data-key]')) details.push(node);
  for (const item of details) if (keys.has(item.dataset.key)) item.open = true;
}

// Form controls keep live state outside their attributes (value, checked, selected): never patched, always replaced.
const CONTROLS = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'OPTION', 'BUTTON']);

/** Same tag and attributes ("open" aside: the user's, on <details>), no handler, not a form control. */
function sameElement(old, next) {
  if (old.tagName !== next.tagName || CONTROLS.has(next.tagName) || listened.has(next) || listened.has(old)) return false;
  // Read through the attribute maps, without building name lists: this runs for every element of a redrawn section.
  const oldAttributes = old.attributes;
  const nextAttributes = next.attributes;
  const count = (attributes, element) => attributes.length - (element.hasAttribute('open') ? 1 : 0);
  if (count(oldAttributes, old) !== count(nextAttributes, next)) return false;
  for (let i = 0; i < nextAttributes.length; i += 1) {
    const { name, value } = nextAttributes[i];
    if (name !== 'open' && old.getAttribute(name) !== value) return false;
  }
  return true;
}

/**
 * Makes old (an element on screen inside container) show exactly what next (just built, not in the document)
 * shows, touching as little as possible: where the two have the same elements and attributes, only the text
 * that differs is rewritten; any element that differs, holds an event handler or is a form control is
 * replaced by its new counterpart whole (with the <details> the user opened). Returns false, old untouched,
 * when the roots themselves differ: the caller then swaps in next.
 */
export function patchInPlace(container, old, next) {
  if (old === next) return true;
  if (!(old instanceof Element) || !(next instanceof Element) || !sameElement(old, next)) return false;
  patchChildren(old, next, openKeys(container));
  return true;
}

function patchChildren(old, next, keys) {
  const before = old.childNodes;
  const after = next.childNodes;
  if (before.length !== after.length) {
    const fresh = [...after];
    old.replaceChildren(...fresh);
    for (const node of fresh) reopenDetails(node, keys);
    return;
  }
  // Replacing a child moves it out of next.childNodes (a live list): walk from the end, so indices stay put.
  for (let index = before.length - 1; index >= 0; index -= 1) {
    const node = before[index];
    const wanted = after[index];
    if (node.nodeType === Node.TEXT_NODE && wanted.nodeType === Node.TEXT_NODE) {
      if (node.nodeValue !== wanted.nodeValue) node.nodeValue = wanted.nodeValue;
    } else if (node instanceof Element && wanted instanceof Element && sameElement(node, wanted)) {
      patchChildren(node, wanted, keys);
    } else {
      node.replaceWith(wanted);
      reopenDetails(wanted, keys);
    }
  }
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
