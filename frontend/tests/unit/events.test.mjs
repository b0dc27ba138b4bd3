import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EVENTS_URL,
  abortableSleep,
  createUpdateBuffer,
  eventToUpdate,
  isFinalStatus,
  runPurchaseEvents,
  toPurchaseUpdate,
} from '../../lib/events.mjs';

const queued = (id, position = 1) =>
  `id:${id}:QUEUED\nevent:queued\ndata:${JSON.stringify({ requestId: id, saleId: 's1', status: 'QUEUED', position, estimatedWaitMs: 1200 })}\n\n`;
const outcome = (id, status = 'CONFIRMED', reason = null) =>
  `id:${id}:${status}\nevent:outcome\ndata:${JSON.stringify({ requestId: id, saleId: 's1', status, reason, decidedAt: '2030-01-01T00:00:00Z' })}\n\n`;

/** A streaming Response that sends `chunks` (strings, split as given) and then ends, or stays open. */
function sseResponse(chunks, { open = false, status = 200, type = 'text/event-stream;charset=UTF-8' } = {}) {
  const encoder = new TextEncoder();
  const body = new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (!open) controller.close();
    },
  });
  return new Response(body, { status, headers: { 'Content-Type': type } });
}

/**
 * A fake fetch answering each call with the next of `answers` (a Response, a function of the
 * signal, or an Error to throw); records the calls.
 */
function fakeFetch(answers) {
  const calls = [];
  const impl = async (url, init) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next(init.signal) : next;
  };
  return { impl, calls };
}

/** Runs the stream until `stopAfter` reconnection sleeps, recording updates, states and sleeps. */
async function run(answers, { stopAfter = answers.length, ...options } = {}) {
  const controller = new AbortController();
  const { impl, calls } = fakeFetch(answers);
  const updates = [];
  const states = [];
  const sleeps = [];
  let unauthorized = 0;
  const result = await runPurchaseEvents({
    signal: controller.signal,
    fetchImpl: impl,
    onUpdate: (u) => updates.push(`${u.requestId}:${u.status}`),
    onState: (s) => states.push(s),
    onUnauthorized: () => unauthorized++,
    random: () => 1,
    sleep: async (ms) => {
      sleeps.push(ms);
      if (sleeps.length >= stopAfter) controller.abort();
    },
    ...options,
  });
  return { result, calls, updates, states, sleeps, unauthorized };
}

test('toPurchaseUpdate reads stream and poll bodies, rejects others', () => {
  assert.deepEqual(toPurchaseUpdate({ requestId: 'r', saleId: 's', status: 'QUEUED', position: 2, estimatedWaitMs: 900, extra: 1 }), {
    requestId: 'r',
    saleId: 's',
    status: 'QUEUED',
    reason: null,
    decidedAt: null,
    position: 2,
    estimatedWaitMs: 900,
  });
  assert.equal(toPurchaseUpdate({ requestId: 'r', status: 'CONFIRMED' })?.status, 'CONFIRMED');
  assert.equal(toPurchaseUpdate({ requestId: 'r', status: 'REJECTED', reason: 'SOLD_OUT' })?.reason, 'SOLD_OUT');
  assert.equal(toPurchaseUpdate({ requestId: 'r', status: 'LOST' }), null);
  assert.equal(toPurchaseUpdate({ status: 'CONFIRMED' }), null);
  assert.equal(toPurchaseUpdate(null), null);
  assert.equal(toPurchaseUpdate('CONFIRMED'), null);
  assert.equal(isFinalStatus('CONFIRMED') && isFinalStatus('REJECTED') && !isFinalStatus('QUEUED'), true);
});

test('eventToUpdate takes queued and outcome events with JSON data only', () => {
  const data = JSON.stringify({ requestId: 'r', status: 'QUEUED' });
  assert.equal(eventToUpdate({ type: 'queued', data, id: 'r:QUEUED', lastEventId: '' })?.requestId, 'r');
  assert.equal(eventToUpdate({ type: 'outcome', data: '{not json', id: null, lastEventId: '' }), null);
  assert.equal(eventToUpdate({ type: 'message', data, id: null, lastEventId: '' }), null);
});

