import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectiveStatus, formatPrice, sortSales, statusLabel, statusTone, stockSummary } from '../../lib/sales.mjs';

test('statusLabel names every status and reads unknown ones as words', () => {
  assert.equal(statusLabel('UPCOMING'), 'Upcoming');
  assert.equal(statusLabel('ACTIVE'), 'Live now');
  assert.equal(statusLabel('SOLD_OUT'), 'Sold out');
  assert.equal(statusLabel('ENDED'), 'Ended');
  assert.equal(statusLabel('CANCELLED'), 'Cancelled');
  assert.equal(statusLabel('PAUSED_BY_ADMIN'), 'Paused by admin');
  assert.equal(statusLabel(null), 'Unknown');
  assert.equal(statusLabel(''), 'Unknown');
});

test('statusTone gives each status its own colour family', () => {
  const tones = ['UPCOMING', 'ACTIVE', 'SOLD_OUT', 'ENDED'].map(statusTone);
  assert.deepEqual(tones, ['soon', 'live', 'gone', 'over']);
  assert.equal(statusTone('WHATEVER'), 'neutral');
});

const window = { startsAt: '2026-11-25T12:00:00Z', endsAt: '2026-11-25T13:00:00Z' };
const before = Date.parse('2026-11-25T11:00:00Z');
const during = Date.parse('2026-11-25T12:30:00Z');
const after = Date.parse('2026-11-25T13:00:00Z');

test('effectiveStatus keeps the server status until the clock crosses a boundary', () => {
  assert.equal(effectiveStatus({ ...window, status: 'UPCOMING', remaining: 10 }, before), 'UPCOMING');
  assert.equal(effectiveStatus({ ...window, status: 'UPCOMING', remaining: 10 }, during), 'ACTIVE');
  assert.equal(effectiveStatus({ ...window, status: 'UPCOMING', remaining: null }, during), 'ACTIVE');
  assert.equal(effectiveStatus({ ...window, status: 'ACTIVE', remaining: 10 }, during), 'ACTIVE');
  assert.equal(effectiveStatus({ ...window, status: 'ACTIVE', remaining: 10 }, after), 'ENDED');
  assert.equal(effectiveStatus({ ...window, status: 'ACTIVE', remaining: 0 }, during), 'SOLD_OUT');
  // Final statuses stay as the server said.
  assert.equal(effectiveStatus({ ...window, status: 'SOLD_OUT', remaining: 0 }, after), 'SOLD_OUT');
  assert.equal(effectiveStatus({ ...window, status: 'ENDED', remaining: 3 }, during), 'ENDED');
});

test('formatPrice shows amount and currency, also for codes Intl does not know', () => {
  assert.equal(formatPrice(19.99, 'USD', 'en-US'), '$19.99');
  assert.equal(formatPrice(5, 'EUR', 'en-US'), '€5.00');
  assert.equal(formatPrice('12.5', 'USD', 'en-US'), '$12.50');
  assert.equal(formatPrice(7, 'NOT-A-CODE', 'en-US'), '7.00 NOT-A-CODE');
  assert.equal(formatPrice('n/a', 'EUR', 'en-US'), 'n/a EUR');
});

test('stockSummary drives the stock line and the progress bar', () => {
  assert.deepEqual(stockSummary(100, 42), { stock: 100, remaining: 42, sold: 58, percentSold: 58, text: '42 of 100 left' });
  assert.deepEqual(stockSummary(100, 100), { stock: 100, remaining: 100, sold: 0, percentSold: 0, text: '100 of 100 left' });
  assert.deepEqual(stockSummary(3, 0), { stock: 3, remaining: 0, sold: 3, percentSold: 100, text: '0 of 3 left' });
  // Unknown remaining: no bar value, just the stock.
  assert.deepEqual(stockSummary(100, null), { stock: 100, remaining: null, sold: null, percentSold: null, text: '100 in stock' });
  // Out-of-range values are clamped, never a bar beyond 0..100 %.
  assert.equal(stockSummary(10, 25).percentSold, 0);
  assert.equal(stockSummary(10, -4).percentSold, 100);
  assert.equal(stockSummary(0, 0).percentSold, 100);
});

test('sortSales puts live sales first, then upcoming by start, then finished ones', () => {
  const s = (id, status, startsAt) => ({ id, status, startsAt, endsAt: '2030-01-01T00:00:00Z', remaining: 1 });
  const input = [
    s('ended', 'ENDED', '2026-01-01T00:00:00Z'),
    s('later', 'UPCOMING', '2026-12-02T00:00:00Z'),
    s('live', 'ACTIVE', '2026-11-01T00:00:00Z'),
    s('soldout', 'SOLD_OUT', '2026-10-01T00:00:00Z'),
    s('sooner', 'UPCOMING', '2026-12-01T00:00:00Z'),
  ];
  assert.deepEqual(sortSales(input).map((x) => x.id), ['live', 'sooner', 'later', 'soldout', 'ended']);
  assert.equal(input[0].id, 'ended', 'input array is not mutated');
  // With a server time after the "sooner" start, it counts as live.
  const now = Date.parse('2026-12-01T12:00:00Z');
  assert.deepEqual(sortSales(input, now).map((x) => x.id), ['live', 'sooner', 'later', 'soldout', 'ended']);
  const now2 = Date.parse('2026-12-03T00:00:00Z');
  assert.deepEqual(sortSales(input, now2).map((x) => x.id).slice(0, 3), ['live', 'sooner', 'later']);
});

test('a cancelled sale stays cancelled whatever the clock says', () => {
  const sale = { status: 'CANCELLED', startsAt: '2026-01-01T00:00:00Z', endsAt: '2099-01-01T00:00:00Z', remaining: 5 };
  assert.equal(effectiveStatus(sale, Date.parse('2026-06-01T00:00:00Z')), 'CANCELLED');
  assert.equal(statusTone('CANCELLED'), 'over');
});
