// Signed calls to the Aisle API with the key kept in sessionStorage (never in localStorage, never sent).
import { sign } from './signer.js';

const KEY_ID = 'aisle.keyId';
const SECRET = 'aisle.secret';
const encoder = new TextEncoder();

export function credentials() {
  const keyId = sessionStorage.getItem(KEY_ID);
  const secret = sessionStorage.getItem(SECRET);
  return keyId && secret ? { keyId, secret } : null;
}

export function remember(keyId, secret) {
  sessionStorage.setItem(KEY_ID, keyId);
  sessionStorage.setItem(SECRET, secret);
}

export function forget() {
  sessionStorage.removeItem(KEY_ID);
  sessionStorage.removeItem(SECRET);
}

/** A refusal of the API: its status and its problem+json detail. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? problem.detail : 'HTTP ' + status);
    this.status = status;
    this.problem = problem;
  }
}

/** Sends one signed request; resolves the fetch Response, whatever its status. */
export async function signedFetch(method, pathAndQuery, body, key = credentials(), extraHeaders = {}) {
  if (!key) {
    throw new ApiError(401, { detail: 'not logged in' });
  }
  const url = new URL(pathAndQuery, location.origin);
  const bytes = body === undefined ? new Uint8Array(0) : encoder.encode(JSON.stringify(body));
  const signed = await sign(key.keyId, key.secret, method, url.host, url.pathname, url.search.substring(1), bytes);
  const headers = { ...signed, ...extraHeaders };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  return fetch(url, { method, headers, body: body === undefined ? undefined : bytes, cache: 'no-store' });
}

/** A signed call whose 2xx JSON body it resolves; any other status rejects with an ApiError. */
export async function call(method, pathAndQuery, body, key) {
  const response = await signedFetch(method, pathAndQuery, body, key);
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, json);
  }
  return json;
}

/**
 * Whether a key signs correctly, without needing any one role: a 403 from a role-gated route still means the
 * signature verified, a 401 that it did not.
 */
export async function verify(key) {
  const response = await signedFetch('GET', '/v1/admin/keys', undefined, key);
  if (response.status === 401) {
    const problem = await response.json().catch(() => null);
    throw new ApiError(401, problem);
  }
  return response.status !== 403;
}

/**
 * Reads a signed Server-Sent Events stream (EventSource cannot send headers) and hands each event to onEvent
 * as {event, id, data}. Resolves when the stream ends; abort it through the signal.
 */
export async function readEvents(pathAndQuery, onEvent, signal) {
  const key = credentials();
  const url = new URL(pathAndQuery, location.origin);
  const signed = await sign(key.keyId, key.secret, 'GET', url.host, url.pathname, url.search.substring(1), new Uint8Array(0));
  const response = await fetch(url, { headers: { ...signed, Accept: 'text/event-stream' }, signal, cache: 'no-store' });
  if (!response.ok) {
    throw new ApiError(response.status, await response.json().catch(() => null));
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.substring(0, end);
      buffer = buffer.substring(end + 2);
      const event = { event: 'message', id: null, data: '' };
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event.event = line.substring(6).trim();
        else if (line.startsWith('id:')) event.id = line.substring(3).trim();
        else if (line.startsWith('data:')) event.data += line.substring(5).replace(/^ /, '');
      }
      if (event.data) {
        onEvent(event);
      }
    }
  }
}
