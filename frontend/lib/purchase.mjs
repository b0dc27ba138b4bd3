// Pure helpers for a purchase request's life: the key, the label, applying an update from
// the stream or a poll, the (fallback) polling loop.
import { humanize, soldOutText } from './sales.mjs';

/**
 * What the page knows about one purchase request.
 * @typedef {{
 *   phase: 'sending' | 'queued' | 'confirmed' | 'rejected' | 'timeout' | 'error',
 *   requestId?: string | null,
 *   position?: number | null,
 *   estimatedWaitMs?: number | null,
 *   reason?: string | null,
 *   message?: string | null,
 *   idempotencyKey?: string,
 *   retryable?: boolean,
 *   via?: Via,
 * }} PurchaseState
 */

/**
 * How the page learnt the current status: the POST's answer, the SSE stream, or a poll.
 * @typedef {'response' | 'sse' | 'poll'} Via
 */

/**
 * A fresh Idempotency-Key (a v4 UUID). `crypto.randomUUID` exists only in secure contexts
 * (HTTPS or localhost); over plain HTTP on another host the page falls back to
 * `crypto.getRandomValues`, which every browser has.
 * @param {{ randomUUID?: () => string, getRandomValues?: <T extends Uint8Array>(a: T) => T } | undefined} [cryptoImpl]
 * @returns {string}
 */
