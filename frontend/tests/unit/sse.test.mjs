import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKOFF_MS, backoffDelay, createDeduper, createSseParser, parseSse } from '../../lib/sse.mjs';

const OUTCOME =
  'id:r1:CONFIRMED\nevent:outcome\ndata:{"requestId":"r1","saleId":"s1","status":"CONFIRMED","reason":null}\n\n';

/** Feeds `chunks` to a fresh parser; returns the events and comments it saw. */
function feed(chunks) {
  const events = [];
  const comments = [];
  const retries = [];
  const parser = createSseParser((e) => events.push(e), { onComment: (c) => comments.push(c), onRetry: (ms) => retries.push(ms) });
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { events, comments, retries };
}

test('parses an event as edge-api writes it (no space after the colon)', () => {
  const [event, ...rest] = parseSse(OUTCOME);
  assert.equal(rest.length, 0);
  assert.equal(event.type, 'outcome');
  assert.equal(event.id, 'r1:CONFIRMED');
  assert.equal(event.lastEventId, 'r1:CONFIRMED');
  assert.deepEqual(JSON.parse(event.data), { requestId: 'r1', saleId: 's1', status: 'CONFIRMED', reason: null });
});

test('one space after the colon is dropped, a second one is kept', () => {
  const [event] = parseSse('event: queued\nid: a\ndata:  two spaces\n\n');
  assert.equal(event.type, 'queued');
  assert.equal(event.id, 'a');
  assert.equal(event.data, ' two spaces');
});

test('an event split at every possible point gives the same result', () => {
  const stream = `:keep-alive\n\n${OUTCOME}id:r2:QUEUED\nevent:queued\ndata:{"requestId":"r2","status":"QUEUED","position":3}\n\n`;
  const whole = feed([stream]);
  assert.equal(whole.events.length, 2);
  for (let i = 0; i <= stream.length; i++) {
    const split = feed([stream.slice(0, i), stream.slice(i)]);
    assert.deepEqual(split.events, whole.events, `split at ${i}`);
    assert.deepEqual(split.comments, ['keep-alive'], `split at ${i}`);
  }
  // One character at a time.
  assert.deepEqual(feed([...stream]).events, whole.events);
});

test('CRLF, CR and LF line ends, even a CRLF split across two chunks', () => {
  const lf = parseSse('event:queued\ndata:x\n\n');
  assert.deepEqual(parseSse('event:queued\r\ndata:x\r\n\r\n'), lf);
  assert.deepEqual(parseSse('event:queued\rdata:x\r\r'), lf);
  // "\r" ends one chunk and "\n" opens the next: one line end, not two (not a blank line).
  const { events } = feed(['data:a\r', '\ndata:b\r', '\n\r', '\n']);
  assert.equal(events.length, 1);
  assert.equal(events[0].data, 'a\nb');
  // An empty chunk between CR and LF changes nothing.
  assert.equal(feed(['data:a\r', '', '\n\r\n']).events.length, 1);
});

test('multi-line data is joined with newlines', () => {
  const [event] = parseSse('data:{\ndata:  "a": 1\ndata:}\n\n');
  assert.equal(event.data, '{\n "a": 1\n}');
  assert.deepEqual(JSON.parse(event.data), { a: 1 });
  assert.equal(event.type, 'message'); // no event line: the default type
  const [empty] = parseSse('data\ndata\n\n'); // "data" without a colon: an empty line of data
  assert.equal(empty.data, '\n');
});

test('comments and keep-alives are not events', () => {
  const { events, comments } = feed([':keep-alive\n\n: hello\n:\n\n']);
  assert.deepEqual(events, []);
  assert.deepEqual(comments, ['keep-alive', 'hello', '']);
  // A comment inside an event does not end it.
  const inside = parseSse('event:queued\n:ping\ndata:x\n\n');
  assert.equal(inside.length, 1);
  assert.equal(inside[0].type, 'queued');
});

