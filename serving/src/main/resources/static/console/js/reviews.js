// The review queue of one store: every flagged receipt with its evidence (the weight change at the plate, the
// likeliest products with their probabilities, the shoppers near the plate with their odds), confirmed or
// corrected by a key with the role store-operator. The resolution travels through the store's ordered input,
// so the adjusted receipt also reaches the receipts table through the event stream.
import { call, ApiError } from './api.js';
import { element, describeFailure } from './dom.js';

const REVIEWS_EVERY_MILLIS = 2000;

/** The panel, refreshed until {@code signal} aborts. */
export function reviewQueue(base, signal) {
  const list = element('div', { id: 'reviews' }, 'waiting for the review queue…');
  const failure = element('p', { className: 'error', id: 'review-error', hidden: true });
  const panel = element('div', { className: 'panel', id: 'review-queue' }, element('h4', {}, 'Review queue'), failure, list);
  let shown = '';

  const refresh = async () => {
    let page;
    try {
      page = await call('GET', base + '/reviews');
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) {
        list.replaceChildren(element('p', { className: 'notice', id: 'reviews-forbidden' },
          'Resolving reviews needs a key with the role store-operator; this key lacks it (403).'));
        return false;
      }
      throw e;
    }
    // Redrawn only when the queue changed, so a correction being typed is not wiped by the next refresh.
    const fingerprint = JSON.stringify(page.reviews.map(r => r.id));
    if (fingerprint !== shown) {
      shown = fingerprint;
      list.replaceChildren(page.reviews.length === 0
        ? element('p', { className: 'notice', id: 'reviews-empty' }, 'No receipt waits for review.')
        : element('div', {}, page.reviews.map(review => reviewCard(base, review, resolved))));
    }
    return true;
  };
  const resolved = () => { shown = ''; refresh().catch(e => fail(e, 'The review queue')); };
  const fail = (e, what) => { failure.hidden = false; failure.textContent = describeFailure(e, what); };

  (async () => {
    while (!signal.aborted) {
      try {
        if (!(await refresh())) return;
        failure.hidden = true;
      } catch (e) {
        if (signal.aborted) return;
        fail(e, 'The review queue');
      }
      await new Promise(resolve => setTimeout(resolve, REVIEWS_EVERY_MILLIS));
    }
  })();
  return panel;

  function reviewCard(base, review, onResolved) {
    const receipt = review.receipt;
    const correction = element('input', { className: 'correction', placeholder: 'e.g. 1 × TEA, 2 × OATS (empty: nothing bought)',
      value: receiptLines(receipt.lines) });
    const note = element('input', { className: 'note', placeholder: 'note (optional)' });
    const send = async decision => {
      const body = { decision };
      if (decision === 'correct') {
        try {
          body.lines = parseLines(correction.value);
        } catch (e) {
          fail(e, 'The correction');
          return;
        }
      }
      if (note.value.trim()) body.note = note.value.trim();
      try {
        await call('POST', `${base}/reviews/${review.id}`, body);
        failure.hidden = true;
      } catch (e) {
        fail(e, `Review ${review.id}`);
      }
      onResolved();
    };
    return element('div', { className: 'review', dataset: { review: review.id } },
      element('p', {}, element('strong', {}, `#${receipt.seq} ${receipt.shopper}`), ': ',
        receiptLines(receipt.lines) || 'nothing', ' — ', receipt.reviewReasons.join(', ')),
      element('table', {}, element('thead', {}, element('tr', {}, ['plate', 'weight change', 'likeliest', 'shoppers near'].map(h => element('th', {}, h)))),
        element('tbody', {}, (receipt.evidence || []).map(evidence => element('tr', {},
          element('td', {}, evidence.plateId),
          element('td', {}, `${evidence.weightChangeGrams.toFixed(1)} g`),
          element('td', {}, evidence.candidates.map(c => `${units(c.units) || 'nothing'} ${(100 * c.probability).toFixed(0)}%`).join('; ')),
          element('td', {}, Object.entries(evidence.shopperOdds).map(([shopper, odds]) => `${shopper} ${(100 * odds).toFixed(0)}%`).join(', ')))))),
      element('div', {},
        element('button', { type: 'button', className: 'confirm', onclick: () => send('confirm') }, 'Confirm'), ' ',
        correction, ' ', note, ' ',
        element('button', { type: 'button', className: 'correct', onclick: () => send('correct') }, 'Correct')));
  }
}

export function receiptLines(list) {
  return (list || []).map(line => `${line.quantity} × ${line.sku}`).join(', ');
}

function units(map) {
  return Object.entries(map).map(([sku, quantity]) => `${quantity} × ${sku}`).join(', ');
}

/** "2 × TEA, OATS" as lines; the server checks SKUs and quantities and answers 400 for what it refuses. */
export function parseLines(text) {
  if (!text.trim()) return [];
  return text.split(',').map(part => {
    const match = part.trim().match(/^(?:(\d+)\s*[×x*]\s*)?(\S+)$/);
    if (!match) throw new Error(`"${part.trim()}" is not a line: write "quantity × SKU"`);
    return { sku: match[2], quantity: match[1] === undefined ? 1 : Number(match[1]) };
  });
}
