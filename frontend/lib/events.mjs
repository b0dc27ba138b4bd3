// The shopper's live stream of purchase updates: GET /api/purchases/events (SSE), read with
// fetch() (same origin, so the session cookie goes along; no token in the URL or the page).
//
// The server sends `event: queued` right after a purchase is admitted and `event: outcome`
// once it is decided, each with `id: <requestId>:<STATUS>`; on every (re)connection it first
// replays the shopper's latest stored outcomes, and it sends a keep-alive comment every 15 s.
// This module keeps one connection open while signed in: it reconnects with backoff when the
// stream drops, drops repeats by id, and tells the page whether the stream is live (the page
// polls only while it is not).
//
// Plain ESM with JSDoc types; fetch, sleep, clock and randomness are injectable for tests.
import { backoffDelay, createDeduper, createSseParser } from './sse.mjs';

export const EVENTS_URL = '/api/purchases/events';

/**
 * One purchase request's update, as the stream (and a poll answer) carries it.
 * @typedef {{
 *   requestId: string,
 *   saleId: string | null,
 *   status: 'QUEUED' | 'CONFIRMED' | 'REJECTED',
 *   reason: string | null,
 *   decidedAt: string | null,
 *   position: number | null,
 *   estimatedWaitMs: number | null,
 * }} PurchaseUpdate
 */

/**
 * Where the stream stands: `connecting` (a request is out, nothing received yet), `open`
 * (bytes are flowing: the stream is live), `retrying` (waiting before the next try),
 * `stopped` (signed out, or the token was refused).
 * @typedef {'connecting' | 'open' | 'retrying' | 'stopped'} StreamState
 */

const STATUSES = new Set(['QUEUED', 'CONFIRMED', 'REJECTED']);

/** @param {unknown} v */
const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** @param {unknown} v */
const str = (v) => (typeof v === 'string' && v !== '' ? v : null);

/**
 * A purchase update from a JSON body (an SSE event's data or a poll answer), or null when the
 * body is not one.
 * @param {any} body
 * @returns {PurchaseUpdate | null}
 */
export function toPurchaseUpdate(body) {
  if (!body || typeof body !== 'object') return null;
  const requestId = str(body.requestId);
  const status = str(body.status);
  if (!requestId || !status || !STATUSES.has(status)) return null;
  return {
    requestId,
    saleId: str(body.saleId),
    status: /** @type {PurchaseUpdate['status']} */ (status),
    reason: str(body.reason),
    decidedAt: str(body.decidedAt),
    position: num(body.position),
    estimatedWaitMs: num(body.estimatedWaitMs),
  };
}

/**
 * The update an SSE event carries, or null for other events (unknown types, bad JSON).
 * @param {import('./sse.mjs').SseEvent} event
 * @returns {PurchaseUpdate | null}
 */
export function eventToUpdate(event) {
  if (event.type !== 'queued' && event.type !== 'outcome') return null;
  try {
    return toPurchaseUpdate(JSON.parse(event.data));
  } catch {
    return null;
  }
}

/** @param {string | null | undefined} status */
export const isFinalStatus = (status) => status === 'CONFIRMED' || status === 'REJECTED';

/**
 * Updates that arrived before the page knew their request: the `queued` event (even the
 * outcome) can beat the 202 answer of the POST that created the request. Keeps the latest
 * per request (an outcome is never replaced by a `queued`), at most `limit` requests.
 * @param {number} [limit]
 */
export function createUpdateBuffer(limit = 100) {
  /** @type {Map<string, PurchaseUpdate>} */
  const byRequest = new Map();
  return {
    /** @param {PurchaseUpdate} update */
    put(update) {
      const known = byRequest.get(update.requestId);
      if (known && isFinalStatus(known.status) && !isFinalStatus(update.status)) return;
      byRequest.delete(update.requestId);
      byRequest.set(update.requestId, update);
      if (byRequest.size > limit) {
        const oldest = byRequest.keys().next().value;
        if (oldest !== undefined) byRequest.delete(oldest);
      }
    },
    /**
     * The buffered update of a request, removed from the buffer.
     * @param {string} requestId
     * @returns {PurchaseUpdate | null}
     */
    take(requestId) {
      const update = byRequest.get(requestId) ?? null;
      byRequest.delete(requestId);
      return update;
    },
    size: () => byRequest.size,
  };
}

/**
 * Waits `ms`, or less if the signal aborts.
 * @param {number} ms
 * @param {AbortSignal} [signal]
 * @returns {Promise<void>}
 */
export function abortableSleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * @typedef {{
 *   signal: AbortSignal,
 *   onUpdate: (update: PurchaseUpdate) => void,
 *   onState?: (state: StreamState) => void,
 *   onUnauthorized?: () => void,
 *   fetchImpl?: typeof fetch,
 *   url?: string,
 *   sleep?: (ms: number, signal?: AbortSignal) => Promise<void>,
 *   random?: () => number,
 *   now?: () => number,
 *   idleTimeoutMs?: number,
 *   stableMs?: number,
 *   dedupe?: { isNew: (id: string | null | undefined) => boolean },
 * }} StreamOptions
 */

