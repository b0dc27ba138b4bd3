import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyUpdate,
  isDecided,
  isPending,
  isSettledForShopper,
  newIdempotencyKey,
  pollPurchase,
  purchaseLabel,
  reasonText,
  waitSeconds,
} from '../../lib/purchase.mjs';

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

test('purchaseLabel tells the life of a request in plain words', () => {
  assert.equal(purchaseLabel({ phase: 'sending' }), 'Sending your request…');
  assert.equal(purchaseLabel({ phase: 'queued', position: 7 }), 'In the queue: position 7');
  assert.equal(purchaseLabel({ phase: 'queued', position: null }), 'In the queue');
  assert.equal(purchaseLabel({ phase: 'queued', position: 3, estimatedWaitMs: 1200 }), 'In the queue: position 3, about 2 s');
  assert.equal(purchaseLabel({ phase: 'queued', position: null, estimatedWaitMs: 4000 }), 'In the queue: about 4 s');
  assert.equal(purchaseLabel({ phase: 'confirmed' }), 'Confirmed');
  const sale = { stock: 1000, startsAt: '2026-12-01T12:00:00Z', soldOutAt: '2026-12-01T12:00:00.600Z' };
  assert.match(purchaseLabel({ phase: 'rejected', reason: 'SOLD_OUT' }, sale), /^Sold out: all 1.000 units went in 0\.6 s$/);
  assert.equal(purchaseLabel({ phase: 'rejected' }), 'Your request was not accepted.');
  assert.equal(purchaseLabel({ phase: 'error', message: 'Kafka is slow' }), 'Kafka is slow');
  assert.match(purchaseLabel({ phase: 'timeout' }), /Still in the queue/);
  assert.equal(purchaseLabel(null), '');
});

test('reasonText never shows a raw code', () => {
  assert.match(reasonText('ALREADY_PURCHASED'), /already bought/);
  assert.match(reasonText('SOLD_OUT'), /^Sold out/);
  assert.match(reasonText('SALE_NOT_ACTIVE'), /not open/);
  assert.equal(reasonText('SOMETHING_NEW'), 'Not accepted: something new.');
  assert.match(reasonText('UNITS_CLAIMED'), /ahead of you/);
  for (const reason of ['SOLD_OUT', 'ALREADY_PURCHASED', 'SALE_NOT_ACTIVE', 'SALE_CANCELLED', 'OVERLOADED', 'UNITS_CLAIMED', 'TOO_MANY_REQUESTS', null]) {
    assert.doesNotMatch(reasonText(reason), /[A-Z]{2,}_[A-Z]/);
  }
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

test('waitSeconds rounds up to whole seconds, at least 1', () => {
  assert.equal(waitSeconds(1200), 2);
  assert.equal(waitSeconds(1000), 1);
  assert.equal(waitSeconds(1), 1);
  assert.equal(waitSeconds(0), 1);
  assert.equal(waitSeconds(-5), null);
  assert.equal(waitSeconds(null), null);
  assert.equal(waitSeconds(Number.NaN), null);
});

test('pollPurchase skips the ticks shouldPoll refuses, the clock still running', async () => {
  const clock = fakeClock();
  const ticks = [];
  let calls = 0;
  const result = await pollPurchase({
    fetchStatus: async () => {
      calls += 1;
      return { ok: true, status: 200, body: { status: calls < 2 ? 'QUEUED' : 'CONFIRMED' } };
    },
    intervalMs: 2000,
    now: clock.now,
    sleep: clock.sleep,
    // The page: not on tick 0 (the stream gets its chance), then only while the stream is down.
    shouldPoll: (tick) => {
      ticks.push(tick);
      return tick >= 3;
    },
  });
  assert.equal(result.outcome, 'CONFIRMED');
  assert.equal(calls, 2);
  assert.deepEqual(ticks, [0, 1, 2, 3, 4]);
  assert.deepEqual(clock.sleeps, [2000, 2000, 2000, 2000]);

  // Never polling still times out, without a request.
  const idle = await pollPurchase({ fetchStatus: async () => assert.fail('polled'), intervalMs: 2000, timeoutMs: 10_000, now: clock.now, sleep: clock.sleep, shouldPoll: () => false });
  assert.equal(idle.outcome, 'TIMEOUT');
});

test('applyUpdate: the first outcome wins, by stream or poll, for the same request only', () => {
  const queued = { phase: 'queued', requestId: 'r1', position: 1, estimatedWaitMs: 1200, via: 'response' };
  const confirmed = applyUpdate(queued, { requestId: 'r1', status: 'CONFIRMED' }, 'sse');
  assert.deepEqual(confirmed, { ...queued, phase: 'confirmed', reason: null, via: 'sse' });
  assert.equal(isDecided(confirmed), true);
  // A repeat, or a poll answer arriving after the stream's, changes nothing (same object).
  assert.equal(applyUpdate(confirmed, { requestId: 'r1', status: 'CONFIRMED' }, 'poll'), confirmed);
  assert.equal(applyUpdate(confirmed, { requestId: 'r1', status: 'REJECTED', reason: 'SOLD_OUT' }, 'sse'), confirmed);
  // Another request's update (an older one, from the replay) is ignored.
  assert.equal(applyUpdate(queued, { requestId: 'r0', status: 'REJECTED', reason: 'SOLD_OUT' }, 'sse'), queued);
  assert.equal(applyUpdate(undefined, { requestId: 'r1', status: 'CONFIRMED' }, 'sse'), undefined);
  assert.equal(applyUpdate(queued, null, 'sse'), queued);
  assert.equal(applyUpdate({ phase: 'sending' }, { requestId: 'r1', status: 'CONFIRMED' }, 'sse').phase, 'sending');

  const rejected = applyUpdate(queued, { requestId: 'r1', status: 'REJECTED', reason: 'SOLD_OUT' }, 'poll');
  assert.equal(rejected.phase, 'rejected');
  assert.equal(rejected.reason, 'SOLD_OUT');
  assert.equal(rejected.via, 'poll');
  assert.equal(applyUpdate(queued, { requestId: 'r1', status: 'REJECTED' }, 'sse').reason, null);
  assert.equal(applyUpdate(queued, { requestId: 'r1', status: 'WHAT' }, 'sse'), queued);
});

test('applyUpdate: QUEUED updates the place in the queue, an outcome lands after a page timeout', () => {
  const queued = { phase: 'queued', requestId: 'r1', position: null, estimatedWaitMs: null, via: 'response' };
  const placed = applyUpdate(queued, { requestId: 'r1', status: 'QUEUED', position: 4, estimatedWaitMs: 2500 }, 'sse');
  assert.deepEqual(placed, { ...queued, position: 4, estimatedWaitMs: 2500, via: 'sse' });
  assert.equal(purchaseLabel(placed), 'In the queue: position 4, about 3 s');
  // A poll answer without a place says nothing new.
  assert.equal(applyUpdate(placed, { requestId: 'r1', status: 'QUEUED', position: null }, 'poll'), placed);

  const timedOut = { ...placed, phase: 'timeout' };
  assert.equal(applyUpdate(timedOut, { requestId: 'r1', status: 'QUEUED', position: 1 }, 'sse'), timedOut);
  assert.equal(applyUpdate(timedOut, { requestId: 'r1', status: 'CONFIRMED' }, 'sse').phase, 'confirmed');
  assert.equal(isDecided(timedOut), false);
  assert.equal(isDecided({ phase: 'rejected' }), true);
  assert.equal(isDecided(null), false);
});
