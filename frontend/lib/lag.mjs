// The consumer-lag report of order-processor (GET /api/admin/ops/lag), shaped for the dashboard's panel.

/**
 * @typedef {{ memberId: string, clientId: string, host: string } | null} Owner
 * @typedef {{ partition: number, endOffset: number, appliedOffset: number, committedOffset: number | null,
 *   lag: number, oldestWaitingAgeMs: number | null, applyRatePerSecond: number,
 *   drainEstimateSeconds: number | null, owner: Owner, status: string }} PartitionLag
 * @typedef {{ topic: string, group: string, sampledAt: string, sampleEveryMs: number, window: number,
 *   totalLag: number, partitions: PartitionLag[] }} LagReport
 */

/**
 * Seconds (or ms below one) in words short enough for a table cell; a dash when unknown.
 * @param {number | null | undefined} ms
 */
export function shortDuration(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

/**
 * One row per partition, in partition order, with what the panel shows: lag, the oldest waiting request's age,
 * the apply rate, the drain estimate, the owner and the status (OK, LAGGING, STALLED, STOPPED).
 * @param {LagReport | null | undefined} report
 */
export function lagRows(report) {
  const partitions = Array.isArray(report?.partitions) ? report.partitions : [];
  return [...partitions]
    .sort((a, b) => a.partition - b.partition)
    .map((p) => ({
      partition: p.partition,
      lag: p.lag,
      oldest: p.lag > 0 ? shortDuration(p.oldestWaitingAgeMs) : '–',
      rate: Number.isFinite(p.applyRatePerSecond) ? Math.round(p.applyRatePerSecond).toLocaleString() : '–',
      drain: p.lag > 0 && p.drainEstimateSeconds !== null ? shortDuration(p.drainEstimateSeconds * 1000) : '–',
      owner: p.owner ? p.owner.clientId || p.owner.memberId : 'none',
      status: p.status,
    }));
}

/**
 * How many partitions stand in each status, worst first: the panel's one-line summary.
 * @param {LagReport | null | undefined} report
 * @returns {[string, number][]}
 */
export function statusCounts(report) {
  const order = ['STOPPED', 'STALLED', 'LAGGING', 'OK'];
  const counts = new Map(order.map((s) => [s, 0]));
  for (const p of Array.isArray(report?.partitions) ? report.partitions : []) {
    counts.set(p.status, (counts.get(p.status) ?? 0) + 1);
  }
  return [...counts.entries()].filter(([, n]) => n > 0);
}
