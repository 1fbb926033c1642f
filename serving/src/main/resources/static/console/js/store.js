// The live store: the floor plan of its registered layout, each shopper with the cart the engine announced, and
// receipts as shoppers leave, from the store's signed event stream. Role store-device.
import { call, readEvents } from './api.js';
import { element, errorBox, showError, idPicker } from './dom.js';

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
    root.append(element('div', { className: 'row' },
      element('div', { className: 'panel' }, element('h3', {}, `Store ${id}`), canvas),
      element('div', { className: 'panel' }, element('h4', {}, 'Shoppers and their carts'),
        element('table', {}, element('thead', {}, element('tr', {}, element('th', {}, 'shopper'), element('th', {}, 'cart'))), shoppers)),
      element('div', { className: 'panel' }, element('h4', {}, 'Receipts'),
        element('table', {}, element('thead', {}, element('tr', {}, ['#', 'shopper', 'lines', 'review'].map(h => element('th', {}, h)))), receipts))));
    const carts = new Map();
    drawFloor(canvas, layout, carts);

    const renderCarts = () => {
      shoppers.replaceChildren(...[...carts.values()].map(cart => element('tr', { dataset: { shopper: cart.shopper } },
        element('td', {}, cart.shopper), element('td', { className: 'cart' }, lines(cart.lines) || 'empty'))));
      drawFloor(canvas, layout, carts);
    };
    const addReceipt = receipt => {
      carts.delete(receipt.shopper);
      if (receipts.querySelector(`tr[data-seq="${receipt.seq}"]`)) return;
      receipts.prepend(element('tr', { dataset: { seq: receipt.seq } }, element('td', {}, receipt.seq), element('td', {}, receipt.shopper),
        element('td', { className: 'cart' }, lines(receipt.lines) || 'nothing'), element('td', {}, receipt.needsReview ? receipt.reviewReasons.join(', ') : '')));
      renderCarts();
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
            if (event.event === 'cart') { carts.set(data.shopper, data); renderCarts(); }
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
  }

  return () => abort.abort();
}

function lines(list) {
  return (list || []).map(line => `${line.quantity} × ${line.sku}`).join(', ');
}

/** The floor seen from above: entry and exit zones, every plate's box, and a badge per shopper with an open cart. */
function drawFloor(canvas, layout, carts) {
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
  // The API gives carts, not positions: shoppers with an open cart line up along the floor's bottom edge.
  let i = 0;
  for (const cart of carts.values()) {
    const x = 20 + (i % 4) * (canvas.width - 40) / 4;
    const y = canvas.height - 24 - Math.floor(i / 4) * 28;
    g.fillStyle = '#2563eb';
    g.beginPath();
    g.arc(x, y, 9, 0, 2 * Math.PI);
    g.fill();
    g.fillStyle = '#0f172a';
    g.font = '11px sans-serif';
    g.fillText(`${cart.shopper} (${cart.lines.reduce((n, l) => n + l.quantity, 0)})`, x + 12, y + 4);
    i++;
  }
}
