// The live warehouse: its grid from /layout, the fleet from /state twice a second, a click closes or opens a cell.
import { call } from './api.js';
import { element, errorBox, showError, idPicker } from './dom.js';
import { GridView, STATE_COLOURS, plot } from './grid.js';

const POLL_MILLIS = 500;
const PLOT_WINDOW_MILLIS = 5 * 60 * 1000;

async function warehouseIds() {
  try {
    return (await call('GET', '/v1/admin/warehouses')).warehouses.map(w => w.warehouse);
  } catch (e) {
    return []; // a WMS key without admin types the id itself
  }
}

export function showWarehouse(root, [warehouse]) {
  const error = errorBox('warehouse-error');
  root.append(error);
  let stopped = false;
  let timer = null;
  warehouseIds().then(ids => {
    if (stopped) return;
    const chosen = warehouse || ids[0] || '';
    root.prepend(idPicker('warehouse-id', 'warehouse id', ids, chosen, id => { location.hash = '#/warehouse/' + encodeURIComponent(id); }));
    if (chosen) open(chosen);
  });

  async function open(id) {
    let layout;
    try {
      layout = await call('GET', `/v1/warehouses/${encodeURIComponent(id)}/layout`);
    } catch (e) {
      showError(error, e, `Warehouse ${id}`);
      return;
    }
    if (stopped) return;
    const canvas = element('canvas', { className: 'map', id: 'warehouse-map' });
    const view = new GridView(canvas, layout);
    const stats = element('div', { className: 'stats', id: 'warehouse-stats' });
    const throughput = element('canvas', { width: 320, height: 90, id: 'throughput-plot' });
    const planner = element('canvas', { width: 320, height: 90, id: 'planner-plot' });
    const stuck = element('tbody', { id: 'stuck-tasks' });
    const legend = element('div', { className: 'legend' },
      Object.entries(STATE_COLOURS).map(([state, colour]) => element('span', {}, element('i', { style: `background:${colour}` }), state)),
      element('span', {}, element('i', { style: 'background:#fde68a' }), 'storage / pod'),
      element('span', {}, element('i', { style: 'background:#93c5fd' }), 'station'),
      element('span', {}, element('i', { style: 'background:#fbbf24' }), 'charger'),
      element('span', {}, '✕ closed cell (click to close or open)'));
    root.append(element('div', { className: 'row' },
      element('div', { className: 'panel' }, element('h3', {}, `Warehouse ${id}`), legend, canvas),
      element('div', { className: 'panel' }, stats, throughput, planner,
        element('h4', {}, 'Stuck tasks'),
        element('table', {}, element('thead', {}, element('tr', {}, ['task', 'order', 'robot', 'reason'].map(h => element('th', {}, h)))), stuck))));

    let state = null;
    const lines = [];
    const planMillis = [];
    canvas.addEventListener('click', async event => {
      const cell = view.cellAt(event);
      if (cell < 0 || !state) return;
      const closed = state.closedCells.includes(cell);
      try {
        await call(closed ? 'DELETE' : 'PUT', `/v1/warehouses/${encodeURIComponent(id)}/blocked-cells/${cell}`);
        error.hidden = true;
        await refresh();
      } catch (e) {
        showError(error, e, `Cell ${cell}`);
      }
    });

    async function refresh() {
      const next = await call('GET', `/v1/warehouses/${encodeURIComponent(id)}/state`);
      if (stopped) return;
      state = next;
      const drawMillis = view.draw(state.robots, state.closedCells, state.blockedCells);
      const now = performance.now();
      lines.push({ t: now, lines: state.linesPicked });
      while (lines.length && now - lines[0].t > PLOT_WINDOW_MILLIS) lines.shift();
      planMillis.push({ t: now, v: state.lastPlanMillis });
      while (planMillis.length && now - planMillis[0].t > PLOT_WINDOW_MILLIS) planMillis.shift();
      plot(throughput, perMinute(lines), PLOT_WINDOW_MILLIS, 'lines picked per minute');
      plot(planner, planMillis, PLOT_WINDOW_MILLIS, 'planner ms per tick');
      const faulted = state.robots.filter(r => r.state === 'FAULTED').length;
      stats.replaceChildren(...[
        ['tick', state.tick], ['robots', state.robots.length], ['faulted', faulted], ['queued tasks', state.queuedTasks],
        ['lines picked', state.linesPicked], ['orders completed', state.ordersCompleted],
        ['closed cells', state.closedCells.join(', ') || 'none'], ['planner ms (last tick)', state.lastPlanMillis],
        ['draw ms', drawMillis.toFixed(2)],
      ].flatMap(([name, value]) => [element('span', {}, name), element('span', { dataset: { stat: name } }, String(value))]));
      canvas.dataset.tick = state.tick;
      canvas.dataset.robots = JSON.stringify(state.robots.map(r => [r.robotId, r.cell]));
      canvas.dataset.closed = state.closedCells.join(',');
      stuck.replaceChildren(...state.stuckTasks.map(t =>
        element('tr', {}, element('td', {}, t.taskId), element('td', {}, t.orderId), element('td', {}, t.robotId || '—'), element('td', {}, t.reason))));
    }

    async function poll() {
      try {
        await refresh();
        error.hidden = true;
      } catch (e) {
        showError(error, e, `Warehouse ${id}`);
      }
      if (!stopped) timer = setTimeout(poll, POLL_MILLIS);
    }
    poll();
  }

  return () => { stopped = true; clearTimeout(timer); };
}

/** Lines picked per minute over the minute before each sample. */
function perMinute(samples) {
  return samples.map(sample => {
    const first = samples.find(s => sample.t - s.t <= 60_000);
    const minutes = Math.max((sample.t - first.t) / 60_000, 1 / 60);
    return { t: sample.t, v: (sample.lines - first.lines) / minutes };
  });
}