test('the stream is read with the session cookie: no token in the URL or the headers', async () => {
  const { calls, updates, states, result } = await run([sseResponse([queued('r1'), outcome('r1')])], { stopAfter: 1 });
  assert.equal(result, 'aborted');
  assert.equal(calls[0].url, EVENTS_URL);
  assert.equal(calls[0].init.credentials, 'same-origin');
  assert.equal(calls[0].init.headers.Authorization, undefined);
  assert.equal(calls[0].init.headers.Accept, 'text/event-stream');
  assert.deepEqual(updates, ['r1:QUEUED', 'r1:CONFIRMED']);
  assert.deepEqual(states, ['connecting', 'open', 'retrying', 'stopped']);
});

test('repeats are dropped by id, across reconnections too (the replay)', async () => {
  const { updates, calls } = await run(
    [
      sseResponse([queued('r1'), outcome('r1'), outcome('r1')]),
      // The replay after reconnecting: r1 again (dropped), then a new outcome.
      sseResponse([outcome('r1'), outcome('r2', 'REJECTED', 'SOLD_OUT')]),
    ],
    { stopAfter: 2 },
  );
  assert.equal(calls.length, 2);
  assert.deepEqual(updates, ['r1:QUEUED', 'r1:CONFIRMED', 'r2:REJECTED']);
});

test('events split anywhere across chunks still arrive whole', async () => {
  const text = `:keep-alive\n\n${queued('r1', 4)}${outcome('r1')}`;
  const chunks = [];
  for (let i = 0; i < text.length; i += 7) chunks.push(text.slice(i, i + 7));
  const { updates } = await run([sseResponse(chunks)], { stopAfter: 1 });
  assert.deepEqual(updates, ['r1:QUEUED', 'r1:CONFIRMED']);
});

test('reconnects with backoff 1 s, 2 s, 5 s, 10 s, 10 s while it keeps failing', async () => {
  const down = () => new TypeError('Failed to fetch');
  const { sleeps, calls, states } = await run([down(), down(), down(), down(), down()], { stopAfter: 5 });
  assert.deepEqual(sleeps, [1000, 2000, 5000, 10000, 10000]);
  assert.equal(calls.length, 5);
  assert.ok(!states.includes('open'));
});

test('a proxy error page or a missing endpoint counts as a failure, not a stream', async () => {
  const { sleeps, updates, states } = await run(
    [
      new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }),
      new Response('<html>404</html>', { status: 404, headers: { 'Content-Type': 'text/html' } }),
      sseResponse([outcome('r1')], { type: 'text/html' }),
    ],
    { stopAfter: 3 },
  );
  assert.deepEqual(sleeps, [1000, 2000, 5000]);
  assert.deepEqual(updates, []);
  assert.ok(!states.includes('open'));
});

test('a connection that stayed open for a while resets the backoff', async () => {
  let t = 0;
  const now = () => t;
  const longLived = sseResponse([':keep-alive\n\n', outcome('r1')]);
  const answers = [new TypeError('down'), new TypeError('down'), longLived, new TypeError('down')];
  // Time passes only while the long-lived stream is read: fake it through onUpdate.
  const { sleeps } = await run(answers, {
    stopAfter: 4,
    now,
    stableMs: 5_000,
    onUpdate: () => {
      t += 60_000;
    },
  });
  assert.deepEqual(sleeps, [1000, 2000, 1000, 2000]);
});

test('a stream that opens but says nothing is not "open" (a buffering proxy), and the idle timer drops it', async () => {
  const hanging = (signal) =>
    new Response(
      new ReadableStream({
        start(controller) {
          signal.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
        },
      }),
      { status: 200, headers: { 'Content-Type': 'text/event-stream' } },
    );
  const started = Date.now();
  const { states, calls } = await run([hanging, hanging], { stopAfter: 2, idleTimeoutMs: 30 });
  assert.equal(calls.length, 2);
  assert.deepEqual(states, ['connecting', 'retrying', 'connecting', 'retrying', 'stopped']);
  assert.ok(Date.now() - started < 2_000);
});

