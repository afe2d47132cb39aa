// Concentration-time plot of the planned regimen from the core's simulation: plasma and effect-site curves and
// the threshold line (100 ng/mL unless the request says otherwise), drawn with uPlot, with a text summary for
// readers who cannot see the chart. The chart element survives re-renders so typing does not rebuild it.
import { h, qty, fill } from '../dom.js';
import { sourceLine } from './alerts.js';

let uPlotModule = null;
/** uPlot, vendored into dist/vendor by the build, loaded the first time a plot is shown. */
function loadUPlot() {
  if (!uPlotModule) uPlotModule = import('../../vendor/uplot.mjs').then((module) => module.default);
  return uPlotModule;
}

const charts = new WeakMap(); // results container -> {card, chartBox, chart, data}

function cssColour(name, fallback) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function chartOptions(width, simulation) {
  const text = cssColour('--text', '#161b22');
  const grid = cssColour('--border', '#b9c3cf');
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
  return {
    width, height: 280,
    scales: { x: { time: false } },
    axes: [{ ...axis, label: 'Time from start (min)' }, { ...axis, label: 'ng/mL', size: 60 }],
    series: [
      { label: 'Time (min)' },
      { label: 'Plasma (ng/mL)', stroke: cssColour('--plot-plasma', '#0b4f9c'), width: 2 },
      { label: 'Effect site (ng/mL)', stroke: cssColour('--plot-effect', '#b3261e'), width: 2, dash: [8, 4] },
      { label: `Threshold ${simulation.threshold_ng_per_ml} ng/mL`, stroke: cssColour('--plot-threshold', '#5b6675'), width: 1.5, dash: [3, 3] },
    ],
    cursor: { drag: { x: false, y: false } },
  };
}

function chartData(simulation) {
  const threshold = simulation.times_min.map(() => simulation.threshold_ng_per_ml);
  return [simulation.times_min, simulation.plasma_ng_per_ml, simulation.effect_ng_per_ml, threshold];
}

async function draw(entry, simulation) {
  const uPlot = await loadUPlot();
  const data = chartData(simulation);
  const width = Math.max(entry.chartBox.clientWidth, 280);
  if (entry.chart && entry.theme === document.documentElement.dataset.theme) {
    entry.chart.setData(data);
    entry.chart.setSeries(3, { label: `Threshold ${simulation.threshold_ng_per_ml} ng/mL` });
  } else {
    entry.chart?.destroy();
    entry.theme = document.documentElement.dataset.theme;
    entry.chart = new uPlot(chartOptions(width, simulation), data, entry.chartBox);
  }
}

function summary(simulation) {
  const model = simulation.model || {};
  return h('div', { class: 'plot-summary' },
    h('dl', { class: 'facts' },
      h('dt', { text: 'Peak plasma' }), h('dd', {}, qty(simulation.peak_plasma_ng_per_ml, 'ng/mL'), ' at ', qty(simulation.peak_time_min, 'min')),
      h('dt', { text: 'Peak effect site' }), h('dd', {}, qty(simulation.peak_effect_ng_per_ml, 'ng/mL'), ' at ', qty(simulation.peak_effect_time_min, 'min')),
      h('dt', {}, 'Above ', qty(simulation.threshold_ng_per_ml, 'ng/mL')),
      h('dd', {}, 'plasma ', qty(simulation.minutes_above_threshold, 'min'), ', effect site ', qty(simulation.effect_minutes_above_threshold, 'min'))),
    h('p', { class: 'meta', text: `Model: ${model.title || model.id || ''}` }),
    sourceLine(simulation.catalog, { source: model.source, where: model.where }),
    model.ke0_source ? sourceLine(simulation.catalog, { source: model.ke0_source, where: `effect-site equilibration: ${model.ke0_where || ''}` }) : null,
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
    entry = { card: h('section', { class: 'card result plot-card', 'aria-labelledby': 'plot-heading' }), chartBox, chart: null };
    charts.set(container, entry);
    new ResizeObserver(() => {
      if (entry.chart && entry.chartBox.clientWidth) entry.chart.setSize({ width: entry.chartBox.clientWidth, height: 280 });
    }).observe(chartBox);
  }
  const chosen = request?.simulate?.model || '';
  const select = h('select', { id: 'plot-model', dataset: { focusKey: 'plot-model' },
    onchange: (event) => onModel(event.target.value || null) },
  h('option', { value: '', text: 'Off' }),
  models.map((model) => h('option', { value: model.id, text: model.title, selected: model.id === chosen })));
  const simulation = response.simulation;
  fill(entry.card,
    h('h3', { id: 'plot-heading', text: 'Concentration over time (model estimate)' }),
    h('div', { class: 'field' }, h('label', { for: 'plot-model', text: 'Pharmacokinetic model' }), select),
    simulation ? entry.chartBox : h('p', { class: 'hint', text: 'Choose a model to plot the plasma and effect-site concentrations this plan would give.' }),
    simulation ? summary({ ...simulation, catalog }) : null);
  if (simulation) {
    entry.chartBox.setAttribute('aria-label', `Plasma and effect-site concentration over ${simulation.until_min} minutes; ` +
      `peak plasma ${simulation.peak_plasma_ng_per_ml} ng/mL; threshold line at ${simulation.threshold_ng_per_ml} ng/mL.`);
    draw(entry, simulation);
  } else if (entry.chart) {
    entry.chart.destroy();
    entry.chart = null;
  }
  return entry.card;
}
