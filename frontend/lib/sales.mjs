// Pure helpers for showing flash sales: status, prices, stock, the order of the catalogue and
// the sold-out sentence. The status is always the server's word: the page never decides from
// the clock whether a sale is open (the edge does, and the page asks it again at each start
// and end).

/** @typedef {'UPCOMING' | 'ACTIVE' | 'SOLD_OUT' | 'ENDED' | 'CANCELLED'} SaleStatus */

/**
 * A sale as `GET /api/sales` returns it.
 * @typedef {{
 *   id: string,
 *   productId: string,
 *   productName: string,
 *   productDescription?: string | null,
 *   imageUrl?: string | null,
 *   price: number,
 *   listPrice?: number | null,
 *   currency: string,
 *   stock: number,
 *   remaining: number | null,
 *   startsAt: string,
 *   endsAt: string,
 *   cancelledAt?: string | null,
 *   soldOutAt?: string | null,
 *   watching?: number | null,
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
  return humanize(status);
}

/**
 * "SOME_CODE" as "Some code".
 * @param {string} code
 */
export function humanize(code) {
  const words = code.toLowerCase().replace(/_/g, ' ').trim();
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

/** Live and upcoming sales are the catalogue's first part; the rest are "past". */
export const isCurrent = (/** @type {string} */ status) => status === 'ACTIVE' || status === 'UPCOMING';

/**
 * Price with its currency, e.g. "€129.00". An unknown currency code still shows the amount
 * and the code.
 * @param {number | string | null | undefined} price
 * @param {string} currency ISO 4217 code
 * @param {string | undefined} [locale]
 * @returns {string}
 */
export function formatPrice(price, currency, locale) {
  const amount = typeof price === 'number' ? price : Number(price);
  if (price === null || price === undefined || !Number.isFinite(amount)) return '';
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency ?? ''}`.trim();
  }
}

/**
 * The discount of the sale price against the list price, in whole percent, or null when
 * there is no list price above the sale price.
 * @param {number | null | undefined} price
 * @param {number | null | undefined} listPrice
 * @returns {number | null}
 */
export function discountPercent(price, listPrice) {
  if (typeof price !== 'number' || typeof listPrice !== 'number' || !(listPrice > price) || listPrice <= 0) return null;
  return Math.round(((listPrice - price) / listPrice) * 100);
}

/**
 * @typedef {{ stock: number, remaining: number | null, sold: number | null, percentLeft: number | null, text: string }} StockSummary
 */

/**
 * What the stock line and its bar show. `remaining` may be unknown (null).
 * @param {number} stock
 * @param {number | null | undefined} remaining
 * @param {string} [locale]
 * @returns {StockSummary}
 */
export function stockSummary(stock, remaining, locale) {
  const total = Number.isFinite(stock) && stock > 0 ? Math.floor(stock) : 0;
  const n = (/** @type {number} */ v) => v.toLocaleString(locale);
  if (remaining === null || remaining === undefined || !Number.isFinite(remaining)) {
    return { stock: total, remaining: null, sold: null, percentLeft: null, text: `${n(total)} in stock` };
  }
  const left = Math.min(Math.max(0, Math.floor(remaining)), total);
  const percentLeft = total === 0 ? 0 : Math.round((left / total) * 100);
  return { stock: total, remaining: left, sold: total - left, percentLeft, text: `${n(left)} of ${n(total)} left` };
}

/** @type {Record<string, number>} */
const ORDER = { ACTIVE: 0, UPCOMING: 1, SOLD_OUT: 2, ENDED: 3, CANCELLED: 4 };

/**
 * Live sales first (ending soonest first), then upcoming ones (starting soonest first), then
 * the rest, latest first. By the server's status. Returns a new array.
 * @template {Pick<Sale, 'status' | 'startsAt' | 'endsAt'>} T
 * @param {ReadonlyArray<T>} sales
 * @returns {T[]}
 */
export function sortSales(sales) {
  /** @param {T} sale */
  const rank = (sale) => ORDER[sale.status] ?? 9;
  return [...sales].sort((a, b) => {
    const byStatus = rank(a) - rank(b);
    if (byStatus !== 0) return byStatus;
    if (a.status === 'ACTIVE') return (Date.parse(a.endsAt) || 0) - (Date.parse(b.endsAt) || 0);
    if (a.status === 'UPCOMING') return (Date.parse(a.startsAt) || 0) - (Date.parse(b.startsAt) || 0);
    return (Date.parse(b.endsAt) || 0) - (Date.parse(a.endsAt) || 0);
  });
}

/**
 * A short span in words: "0.6 s", "12 s", "4 min 12 s", "2 h 5 min".
 * @param {number} ms
 * @returns {string}
 */
export function formatSpan(ms) {
  const t = Math.max(0, ms);
  if (t < 10_000) return `${(Math.round(t / 100) / 10).toFixed(1)} s`;
  const s = Math.round(t / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

/**
 * "Sold out: all 1,000 units went in 0.6 s" (from the start to the last unit confirmed), or
 * "Sold out: all 1,000 units are gone" when the server does not (yet) say when.
 * @param {Pick<Sale, 'stock' | 'startsAt'> & { soldOutAt?: string | null }} sale
 * @param {string} [locale]
 * @returns {string}
 */
export function soldOutText(sale, locale) {
  const units = `all ${Math.max(0, sale.stock).toLocaleString(locale)} unit${sale.stock === 1 ? '' : 's'}`;
  const start = Date.parse(sale.startsAt);
  const end = sale.soldOutAt ? Date.parse(sale.soldOutAt) : NaN;
  if (Number.isFinite(start) && Number.isFinite(end) && end >= start) return `Sold out: ${units} went in ${formatSpan(end - start)}`;
  return `Sold out: ${units} ${sale.stock === 1 ? 'is' : 'are'} gone`;
}
