import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lagRows, shortDuration, statusCounts } from '../../lib/lag.mjs';

const p = (partition, over = {}) => ({
  partition,
  endOffset: 100,
  appliedOffset: 100,
  committedOffset: 100,
  lag: 0,
  oldestWaitingAgeMs: null,
  applyRatePerSecond: 0,
  drainEstimateSeconds: null,
  owner: { memberId: 'm', clientId: `consumer-${partition}`, host: '/127.0.0.1' },
  status: 'OK',
  ...over,
});

test('rows come in partition order with the age and drain of waiting requests only', () => {
  const rows = lagRows({
    partitions: [
      p(2, { lag: 40, oldestWaitingAgeMs: 12_500, applyRatePerSecond: 8.4, drainEstimateSeconds: 4.8, status: 'LAGGING' }),
      p(0),
      p(1, { lag: 3, oldestWaitingAgeMs: 95_000, owner: null, status: 'STOPPED' }),
    ],
  });
  assert.deepEqual(rows.map((r) => r.partition), [0, 1, 2]);
  assert.equal(rows[0].oldest, '–');
  assert.equal(rows[1].oldest, '1 min 35 s');
  assert.equal(rows[1].owner, 'none');
  assert.equal(rows[2].drain, '4.8 s');
  assert.equal(rows[2].rate, '8');
  assert.deepEqual(lagRows(null), []);
});

test('the summary counts partitions by status, worst first', () => {
  const report = { partitions: [p(0), p(1, { status: 'STALLED' }), p(2), p(3, { status: 'STALLED' })] };
  assert.deepEqual(statusCounts(report), [['STALLED', 2], ['OK', 2]]);
});

test('durations read short: ms, seconds, minutes', () => {
  assert.equal(shortDuration(450), '450 ms');
  assert.equal(shortDuration(2_340), '2.3 s');
  assert.equal(shortDuration(42_000), '42 s');
  assert.equal(shortDuration(null), '–');
});
