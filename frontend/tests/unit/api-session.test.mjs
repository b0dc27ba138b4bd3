import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, changeUser, fieldErrors, getPurchase, getSale, login, logout, me, onUnauthorized, problemMessage, readResult, saleProgress, startPurchase } from '../../lib/api.mjs';
import { HINT_KEY, VIEWER_KEY, mayBeSignedIn, openSessionChannel, readSignal, rememberSignedIn, viewerId } from '../../lib/session.mjs';

test('problemMessage prefers the detail, then the title, then the status', () => {
  assert.equal(problemMessage({ detail: 'd', title: 't' }, 409), 'd');
  assert.equal(problemMessage({ title: 't' }, 409), 't');
  assert.equal(problemMessage({}, 502), 'Request failed (HTTP 502)');
  assert.match(problemMessage(null, 0), /Cannot reach the server/);
});

test('fieldErrors maps a 400 VALIDATION_FAILED to a message per field', () => {
  const problem = { reason: 'VALIDATION_FAILED', errors: [{ field: 'price', message: 'must be below the list price' }, { field: 'price', message: 'second' }, { field: 'stock', message: 'must be at least 1' }] };
  assert.deepEqual(fieldErrors(problem), { price: 'must be below the list price', stock: 'must be at least 1' });
  assert.deepEqual(fieldErrors({ detail: 'no fields' }), {});
});

test('readResult parses JSON answers and problem details, and copes with HTML errors', async () => {
  const ok = await readResult(new Response('{"a":1}', { status: 200 }));
  assert.deepEqual(ok, { ok: true, status: 200, data: { a: 1 } });
  const html = await readResult(new Response('<html>', { status: 502, statusText: 'Bad Gateway' }));
  assert.deepEqual(html, { ok: false, status: 502, problem: { title: 'Bad Gateway', status: 502 } });
});

function recorder(status = 200, body = '{}') {
  const calls = [];
  const impl = async (url, init) => {
    calls.push({ url, init });
    return new Response(body, { status });
  };
  return { calls, impl };
}

test('every call goes with the cookie and no token; unsafe ones carry X-Flashsale-Client: web', async () => {
  const { calls, impl } = recorder();
  await login('user2', 'pw', impl);
  await startPurchase('sale 1', 'key-1', impl);
  await getPurchase('req-1', impl);
  await changeUser('u1', { enabled: false }, impl);
  await logout(impl);
  await getSale('s1', 'viewer-123', impl);
  await saleProgress('s1', '2026-12-01T12:00:00Z', impl);
  for (const c of calls) {
    assert.equal(c.init.credentials, 'same-origin');
    assert.equal(c.init.headers.Authorization, undefined);
  }
  assert.deepEqual(JSON.parse(calls[0].init.body), { username: 'user2', password: 'pw' });
  assert.equal(calls[0].init.headers['X-Flashsale-Client'], 'web');
  assert.equal(calls[1].url, '/api/sales/sale%201/purchases');
  assert.equal(calls[1].init.headers['Idempotency-Key'], 'key-1');
  assert.equal(calls[1].init.headers['X-Flashsale-Client'], 'web');
  assert.equal(calls[2].init.headers['X-Flashsale-Client'], undefined, 'a GET needs no CSRF header');
  assert.equal(calls[3].init.method, 'PATCH');
  assert.equal(calls[3].init.headers['X-Flashsale-Client'], 'web');
  assert.equal(calls[4].url, '/api/auth/logout');
  assert.equal(calls[4].init.headers['X-Flashsale-Client'], 'web');
  assert.equal(calls[5].init.headers['X-Viewer-Id'], 'viewer-123');
  assert.equal(calls[6].url, '/api/admin/sales/s1/progress?since=2026-12-01T12%3A00%3A00Z');
});

test('a 401 tells the listeners (the page shows sign-in), except for me, login and logout', async () => {
  const heard = [];
  const stop = onUnauthorized((url) => heard.push(url));
  const { impl } = recorder(401, '{"reason":"UNAUTHENTICATED"}');
  await getPurchase('r', impl);
  await me(impl);
  await login('a', 'b', impl);
  await logout(impl);
  stop();
  await getPurchase('r2', impl);
  assert.deepEqual(heard, ['/api/purchases/r']);
});

