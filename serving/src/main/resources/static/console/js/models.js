// Per model: versions with manifests and evaluation reports, approve, roll back, variants; and what this server
// measured of each variant (latency, the shadow's overlap with what was served). Role admin.
import { call } from './api.js';
import { element, errorBox, showError } from './dom.js';

const MODELS = ['also-bought', 'for-you', 'ranker'];

export function showModels(root) {
  const error = errorBox('models-error');
  root.append(error);
  const panels = new Map(MODELS.map(model => [model, element('div', { className: 'panel', id: 'model-' + model })]));
  const measured = element('div', { className: 'panel', id: 'variant-metrics' });
  panels.forEach(panel => root.append(panel));
  root.append(measured);
  MODELS.forEach(load);
  loadMeasurements();

  async function loadMeasurements() {
    let metrics;
    try {
      metrics = await call('GET', '/v1/admin/recommendation-metrics');
    } catch (e) {
      showError(error, e, 'Recommendation metrics');
      return;
    }
    const number = (value, digits) => typeof value === 'number' ? value.toFixed(digits) : '—';
    measured.replaceChildren(
      element('h3', {}, 'Serving, as measured by this server since it started'),
      element('h4', {}, 'Latency per variant'),
      metrics.latency.length === 0 ? element('p', {}, 'No recommendation served yet.') :
        element('table', { id: 'variant-latency' }, element('thead', {}, element('tr', {}, ['endpoint', 'variant', 'requests', 'mean ms', 'max ms (recent)'].map(h => element('th', {}, h)))),
          element('tbody', {}, metrics.latency.map(row => element('tr', { dataset: { endpoint: row.endpoint, variant: row.variant } },
            element('td', {}, row.endpoint), element('td', {}, row.variant), element('td', {}, row.requests),
            element('td', {}, number(row.meanMillis, 3)), element('td', {}, number(row.maxMillis, 3)))))),
      element('h4', {}, 'Shadow overlap (share of the served items the shadow also returned)'),
      metrics.shadowOverlap.length === 0 ? element('p', {}, 'No shadow variant has run.') :
        element('table', { id: 'shadow-overlap' }, element('thead', {}, element('tr', {}, ['endpoint', 'shadow variant', 'requests', 'mean overlap'].map(h => element('th', {}, h)))),
          element('tbody', {}, metrics.shadowOverlap.map(row => element('tr', { dataset: { endpoint: row.endpoint, variant: row.variant } },
            element('td', {}, row.endpoint), element('td', {}, row.variant), element('td', {}, row.requests), element('td', {}, number(row.meanOverlap, 3)))))),
      element('button', { type: 'button', id: 'refresh-metrics', onclick: loadMeasurements }, 'Refresh'));
  }

  async function load(model) {
    const panel = panels.get(model);
    let view;
    try {
      view = await call('GET', '/v1/admin/models/' + model);
    } catch (e) {
      showError(error, e, 'Model ' + model);
      return;
    }
    const manifests = new Map((view.manifests || []).map(m => [m.version, m]));
    const versions = view.versions.map(version => manifests.get(version) || { version });
    const approvedIndex = view.versions.indexOf(view.approved);
    const previous = approvedIndex > 0 ? view.versions[approvedIndex - 1] : null;
    panel.replaceChildren(
      element('h3', {}, model, ' — approved: ', element('span', { className: 'approved', id: 'approved-' + model }, view.approved || 'none')),
      previous ? element('button', { type: 'button', id: 'rollback-' + model, onclick: () => approve(model, previous) }, `Roll back to ${previous}`) : '',
      versions.length === 0 ? element('p', {}, 'No versions published.') :
        element('table', {}, element('thead', {}, element('tr', {}, ['version', 'created', 'type', 'rows', 'parameters', 'evaluation', ''].map(h => element('th', {}, h)))),
          element('tbody', {}, versions.map(v => element('tr', { dataset: { version: v.version } },
            element('td', {}, v.version), element('td', {}, v.createdAt || '—'), element('td', {}, v.type || 'manifest refused'),
            element('td', {}, entries(v.rowCounts)), element('td', {}, entries(v.parameters)), element('td', {}, evaluation(v.evaluation)),
            element('td', {}, v.version === view.approved ? element('span', { className: 'approved' }, 'serving')
              : element('button', { type: 'button', className: 'approve', onclick: () => approve(model, v.version) }, 'Approve')))))),
      variants(model, view.variants));
  }

  function variants(model, plan) {
    const text = element('textarea', { id: 'variants-' + model, placeholder: '{"arms":[{"variant":"a","version":"v000001","weight":90},{"variant":"b","version":"v000002","weight":10}],"shadow":{"variant":"s","version":"v000003","weight":0}}' });
    if (plan) text.value = JSON.stringify(plan, null, 1);
    const set = element('button', { type: 'button', onclick: async () => {
      try { await call('PUT', `/v1/admin/models/${model}/variants`, JSON.parse(text.value)); error.hidden = true; load(model); } catch (e) { showError(error, e, 'Variants of ' + model); }
    } }, 'Set variants');
    const clear = element('button', { type: 'button', onclick: async () => {
      try { await call('DELETE', `/v1/admin/models/${model}/variants`); error.hidden = true; load(model); } catch (e) { showError(error, e, 'Variants of ' + model); }
    } }, 'Back to the approved version alone');
    return element('details', {}, element('summary', {}, plan ? 'A/B and shadow variants (active)' : 'A/B and shadow variants (none)'), text, set, ' ', clear);
  }

  async function approve(model, version) {
    try {
      await call('POST', `/v1/admin/models/${model}/approve`, { version });
      error.hidden = true;
      await load(model);
    } catch (e) {
      showError(error, e, `Version ${version} of ${model}`);
    }
  }
}

function entries(map) {
  return Object.entries(map || {}).map(([k, v]) => `${k}=${v}`).join(', ');
}

/** Every method and metric; baselines sit beside the model's own method as further rows. */
function evaluation(report) {
  const methods = Object.entries(report || {});
  if (methods.length === 0) return '';
  return element('table', {}, methods.map(([method, metrics]) =>
    element('tr', {}, element('th', {}, method), element('td', {}, Object.entries(metrics).map(([m, v]) => `${m} ${typeof v === 'number' ? v.toFixed(4) : v}`).join('  ')))));
}
