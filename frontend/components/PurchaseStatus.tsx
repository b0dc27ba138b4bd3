import { purchaseLabel, reasonHint, type PurchaseState } from '@/lib/purchase.mjs';

type Props = {
  state: PurchaseState;
  onRetry: () => void;
  onCheckAgain: () => void;
};

const TONES: Record<PurchaseState['phase'], string> = {
  sending: 'border-slate-200 bg-slate-50 text-slate-700',
  queued: 'border-amber-200 bg-amber-50 text-amber-900',
  confirmed: 'border-emerald-200 bg-emerald-50 text-emerald-800',
  rejected: 'border-red-200 bg-red-50 text-red-800',
  timeout: 'border-amber-200 bg-amber-50 text-amber-900',
  error: 'border-red-200 bg-red-50 text-red-800',
};

function Icon({ phase }: { phase: PurchaseState['phase'] }) {
  if (phase === 'sending' || phase === 'queued') {
    return <span className="size-4 shrink-0 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden="true" />;
  }
  const path =
    phase === 'confirmed'
      ? 'M5 13l4 4L19 7'
      : phase === 'timeout'
        ? 'M12 8v4l2.5 2.5M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0Z'
        : 'M6 18 18 6M6 6l12 12';
  return (
    <svg viewBox="0 0 24 24" className="size-4 shrink-0" fill="none" stroke="currentColor" strokeWidth={2.5} aria-hidden="true">
      <path strokeLinecap="round" strokeLinejoin="round" d={path} />
    </svg>
  );
}

export default function PurchaseStatus({ state, onRetry, onCheckAgain }: Props) {
  // The queued label carries the place and the wait ("Queued (position 3, ~2 s)").
  const hint = state.phase === 'rejected' ? reasonHint(state.reason) : null;
  return (
    <div
      className={`mt-4 rounded-lg border px-3 py-2 text-sm ${TONES[state.phase]}`}
      data-testid="purchase-status"
      data-phase={state.phase}
      data-request-id={state.requestId ?? ''}
      data-via={state.via ?? ''}
      role="status"
      aria-live="polite"
    >
      <div className="flex items-center gap-2">
        <Icon phase={state.phase} />
        <span className="font-semibold" data-testid="purchase-label">
          {purchaseLabel(state)}
        </span>
      </div>
      {hint ? <p className="mt-1 pl-6 text-xs opacity-80">{hint}</p> : null}
      {state.phase === 'error' && state.retryable ? (
        <button type="button" onClick={onRetry} className="mt-2 ml-6 text-xs font-semibold underline underline-offset-2" data-testid="purchase-retry">
          Try again (same request)
        </button>
      ) : null}
      {state.phase === 'timeout' && state.requestId ? (
        <button type="button" onClick={onCheckAgain} className="mt-2 ml-6 text-xs font-semibold underline underline-offset-2" data-testid="purchase-check-again">
          Check again
        </button>
      ) : null}
    </div>
  );
}
