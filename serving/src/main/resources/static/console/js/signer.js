// AISLE-HMAC-SHA256 in the browser, the scheme of io.aisle.client.RequestSigner and CanonicalRequest:
//   canonical      = METHOD \n RAW_PATH \n SORTED_QUERY \n CANONICAL_HEADERS \n SIGNED_HEADER_NAMES \n HEX(SHA256(body))
//   string to sign = "AISLE-HMAC-SHA256" \n DATE_TIME \n KEY_ID/DATE \n HEX(SHA256(canonical))
//   signing key    = HMAC-SHA256("AISLE" + secret, DATE);  signature = HEX(HMAC-SHA256(signing key, string to sign))
const ALGORITHM = 'AISLE-HMAC-SHA256';
const encoder = new TextEncoder();

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), b => b.toString(16).padStart(2, '0')).join('');
}

export async function sha256Hex(bytes) {
  return hex(await crypto.subtle.digest('SHA-256', bytes));
}

async function hmac(keyBytes, text) {
  const key = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', key, encoder.encode(text));
}

// RFC 3986: only unreserved characters stay, as Java's URLEncoder with %20, %2A and ~ gives.
function canonicalPart(text) {
  if (/^[A-Za-z0-9\-._~]*$/.test(text)) {
    return text;
  }
  const decoded = decodeURIComponent(text.replace(/\+/g, '%2B'));
  return encodeURIComponent(decoded).replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

export function canonicalQuery(rawQuery) {
  if (!rawQuery) {
    return '';
  }
  const pairs = rawQuery.split('&').filter(part => part.length > 0).map(part => {
    const equals = part.indexOf('=');
    const name = equals < 0 ? part : part.substring(0, equals);
    const value = equals < 0 ? '' : part.substring(equals + 1);
    return [canonicalPart(name), canonicalPart(value)];
  });
  // Code-unit order, as Java's String.compareTo.
  const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  pairs.sort((a, b) => compare(a[0], b[0]) || compare(a[1], b[1]));
  return pairs.map(pair => pair[0] + '=' + pair[1]).join('&');
}

function utcStamp(date) {
  const iso = date.toISOString(); // 2026-11-26T10:15:00.000Z
  return {
    dateTime: iso.substring(0, 19).replace(/[-:]/g, '') + 'Z',
    date: iso.substring(0, 10).replace(/-/g, ''),
  };
}

function nonce() {
  return hex(crypto.getRandomValues(new Uint8Array(12)));
}

/**
 * The headers that sign one request: x-aisle-date, x-aisle-nonce and Authorization. The browser sends
 * host itself, as location.host, which is what is signed here.
 */
export async function sign(keyId, secret, method, host, rawPath, rawQuery, bodyBytes, now = new Date()) {
  const { dateTime, date } = utcStamp(now);
  const headers = { host, 'x-aisle-date': dateTime, 'x-aisle-nonce': nonce() };
  const names = Object.keys(headers).sort();
  const canonical = [
    method.toUpperCase(),
    rawPath || '/',
    canonicalQuery(rawQuery),
    names.map(name => name + ':' + headers[name].trim()).join('\n') + '\n',
    names.join(';'),
    await sha256Hex(bodyBytes || new Uint8Array(0)),
  ].join('\n');
  const stringToSign = [ALGORITHM, dateTime, keyId + '/' + date, await sha256Hex(encoder.encode(canonical))].join('\n');
  const signingKey = await hmac(encoder.encode('AISLE' + secret), date);
  const signature = hex(await hmac(signingKey, stringToSign));
  return {
    'x-aisle-date': dateTime,
    'x-aisle-nonce': headers['x-aisle-nonce'],
    Authorization: `${ALGORITHM} Credential=${keyId}/${date}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}