test('ids: per event, carried over as lastEventId only, NUL ignored, empty resets', () => {
  const events = parseSse('id:a\ndata:1\n\ndata:2\n\nid\ndata:3\n\nid:b\u0000c\ndata:4\n\n');
  assert.deepEqual(
    events.map((e) => [e.data, e.id, e.lastEventId]),
    [
      ['1', 'a', 'a'],
      ['2', null, 'a'], // no id line of its own: never taken for a repeat of "a"
      ['3', '', ''],
      ['4', null, ''], // an id with NUL is ignored
    ],
  );
});

test('an event without data is not dispatched; its fields do not leak into the next one', () => {
  const events = parseSse('event:queued\nid:x\n\ndata:later\n\n');
  assert.equal(events.length, 1);
  assert.equal(events[0].type, 'message');
  assert.equal(events[0].id, null);
  assert.equal(events[0].lastEventId, 'x');
});

test('an unfinished event at the end of the stream is dropped', () => {
  assert.deepEqual(parseSse('data:complete\n\ndata:cut off'), parseSse('data:complete\n\n'));
  assert.deepEqual(parseSse('data:no blank line\n'), []);
});

test('unknown fields are ignored, retry is reported, a BOM at the start is dropped', () => {
  const { events, retries } = feed(['\uFEFFfoo:bar\nretry:3000\nretry:x\ndata:ok\n\n']);
  assert.equal(events.length, 1);
  assert.equal(events[0].data, 'ok');
  assert.deepEqual(retries, [3000]);
  // "\uFEFF" later in the stream is data, not a BOM.
  assert.equal(parseSse('data:\uFEFFx\n\n')[0].data, '\uFEFFx');
});

test('a long line arriving in many chunks', () => {
  const big = 'x'.repeat(100_000);
  const chunks = [];
  const text = `data:${big}\n\n`;
  for (let i = 0; i < text.length; i += 997) chunks.push(text.slice(i, i + 997));
  const { events } = feed(chunks);
  assert.equal(events.length, 1);
  assert.equal(events[0].data.length, big.length);
});

test('createDeduper drops repeated ids, keeps events without an id', () => {
  const dedupe = createDeduper();
  assert.equal(dedupe.isNew('r1:QUEUED'), true);
  assert.equal(dedupe.isNew('r1:CONFIRMED'), true);
  assert.equal(dedupe.isNew('r1:CONFIRMED'), false);
  assert.equal(dedupe.isNew('r1:QUEUED'), false);
  assert.equal(dedupe.isNew(null), true);
  assert.equal(dedupe.isNew(null), true);
  assert.equal(dedupe.isNew(''), true);
  assert.equal(dedupe.isNew(undefined), true);
  assert.equal(dedupe.size(), 2);
  dedupe.clear();
  assert.equal(dedupe.isNew('r1:CONFIRMED'), true);
});

test('createDeduper forgets the oldest ids beyond its limit', () => {
  const dedupe = createDeduper(3);
  for (const id of ['a', 'b', 'c', 'd']) assert.equal(dedupe.isNew(id), true);
  assert.equal(dedupe.size(), 3);
  assert.equal(dedupe.isNew('d'), false);
  assert.equal(dedupe.isNew('b'), false);
  assert.equal(dedupe.isNew('a'), true); // forgotten: "a" was the oldest
});

test('backoff: 1 s, 2 s, 5 s, then 10 s, with jitter only downwards', () => {
  const top = () => 1;
  assert.deepEqual([0, 1, 2, 3, 4, 50].map((n) => backoffDelay(n, top)), [1000, 2000, 5000, 10000, 10000, 10000]);
  assert.deepEqual(BACKOFF_MS, [1000, 2000, 5000, 10000]);
  assert.equal(backoffDelay(0, () => 0), 800);
  assert.equal(backoffDelay(-1, top), 1000);
  for (let n = 0; n < 6; n++) {
    const d = backoffDelay(n);
    const step = BACKOFF_MS[Math.min(n, 3)];
    assert.ok(d >= step * 0.8 && d <= step, `${n}: ${d}`);
  }
});
