import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_BUCKETS, chartColumns, mergeSeries, nextSince, refusalRows } from '../../lib/progress.mjs';
import { fromLocalInput, numberOrNull, toLocalInput } from '../../lib/forms.mjs';

const b = (second, sold, requests = 0, rejected = 0) => ({ at: new Date(Date.UTC(2026, 11, 1, 12, 0, second)).toISOString(), sold, requests, rejected });

test('an incremental answer replaces the still-filling second and appends the new ones', () => {
  const known = [b(0, 0, 5), b(1, 2, 9)];
  const merged = mergeSeries(known, [b(1, 3, 12), b(2, 4, 7)]);
  assert.deepEqual(merged.map((x) => [x.sold, x.requests]), [[0, 5], [3, 12], [4, 7]]);
  assert.equal(nextSince(merged), b(2, 0).at);
  assert.equal(nextSince([]), null);
  assert.deepEqual(mergeSeries(known, null), known);
});

test('the page keeps at most the last ten minutes of buckets, in time order', () => {
  const many = Array.from({ length: MAX_BUCKETS + 50 }, (_, i) => ({ ...b(0, i), at: new Date(Date.UTC(2026, 11, 1, 12) + i * 1000).toISOString() }));
  const merged = mergeSeries([], [...many].reverse());
  assert.equal(merged.length, MAX_BUCKETS);
  assert.equal(merged[0].sold, 50);
  assert.equal(merged.at(-1).sold, MAX_BUCKETS + 49);
});

test('chartColumns gives uPlot its columns; refusalRows sorts the reasons, largest first', () => {
  const [x, sold, requests, rejected] = chartColumns([b(0, 1, 4, 1), b(1, 3, 6, 2)]);
  assert.deepEqual(sold, [1, 3]);
  assert.deepEqual(requests, [4, 6]);
  assert.deepEqual(rejected, [1, 2]);
  assert.equal(x[1] - x[0], 1);
  assert.deepEqual(refusalRows({ SOLD_OUT: 3, ALREADY_PURCHASED: 9, NONE: 0 }), [['ALREADY_PURCHASED', 9], ['SOLD_OUT', 3]]);
});

test('datetime-local values round-trip to instants in the browser time zone', () => {
  const instant = '2026-12-01T14:05:09.000Z';
  assert.equal(fromLocalInput(toLocalInput(instant)), instant);
  assert.equal(toLocalInput('nonsense'), '');
  assert.equal(fromLocalInput(''), null);
  assert.equal(numberOrNull(' 12.5 '), 12.5);
  assert.equal(numberOrNull(''), null);
  assert.equal(numberOrNull('abc'), null);
});
