import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, getPurchase, login, problemMessage, readResult, startPurchase } from '../../lib/api.mjs';
import { SESSION_KEY, clearSession, isSessionValid, loadSession, saveSession } from '../../lib/session.mjs';

test('problemMessage prefers the detail, then the title, then the status', () => {
  assert.equal(problemMessage({ title: 'Unauthorized', detail: 'Bad username or password' }, 401), 'Bad username or password');
  assert.equal(problemMessage({ title: 'Unauthorized' }, 401), 'Unauthorized');
  assert.equal(problemMessage({}, 502), 'Request failed (HTTP 502)');
  assert.match(problemMessage(null, 0), /Cannot reach the server/);
});

test('readResult parses JSON answers and problem details, and copes with HTML errors', async () => {
  const ok = await readResult(new Response(JSON.stringify({ a: 1 }), { status: 200 }));
  assert.deepEqual(ok, { ok: true, status: 200, data: { a: 1 } });
  const problem = { type: 'about:blank', title: 'Conflict', status: 409, detail: 'Sold out', reason: 'SOLD_OUT' };
  const bad = await readResult(new Response(JSON.stringify(problem), { status: 409, headers: { 'Content-Type': 'application/problem+json' } }));
  assert.deepEqual(bad, { ok: false, status: 409, problem });
  const html = await readResult(new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
  assert.deepEqual(html, { ok: false, status: 502, problem: { title: 'Bad Gateway', status: 502 } });
  const empty = await readResult(new Response(null, { status: 202 }));
  assert.deepEqual(empty, { ok: true, status: 202, data: null });
});

test('API calls use relative URLs with the right method and headers', async () => {
  const calls = [];
  const fake = async (url, init) => {
    calls.push({ url, init });
    return new Response('{}', { status: 200 });
  };
  await login('user2', 'pw', fake);
  await startPurchase('sale 1', 'tok', 'key-1', fake);
  await getPurchase('req-1', 'tok', fake);
  assert.equal(calls[0].url, '/api/auth/login');
  assert.equal(calls[0].init.method, 'POST');
  assert.deepEqual(JSON.parse(calls[0].init.body), { username: 'user2', password: 'pw' });
  assert.equal(calls[0].init.headers['Content-Type'], 'application/json');
  assert.equal(calls[0].init.headers.Authorization, undefined);
  assert.equal(calls[1].url, '/api/sales/sale%201/purchases');
  assert.equal(calls[1].init.method, 'POST');
  assert.equal(calls[1].init.headers.Authorization, 'Bearer tok');
  assert.equal(calls[1].init.headers['Idempotency-Key'], 'key-1');
  assert.equal(calls[2].url, '/api/purchases/req-1');
  assert.equal(calls[2].init.headers.Authorization, 'Bearer tok');
});

test('a network failure becomes a status-0 problem instead of a throw', async () => {
  const result = await call('/api/sales', {}, async () => {
    throw new TypeError('fetch failed');
  });
  assert.deepEqual(result, { ok: false, status: 0, problem: { title: 'Network error', status: 0 } });
});

function memoryStorage() {
  const map = new Map();
  return {
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => map.set(k, String(v)),
    removeItem: (k) => map.delete(k),
    map,
  };
}

const now = Date.parse('2026-11-25T10:00:00Z');
const session = { token: 't', expiresAt: '2026-11-25T11:00:00Z', user: { id: 'u2', username: 'user2', role: 'USER' } };

test('the session round-trips through storage until it expires', () => {
  const storage = memoryStorage();
  assert.equal(loadSession(storage, now), null);
  saveSession(storage, session);
  assert.deepEqual(loadSession(storage, now), session);
  // Expired: dropped and removed.
  assert.equal(loadSession(storage, Date.parse('2026-11-25T11:00:00Z')), null);
  assert.equal(storage.map.has(SESSION_KEY), false);
});

test('unreadable or incomplete sessions are dropped', () => {
  const storage = memoryStorage();
  storage.setItem(SESSION_KEY, '{not json');
  assert.equal(loadSession(storage, now), null);
  assert.equal(storage.map.has(SESSION_KEY), false);
  storage.setItem(SESSION_KEY, JSON.stringify({ token: '', user: { username: 'x' } }));
  assert.equal(loadSession(storage, now), null);
  assert.equal(isSessionValid({ ...session, expiresAt: null }, now), true);
  saveSession(storage, session);
  clearSession(storage);
  assert.equal(loadSession(storage, now), null);
  assert.equal(loadSession(null, now), null);
});
