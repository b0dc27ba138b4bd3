'use client';

import { useCallback, useState } from 'react';
import { opsLag, problemMessage } from '@/lib/api.mjs';
import { lagRows, statusCounts, type LagReport } from '@/lib/lag.mjs';
import { useRepeat } from '../hooks';

const LAG_MS = 2_000;

const STATUS_STYLE: Record<string, string> = {
  OK: 'bg-emerald-50 text-emerald-900 ring-emerald-700/30',
  LAGGING: 'bg-amber-50 text-amber-900 ring-amber-700/30',
  STALLED: 'bg-red-50 text-red-900 ring-red-700/30',
  STOPPED: 'bg-red-100 text-red-950 ring-red-800/40',
};

/** order-processor's consumer lag, partition by partition, refreshed every 2 s (GET /api/admin/ops/lag). */
export default function LagPanel() {
  const [report, setReport] = useState<LagReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const answer = await opsLag();
    if (!answer.ok) {
      setError(problemMessage(answer.problem, answer.status));
      return;
    }
    setReport(answer.data as LagReport);
    setError(null);
  }, []);
  useRepeat(load, LAG_MS);

  const rows = lagRows(report);
  return (
    <section className="mt-8 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="lag-heading" data-testid="lag-panel">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="lag-heading" className="text-lg font-semibold">
          Consumer lag
        </h2>
        {report ? (
          <p className="text-sm text-slate-700" data-testid="lag-summary" data-total={report.totalLag}>
            {report.totalLag.toLocaleString()} waiting ·{' '}
            {statusCounts(report)
              .map(([status, n]) => `${n} ${status}`)
              .join(', ')}
          </p>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-900">
          Lag unavailable: {error}
        </p>
      ) : null}
      {report ? (
        <div className="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label="Consumer lag per partition">
          <table className="w-full min-w-[34rem] text-left text-sm">
            <caption className="sr-only">
              Lag of {report.topic} for the group {report.group}, sampled every {Math.round(report.sampleEveryMs / 1000)} s
            </caption>
            <thead className="border-b border-slate-200 text-slate-700">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">Partition</th>
                <th scope="col" className="py-1 pr-3 text-right font-medium">Lag</th>
                <th scope="col" className="py-1 pr-3 text-right font-medium">Oldest waiting</th>
                <th scope="col" className="py-1 pr-3 text-right font-medium">Applied/s</th>
                <th scope="col" className="py-1 pr-3 text-right font-medium">Drains in</th>
                <th scope="col" className="py-1 pr-3 font-medium">Consumer</th>
                <th scope="col" className="py-1 font-medium">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.partition} data-testid="lag-row" data-partition={row.partition} data-status={row.status} data-lag={row.lag}>
                  <td className="py-1 pr-3 tabular-nums">{row.partition}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{row.lag.toLocaleString()}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{row.oldest}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{row.rate}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{row.drain}</td>
                  <td className="max-w-[10rem] truncate py-1 pr-3 text-slate-700">{row.owner}</td>
                  <td className="py-1">
                    <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${STATUS_STYLE[row.status] ?? STATUS_STYLE.OK}`}>
                      {row.status}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
