// The live store: the floor plan of its registered layout with every tracked shopper at their last sighting and
// the cart the engine announced beside them, receipts as shoppers leave, and the health of the store's sensors.
// Role store-device; the review queue, store-operator.
import { call, readEvents, ApiError } from './api.js';
import { element, errorBox, showError, idPicker } from './dom.js';
import { reviewQueue, receiptLines as lines } from './reviews.js';

/** The shoppers route changes with every batch the tracker delivers: ask about as often as cameras tick. */
const POSITIONS_EVERY_MILLIS = 250;
const SENSORS_EVERY_MILLIS = 2000;

async function storeIds() {
  try {
    return (await call('GET', '/v1/admin/stores')).stores.map(s => s.store);
  } catch (e) {
    return [];
  }
}

export function showStore(root, [store]) {
  const error = errorBox('store-error');
  root.append(error);
  const abort = new AbortController();
  storeIds().then(ids => {
    if (abort.signal.aborted) return;
    const chosen = store || ids[0] || '';
    root.prepend(idPicker('store-id', 'store id', ids, chosen, id => { location.hash = '#/store/' + encodeURIComponent(id); }));
    if (chosen) open(chosen);
  });

  async function open(id) {
    const base = '/v1/stores/' + encodeURIComponent(id);
    let layout;
    try {
      layout = await call('GET', base + '/layout');
    } catch (e) {
      showError(error, e, `Store ${id}`);
      return;
    }
    const canvas = element('canvas', { className: 'map', id: 'store-map' });
    const shoppers = element('tbody', { id: 'shoppers' });
    const receipts = element('tbody', { id: 'receipts' });
    const sensors = element('div', { id: 'sensors' }, 'waiting for the store\'s sensors…');
    root.append(element('div', { className: 'row' },
      element('div', { className: 'panel' }, element('h3', {}, `Store ${id}`), canvas,
        element('p', { className: 'legend', id: 'store-clock' })),
      element('div', { className: 'panel' }, element('h4', {}, 'Shoppers and their carts'),
        element('table', {}, element('thead', {}, element('tr', {}, ['shopper', 'track', 'cart'].map(h => element('th', {}, h)))), shoppers)),
      element('div', { className: 'panel' }, element('h4', {}, 'Receipts'),
        element('table', {}, element('thead', {}, element('tr', {}, ['#', 'shopper', 'lines', 'review'].map(h => element('th', {}, h)))), receipts)),
      element('div', { className: 'panel' }, element('h4', {}, 'Sensor health'), sensors),
      reviewQueue(base, abort.signal)));
    const carts = new Map();
    let floor = { shoppers: [] };
    const asked = new Set();

    const render = () => {
      const present = new Map(floor.shoppers.map(s => [s.shopper, s]));
      const names = [...new Set([...present.keys(), ...carts.keys()])];
      shoppers.replaceChildren(...names.map(name => element('tr', { dataset: { shopper: name } },
        element('td', {}, name), element('td', {}, present.has(name) ? present.get(name).track : '—'),
        element('td', { className: 'cart' }, lines(carts.get(name)?.lines) || 'empty'))));
      drawFloor(canvas, layout, floor.shoppers, carts);
    };
    const addReceipt = receipt => {
      carts.delete(receipt.shopper);
      if (receipts.querySelector(`tr[data-seq="${receipt.seq}"]`)) return;
      receipts.prepend(element('tr', { dataset: { seq: receipt.seq } }, element('td', {}, receipt.seq), element('td', {}, receipt.shopper),
        element('td', { className: 'cart' }, lines(receipt.lines) || 'nothing'), element('td', {}, reviewColumn(receipt))));
      render();
    };
    // A shopper already in the store when the page opened: their cart is read once, the stream keeps it current.
    const fetchCart = async shopper => {
      asked.add(shopper);
      try {
        const cart = await call('GET', `${base}/carts/${encodeURIComponent(shopper)}`);
        if (!carts.has(shopper)) { carts.set(shopper, cart); render(); }
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 404)) showError(error, e, `Store ${id}`);
      }
    };
    try {
      const page = await call('GET', base + '/receipts?since=0&limit=1000');
      page.receipts.forEach(addReceipt);
    } catch (e) {
      showError(error, e, `Store ${id}`);
      return;
    }
    const stream = async () => {
      while (!abort.signal.aborted) {
        try {
          await readEvents(base + '/events', event => {
            const data = JSON.parse(event.data);
            if (event.event === 'cart') { carts.set(data.shopper, data); render(); }
            if (event.event === 'receipt') addReceipt(data);
          }, abort.signal);
        } catch (e) {
          if (abort.signal.aborted) return;
          showError(error, e, `Store ${id}`);
        }
        await new Promise(resolve => setTimeout(resolve, 1000));
      }
    };
    stream();
    every(POSITIONS_EVERY_MILLIS, abort.signal, async () => {
      floor = await call('GET', base + '/shoppers');
      canvas.dataset.shoppers = JSON.stringify(floor.shoppers.map(s => [s.shopper, s.x, s.y]));
      document.getElementById('store-clock').textContent = floor.clockMillis === null ? 'no input yet'
        : 'store clock ' + new Date(floor.clockMillis).toISOString();
      floor.shoppers.filter(s => !carts.has(s.shopper) && !asked.has(s.shopper)).forEach(s => fetchCart(s.shopper));
      render();
    }, e => showError(error, e, `Store ${id}`));
    every(SENSORS_EVERY_MILLIS, abort.signal, async () => {
      sensors.replaceChildren(sensorTable(await call('GET', base + '/sensors')));
    }, e => showError(error, e, `Store ${id}`));
  }

  return () => abort.abort();
}

