import { formatPrice } from '@/lib/sales.mjs';
import { purchaseLabel, type PurchaseState } from '@/lib/purchase.mjs';
import type { Sale } from '@/lib/sales.mjs';
import type { HistoryRow } from '../hooks';
import { localTime } from './SaleParts';

const TONES: Record<string, string> = {
  sending: 'border-slate-300 bg-slate-50 text-slate-900',
  queued: 'border-amber-300 bg-amber-50 text-amber-950',
  confirmed: 'border-emerald-300 bg-emerald-50 text-emerald-950',
  bought: 'border-emerald-300 bg-emerald-50 text-emerald-950',
  rejected: 'border-slate-300 bg-slate-100 text-slate-900',
  timeout: 'border-amber-300 bg-amber-50 text-amber-950',
  error: 'border-red-300 bg-red-50 text-red-900',
};

/** A short order number for people: the order id's first block, upper case. */
export function orderNumber(row: HistoryRow): string | null {
  const id = row.orderId ?? null;
  return id ? id.split('-')[0].toUpperCase() : null;
}

/** The order's number, price paid and time: what a confirmation (or an earlier purchase) shows. */
function OrderFacts({ row }: { row: HistoryRow }) {
  const number = orderNumber(row);
  return (
    <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
      {number ? (
        <>
          <dt className="text-emerald-900">Order</dt>
          <dd className="font-mono font-semibold" data-testid="order-number" title={row.orderId ?? undefined}>
            #{number}
          </dd>
        </>
      ) : null}
      {row.pricePaid !== null && row.pricePaid !== undefined && row.currency ? (
        <>
          <dt className="text-emerald-900">Paid</dt>
          <dd className="font-semibold" data-testid="price-paid">
            {formatPrice(row.pricePaid, row.currency)}
          </dd>
        </>
      ) : null}
      {row.decidedAt ? (
        <>
          <dt className="text-emerald-900">When</dt>
          <dd>{localTime(row.decidedAt)}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** Shown when the shopper already holds a unit of this sale (from the history): never an error. */
export function BoughtPanel({ row }: { row: HistoryRow }) {
  return (
    <div className={`rounded-lg border px-3 py-3 ${TONES.bought}`} data-testid="bought-panel" role="status">
      <p className="font-semibold">✓ You bought this</p>
      <OrderFacts row={row} />
    </div>
  );
}

type Props = {
  state: PurchaseState;
  sale: Sale;
  row: HistoryRow | null;
  onRetry: () => void;
  onCheckAgain: () => void;
};

/** The life of this page's request: sending, the place in the queue, then the outcome in plain words. */
export default function PurchasePanel({ state, sale, row, onRetry, onCheckAgain }: Props) {
  const friendly = state.phase === 'rejected' && state.reason === 'ALREADY_PURCHASED';
  const tone = friendly ? 'bought' : state.phase;
  return (
    <div
      className={`rounded-lg border px-3 py-3 ${TONES[tone]}`}
      data-testid="purchase-status"
      data-phase={state.phase}
      data-reason={state.reason ?? ''}
      data-request-id={state.requestId ?? ''}
      data-via={state.via ?? ''}
      data-position={typeof state.position === 'number' ? state.position : ''}
      role="status"
      aria-live="polite"
    >
      <div className="flex items-center gap-2">
        {state.phase === 'sending' || state.phase === 'queued' ? (
          <span className="size-4 shrink-0 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden="true" />
        ) : null}
        <span className="font-semibold" data-testid="purchase-label">
          {state.phase === 'confirmed' ? '✓ Confirmed: it is yours' : friendly ? '✓ You already bought this sale' : purchaseLabel(state, sale)}
        </span>
      </div>
      {state.phase === 'confirmed' && row ? <OrderFacts row={row} /> : null}
      {state.phase === 'confirmed' && !row ? <p className="mt-1 text-sm">Fetching your order number…</p> : null}
      {state.phase === 'error' && state.retryable ? (
        <button type="button" onClick={onRetry} className="mt-2 text-sm font-semibold underline underline-offset-2" data-testid="purchase-retry">
          Try again (the same request, never a second order)
        </button>
      ) : null}
      {state.phase === 'timeout' && state.requestId ? (
        <button type="button" onClick={onCheckAgain} className="mt-2 text-sm font-semibold underline underline-offset-2" data-testid="purchase-check-again">
          Check again
        </button>
      ) : null}
    </div>
  );
}
