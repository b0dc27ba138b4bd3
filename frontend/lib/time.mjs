// Pure time helpers: the server's clock as seen from the browser, and countdowns.
// Plain ESM with JSDoc types: imported by the React code and by `node --test`.

/**
 * Offset in ms to add to the local clock to read the server's clock.
 * The server stamped `serverTime` somewhere between `requestStart` and `responseEnd`
 * (local epoch ms); the midpoint is the best guess of when.
 * @param {string | null | undefined} serverTime ISO-8601 instant from the server
 * @param {number} requestStart local ms when the request was sent
 * @param {number} responseEnd local ms when the answer arrived
 * @returns {number} offset in ms (0 when serverTime is missing or invalid)
 */
export function clockOffset(serverTime, requestStart, responseEnd) {
  if (!serverTime) return 0;
  const server = Date.parse(serverTime);
  if (!Number.isFinite(server)) return 0;
  const end = Math.max(requestStart, responseEnd);
  return Math.round(server - (requestStart + (end - requestStart) / 2));
}

/** @param {number} n */
const pad2 = (n) => String(n).padStart(2, '0');

/**
 * A remaining duration as a clock: "mm:ss" under an hour, "hh:mm:ss" under a day,
 * "Nd hh:mm:ss" beyond. Rounds partial seconds up, so "00:00" means it is over.
 * @param {number} ms
 * @returns {string}
 */
export function formatDuration(ms) {
  const total = Number.isFinite(ms) && ms > 0 ? Math.ceil(ms / 1000) : 0;
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const clock = `${pad2(minutes)}:${pad2(seconds)}`;
  if (days > 0) return `${days}d ${pad2(hours)}:${clock}`;
  if (hours > 0) return `${pad2(hours)}:${clock}`;
  return clock;
}

/**
 * @typedef {{ kind: 'starts' | 'ends', ms: number, text: string }} Countdown
 */

/**
 * The countdown to show on a sale: to its start while it has not started, to its end
 * while it runs, none once it is over (or its times are unreadable).
 * @param {{ startsAt: string, endsAt: string }} sale
 * @param {number} serverNow the server's clock, epoch ms
 * @returns {Countdown | null}
 */
export function saleCountdown(sale, serverNow) {
  const start = Date.parse(sale.startsAt);
  const end = Date.parse(sale.endsAt);
  if (Number.isFinite(start) && serverNow < start) {
    const ms = start - serverNow;
    return { kind: 'starts', ms, text: `Starts in ${formatDuration(ms)}` };
  }
  if (Number.isFinite(end) && serverNow < end) {
    const ms = end - serverNow;
    return { kind: 'ends', ms, text: `Ends in ${formatDuration(ms)}` };
  }
  return null;
}

/**
 * The next instant (epoch ms, server clock) after `serverNow` at which any sale starts or
 * ends: the page refreshes the list then, so statuses flip on time.
 * @param {ReadonlyArray<{ startsAt: string, endsAt: string }>} sales
 * @param {number} serverNow
 * @returns {number | null}
 */
export function nextBoundary(sales, serverNow) {
  let next = null;
  for (const sale of sales) {
    for (const iso of [sale.startsAt, sale.endsAt]) {
      const t = Date.parse(iso);
      if (Number.isFinite(t) && t > serverNow && (next === null || t < next)) next = t;
    }
  }
  return next;
}