/** Runs {@code task} now and then every {@code millis} after it finishes, until the page closes. */
async function every(millis, signal, task, onError) {
  while (!signal.aborted) {
    try {
      await task();
    } catch (e) {
      if (signal.aborted) return;
      onError(e);
    }
    await new Promise(resolve => setTimeout(resolve, millis));
  }
}

/** A flagged receipt's reasons, or which receipt an adjusted one takes the place of and why. */
function reviewColumn(receipt) {
  if (receipt.adjusts) return `${receipt.adjustment} #${receipt.adjusts}${receipt.note ? ': ' + receipt.note : ''}`;
  return receipt.needsReview ? receipt.reviewReasons.join(', ') : '';
}

function sensorTable(health) {
  const ago = last => last === null || health.clockMillis === null ? 'never' : ((health.clockMillis - last) / 1000).toFixed(1) + ' s ago';
  const silent = health.plates.filter(p => p.silent).length + health.cameras.filter(c => c.silent).length;
  return element('div', {},
    element('p', { className: silent ? 'error' : 'notice', id: 'sensors-summary' },
      silent ? `${silent} silent (nothing for ${health.silentAfterMillis / 1000} s of the store clock)` : 'every sensor reports'),
    element('table', {}, element('thead', {}, element('tr', {}, ['sensor', 'last', 'state', 'clock skew'].map(h => element('th', {}, h)))),
      element('tbody', {},
        health.cameras.map(c => element('tr', { dataset: { camera: c.camera, silent: c.silent } },
          element('td', {}, 'camera ' + c.camera), element('td', {}, ago(c.lastFrameMillis)), element('td', {}, c.silent ? 'silent' : 'ok'),
          element('td', {}, c.skewMillis === null ? '—' : `${c.skewMillis > 0 ? '+' : ''}${c.skewMillis} ms`))),
        health.plates.map(p => element('tr', { dataset: { plate: p.plate, silent: p.silent } },
          element('td', {}, 'plate ' + p.plate), element('td', {}, ago(p.lastReadingMillis)), element('td', {}, p.silent ? 'silent' : 'ok'),
          element('td', {}, ''))))));
}

/** The floor seen from above: entry and exit zones, every plate's box, and each shopper where last seen with their cart. */
function drawFloor(canvas, layout, positions, carts) {
  const scale = Math.min(60, 800 / layout.floor.widthMeters);
  canvas.width = layout.floor.widthMeters * scale;
  canvas.height = layout.floor.depthMeters * scale;
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  const zone = (z, colour, label) => {
    g.fillStyle = colour;
    g.fillRect(z.minX * scale, z.minY * scale, (z.maxX - z.minX) * scale, (z.maxY - z.minY) * scale);
    g.fillStyle = '#334155';
    g.font = '12px sans-serif';
    g.fillText(label, z.minX * scale + 4, z.minY * scale + 14);
  };
  zone(layout.entry, '#dcfce7', 'entry');
  zone(layout.exit, '#fee2e2', 'exit');
  for (const gondola of layout.gondolas || []) {
    for (const shelf of gondola.shelves || []) {
      for (const plate of shelf.plates || []) {
        const [x0, y0] = plate.box.min;
        const [x1, y1] = plate.box.max;
        g.fillStyle = '#fde68a';
        g.strokeStyle = '#92400e';
        g.fillRect(x0 * scale, y0 * scale, (x1 - x0) * scale, (y1 - y0) * scale);
        g.strokeRect(x0 * scale, y0 * scale, (x1 - x0) * scale, (y1 - y0) * scale);
        g.fillStyle = '#78350f';
        g.font = '10px sans-serif';
        g.fillText(plate.id, x0 * scale + 2, y1 * scale - 2);
      }
    }
  }
  // Shoppers standing together would hide each other's labels: each label takes the next free line below.
  const taken = [];
  for (const shopper of positions) {
    const x = shopper.x * scale;
    const y = shopper.y * scale;
    g.fillStyle = '#2563eb';
    g.beginPath();
    g.arc(x, y, 7, 0, 2 * Math.PI);
    g.fill();
    const cart = carts.get(shopper.shopper);
    const label = `${shopper.shopper}: ${lines(cart?.lines) || 'empty'}`;
    let labelY = y + 4;
    while (taken.some(([tx, ty]) => Math.abs(tx - x) < 140 && Math.abs(ty - labelY) < 13)) labelY += 13;
    taken.push([x, labelY]);
    if (labelY !== y + 4) {
      g.strokeStyle = '#94a3b8';
      g.beginPath();
      g.moveTo(x, y);
      g.lineTo(x + 8, labelY - 4);
      g.stroke();
    }
    g.fillStyle = '#0f172a';
    g.font = '11px sans-serif';
    g.fillText(label, x + 10, labelY);
  }
}
