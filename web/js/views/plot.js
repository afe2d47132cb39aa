// Concentration-time plot of the planned regimen from the core's simulation: plasma and effect-site curves and
// the threshold line (100 ng/mL unless the request says otherwise), drawn as SVG that follows the theme, with a
// text summary for readers who cannot see the chart. Only the drawing is computed here (pixel positions and axis
// ticks); every concentration and time comes from the core as it is.
import { h, qty } from '../dom.js';
import { sourceLine } from './alerts.js';

const SVG = 'http://www.w3.org/2000/svg';
const MARGIN = { top: 22, right: 12, bottom: 44, left: 52 };
const charts = new WeakMap(); // results container -> {card, chartBox, simulation}

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  for (const child of children) element.append(child);
  return element;
}

/** Axis ticks at 1, 2 or 5 times a power of ten, about `count` of them from 0 to the first at or above max. */
function ticks(max, count) {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw);
  const values = [0];
  while (values[values.length - 1] < max - step * 1e-9) values.push(Number((values.length * step).toPrecision(12)));
  return values;
}

export function draw(entry) {
  const { simulation, chartBox } = entry;
  const width = Math.max(chartBox.clientWidth || 0, 260);
  // Shorter on a phone, so the chart and its legend fit one screen.
  const HEIGHT = width < 480 ? 220 : 280;
  const times = simulation.times_min;
  const series = [simulation.plasma_ng_per_ml, simulation.effect_ng_per_ml];
  const xMax = times[times.length - 1] || 1;
  const hasThreshold = typeof simulation.threshold_ng_per_ml === 'number';  // none for S-ketamine by default
  const yMax = Math.max(hasThreshold ? simulation.threshold_ng_per_ml : 0, ...series.map((values) => Math.max(...values))) || 1;
  const xTicks = ticks(xMax, Math.max(2, Math.floor(width / 90)));
  const yTicks = ticks(yMax, 5);
  const xTop = xTicks[xTicks.length - 1];
  const yTop = yTicks[yTicks.length - 1];
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (time) => MARGIN.left + (time / xTop) * plotWidth;
  const y = (value) => MARGIN.top + plotHeight - (value / yTop) * plotHeight;
  const line = (values) => values.map((value, index) => `${x(times[index]).toFixed(1)},${y(value).toFixed(1)}`).join(' ');

  const grid = svg('g', { class: 'plot-grid' },
    ...yTicks.map((value) => svg('line', { x1: MARGIN.left, x2: width - MARGIN.right, y1: y(value), y2: y(value) })),
    ...xTicks.map((value) => svg('line', { x1: x(value), x2: x(value), y1: MARGIN.top, y2: MARGIN.top + plotHeight })));
  const labels = svg('g', { class: 'plot-labels' },
    ...yTicks.map((value) => svg('text', { x: MARGIN.left - 6, y: y(value), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, String(value))),
    ...xTicks.map((value) => svg('text', { x: x(value), y: MARGIN.top + plotHeight + 16, 'text-anchor': 'middle' }, String(value))),
    svg('text', { x: MARGIN.left + plotWidth / 2, y: HEIGHT - 6, 'text-anchor': 'middle' }, 'Time from start (min)'),
    svg('text', { x: 14, y: MARGIN.top + plotHeight / 2, 'text-anchor': 'middle', transform: `rotate(-90 14 ${MARGIN.top + plotHeight / 2})` }, 'ng/mL'));
  const threshold = hasThreshold ? y(simulation.threshold_ng_per_ml) : null;
  const chart = svg('svg', { width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, class: 'plot-svg', 'aria-hidden': 'true', focusable: 'false' },
    grid, labels,
    ...(hasThreshold ? [
      svg('line', { class: 'plot-threshold', x1: MARGIN.left, x2: width - MARGIN.right, y1: threshold, y2: threshold }),
      svg('rect', { class: 'plot-threshold-box', x: MARGIN.left + 2, y: threshold - 18, width: 150, height: 16, rx: 3 }),
      svg('text', { class: 'plot-threshold-label', x: MARGIN.left + 6, y: threshold - 6, 'text-anchor': 'start' },
        `Threshold ${shown(simulation, 'threshold_ng_per_ml')} ng/mL`)] : []),
    svg('polyline', { class: 'plot-effect', points: line(series[1]) }),
    svg('polyline', { class: 'plot-plasma', points: line(series[0]) }));
  chartBox.replaceChildren(chart);
}

/** A figure rounded for reading, as the core gives it in `display` (the exact figure if it does not). */
function shown(simulation, key) {
  const value = simulation.display?.[key] ?? simulation[key];
  return typeof value === 'number' ? value : '—';
}

function legend(simulation) {
  const item = (cls, text) => h('li', {}, h('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), text);
  return h('ul', { class: 'plot-legend' },
    item('plot-plasma', 'Plasma'), item('plot-effect', 'Effect site'),
    typeof simulation.threshold_ng_per_ml === 'number' ? item('plot-threshold', `Threshold ${shown(simulation, 'threshold_ng_per_ml')} ng/mL`) : null);
}

function summary(simulation, catalog) {
  const model = simulation.model || {};
  return h('div', { class: 'plot-summary' },
    h('dl', { class: 'facts' },
      h('dt', { text: 'Peak plasma' }), h('dd', {}, qty(shown(simulation, 'peak_plasma_ng_per_ml'), 'ng/mL'), ' at ', qty(shown(simulation, 'peak_time_min'), 'min')),
      h('dt', { text: 'Peak effect site' }), h('dd', {}, qty(shown(simulation, 'peak_effect_ng_per_ml'), 'ng/mL'), ' at ', qty(shown(simulation, 'peak_effect_time_min'), 'min')),
      ...(typeof simulation.threshold_ng_per_ml === 'number' ? [
        h('dt', {}, 'Above ', qty(shown(simulation, 'threshold_ng_per_ml'), 'ng/mL')),
        h('dd', {}, 'plasma ', qty(shown(simulation, 'minutes_above_threshold'), 'min'), ', effect site ', qty(shown(simulation, 'effect_minutes_above_threshold'), 'min'))] : [])),
    simulation.threshold_note ? h('p', { class: 'meta', text: simulation.threshold_note }) : null,
    h('p', { class: 'meta', text: `Model: ${model.title || model.id || ''}` }),
    sourceLine(catalog, { source: model.source, where: model.where }),
    model.ke0_source ? sourceLine(catalog, { source: model.ke0_source, where: `effect-site equilibration: ${model.ke0_where || ''}` }) : null,
    (model.assumptions || []).map((text) => h('p', { class: 'meta', text })));
}

/**
 * The plot card for a plan response, or null. onModel(id | null) switches the simulation on, off or to another
 * model; models come from the catalog.
 */
export function renderPlot(response, { catalog, request, onModel, container }) {
  const models = catalog.models || [];
  if (!models.length || !onModel || !container || response.repeated || (!response.bolus && !response.infusion)) return null;
  let entry = charts.get(container);
  if (!entry) {
    const chartBox = h('div', { class: 'chart', role: 'img', 'aria-label': 'Concentration over time' });
    entry = { card: h('section', { class: 'card result plot-card', 'aria-labelledby': 'plot-heading' }), chartBox, simulation: null, width: 0 };
    charts.set(container, entry);
    new ResizeObserver(() => {
      if (entry.simulation && chartBox.clientWidth && chartBox.clientWidth !== entry.width) {
        entry.width = chartBox.clientWidth;
        draw(entry);
      }
    }).observe(chartBox);
  }
  const chosen = request?.simulate?.model || '';
  const select = h('select', { id: 'plot-model', dataset: { focusKey: 'plot-model' },
    onchange: (event) => onModel(event.target.value || null) },
  h('option', { value: '', text: 'Off' }),
  models.map((model) => h('option', { value: model.id, text: model.title, selected: model.id === chosen })));
  const simulation = response.simulation;
  entry.simulation = simulation || null;
  entry.card.replaceChildren(
    h('h3', { id: 'plot-heading', text: 'Concentration over time (model estimate)' }),
    h('div', { class: 'field' }, h('label', { for: 'plot-model', text: 'Pharmacokinetic model' }), select));
  if (simulation) {
    entry.chartBox.setAttribute('aria-label', `Plasma and effect-site concentration over ${simulation.until_min} minutes; ` +
      `peak plasma ${shown(simulation, 'peak_plasma_ng_per_ml')} ng/mL at ${shown(simulation, 'peak_time_min')} min` +
      (typeof simulation.threshold_ng_per_ml === 'number' ? `; threshold line at ${shown(simulation, 'threshold_ng_per_ml')} ng/mL.` : '; no threshold line.'));
    entry.card.append(entry.chartBox, legend(simulation), summary(simulation, catalog));
    draw(entry);
  } else {
    entry.chartBox.replaceChildren();
    entry.card.append(h('p', { class: 'hint', text: 'Choose a model to plot the plasma and effect-site concentrations this plan would give.' }));
  }
  return entry.card;
}
