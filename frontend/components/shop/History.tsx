'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { myPurchases, problemMessage } from '@/lib/api.mjs';
import { reasonText } from '@/lib/purchase.mjs';
import { formatPrice } from '@/lib/sales.mjs';
import type { HistoryRow } from '../hooks';
import { useSession } from '../SessionProvider';
import SignInRequired from '../SignInRequired';
import { orderNumber } from './PurchasePanel';
import { localTime } from './SaleParts';

const PAGE = 20;

const STATUS: Record<string, { text: string; look: string }> = {
  CONFIRMED: { text: 'Confirmed', look: 'bg-emerald-100 text-emerald-900' },
  REJECTED: { text: 'Not bought', look: 'bg-slate-200 text-slate-800' },
  QUEUED: { text: 'In the queue', look: 'bg-amber-100 text-amber-950' },
};

/** Every purchase request of the shopper and its order, newest first, with the status and the reason in words. */
export default function History() {
  const { user, ready } = useSession();
  const [rows, setRows] = useState<HistoryRow[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (page: number) => {
    const answer = await myPurchases(page, PAGE);
    if (!answer.ok) {
      setError(problemMessage(answer.problem, answer.status));
      return;
    }
    const items: HistoryRow[] = Array.isArray(answer.data?.items) ? answer.data.items : [];
    setTotal(Number(answer.data?.total) || 0);
    setRows((current) => (page === 0 || !current ? items : [...current, ...items.filter((i) => !current.some((c) => c.requestId === i.requestId))]));
    setError(null);
  }, []);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- state is set when the server answers, not synchronously
    if (user) void load(0);
  }, [user, load]);

  if (!ready) return null;
  if (!user) return <SignInRequired what="your purchases" />;

  return (
    <section aria-labelledby="history-heading">
      <h1 id="history-heading" className="text-2xl font-bold tracking-tight">
        My purchases
      </h1>
      <p className="mt-1 text-sm text-slate-700">Every request you made and what came of it, newest first.</p>
      {error ? (
        <p role="alert" className="mt-4 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900">
          {error}
        </p>
      ) : null}
      {rows === null ? (
        <p className="mt-6 text-slate-700">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="mt-6 rounded-2xl border border-dashed border-slate-400 bg-white px-6 py-10 text-center text-slate-700" data-testid="history-empty">
          No purchases yet. <Link href="/" className="font-semibold text-blue-800 underline underline-offset-2">See the sales</Link>
        </p>
      ) : (
        <ol className="mt-6 space-y-3" data-testid="history-list">
          {rows.map((row) => {
            const status = STATUS[row.status] ?? { text: row.status, look: 'bg-slate-200 text-slate-800' };
            const number = orderNumber(row);
            return (
              <li
                key={row.requestId}
                className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
                data-testid="history-row"
                data-request-id={row.requestId}
                data-sale-id={row.saleId}
                data-status={row.status}
              >
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <Link href={`/sale?id=${encodeURIComponent(row.saleId)}`} className="font-semibold text-slate-900 underline-offset-2 hover:underline">
                    {row.productName ?? 'A sale'}
                  </Link>
                  <span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${status.look}`}>{status.text}</span>
                </div>
                <p className="mt-1 text-sm text-slate-700">
                  {row.status === 'CONFIRMED' ? (
                    <>
                      {number ? <span data-testid="history-order">Order #{number}</span> : 'Order confirmed'}
                      {row.pricePaid !== null && row.pricePaid !== undefined && row.currency ? ` · paid ${formatPrice(row.pricePaid, row.currency)}` : ''}
                    </>
                  ) : row.status === 'REJECTED' ? (
                    <span data-testid="history-reason">{reasonText(row.reason)}</span>
                  ) : (
                    'Waiting for its turn'
                  )}
                </p>
                <p className="mt-1 text-xs text-slate-600">
                  Requested {localTime(row.acceptedAt)}
                  {row.decidedAt ? ` · decided ${localTime(row.decidedAt)}` : ''}
                </p>
              </li>
            );
          })}
        </ol>
      )}
      {rows && rows.length < total ? (
        <button type="button" onClick={() => void load(Math.floor(rows.length / PAGE))} className="mt-4 rounded-lg border border-slate-400 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100">
          Show older
        </button>
      ) : null}
    </section>
  );
}
