'use client';

import { useCallback, useEffect, useState } from 'react';
import { problemMessage, salePurchases, userPurchases } from '@/lib/api.mjs';
import { formatPrice, humanize } from '@/lib/sales.mjs';
import type { HistoryRow } from '../hooks';
import { localTime } from '../shop/SaleParts';

type Totals = { requests: number; confirmed: number; rejected: Record<string, number>; revenue: { amount: number; currency: string }[] };
type Row = HistoryRow & { userId?: string | null };

/** The decided purchase requests of a sale or a user, newest first, with their totals; pages of 50. */
export default function PurchaseTable({ of, id }: { of: 'sale' | 'user'; id: string }) {
  const show = of === 'sale' ? 'user' : 'product';
  const [rows, setRows] = useState<Row[] | null>(null);
  const [totals, setTotals] = useState<Totals | null>(null);
  const [page, setPage] = useState(0);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const fetchPage = useCallback(
    async (n: number) => {
      const answer = of === 'sale' ? await salePurchases(id, n) : await userPurchases(id, n);
      if (!answer.ok) {
        setError(problemMessage(answer.problem, answer.status));
        return;
      }
      setRows(answer.data?.items ?? []);
      setTotals(answer.data?.totals ?? null);
      setTotal(Number(answer.data?.total) || 0);
      setPage(n);
      setError(null);
    },
    [of, id],
  );
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- state is set when the server answers, not synchronously
    void fetchPage(0);
  }, [fetchPage]);

  if (error) return <p role="alert" className="mt-2 text-sm text-red-900">{error}</p>;
  if (!rows) return <p className="mt-2 text-sm text-slate-700">Loading purchases…</p>;
  return (
    <div data-testid="purchases">
      {totals ? (
        <p className="mt-2 text-sm text-slate-800" data-testid="purchase-totals">
          {totals.requests.toLocaleString()} requests, {totals.confirmed.toLocaleString()} confirmed
          {totals.revenue.length > 0 ? `, revenue ${totals.revenue.map((m) => formatPrice(m.amount, m.currency)).join(' + ')}` : ''}
          {Object.keys(totals.rejected).length > 0
            ? `; rejected: ${Object.entries(totals.rejected)
                .map(([reason, n]) => `${humanize(reason).toLowerCase()} ${n.toLocaleString()}`)
                .join(', ')}`
            : ''}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">No purchases.</p>
      ) : (
        // Focusable, so that a keyboard can scroll the table sideways on a narrow screen.
        <div className="mt-2 overflow-x-auto rounded-xl border border-slate-200 bg-white" tabIndex={0} role="region" aria-label={of === 'sale' ? 'Purchases of this sale' : 'Purchases of this user'}>
          <table className="w-full min-w-[36rem] text-left text-sm">
            <thead className="bg-slate-100 text-slate-800">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">{show === 'user' ? 'Shopper' : 'Product'}</th>
                <th scope="col" className="px-3 py-2 font-semibold">Status</th>
                <th scope="col" className="px-3 py-2 font-semibold">Paid</th>
                <th scope="col" className="px-3 py-2 font-semibold">Requested</th>
                <th scope="col" className="px-3 py-2 font-semibold">Decided</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.requestId} className="border-t border-slate-200" data-testid="purchase-row">
                  <td className="px-3 py-2 font-mono text-xs">{show === 'user' ? row.userId?.slice(0, 8) : row.productName ?? row.saleId.slice(0, 8)}</td>
                  <td className="px-3 py-2">{row.status === 'REJECTED' ? `Rejected: ${humanize(row.reason ?? 'unknown').toLowerCase()}` : humanize(row.status)}</td>
                  <td className="px-3 py-2">{row.pricePaid !== null && row.pricePaid !== undefined && row.currency ? formatPrice(row.pricePaid, row.currency) : '—'}</td>
                  <td className="px-3 py-2">{localTime(row.acceptedAt)}</td>
                  <td className="px-3 py-2">{localTime(row.decidedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > 50 ? (
        <div className="mt-2 flex items-center gap-3 text-sm">
          <button type="button" disabled={page === 0} onClick={() => void fetchPage(page - 1)} className="rounded border border-slate-400 px-3 py-1 disabled:opacity-50">
            Newer
          </button>
          <span>
            Page {page + 1} of {Math.ceil(total / 50)}
          </span>
          <button type="button" disabled={(page + 1) * 50 >= total} onClick={() => void fetchPage(page + 1)} className="rounded border border-slate-400 px-3 py-1 disabled:opacity-50">
            Older
          </button>
        </div>
      ) : null}
    </div>
  );
}
