// Pure helpers for the admin dashboard's live progress of a sale
// (GET /api/admin/sales/{id}/progress): merging the incremental per-second buckets
// (`?since=`) and shaping them for the chart.

/**
 * @typedef {{ at: string, sold: number, requests: number, rejected: number }} Bucket
 * @typedef {{
 *   saleId: string, stock: number, remaining: number, sold: number, startsAt: string, endsAt: string,
 *   status: string, requestsPerSecond: number, refusals: Record<string, number>, series: Bucket[],
 * }} Progress
 */

/** The server keeps at most the last 10 minutes of buckets; so does the page. */
export const MAX_BUCKETS = 600;

/**
 * The buckets after an incremental answer: a bucket of a second already known replaces it
 * (the latest second is still filling when it is first sent), new ones are appended, in time
 * order, and only the last MAX_BUCKETS are kept.
 * @param {ReadonlyArray<Bucket>} known
 * @param {ReadonlyArray<Bucket> | null | undefined} incoming
 * @returns {Bucket[]}
 */
export function mergeSeries(known, incoming) {
  if (!incoming || incoming.length === 0) return [...known];
  /** @type {Map<number, Bucket>} */
  const bySecond = new Map();
  for (const bucket of [...known, ...incoming]) {
    const t = Date.parse(bucket?.at);
    if (Number.isFinite(t)) bySecond.set(Math.floor(t / 1000), bucket);
  }
  const merged = [...bySecond.entries()].sort((a, b) => a[0] - b[0]).map(([, bucket]) => bucket);
  return merged.slice(-MAX_BUCKETS);
}

/**
 * The `since` of the next incremental request: the last known bucket's second (asked again,
 * since it may have been still filling), or null for the full series.
 * @param {ReadonlyArray<Bucket>} series
 * @returns {string | null}
 */
export function nextSince(series) {
  return series.length > 0 ? series[series.length - 1].at : null;
}

/**
 * The chart's columns: x in epoch seconds, units sold (cumulative), requests and rejections
 * per second.
 * @param {ReadonlyArray<Bucket>} series
 * @returns {[number[], number[], number[], number[]]}
 */
export function chartColumns(series) {
  /** @type {[number[], number[], number[], number[]]} */
  const columns = [[], [], [], []];
  for (const bucket of series) {
    columns[0].push(Math.floor(Date.parse(bucket.at) / 1000));
    columns[1].push(Number(bucket.sold) || 0);
    columns[2].push(Number(bucket.requests) || 0);
    columns[3].push(Number(bucket.rejected) || 0);
  }
  return columns;
}

/**
 * The refusals by reason, largest first.
 * @param {Record<string, number> | null | undefined} refusals
 * @returns {Array<[string, number]>}
 */
export function refusalRows(refusals) {
  return Object.entries(refusals ?? {})
    .filter(([, n]) => typeof n === 'number' && n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
