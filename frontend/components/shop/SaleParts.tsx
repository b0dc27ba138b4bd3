import { discountPercent, formatPrice, statusLabel, statusTone, stockSummary, type Sale } from '@/lib/sales.mjs';
import { saleCountdown } from '@/lib/time.mjs';

const BADGE: Record<string, string> = {
  live: 'bg-emerald-100 text-emerald-900 ring-emerald-700/30',
  soon: 'bg-sky-100 text-sky-900 ring-sky-700/30',
  gone: 'bg-red-100 text-red-900 ring-red-700/30',
  over: 'bg-slate-200 text-slate-800 ring-slate-600/30',
  neutral: 'bg-slate-200 text-slate-800 ring-slate-600/30',
};

/** The server's status of a sale as a coloured badge. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${BADGE[statusTone(status)]}`}
      data-testid="sale-status"
      data-status={status}
    >
      {status === 'ACTIVE' ? <span className="size-1.5 animate-pulse rounded-full bg-emerald-600" aria-hidden="true" /> : null}
      {statusLabel(status)}
    </span>
  );
}

/** The sale price, and the list price struck through beside it ("was"), with the discount. */
export function Price({ sale, listPrice, large = false }: { sale: Sale; listPrice: number | null; large?: boolean }) {
  const off = discountPercent(sale.price, listPrice);
  return (
    <p className="flex flex-wrap items-baseline gap-x-2 gap-y-1" data-testid="sale-price">
      <span className={`${large ? 'text-3xl' : 'text-2xl'} font-bold tracking-tight text-slate-900`} data-testid="sale-price-now">
        {formatPrice(sale.price, sale.currency)}
      </span>
      {listPrice !== null && off !== null ? (
        <>
          <span className="text-sm text-slate-600">
            <span className="sr-only">was </span>
            <span aria-hidden="true">was </span>
            <s data-testid="sale-list-price">{formatPrice(listPrice, sale.currency)}</s>
          </span>
          <span className="rounded bg-brand-50 px-1.5 py-0.5 text-xs font-semibold text-brand-700">−{off}%</span>
        </>
      ) : null}
    </p>
  );
}

/** Remaining stock as a line of text and a bar that shrinks as units go. */
export function StockBar({ sale }: { sale: Sale }) {
  const stock = stockSummary(sale.stock, sale.remaining);
  return (
    <div data-testid="sale-stock">
      <div className="flex items-baseline justify-between text-sm">
        <span className="font-medium text-slate-800" data-testid="sale-remaining">
          {stock.text}
        </span>
      </div>
      <div
        className="mt-1.5 h-2 overflow-hidden rounded-full bg-slate-200"
        role="progressbar"
        aria-label="Units left"
        aria-valuemin={0}
        aria-valuemax={stock.stock}
        aria-valuenow={stock.remaining ?? undefined}
        aria-valuetext={stock.text}
        data-testid="sale-progress"
      >
        <div
          className={`h-full rounded-full transition-[width] duration-500 ${sale.status === 'ACTIVE' ? 'bg-brand-600' : 'bg-slate-500'}`}
          style={{ width: `${stock.percentLeft ?? 100}%` }}
        />
      </div>
    </div>
  );
}

/** The product's picture, or a neutral tile with its initial when it has none. */
export function ProductImage({ name, url, className = '' }: { name: string; url: string | null; className?: string }) {
  if (url) {
    // A static export has no image optimizer; the images are small files of this origin.
    // eslint-disable-next-line @next/next/no-img-element
    return <img src={url} alt={name} className={`object-contain ${className}`} data-testid="sale-image" />;
  }
  return (
    <div className={`grid place-items-center bg-slate-200 text-3xl font-bold text-slate-600 ${className}`} role="img" aria-label={name} data-testid="sale-image">
      {name.trim().charAt(0).toUpperCase() || '?'}
    </div>
  );
}

/**
 * The countdown to the start (or the end) on the server's clock. At zero it says so and
 * waits for the server's next word on the status.
 */
export function Countdown({ sale, serverNow, large = false }: { sale: Sale; serverNow: number; large?: boolean }) {
  if (sale.status !== 'UPCOMING' && sale.status !== 'ACTIVE') return null;
  const countdown = saleCountdown(sale, serverNow);
  const kind = sale.status === 'UPCOMING' ? 'starts' : 'ends';
  const text = countdown && countdown.kind === kind ? countdown.text : kind === 'starts' ? 'Opening…' : 'Closing…';
  return (
    <span
      className={`font-mono tabular-nums ${large ? 'text-3xl font-bold sm:text-4xl' : 'text-sm'} ${kind === 'ends' ? 'text-brand-700' : 'text-slate-800'}`}
      data-testid="sale-countdown"
      data-kind={kind}
      role={large ? 'timer' : undefined}
      aria-live="off"
    >
      {text}
    </span>
  );
}

const dateTime = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** An instant in the shopper's own time zone, e.g. "Tue 1 Dec, 14:05". */
export function localTime(iso: string | null | undefined): string {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? dateTime.format(t) : '';
}