/**
 * Keeps the purchase-update stream open until `signal` aborts (resolves "aborted") or the
 * server refuses the token with 401/403 (calls onUnauthorized, resolves "unauthorized").
 *
 * - The stream counts as `open` once its first bytes arrive (an event, or the keep-alive):
 *   a proxy that buffers the stream holds them back, and the page keeps polling meanwhile.
 * - Nothing for `idleTimeoutMs` (three missed keep-alives) means a dead connection: it is
 *   dropped and opened again.
 * - Reconnects after 1 s, 2 s, 5 s, then every 10 s (with a little jitter); back to 1 s
 *   once a connection stayed open for `stableMs`.
 * - Repeats (same id; the replay on every reconnection) are dropped across reconnections.
 * @param {StreamOptions} options
 * @returns {Promise<'aborted' | 'unauthorized'>}
 */
export async function runPurchaseEvents({
  signal,
  onUpdate,
  onState = () => {},
  onUnauthorized = () => {},
  fetchImpl = globalThis.fetch,
  url = EVENTS_URL,
  sleep = abortableSleep,
  random = Math.random,
  now = Date.now,
  idleTimeoutMs = 45_000,
  stableMs = 5_000,
  dedupe = createDeduper(),
}) {
  /** @param {import('./sse.mjs').SseEvent} event */
  const deliver = (event) => {
    if (!dedupe.isNew(event.id)) return;
    const update = eventToUpdate(event);
    if (!update) return;
    try {
      onUpdate(update);
    } catch (error) {
      // A bug in the page must not kill the stream; report it like an uncaught error.
      if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
      else console.error(error);
    }
  };

  let attempt = 0;
  while (!signal.aborted) {
    onState('connecting');
    const result = await connectOnce({ signal, url, fetchImpl, now, idleTimeoutMs, onOpen: () => onState('open'), deliver });
    if (signal.aborted) break;
    if (result.unauthorized) {
      onState('stopped');
      onUnauthorized();
      return 'unauthorized';
    }
    if (result.openFor >= stableMs) attempt = 0;
    onState('retrying');
    await sleep(backoffDelay(attempt, random), signal);
    attempt++;
  }
  onState('stopped');
  return 'aborted';
}

/**
 * One connection, from the request to the end of the stream (or an error, or the idle timer).
 * @param {{
 *   signal: AbortSignal, url: string, fetchImpl: typeof fetch, now: () => number,
 *   idleTimeoutMs: number, onOpen: () => void, deliver: (event: import('./sse.mjs').SseEvent) => void,
 * }} options
 * @returns {Promise<{ unauthorized: boolean, openFor: number }>}
 */
async function connectOnce({ signal, url, fetchImpl, now, idleTimeoutMs, onOpen, deliver }) {
  const controller = new AbortController();
  /** @type {ReadableStreamDefaultReader<Uint8Array> | null} */
  let reader = null;
  // Aborting the request errors its body in browsers; cancelling the reader as well ends a
  // pending read() whatever the fetch implementation does.
  const stop = () => {
    controller.abort();
    reader?.cancel().catch(() => {});
  };
  signal.addEventListener('abort', stop, { once: true });
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let idle;
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(stop, idleTimeoutMs);
  };
  /** @type {number | null} */
  let openedAt = null;
  try {
    armIdle(); // also bounds a request that never answers
    const response = await fetchImpl(url, {
      method: 'GET',
      headers: { Accept: 'text/event-stream' },
      credentials: 'same-origin',
      cache: 'no-store',
      signal: controller.signal,
    });
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel().catch(() => {});
      return { unauthorized: true, openFor: 0 };
    }
    const type = response.headers.get('content-type') || '';
    if (!response.ok || !response.body || !type.toLowerCase().startsWith('text/event-stream')) {
      // A proxy's error page, an edge without the endpoint (the 404 page): try again later.
      await response.body?.cancel().catch(() => {});
      return { unauthorized: false, openFor: 0 };
    }
    reader = response.body.getReader();
    if (controller.signal.aborted) return { unauthorized: false, openFor: 0 };
    const decoder = new TextDecoder();
    const parser = createSseParser(deliver);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      armIdle();
      if (openedAt === null && value && value.length > 0) {
        openedAt = now();
        onOpen();
      }
      parser.push(decoder.decode(value, { stream: true }));
    }
    parser.push(decoder.decode());
    parser.end(); // an event the server did not finish is dropped
  } catch {
    // network error, abort (sign-out or the idle timer): the caller decides what is next
  } finally {
    clearTimeout(idle);
    signal.removeEventListener('abort', stop);
    stop(); // releases the connection if it is still open
  }
  return { unauthorized: false, openFor: openedAt === null ? 0 : now() - openedAt };
}