test('a network failure becomes a status-0 problem instead of a throw', async () => {
  const result = await call('/api/sales', {}, async () => {
    throw new TypeError('fetch failed');
  });
  assert.deepEqual(result, { ok: false, status: 0, problem: { title: 'Network error', status: 0 } });
});

test('a call whose answer never comes resolves to a status-0 problem after its timeout, and the request is aborted', async () => {
  let aborted = false;
  const never = (url, init) =>
    new Promise((resolve, reject) => {
      init.signal.addEventListener('abort', () => {
        aborted = true;
        reject(init.signal.reason);
      });
    });
  const alive = setTimeout(() => {}, 5_000); // Node's AbortSignal.timeout does not hold the event loop open
  const result = await call('/api/sales', { timeoutMs: 50 }, never);
  clearTimeout(alive);
  assert.equal(aborted, true);
  assert.equal(result.ok, false);
  assert.equal(result.status, 0);
  assert.equal(result.problem.title, 'No answer');
  assert.match(problemMessage(result.problem, result.status), /did not answer within/);
});

test('a caller\'s own abort still throws (the page was left), a timeout does not', async () => {
  const controller = new AbortController();
  const never = (url, init) => new Promise((resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
  const pending = call('/api/sales', { signal: controller.signal, timeoutMs: 10_000 }, never);
  controller.abort();
  await assert.rejects(pending, (error) => error.name === 'AbortError');
});

function memoryStorage() {
  const map = new Map();
  return { getItem: (k) => (map.has(k) ? map.get(k) : null), setItem: (k, v) => map.set(k, String(v)), removeItem: (k) => map.delete(k), map };
}

test('the sign-in hint holds no token and only says whether to ask /api/auth/me', () => {
  const storage = memoryStorage();
  assert.equal(mayBeSignedIn(storage), false);
  rememberSignedIn(true, storage);
  assert.equal(storage.map.get(HINT_KEY), '1');
  assert.equal(mayBeSignedIn(storage), true);
  rememberSignedIn(false, storage);
  assert.equal(mayBeSignedIn(storage), false);
});

test('the viewer id is random, kept per browser, and fits the edge header rule', () => {
  const storage = memoryStorage();
  const first = viewerId(storage, () => '0b9f3c1e-1111-4222-8333-444455556666');
  assert.equal(viewerId(storage, () => 'another-one-xyz'), first);
  assert.match(first, /^[A-Za-z0-9-]{8,64}$/);
  storage.map.set(VIEWER_KEY, 'bad id!');
  assert.equal(viewerId(storage, () => 'fresh-id-1234'), 'fresh-id-1234');
});

test('session signals reach the other tabs by BroadcastChannel, or by the storage event without it', async () => {
  assert.equal(readSignal({ kind: 'signed-out' }), 'signed-out');
  assert.equal(readSignal('{"kind":"signed-in"}'), 'signed-in');
  assert.equal(readSignal('nonsense'), null);

  const heard = [];
  const sender = openSessionChannel(() => {}, { storage: null, target: null });
  const receiver = openSessionChannel((s) => heard.push(s), { storage: null, target: null });
  sender.post('signed-out');
  for (let i = 0; i < 200 && heard.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  sender.close();
  receiver.close();
  assert.deepEqual(heard, ['signed-out']);

  const storage = memoryStorage();
  const target = new EventTarget();
  const fallbackHeard = [];
  const tab = openSessionChannel((s) => fallbackHeard.push(s), { BroadcastChannel: undefined, storage, target });
  const otherTab = openSessionChannel(() => {}, { BroadcastChannel: undefined, storage, target: new EventTarget() });
  otherTab.post('signed-in');
  const event = new Event('storage');
  Object.assign(event, { key: 'flashsale.session-signal', newValue: storage.getItem('flashsale.session-signal') });
  target.dispatchEvent(event);
  tab.close();
  otherTab.close();
  assert.deepEqual(fallbackHeard, ['signed-in']);
});