export function newIdempotencyKey(cryptoImpl = globalThis.crypto) {
  if (cryptoImpl && typeof cryptoImpl.randomUUID === 'function') return cryptoImpl.randomUUID();
  const bytes = new Uint8Array(16);
  if (cryptoImpl && typeof cryptoImpl.getRandomValues === 'function') {
    cryptoImpl.getRandomValues(bytes);
  } else {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A wait estimate in whole seconds, rounded up, at least 1: "~2 s" for 1 200 ms.
 * @param {number | null | undefined} ms
 * @returns {number | null}
 */
export function waitSeconds(ms) {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return null;
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * A rejection or refusal reason in plain words, for the shopper. SOLD_OUT says how fast the
 * stock went when the sale is known ("Sold out: all 1,000 units went in 0.6 s").
 * @param {string | null | undefined} reason
 * @param {(import('./sales.mjs').Sale) | null} [sale]
 * @returns {string}
 */
export function reasonText(reason, sale) {
  switch (reason) {
    case 'SOLD_OUT':
      return sale ? soldOutText(sale) : 'Sold out: every unit has been sold.';
    case 'ALREADY_PURCHASED':
      return 'You already bought this sale: one per shopper.';
    case 'SALE_NOT_ACTIVE':
      return 'The sale was not open when your request arrived.';
    case 'SALE_CANCELLED':
      return 'The sale was cancelled.';
    case 'SALE_NOT_FOUND':
      return 'This sale does not exist any more.';
    case 'TOO_MANY_REQUESTS':
    case 'TOO_MANY_IN_FLIGHT':
      return 'Too many requests at once: wait a moment and try again.';
    case 'UNITS_CLAIMED':
      return 'Every unit left is taken by shoppers ahead of you in the queue. Try again in a moment: a unit they do not take comes back.';
    case 'OVERLOADED':
    case 'OUTCOME_UNKNOWN':
      return 'The shop is very busy right now. Try again: your request is never sent twice.';
    case null:
    case undefined:
    case '':
      return 'Your request was not accepted.';
    default:
      return `Not accepted: ${humanize(reason).toLowerCase()}.`;
  }
}

/**
 * The one-line status of a request, as the shopper reads it: "In the queue: position N,
 * about X s", "Confirmed", or the reason in plain words.
 * @param {PurchaseState | null | undefined} state
 * @param {(import('./sales.mjs').Sale) | null} [sale]
 * @returns {string}
 */
export function purchaseLabel(state, sale) {
  if (!state) return '';
  switch (state.phase) {
    case 'sending':
      return 'Sending your request…';
    case 'queued': {
      const parts = [];
      if (typeof state.position === 'number' && Number.isFinite(state.position)) parts.push(`position ${state.position.toLocaleString()}`);
      const wait = waitSeconds(state.estimatedWaitMs);
      if (wait !== null) parts.push(`about ${wait} s`);
      return parts.length > 0 ? `In the queue: ${parts.join(', ')}` : 'In the queue';
    }
    case 'confirmed':
      return 'Confirmed';
    case 'rejected':
      return reasonText(state.reason, sale);
    case 'timeout':
      return 'Still in the queue: no answer within 60 s';
    case 'error':
      return state.message || 'Something went wrong';
    default:
      return '';
  }
}

/**
 * Whether a request is still waiting for its outcome.
 * @param {PurchaseState | null | undefined} state
 */
export function isPending(state) {
  return !!state && (state.phase === 'sending' || state.phase === 'queued');
}

/**
 * Whether the sale can no longer be bought by this shopper.
 * @param {PurchaseState | null | undefined} state
 */
export function isSettledForShopper(state) {
  return !!state && (state.phase === 'confirmed' || (state.phase === 'rejected' && state.reason === 'ALREADY_PURCHASED'));
}

/**
 * @typedef {{ ok: boolean, status: number, body: any }} StatusAnswer
 * @typedef {{ outcome: 'CONFIRMED' | 'REJECTED' | 'TIMEOUT' | 'UNAUTHORIZED' | 'ABORTED', body: any }} PollResult
 */

/**
 * Polls a request's status every `intervalMs` until it is no longer QUEUED, for at most
 * `timeoutMs`. A failed poll (network error, 404 before the request is visible, 5xx) is
 * retried; 401/403 ends the loop, since the session is gone. `shouldPoll(tick)` (tick 0 is
 * the first) can skip a tick's request, the clock still running: the page polls only while
 * the live stream is down.
 * @param {{
 *   fetchStatus: () => Promise<StatusAnswer>,
 *   intervalMs?: number,
 *   timeoutMs?: number,
 *   now?: () => number,
 *   sleep?: (ms: number) => Promise<void>,
 *   signal?: AbortSignal,
 *   onAnswer?: (body: any) => void,
 *   shouldPoll?: (tick: number) => boolean,
 * }} options
 * @returns {Promise<PollResult>}
 */
export async function pollPurchase({
  fetchStatus,
  intervalMs = 500,
  timeoutMs = 60_000,
  now = Date.now,
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  signal,
  onAnswer,
  shouldPoll = () => true,
}) {
  const deadline = now() + timeoutMs;
  /** @type {any} */
  let last = null;
  for (let tick = 0; ; tick++) {
    if (signal?.aborted) return { outcome: 'ABORTED', body: last };
    /** @type {StatusAnswer | null} */
    let answer = null;
    if (shouldPoll(tick)) {
      try {
        answer = await fetchStatus();
      } catch {
        answer = null; // network trouble: try again on the next tick
      }
    }
    if (signal?.aborted) return { outcome: 'ABORTED', body: last };
    if (answer) {
      if (answer.status === 401 || answer.status === 403) return { outcome: 'UNAUTHORIZED', body: answer.body };
      if (answer.ok && answer.body) {
        last = answer.body;
        onAnswer?.(answer.body);
        if (answer.body.status === 'CONFIRMED') return { outcome: 'CONFIRMED', body: answer.body };
        if (answer.body.status === 'REJECTED') return { outcome: 'REJECTED', body: answer.body };
      }
    }
    if (now() + intervalMs > deadline) return { outcome: 'TIMEOUT', body: last };
    await sleep(intervalMs);
  }
}

/**
 * Whether the request has its final answer.
 * @param {PurchaseState | null | undefined} state
 */
export function isDecided(state) {
  return !!state && (state.phase === 'confirmed' || state.phase === 'rejected');
}

/**
 * The state after an update about request `update.requestId` (from the stream or a poll),
 * or the same object when the update changes nothing: it is about another request, or the
 * request already has its outcome (the first outcome to arrive wins; repeats are harmless).
 * A QUEUED update refreshes the place in the queue; an outcome also lands on a request that
 * timed out on the page ("Still queued").
 * @param {PurchaseState | null | undefined} state
 * @param {{ requestId: string, status: string, reason?: string | null, position?: number | null, estimatedWaitMs?: number | null } | null | undefined} update
 * @param {Via} via
 * @returns {PurchaseState | null | undefined}
 */
export function applyUpdate(state, update, via) {
  if (!state || !update || !state.requestId || state.requestId !== update.requestId) return state;
  if (state.phase !== 'queued' && state.phase !== 'timeout') return state;
  switch (update.status) {
    case 'QUEUED': {
      if (state.phase !== 'queued') return state;
      const position = typeof update.position === 'number' && Number.isFinite(update.position) ? update.position : null;
      const wait = typeof update.estimatedWaitMs === 'number' && Number.isFinite(update.estimatedWaitMs) ? update.estimatedWaitMs : null;
      if (position === null && wait === null) return state; // nothing new (a poll answer without a place)
      return { ...state, position: position ?? state.position ?? null, estimatedWaitMs: wait ?? state.estimatedWaitMs ?? null, via };
    }
    case 'CONFIRMED':
      return { ...state, phase: 'confirmed', reason: null, via };
    case 'REJECTED':
      return { ...state, phase: 'rejected', reason: update.reason ?? null, via };
    default:
      return state;
  }
}
