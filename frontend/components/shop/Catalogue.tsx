'use client';

import { isCurrent, sortSales } from '@/lib/sales.mjs';
import { confirmedRow, productOf, useBoundaryRefresh, useMyPurchases, useNow, useProductInfo, useSales } from '../hooks';
import { useSession } from '../SessionProvider';
import SaleCard from './SaleCard';

/** The shop's front page: live and upcoming sales first, the past ones folded away below. */
export default function Catalogue() {
  const { user } = useSession();
  const { sales, offset, error, refresh } = useSales();
  const now = useNow();
  useBoundaryRefresh(sales, offset, refresh, now);
  const info = useProductInfo(sales);
  const { rows } = useMyPurchases(!!user);
  const serverNow = now + offset;
  const ordered = sales ? sortSales(sales) : null;
  const current = ordered?.filter((s) => isCurrent(s.status)) ?? [];
  const past = ordered?.filter((s) => !isCurrent(s.status)) ?? [];
  const live = current.filter((s) => s.status === 'ACTIVE').length;

  const card = (sale: (typeof current)[number]) => (
    <SaleCard key={sale.id} sale={sale} product={productOf(sale, info)} serverNow={serverNow} bought={!!confirmedRow(rows, sale.id)} />
  );

  return (
    <section aria-labelledby="sales-heading">
      <h1 id="sales-heading" className="text-2xl font-bold tracking-tight">
        Flash sales
      </h1>
      <p className="mt-1 text-sm text-slate-700">
        {ordered === null ? 'Loading the latest sales…' : live > 0 ? `${live} live now. Limited stock, one per shopper.` : 'Limited stock, one per shopper.'}
      </p>

      {error ? (
        <div className="mt-6 flex items-center justify-between gap-4 rounded-xl border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900" role="alert" data-testid="sales-error">
          <span>Could not load the sales: {error}</span>
          <button type="button" onClick={() => void refresh()} className="shrink-0 font-semibold underline underline-offset-2">
            Retry
          </button>
        </div>
      ) : null}

      {ordered === null ? (
        <div className="mt-6 grid gap-5 sm:grid-cols-2 lg:grid-cols-3" aria-hidden="true">
          {[0, 1, 2].map((i) => (
            <div key={i} className="h-80 animate-pulse rounded-2xl border border-slate-200 bg-white" />
          ))}
        </div>
      ) : current.length === 0 ? (
        <p className="mt-6 rounded-2xl border border-dashed border-slate-400 bg-white px-6 py-12 text-center text-slate-700" data-testid="sales-empty">
          No flash sale is live or coming up right now. Check back soon.
        </p>
      ) : (
        <div className="mt-6 grid gap-5 sm:grid-cols-2 lg:grid-cols-3" data-testid="sales-list">
          {current.map(card)}
        </div>
      )}

      {past.length > 0 ? (
        <details className="group mt-10" data-testid="past-sales">
          <summary className="cursor-pointer rounded-md text-base font-semibold text-slate-800">
            Past sales ({past.length})
          </summary>
          <div className="mt-4 grid gap-5 sm:grid-cols-2 lg:grid-cols-3">{past.slice(0, 12).map(card)}</div>
        </details>
      ) : null}
    </section>
  );
}
