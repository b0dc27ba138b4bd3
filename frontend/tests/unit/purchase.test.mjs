import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPending, isSettledForShopper, newIdempotencyKey, pollPurchase, purchaseLabel, reasonHint } from '../../lib/purchase.mjs';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('newIdempotencyKey uses randomUUID where the browser has it', () => {
  assert.equal(newIdempotencyKey({ randomUUID: () => 'from-random-uuid' }), 'from-random-uuid');
  assert.match(newIdempotencyKey(), UUID_V4);
});

test('newIdempotencyKey falls back to getRandomValues outside secure contexts', () => {
  const fake = { getRandomValues: (a) => a.fill(0xff) };
  assert.equal(newIdempotencyKey(fake), 'ffffffff-ffff-4fff-bfff-ffffffffffff');
  const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey({ getRandomValues: (a) => globalThis.crypto.getRandomValues(a) })));
  assert.equal(keys.size, 50);
  for (const key of keys) assert.match(key, UUID_V4);
  assert.match(newIdempotencyKey({}), UUID_V4);
});

test('purchaseLabel tells the life of a request', () => {
  assert.equal(purchaseLabel({ phase: 'sending' }), 'Sending…');
  assert.equal(purchaseLabel({ phase: 'queued', position: 7 }), 'Queued (position 7)');
  assert.equal(purchaseLabel({ phase: 'queued', position: 0 }), 'Queued (position 0)');
  assert.equal(purchaseLabel({ phase: 'queued', position: null }), 'Queued');
  assert.equal(purchaseLabel({ phase: 'confirmed' }), 'Confirmed');
  assert.equal(purchaseLabel({ phase: 'rejected', reason: 'SOLD_OUT' }), 'Rejected: SOLD_OUT');
  assert.equal(purchaseLabel({ phase: 'rejected' }), 'Rejected: UNKNOWN');
  assert.equal(purchaseLabel({ phase: 'error', message: 'Kafka is slow' }), 'Kafka is slow');
  assert.match(purchaseLabel({ phase: 'timeout' }), /Still queued/);
  assert.equal(purchaseLabel(null), '');
});

test('reasonHint explains known reasons only', () => {
  assert.match(reasonHint('ALREADY_PURCHASED'), /one per shopper/);
  assert.equal(reasonHint('SOMETHING_NEW'), null);
  assert.equal(reasonHint(null), null);
});

test('pending and settled states gate the Buy button', () => {
  assert.equal(isPending({ phase: 'queued' }), true);
  assert.equal(isPending({ phase: 'sending' }), true);
  assert.equal(isPending({ phase: 'confirmed' }), false);
  assert.equal(isPending(undefined), false);
  assert.equal(isSettledForShopper({ phase: 'confirmed' }), true);
  assert.equal(isSettledForShopper({ phase: 'rejected', reason: 'ALREADY_PURCHASED' }), true);
  assert.equal(isSettledForShopper({ phase: 'rejected', reason: 'SOLD_OUT' }), false);
});

/** A fake clock: sleep advances time instead of waiting. */
function fakeClock() {
  let t = 1_000_000;
  const sleeps = [];
  return {
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
  };
}

test('pollPurchase polls every 500 ms until the request is decided', async () => {
  const clock = fakeClock();
  const answers = [
    { ok: true, status: 200, body: { status: 'QUEUED' } },
    { ok: false, status: 404, body: { title: 'Not Found' } }, // not visible yet: keep going
    { ok: true, status: 200, body: { status: 'QUEUED' } },
    { ok: true, status: 200, body: { requestId: 'r1', status: 'CONFIRMED', reason: null } },
  ];
  const seen = [];
  const result = await pollPurchase({ fetchStatus: async () => answers.shift(), now: clock.now, sleep: clock.sleep, onAnswer: (b) => seen.push(b.status) });
  assert.deepEqual(result, { outcome: 'CONFIRMED', body: { requestId: 'r1', status: 'CONFIRMED', reason: null } });
  assert.deepEqual(clock.sleeps, [500, 500, 500]);
  assert.deepEqual(seen, ['QUEUED', 'QUEUED', 'CONFIRMED']);
});

test('pollPurchase reports a rejection with its reason, and survives network errors', async () => {
  const clock = fakeClock();
  let calls = 0;
  const result = await pollPurchase({
    fetchStatus: async () => {
      calls += 1;
      if (calls === 1) throw new TypeError('fetch failed');
      return { ok: true, status: 200, body: { status: 'REJECTED', reason: 'SOLD_OUT' } };
    },
    now: clock.now,
    sleep: clock.sleep,
  });
  assert.equal(result.outcome, 'REJECTED');
  assert.equal(result.body.reason, 'SOLD_OUT');
  assert.equal(calls, 2);
});

test('pollPurchase gives up after 60 s of QUEUED, and stops on 401 or abort', async () => {
  const clock = fakeClock();
  let calls = 0;
  const queued = async () => {
    calls += 1;
    return { ok: true, status: 200, body: { status: 'QUEUED' } };
  };
  const timedOut = await pollPurchase({ fetchStatus: queued, now: clock.now, sleep: clock.sleep });
  assert.equal(timedOut.outcome, 'TIMEOUT');
  assert.equal(calls, 121, 'one poll at 0 s and one every 500 ms up to 60 s');
  assert.deepEqual(timedOut.body, { status: 'QUEUED' });

  const unauthorized = await pollPurchase({ fetchStatus: async () => ({ ok: false, status: 401, body: {} }), sleep: clock.sleep });
  assert.equal(unauthorized.outcome, 'UNAUTHORIZED');

  const controller = new AbortController();
  const aborted = await pollPurchase({
    fetchStatus: async () => {
      controller.abort();
      return { ok: true, status: 200, body: { status: 'QUEUED' } };
    },
    signal: controller.signal,
    sleep: clock.sleep,
  });
  assert.equal(aborted.outcome, 'ABORTED');
});
