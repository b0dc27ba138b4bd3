import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discountPercent, formatPrice, formatSpan, isCurrent, soldOutText, sortSales, statusLabel, statusTone, stockSummary } from '../../lib/sales.mjs';

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
  const tones = ['UPCOMING', 'ACTIVE', 'SOLD_OUT', 'ENDED', 'CANCELLED'].map(statusTone);
  assert.deepEqual(tones, ['soon', 'live', 'gone', 'over', 'over']);
  assert.equal(statusTone('WHATEVER'), 'neutral');
});

test('formatPrice shows amount and currency, also for codes Intl does not know', () => {
  assert.equal(formatPrice(19.99, 'USD', 'en-US'), '$19.99');
  assert.equal(formatPrice(5, 'EUR', 'en-US'), '€5.00');
  assert.equal(formatPrice('12.5', 'USD', 'en-US'), '$12.50');
  assert.equal(formatPrice(7, 'NOT-A-CODE', 'en-US'), '7.00 NOT-A-CODE');
  assert.equal(formatPrice('n/a', 'EUR', 'en-US'), '');
  assert.equal(formatPrice(null, 'EUR', 'en-US'), '');
});

test('discountPercent is the saving against a higher list price, else nothing', () => {
  assert.equal(discountPercent(129, 199), 35);
  assert.equal(discountPercent(50, 50), null);
  assert.equal(discountPercent(60, 50), null);
  assert.equal(discountPercent(10, null), null);
});

test('stockSummary drives the stock line and the shrinking bar', () => {
  assert.deepEqual(stockSummary(100, 42, 'en-US'), { stock: 100, remaining: 42, sold: 58, percentLeft: 42, text: '42 of 100 left' });
  assert.deepEqual(stockSummary(1000, 1000, 'en-US'), { stock: 1000, remaining: 1000, sold: 0, percentLeft: 100, text: '1,000 of 1,000 left' });
  assert.deepEqual(stockSummary(3, 0, 'en-US'), { stock: 3, remaining: 0, sold: 3, percentLeft: 0, text: '0 of 3 left' });
  assert.deepEqual(stockSummary(100, null, 'en-US'), { stock: 100, remaining: null, sold: null, percentLeft: null, text: '100 in stock' });
  // Out-of-range values are clamped, never a bar beyond 0..100 %.
  assert.equal(stockSummary(10, 25).percentLeft, 100);
  assert.equal(stockSummary(10, -4).percentLeft, 0);
  assert.equal(stockSummary(0, 0).percentLeft, 0);
});

test('sortSales follows the server status: live by end, upcoming by start, then the rest latest first', () => {
  const s = (id, status, startsAt, endsAt = '2030-01-01T00:00:00Z') => ({ id, status, startsAt, endsAt });
  const input = [
    s('ended', 'ENDED', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'),
    s('later', 'UPCOMING', '2026-12-02T00:00:00Z'),
    s('live', 'ACTIVE', '2026-11-01T00:00:00Z'),
    s('soldout', 'SOLD_OUT', '2026-10-01T00:00:00Z'),
    s('sooner', 'UPCOMING', '2026-12-01T00:00:00Z'),
    s('cancelled', 'CANCELLED', '2026-12-01T00:00:00Z', '2026-12-05T00:00:00Z'),
  ];
  assert.deepEqual(sortSales(input).map((x) => x.id), ['live', 'sooner', 'later', 'soldout', 'ended', 'cancelled']);
  assert.equal(input[0].id, 'ended', 'the input array is not mutated');
  assert.deepEqual(input.filter((x) => isCurrent(x.status)).map((x) => x.id), ['later', 'live', 'sooner']);
});

test('soldOutText says how fast the stock went, in plain words', () => {
  const sale = { stock: 1000, startsAt: '2026-12-01T12:00:00Z' };
  assert.equal(soldOutText({ ...sale, soldOutAt: '2026-12-01T12:00:00.600Z' }, 'en-US'), 'Sold out: all 1,000 units went in 0.6 s');
  assert.equal(soldOutText({ ...sale, soldOutAt: '2026-12-01T12:04:12Z' }, 'en-US'), 'Sold out: all 1,000 units went in 4 min 12 s');
  assert.equal(soldOutText({ ...sale, soldOutAt: null }, 'en-US'), 'Sold out: all 1,000 units are gone');
  assert.equal(soldOutText({ stock: 1, startsAt: sale.startsAt, soldOutAt: '2026-12-01T12:00:17Z' }, 'en-US'), 'Sold out: all 1 unit went in 17 s');
});

test('formatSpan reads short spans with a decimal, long ones in minutes and hours', () => {
  assert.equal(formatSpan(640), '0.6 s');
  assert.equal(formatSpan(12_300), '12 s');
  assert.equal(formatSpan(60_000), '1 min');
  assert.equal(formatSpan(2 * 3_600_000 + 5 * 60_000), '2 h 5 min');
});
