// Pure helpers for showing flash sales: status, price, stock.

/** @typedef {'UPCOMING' | 'ACTIVE' | 'SOLD_OUT' | 'ENDED' | 'CANCELLED'} SaleStatus */

/**
 * A sale as `GET /api/sales` returns it.
 * @typedef {{
 *   id: string,
 *   productId: string,
 *   productName: string,
 *   price: number,
 *   listPrice?: number | null,
 *   currency: string,
 *   stock: number,
 *   remaining: number | null,
 *   startsAt: string,
 *   endsAt: string,
 *   cancelledAt?: string | null,
 *   status: SaleStatus | string,
 * }} Sale
 */

/** @type {Record<string, string>} */
const LABELS = {
  UPCOMING: 'Upcoming',
  ACTIVE: 'Live now',
  SOLD_OUT: 'Sold out',
  ENDED: 'Ended',
  CANCELLED: 'Cancelled',
};

/**
 * The badge text for a status; an unknown status is shown as readable words.
 * @param {string | null | undefined} status
 * @returns {string}
 */
export function statusLabel(status) {
  if (!status) return 'Unknown';
  if (LABELS[status]) return LABELS[status];
  const words = status.toLowerCase().replace(/_/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Unknown';
}

/** @typedef {'live' | 'soon' | 'gone' | 'over' | 'neutral'} StatusTone */

/**
 * The colour family of a status badge.
 * @param {string | null | undefined} status
 * @returns {StatusTone}
 */
export function statusTone(status) {
  switch (status) {
    case 'ACTIVE':
      return 'live';
    case 'UPCOMING':
      return 'soon';
    case 'SOLD_OUT':
      return 'gone';
    case 'ENDED':
    case 'CANCELLED':
      return 'over';
    default:
      return 'neutral';
  }
}

/**
 * The status to show now. The server's word holds, except where the clock has since
 * crossed a boundary the last list did not see yet (the list is refreshed right after):
 * a sale whose end has passed is ENDED, one whose start has passed is ACTIVE, and a
 * running sale with nothing left is SOLD_OUT. The edge decides every purchase anyway.
 * @param {Pick<Sale, 'status' | 'startsAt' | 'endsAt' | 'remaining'>} sale
 * @param {number} serverNow epoch ms on the server's clock
 * @returns {string}
 */
export function effectiveStatus(sale, serverNow) {
  const { status } = sale;
  if (status === 'ENDED' || status === 'SOLD_OUT' || status === 'CANCELLED') return status;
  const start = Date.parse(sale.startsAt);
  const end = Date.parse(sale.endsAt);
  if (Number.isFinite(end) && serverNow >= end) return 'ENDED';
  if (status === 'UPCOMING' && Number.isFinite(start) && serverNow >= start) {
    return sale.remaining === 0 ? 'SOLD_OUT' : 'ACTIVE';
  }
  if (status === 'ACTIVE' && sale.remaining === 0) return 'SOLD_OUT';
  return status;
}

/**
 * Price with its currency, e.g. "$19.99" or "19,99 €" by locale. An unknown currency
 * code still shows the amount and the code.
 * @param {number | string} price
 * @param {string} currency ISO 4217 code
 * @param {string | undefined} [locale]
 * @returns {string}
 */
export function formatPrice(price, currency, locale) {
  const amount = typeof price === 'number' ? price : Number(price);
  if (!Number.isFinite(amount)) return `${price} ${currency ?? ''}`.trim();
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency ?? ''}`.trim();
  }
}

/**
 * @typedef {{
 *   stock: number,
 *   remaining: number | null,
 *   sold: number | null,
 *   percentSold: number | null,
 *   text: string,
 * }} StockSummary
 */

/**
 * What the stock line and its progress bar show. `remaining` may be unknown (null).
 * @param {number} stock
 * @param {number | null | undefined} remaining
 * @returns {StockSummary}
 */
export function stockSummary(stock, remaining) {
  const total = Number.isFinite(stock) && stock > 0 ? Math.floor(stock) : 0;
  if (remaining === null || remaining === undefined || !Number.isFinite(remaining)) {
    return { stock: total, remaining: null, sold: null, percentSold: null, text: `${total} in stock` };
  }
  const left = Math.min(Math.max(0, Math.floor(remaining)), total);
  const sold = total - left;
  const percentSold = total === 0 ? 100 : Math.round((sold / total) * 100);
  return { stock: total, remaining: left, sold, percentSold, text: `${left} of ${total} left` };
}

/** @type {Record<string, number>} */
const ORDER = { ACTIVE: 0, UPCOMING: 1, SOLD_OUT: 2, ENDED: 3 };

/**
 * Live sales first, then upcoming ones (soonest first), then sold-out and ended ones.
 * With `serverNow`, sorts by the status to show now (see effectiveStatus). Returns a new
 * array of the same objects.
 * @template {Pick<Sale, 'status' | 'startsAt' | 'endsAt' | 'remaining'>} T
 * @param {ReadonlyArray<T>} sales
 * @param {number} [serverNow]
 * @returns {T[]}
 */
export function sortSales(sales, serverNow) {
  /** @param {T} sale */
  const rank = (sale) => ORDER[serverNow === undefined ? sale.status : effectiveStatus(sale, serverNow)] ?? 9;
  return [...sales].sort((a, b) => {
    const byStatus = rank(a) - rank(b);
    if (byStatus !== 0) return byStatus;
    return (Date.parse(a.startsAt) || 0) - (Date.parse(b.startsAt) || 0);
  });
}