test('a fetch that never answers is given up by the idle timer too', async () => {
  const never = (signal) =>
    new Promise((_, reject) => signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
  const { calls, sleeps } = await run([never, never], { stopAfter: 2, idleTimeoutMs: 20 });
  assert.equal(calls.length, 2);
  assert.deepEqual(sleeps, [1000, 2000]);
});

test('401 or 403 stops the stream and reports the lost session', async () => {
  for (const status of [401, 403]) {
    const { result, unauthorized, calls, states } = await run([new Response('{}', { status })], { stopAfter: 99 });
    assert.equal(result, 'unauthorized');
    assert.equal(unauthorized, 1);
    assert.equal(calls.length, 1);
    assert.deepEqual(states, ['connecting', 'stopped']);
  }
});

test('aborting (sign-out) closes the open stream and stops', async () => {
  const controller = new AbortController();
  let cancelled = false;
  const body = new ReadableStream({
    start(c) {
      c.enqueue(new TextEncoder().encode(queued('r1')));
    },
    cancel() {
      cancelled = true;
    },
  });
  const seen = [];
  const states = [];
  // Unlike a browser's fetch, this body ignores the abort signal: the reader is cancelled.
  const fetchImpl = async () => new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
  const done = runPurchaseEvents({
    signal: controller.signal,
    fetchImpl,
    onUpdate: (u) => {
      seen.push(u.status);
      setTimeout(() => controller.abort(), 5);
    },
    onState: (s) => states.push(s),
  });
  assert.equal(await done, 'aborted');
  assert.deepEqual(seen, ['QUEUED']);
  assert.deepEqual(states, ['connecting', 'open', 'stopped']);
  assert.equal(cancelled, true);
});

test('an error thrown by the page does not kill the stream', async () => {
  const reported = [];
  const original = globalThis.reportError;
  globalThis.reportError = (e) => reported.push(e.message);
  try {
    const got = [];
    const { updates } = await run([sseResponse([queued('r1'), outcome('r1')])], {
      stopAfter: 1,
      onUpdate: (u) => {
        got.push(u.status);
        if (u.status === 'QUEUED') throw new Error('boom');
      },
    });
    assert.deepEqual(updates, []); // the custom onUpdate replaced the recorder
    assert.deepEqual(got, ['QUEUED', 'CONFIRMED']);
    assert.deepEqual(reported, ['boom']);
  } finally {
    globalThis.reportError = original;
  }
});

test('createUpdateBuffer keeps the latest update per request, an outcome over a queued', () => {
  const buffer = createUpdateBuffer(2);
  const u = (requestId, status) => ({ requestId, saleId: 's', status, reason: null, decidedAt: null, position: null, estimatedWaitMs: null });
  buffer.put(u('a', 'QUEUED'));
  buffer.put(u('a', 'CONFIRMED'));
  buffer.put(u('a', 'QUEUED')); // late repeat of queued: the outcome stays
  assert.equal(buffer.take('a')?.status, 'CONFIRMED');
  assert.equal(buffer.take('a'), null); // taken
  buffer.put(u('x', 'QUEUED'));
  buffer.put(u('y', 'QUEUED'));
  buffer.put(u('z', 'QUEUED')); // over the limit: the oldest (x) goes
  assert.equal(buffer.size(), 2);
  assert.equal(buffer.take('x'), null);
  assert.equal(buffer.take('z')?.status, 'QUEUED');
});

test('abortableSleep ends early on abort', async () => {
  const controller = new AbortController();
  const started = Date.now();
  const sleeping = abortableSleep(10_000, controller.signal);
  controller.abort();
  await sleeping;
  assert.ok(Date.now() - started < 1_000);
  await abortableSleep(5);
  await abortableSleep(10_000, controller.signal); // already aborted: at once
});
