// Minimal page: computes the plan in the URL hash (#plan=<encoded request JSON>) or a default example.
import { api } from './core.js';

const DEFAULT_REQUEST = {
  action: 'plan', protocol: 'chronic-iv-outpatient', patient: { weight: 70, weight_unit: 'kg' },
  bolus: { dose_mg_per_kg: 0.35, concentration_mg_per_ml: 10, over_min: 10 },
  infusion: { rate_mg_per_kg_per_h: 0.5, duration_h: 4, concentration_mg_per_ml: 1 },
};

function requestFromHash() {
  const match = location.hash.match(/^#plan=(.*)$/);
  if (!match) return DEFAULT_REQUEST;
  try { return JSON.parse(decodeURIComponent(match[1])); } catch { return null; }
}

function row(list, term, value) {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = value;
  list.append(dt, dd);
}

async function main() {
  const status = document.getElementById('status');
  const list = document.getElementById('plan');
  const request = requestFromHash();
  if (!request) { status.textContent = 'The link does not hold a readable plan.'; return; }
  const response = await api(request);
  list.replaceChildren();
  if (!response.ok) {
    status.textContent = 'No dose: ' + response.errors.map((e) => `${e.field}: ${e.message}`).join(' ');
    return;
  }
  status.textContent = `Plan for ${response.regimen_title}`;
  if (response.bolus) {
    row(list, 'Bolus dose', `${response.bolus.dose_mg} mg`);
    row(list, 'Bolus volume', `${response.bolus.volume_ml} mL`);
  }
  if (response.infusion) {
    row(list, 'Infusion rate', `${response.infusion.rate_mg_per_h} mg/h`);
    row(list, 'Pump rate', `${response.infusion.rate_ml_per_h} mL/h`);
    row(list, 'Infusion total', `${response.infusion.total_mg} mg`);
  }
  row(list, 'Plan total', `${response.total_mg} mg`);
  row(list, 'Setting', response.setting);
}

main();
