// The signed-in session, kept in sessionStorage (per tab, gone when the tab closes).

export const SESSION_KEY = 'flashsale.session';

/**
 * @typedef {{ id: string, username: string, role: string }} User
 * @typedef {{ token: string, expiresAt: string | null, user: User }} Session
 * @typedef {{ getItem(k: string): string | null, setItem(k: string, v: string): void, removeItem(k: string): void }} StorageLike
 */

/**
 * Whether the session is still good at `now` (a session without expiry is good).
 * @param {Session} session
 * @param {number} now epoch ms
 */
export function isSessionValid(session, now) {
  if (!session || typeof session.token !== 'string' || !session.token) return false;
  if (!session.user || typeof session.user.username !== 'string') return false;
  if (!session.expiresAt) return true;
  const exp = Date.parse(session.expiresAt);
  return !Number.isFinite(exp) || exp > now;
}

/**
 * The stored session, or null if none, unreadable or expired (then it is removed).
 * @param {StorageLike | null | undefined} storage
 * @param {number} now
 * @returns {Session | null}
 */
export function loadSession(storage, now) {
  if (!storage) return null;
  let raw = null;
  try {
    raw = storage.getItem(SESSION_KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const session = JSON.parse(raw);
    if (isSessionValid(session, now)) return session;
  } catch {
    // fall through: drop what cannot be read
  }
  clearSession(storage);
  return null;
}

/**
 * @param {StorageLike | null | undefined} storage
 * @param {Session} session
 */
export function saveSession(storage, session) {
  try {
    storage?.setItem(SESSION_KEY, JSON.stringify(session));
  } catch {
    // storage full or blocked: the session lives in memory for this page only
  }
}

/** @param {StorageLike | null | undefined} storage */
export function clearSession(storage) {
  try {
    storage?.removeItem(SESSION_KEY);
  } catch {
    // nothing to do
  }
}
