import { saleCountdown } from '@/lib/time.mjs';
import { effectiveStatus, formatPrice, statusLabel, statusTone, stockSummary, type Sale } from '@/lib/sales.mjs';
import { isPending, isSettledForShopper, type PurchaseState } from '@/lib/purchase.mjs';
import PurchaseStatus from './PurchaseStatus';

type Props = {
  sale: Sale;
  serverNow: number;
  signedIn: boolean;
  purchase: PurchaseState | undefined;
  onBuy: (sale: Sale) => void;
  onRetry: (sale: Sale) => void;
  onCheckAgain: (sale: Sale) => void;
};

const BADGE: Record<string, string> = {
  live: 'bg-emerald-100 text-emerald-800 ring-emerald-600/20',
  soon: 'bg-sky-100 text-sky-800 ring-sky-600/20',
  gone: 'bg-red-100 text-red-700 ring-red-600/20',
  over: 'bg-slate-100 text-slate-600 ring-slate-500/20',
  neutral: 'bg-slate-100 text-slate-600 ring-slate-500/20',
};

const dateTime = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

function localTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? dateTime.format(t) : '';
}

export default function SaleCard({ sale, serverNow, signedIn, purchase, onBuy, onRetry, onCheckAgain }: Props) {
  const status = effectiveStatus(sale, serverNow);
  const tone = statusTone(status);
  const countdown = status === 'UPCOMING' || status === 'ACTIVE' ? saleCountdown(sale, serverNow) : null;
  const stock = stockSummary(sale.stock, sale.remaining);
  const pending = isPending(purchase);
  const settled = isSettledForShopper(purchase);
  const live = status === 'ACTIVE';

  return (
    <article
      className={`flex flex-col rounded-2xl border bg-white p-5 shadow-sm transition ${live ? 'border-slate-200 hover:shadow-md' : 'border-slate-200/70'}`}
      data-testid="sale-card"
      data-sale-id={sale.id}
      data-status={status}
    >
      <div className="flex items-center justify-between gap-2">
        <span className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${BADGE[tone]}`} data-testid="sale-status">
          {live ? <span className="size-1.5 animate-pulse rounded-full bg-emerald-500" aria-hidden="true" /> : null}
          {statusLabel(status)}
        </span>
        {countdown ? (
          <span
            className={`font-mono text-sm tabular-nums ${countdown.kind === 'ends' ? 'text-brand-600' : 'text-slate-600'}`}
            data-testid="sale-countdown"
            data-kind={countdown.kind}
            title={countdown.kind === 'starts' ? `Starts ${localTime(sale.startsAt)}` : `Ends ${localTime(sale.endsAt)}`}
          >
            {countdown.text}
          </span>
        ) : null}
      </div>

      <h3 className="mt-3 text-lg leading-snug font-semibold text-slate-900" data-testid="sale-name">
        {sale.productName}
      </h3>
      <p className="mt-1 text-2xl font-bold tracking-tight text-slate-900" data-testid="sale-price">
        {formatPrice(sale.price, sale.currency)}
        <span className="ml-1.5 align-middle text-xs font-medium text-slate-500">{sale.currency}</span>
      </p>

      <div className="mt-4" data-testid="sale-stock">
        <div className="flex items-baseline justify-between text-sm">
          <span className="font-medium text-slate-700" data-testid="sale-remaining">
            {stock.text}
          </span>
          {stock.percentSold !== null ? <span className="text-xs text-slate-500">{stock.percentSold}% claimed</span> : null}
        </div>
        <div
          className="mt-1.5 h-2 overflow-hidden rounded-full bg-slate-100"
          role="progressbar"
          aria-label="Share of stock claimed"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={stock.percentSold ?? undefined}
          data-testid="sale-progress"
        >
          <div
            className={`h-full rounded-full transition-[width] duration-500 ${status === 'SOLD_OUT' ? 'bg-slate-400' : 'bg-brand-500'}`}
            style={{ width: `${stock.percentSold ?? 0}%` }}
          />
        </div>
      </div>

      <div className="mt-auto pt-5">
        {live && signedIn ? (
          <button
            type="button"
            onClick={() => onBuy(sale)}
            disabled={pending || settled}
            data-testid="buy-button"
            className="w-full rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm transition hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed disabled:bg-slate-300"
          >
            {pending ? 'Buying…' : settled ? 'Purchased' : 'Buy now'}
          </button>
        ) : live ? (
          <p className="rounded-lg bg-slate-50 px-3 py-2 text-center text-sm text-slate-600">Sign in to buy</p>
        ) : status === 'UPCOMING' ? (
          <p className="rounded-lg bg-slate-50 px-3 py-2 text-center text-sm text-slate-600">Opens {localTime(sale.startsAt)}</p>
        ) : (
          <p className="rounded-lg bg-slate-50 px-3 py-2 text-center text-sm text-slate-500">
            {status === 'SOLD_OUT' ? 'All units claimed' : 'This sale is over'}
          </p>
        )}
        {purchase ? <PurchaseStatus state={purchase} onRetry={() => onRetry(sale)} onCheckAgain={() => onCheckAgain(sale)} /> : null}
      </div>
    </article>
  );
}
