'use client';

import Link from 'next/link';
import { useCallback, useRef, useState } from 'react';
import { problemMessage, saleProgress } from '@/lib/api.mjs';
import { mergeSeries, nextSince, refusalRows, type Bucket, type Progress } from '@/lib/progress.mjs';
import { humanize, sortSales, stockSummary, type Sale } from '@/lib/sales.mjs';
import { useRepeat, useSales } from '../hooks';
import { StatusBadge, localTime } from '../shop/SaleParts';
import AdminOnly from './AdminOnly';
import LagPanel from './LagPanel';
import ProgressChart from './ProgressChart';

const PROGRESS_MS = 2_000;

/** One running sale's live progress: the chart, remaining, requests per second, refusals by reason. */
function ProgressCard({ sale }: { sale: Sale }) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [series, setSeries] = useState<Bucket[]>([]);
  const [error, setError] = useState<string | null>(null);
  const seriesRef = useRef<Bucket[]>([]);

  const load = useCallback(async () => {
    const answer = await saleProgress(sale.id, nextSince(seriesRef.current));
    if (!answer.ok) {
      setError(problemMessage(answer.problem, answer.status));
      return;
    }
    const data = answer.data as Progress;
    seriesRef.current = mergeSeries(seriesRef.current, data.series);
    setSeries(seriesRef.current);
    setProgress(data);
    setError(null);
  }, [sale.id]);
  useRepeat(load, PROGRESS_MS);

  const stock = stockSummary(progress?.stock ?? sale.stock, progress?.remaining ?? sale.remaining);
  const refusals = refusalRows(progress?.refusals);
  return (
    <article className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="progress-card" data-sale-id={sale.id}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">
          <Link href={`/admin/sales?id=${encodeURIComponent(sale.id)}`} className="underline-offset-2 hover:underline">
            {sale.productName}
          </Link>
        </h2>
        <StatusBadge status={progress?.status ?? sale.status} />
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-900">
          Progress unavailable: {error}
        </p>
      ) : null}
      <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          ['Sold', (progress?.sold ?? stock.sold ?? 0).toLocaleString(), 'progress-sold'],
          ['Remaining', `${(stock.remaining ?? stock.stock).toLocaleString()} of ${stock.stock.toLocaleString()}`, 'progress-remaining'],
          ['Requests/s', (progress?.requestsPerSecond ?? 0).toLocaleString(undefined, { maximumFractionDigits: 1 }), 'progress-rps'],
          ['Ends', localTime(sale.endsAt), 'progress-ends'],
        ].map(([term, value, id]) => (
          <div key={id} className="rounded-lg bg-slate-100 px-3 py-2">
            <dt className="text-xs font-medium text-slate-700">{term}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid={id}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <div className="mt-4">
        <ProgressChart series={series} label={`${sale.productName} progress`} />
      </div>
      <h3 className="mt-4 text-sm font-semibold text-slate-800">Refusals by reason</h3>
      {refusals.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">None so far.</p>
      ) : (
        <table className="mt-1 w-full text-sm" data-testid="refusals">
          <thead className="sr-only">
            <tr>
              <th scope="col">Reason</th>
              <th scope="col">Count</th>
            </tr>
          </thead>
          <tbody>
            {refusals.map(([reason, count]) => (
              <tr key={reason} className="border-t border-slate-200">
                <td className="py-1 pr-2">{humanize(reason)}</td>
                <td className="py-1 text-right font-semibold tabular-nums">{count.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

/** The admin dashboard: each running sale's live progress, and what comes next. */
export default function Dashboard() {
  return (
    <AdminOnly>
      <DashboardView />
    </AdminOnly>
  );
}

function DashboardView() {
  const { sales, error } = useSales();
  const ordered = sales ? sortSales(sales) : [];
  const running = ordered.filter((s) => s.status === 'ACTIVE' || s.status === 'SOLD_OUT');
  const upcoming = ordered.filter((s) => s.status === 'UPCOMING');
  return (
    <section aria-labelledby="dashboard-heading">
      <h1 id="dashboard-heading" className="text-2xl font-bold tracking-tight">
        Dashboard
      </h1>
      <p className="mt-1 text-sm text-slate-700">Running sales, refreshed every 2 s.</p>
      {error ? (
        <p role="alert" className="mt-4 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900">
          {error}
        </p>
      ) : null}
      {sales === null ? null : running.length === 0 ? (
        <p className="mt-6 rounded-2xl border border-dashed border-slate-400 bg-white px-6 py-10 text-center text-slate-700" data-testid="dashboard-empty">
          No sale is running right now.
        </p>
      ) : (
        <div className="mt-6 grid gap-6 xl:grid-cols-2" data-testid="dashboard-running">
          {running.map((sale) => (
            <ProgressCard key={sale.id} sale={sale} />
          ))}
        </div>
      )}
      <LagPanel />
      {upcoming.length > 0 ? (
        <section className="mt-8" aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading" className="text-lg font-semibold">
            Coming up
          </h2>
          <ul className="mt-2 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
            {upcoming.map((sale) => (
              <li key={sale.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
                <Link href={`/admin/sales?id=${encodeURIComponent(sale.id)}`} className="font-medium underline-offset-2 hover:underline">
                  {sale.productName}
                </Link>
                <span className="text-slate-700">
                  {localTime(sale.startsAt)} · {sale.stock.toLocaleString()} units
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
