// The browser session's plumbing that is not React: telling the other tabs of this browser
// that the shopper signed in or out, and the random per-browser viewer id.
//
// The session itself is the httpOnly cookie `flashsale_session` (ADR 0012): the page never
// sees the token, so nothing here stores one. A tab learns who is signed in from
// GET /api/auth/me; a sign-in or sign-out in one tab is broadcast (BroadcastChannel, with the
// storage event as the fallback) and every other tab asks /api/auth/me again or drops its user.

export const CHANNEL = 'flashsale.session';
export const SIGNAL_KEY = 'flashsale.session-signal';
export const VIEWER_KEY = 'flashsale.viewer';
export const HINT_KEY = 'flashsale.signed-in';

/**
 * Whether this browser may hold a session cookie: a hint (never the token) kept beside the
 * httpOnly cookie, so that a visitor who never signed in is not asked GET /api/auth/me (a 401
 * the browser would log on every page). A stale hint costs one 401, then it is dropped.
 * @param {StorageLike | null} [storage]
 */
export function mayBeSignedIn(storage = safeLocalStorage()) {
  try {
    return storage?.getItem(HINT_KEY) === '1';
  } catch {
    return true; // cannot tell: ask the server
  }
}

/**
 * @param {boolean} signedIn
 * @param {StorageLike | null} [storage]
 */
export function rememberSignedIn(signedIn, storage = safeLocalStorage()) {
  try {
    if (signedIn) storage?.setItem(HINT_KEY, '1');
    else storage?.removeItem(HINT_KEY);
  } catch {
    // storage blocked: every page asks the server
  }
}

/**
 * @typedef {{ id: string, username: string, role: string, enabled?: boolean }} User
 * @typedef {'signed-in' | 'signed-out'} SessionSignal
 * @typedef {{ getItem(k: string): string | null, setItem(k: string, v: string): void, removeItem(k: string): void }} StorageLike
 */

/**
 * The signal a message carries, or null for anything else.
 * @param {unknown} data
 * @returns {SessionSignal | null}
 */
export function readSignal(data) {
  let value = data;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  const kind = value && typeof value === 'object' ? /** @type {{ kind?: unknown }} */ (value).kind : null;
  return kind === 'signed-in' || kind === 'signed-out' ? kind : null;
}

/**
 * Listens for session signals from the other tabs and sends this tab's. `post` never reaches
 * the tab that posts it (BroadcastChannel and the storage event both skip the sender).
 * @param {(signal: SessionSignal) => void} onSignal
 * @param {{ BroadcastChannel?: typeof BroadcastChannel, storage?: StorageLike | null, target?: EventTarget | null }} [env]
 * @returns {{ post: (signal: SessionSignal) => void, close: () => void }}
 */
export function openSessionChannel(onSignal, env = {}) {
  const Channel = 'BroadcastChannel' in env ? env.BroadcastChannel : globalThis.BroadcastChannel;
  const storage = 'storage' in env ? env.storage : safeLocalStorage();
  const target = 'target' in env ? env.target : typeof window === 'undefined' ? null : window;
  const channel = typeof Channel === 'function' ? new Channel(CHANNEL) : null;
  /** @param {MessageEvent} event */
  const onMessage = (event) => {
    const signal = readSignal(event.data);
    if (signal) onSignal(signal);
  };
  channel?.addEventListener('message', onMessage);
  // Without BroadcastChannel (old Safari), a write to localStorage fires "storage" in the others.
  /** @param {Event} event */
  const onStorage = (event) => {
    const e = /** @type {StorageEvent} */ (event);
    if (e.key !== SIGNAL_KEY || !e.newValue) return;
    const signal = readSignal(e.newValue);
    if (signal) onSignal(signal);
  };
  if (!channel) target?.addEventListener('storage', onStorage);
  return {
    post(signal) {
      const message = { kind: signal, at: Date.now() };
      if (channel) channel.postMessage(message);
      else {
        try {
          storage?.setItem(SIGNAL_KEY, JSON.stringify(message));
        } catch {
          // storage blocked: the other tabs learn it on their next call (401)
        }
      }
    },
    close() {
      channel?.removeEventListener('message', onMessage);
      channel?.close();
      target?.removeEventListener('storage', onStorage);
    },
  };
}

/** @returns {StorageLike | null} */
function safeLocalStorage() {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

const VIEWER_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * This browser's viewer id (random, kept in localStorage), sent as `X-Viewer-Id` with a sale's
 * page so the edge can count who is watching. Not a secret and not the session.
 * @param {StorageLike | null} [storage]
 * @param {() => string} [random]
 * @returns {string}
 */
export function viewerId(storage = safeLocalStorage(), random = () => globalThis.crypto?.randomUUID?.() ?? fallbackId()) {
  try {
    const known = storage?.getItem(VIEWER_KEY);
    if (known && VIEWER_ID.test(known)) return known;
  } catch {
    // fall through: a new id for this page
  }
  const fresh = random();
  try {
    storage?.setItem(VIEWER_KEY, fresh);
  } catch {
    // storage blocked: a new id on every page is still a valid id
  }
  return fresh;
}

function fallbackId() {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
