import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clockOffset, formatDuration, nextBoundary, saleCountdown } from '../../lib/time.mjs';

test('clockOffset measures the server clock against the middle of the round trip', () => {
  const local = Date.parse('2026-11-25T10:00:00.000Z');
  // Server is 5 s ahead; the request took 200 ms, stamped half-way.
  assert.equal(clockOffset('2026-11-25T10:00:05.100Z', local, local + 200), 5000);
  // Server behind.
  assert.equal(clockOffset('2026-11-25T09:59:58.000Z', local, local), -2000);
});

test('clockOffset is 0 when the server time is missing or unreadable', () => {
  assert.equal(clockOffset(undefined, 1, 2), 0);
  assert.equal(clockOffset('', 1, 2), 0);
  assert.equal(clockOffset('not a date', 1, 2), 0);
});

test('formatDuration shows mm:ss, hh:mm:ss and days, rounding partial seconds up', () => {
  assert.equal(formatDuration(0), '00:00');
  assert.equal(formatDuration(-5000), '00:00');
  assert.equal(formatDuration(Number.NaN), '00:00');
  assert.equal(formatDuration(1), '00:01');
  assert.equal(formatDuration(59_001), '01:00');
  assert.equal(formatDuration(65_000), '01:05');
  assert.equal(formatDuration(3_600_000), '01:00:00');
  assert.equal(formatDuration((2 * 3600 + 3 * 60 + 4) * 1000), '02:03:04');
  assert.equal(formatDuration(((3 * 24 + 1) * 3600 + 2 * 60 + 3) * 1000), '3d 01:02:03');
});

const sale = { startsAt: '2026-11-25T12:00:00Z', endsAt: '2026-11-25T13:00:00Z' };
const at = (iso) => Date.parse(iso);

test('saleCountdown counts down to the start, then to the end, then stops', () => {
  assert.deepEqual(saleCountdown(sale, at('2026-11-25T11:58:30Z')), { kind: 'starts', ms: 90_000, text: 'Starts in 01:30' });
  assert.deepEqual(saleCountdown(sale, at('2026-11-25T12:00:00Z')), { kind: 'ends', ms: 3_600_000, text: 'Ends in 01:00:00' });
  assert.deepEqual(saleCountdown(sale, at('2026-11-25T12:59:59.500Z')), { kind: 'ends', ms: 500, text: 'Ends in 00:01' });
  assert.equal(saleCountdown(sale, at('2026-11-25T13:00:00Z')), null);
});

test('nextBoundary finds the next start or end after now across sales', () => {
  const other = { startsAt: '2026-11-25T12:30:00Z', endsAt: '2026-11-25T12:45:00Z' };
  assert.equal(nextBoundary([sale, other], at('2026-11-25T11:00:00Z')), at('2026-11-25T12:00:00Z'));
  assert.equal(nextBoundary([sale, other], at('2026-11-25T12:00:00Z')), at('2026-11-25T12:30:00Z'));
  assert.equal(nextBoundary([sale, other], at('2026-11-25T12:50:00Z')), at('2026-11-25T13:00:00Z'));
  assert.equal(nextBoundary([sale, other], at('2026-11-25T13:00:00Z')), null);
  assert.equal(nextBoundary([], 0), null);
});
