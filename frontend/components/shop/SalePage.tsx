'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getPurchase, getSale, problemMessage, startPurchase } from '@/lib/api.mjs';
import { createUpdateBuffer, isFinalStatus, toPurchaseUpdate, type PurchaseUpdate } from '@/lib/events.mjs';
import { applyUpdate, isDecided, newIdempotencyKey, pollPurchase, type PurchaseState, type Via } from '@/lib/purchase.mjs';
import { soldOutText, type Sale } from '@/lib/sales.mjs';
import { viewerId } from '@/lib/session.mjs';
import { clockOffset } from '@/lib/time.mjs';
import { confirmedRow, productOf, useBoundaryRefresh, useMyPurchases, useNow, useProductInfo, useRepeat, type HistoryRow } from '../hooks';
import { useSession } from '../SessionProvider';
import LiveIndicator from './LiveIndicator';
import PurchasePanel, { BoughtPanel } from './PurchasePanel';
import { Countdown, Price, ProductImage, StatusBadge, StockBar, localTime } from './SaleParts';
import { usePurchaseStream } from './usePurchaseStream';

// Outcomes normally arrive on the live stream; polling is the fallback while it is down.
const FALLBACK_POLL_MS = 2_000;
const OUTCOME_TIMEOUT_MS = 60_000;
const SALE_REFRESH_MS = 3_000;

/** The page of one sale (`/sale?id=`): the waiting room, the buy button and the request's life. */
export default function SalePage() {
  const saleId = useSearchParams().get('id') ?? '';
  const { user, ready } = useSession();
  const [sale, setSale] = useState<Sale | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const [purchase, setPurchaseState] = useState<PurchaseState | null>(null);
  const now = useNow();
  const purchaseRef = useRef<PurchaseState | null>(null);
  const poll = useRef<AbortController | null>(null);
  const early = useRef(createUpdateBuffer());
  const sending = useRef(false);
  const viewer = useRef<string | null>(null);
  const { rows, reload } = useMyPurchases(!!user);

  const setPurchase = useCallback((next: PurchaseState | null) => {
    purchaseRef.current = next;
    setPurchaseState(next);
  }, []);

  // --- the sale, refreshed every few seconds (stock, watchers) and at its start and end ---------
  const loadSale = useCallback(async () => {
    if (!saleId) return;
    viewer.current ??= viewerId();
    const sent = Date.now();
    const answer = await getSale(saleId, viewer.current);
    if (answer.ok && answer.data?.id) {
      setOffset(clockOffset(answer.data.serverTime, sent, Date.now()));
      setSale(answer.data as Sale);
      setMissing(null);
    } else if (answer.status === 404 || answer.status === 400) {
      setMissing('This sale does not exist.');
    }
  }, [saleId]);
  useRepeat(loadSale, SALE_REFRESH_MS, !!saleId);
  const sales = sale ? [sale] : null;
  useBoundaryRefresh(sales, offset, loadSale, now);
  const info = useProductInfo(sales);

  // --- the purchase: stream first, polling as the fallback ------------------------------------
  const decided = useCallback(
    (state: PurchaseState) => {
      poll.current?.abort();
      void loadSale();
      if (state.phase === 'confirmed' || state.reason === 'ALREADY_PURCHASED') void reload();
    },
    [loadSale, reload],
  );

  const apply = useCallback(
    (update: PurchaseUpdate | null, via: Via) => {
      const state = purchaseRef.current;
      const next = update ? applyUpdate(state, update, via) : state;
      if (!next || next === state) return;
      setPurchase(next);
      if (isDecided(next)) decided(next);
    },
    [decided, setPurchase],
  );

  const onStreamUpdate = useCallback(
    (update: PurchaseUpdate) => {
      if (purchaseRef.current?.requestId === update.requestId) apply(update, 'sse');
      else early.current.put(update); // the "queued" event can beat the POST's 202
    },
    [apply],
  );
  const stream = usePurchaseStream(!!user, onStreamUpdate, () => undefined);

  const watch = useCallback(
    async (requestId: string, atOnce = false) => {
      poll.current?.abort();
      const controller = new AbortController();
      poll.current = controller;
      const result = await pollPurchase({
        signal: controller.signal,
        intervalMs: FALLBACK_POLL_MS,
        timeoutMs: OUTCOME_TIMEOUT_MS,
        // Tick 0 is right after the 202: give the stream its chance first.
        shouldPoll: (tick) => (atOnce && tick === 0) || (tick > 0 && !stream.open.current),
        fetchStatus: async () => {
          const answer = await getPurchase(requestId);
          return { ok: answer.ok, status: answer.status, body: answer.ok ? answer.data : answer.problem };
        },
        onAnswer: (body) => apply(toPurchaseUpdate(body), 'poll'),
      });
      if (result.outcome === 'TIMEOUT') {
        const state = purchaseRef.current;
        if (state?.requestId === requestId && state.phase === 'queued') setPurchase({ ...state, phase: 'timeout' });
      }
    },
    [apply, setPurchase, stream.open],
  );
  useEffect(() => () => poll.current?.abort(), []);

  // After a reload: a request of this sale still queued is followed again.
  const resumed = useRef(false);
  useEffect(() => {
    if (resumed.current || !rows || purchaseRef.current) return;
    resumed.current = true;
    const queued = rows.find((r) => r.saleId === saleId && r.status === 'QUEUED');
    if (!queued || confirmedRow(rows, saleId)) return;
    // Once, when the history first arrives (an outside answer): the request this page follows.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setPurchase({ phase: 'queued', requestId: queued.requestId, position: null, estimatedWaitMs: null, via: 'poll' });
    void watch(queued.requestId, true);
  }, [rows, saleId, setPurchase, watch]);

  const buy = useCallback(async () => {
    if (!sale || sending.current) return; // a second press while the first is out sends nothing
    sending.current = true;
    try {
      const previous = purchaseRef.current;
      // The same key for a retry after an unknown outcome: the edge maps it to the same request.
      const idempotencyKey = previous?.phase === 'error' && previous.idempotencyKey ? previous.idempotencyKey : newIdempotencyKey();
      setPurchase({ phase: 'sending', idempotencyKey });
      const answer = await startPurchase(sale.id, idempotencyKey);
      if (!answer.ok) {
        const reason = answer.problem.reason ?? null;
        if (answer.status === 401) setPurchase(null);
        else if (answer.status === 503 || answer.status === 0 || answer.status === 429) {
          setPurchase({ phase: 'error', message: problemMessage(answer.problem, answer.status), reason, idempotencyKey, retryable: true });
        } else if (reason) {
          const state: PurchaseState = { phase: 'rejected', reason, idempotencyKey, via: 'response' };
          setPurchase(state);
          decided(state);
        } else setPurchase({ phase: 'error', message: problemMessage(answer.problem, answer.status), idempotencyKey });
        return;
      }
      const data = answer.data ?? {};
      const requestId: string | null = typeof data.requestId === 'string' && data.requestId ? data.requestId : null;
      if (!requestId) {
        setPurchase({ phase: 'error', message: 'The server sent an unexpected answer.', idempotencyKey, retryable: true });
        return;
      }
      const queued: PurchaseState = {
        phase: 'queued',
        requestId,
        position: typeof data.position === 'number' ? data.position : null,
        estimatedWaitMs: typeof data.estimatedWaitMs === 'number' ? data.estimatedWaitMs : null,
        idempotencyKey,
        via: 'response',
      };
      setPurchase(queued);
      if (isFinalStatus(data.status)) apply(toPurchaseUpdate(data), 'response');
      const before = early.current.take(requestId);
      if (before) apply(before, 'sse');
      if (!isDecided(purchaseRef.current)) void watch(requestId);
    } finally {
      sending.current = false;
    }
  }, [apply, decided, sale, setPurchase, watch]);

  // A confirmation (or "already bought") shows its order number and price once the history has the row.
  const bought: HistoryRow | null = confirmedRow(rows, saleId);
  const alreadyBought = !!bought || (purchase?.phase === 'rejected' && purchase.reason === 'ALREADY_PURCHASED') || purchase?.phase === 'confirmed';
  useRepeat(reload, 1_000, !!user && alreadyBought && !bought);

  // --- view -------------------------------------------------------------------------------
  if (!saleId || missing) {
    return (
      <div className="mx-auto max-w-lg py-16 text-center" data-testid="sale-missing">
        <h1 className="text-2xl font-semibold">Sale not found</h1>
        <p className="mt-2 text-slate-700">{missing ?? 'No sale was named.'}</p>
        <Link href="/" className="mt-6 inline-block font-semibold text-blue-800 underline underline-offset-2">
          See every sale
        </Link>
      </div>
    );
  }
  if (!sale) {
    return <div className="h-96 animate-pulse rounded-2xl border border-slate-200 bg-white" aria-busy="true" aria-label="Loading the sale" />;
  }

  const product = productOf(sale, info);
  const serverNow = now + offset;
  const pending = purchase?.phase === 'sending' || purchase?.phase === 'queued';
  const watching = typeof sale.watching === 'number' ? sale.watching : null;

  return (
    <article className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_24rem]" data-testid="sale-page" data-sale-id={sale.id} data-status={sale.status}>
      <section aria-labelledby="sale-title">
        <ProductImage name={sale.productName} url={product.imageUrl} className="h-56 w-full rounded-2xl border border-slate-200 bg-white p-6 sm:h-72" />
        <div className="mt-5 flex flex-wrap items-center gap-3">
          <StatusBadge status={sale.status} />
          {user ? <LiveIndicator state={stream.state} /> : null}
        </div>
        <h1 id="sale-title" className="mt-3 text-2xl font-bold tracking-tight sm:text-3xl" data-testid="sale-name">
          {sale.productName}
        </h1>
        {product.description ? (
          <p className="mt-2 text-slate-700" data-testid="sale-description">
            {product.description}
          </p>
        ) : null}
        <div className="mt-4">
          <Price sale={sale} listPrice={product.listPrice} large />
        </div>
        <div className="mt-5 max-w-md">
          <StockBar sale={sale} />
        </div>
      </section>

      <section aria-labelledby="waiting-heading" className="h-fit rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="waiting-room">
        <h2 id="waiting-heading" className="text-base font-semibold">
          {sale.status === 'UPCOMING' ? 'Waiting room' : sale.status === 'ACTIVE' ? 'Buy' : 'This sale'}
        </h2>

        {sale.status === 'UPCOMING' ? (
          <div className="mt-3">
            <Countdown sale={sale} serverNow={serverNow} large />
            <p className="mt-2 text-sm text-slate-700">Opens {localTime(sale.startsAt)}. The button appears by itself.</p>
          </div>
        ) : sale.status === 'ACTIVE' ? (
          <p className="mt-2 text-sm text-slate-700">
            <Countdown sale={sale} serverNow={serverNow} />
          </p>
        ) : null}

        {watching !== null && (sale.status === 'UPCOMING' || sale.status === 'ACTIVE') ? (
          <p className="mt-3 text-sm font-medium text-slate-800" data-testid="watching" data-count={watching}>
            {watching.toLocaleString()} {watching === 1 ? 'shopper' : 'shoppers'} {sale.status === 'UPCOMING' ? 'waiting' : 'here now'}
          </p>
        ) : null}

        <div className="mt-4 space-y-3">
          {purchase && !(bought && purchase.reason === 'ALREADY_PURCHASED') ? (
            <PurchasePanel
              state={purchase}
              sale={sale}
              row={purchase.phase === 'confirmed' ? bought : null}
              onRetry={() => void buy()}
              onCheckAgain={() => purchase.requestId && void watch(purchase.requestId, true)}
            />
          ) : bought ? (
            <BoughtPanel row={bought} />
          ) : null}

          {sale.status === 'ACTIVE' && !alreadyBought ? (
            !ready ? null : user ? (
              <button
                type="button"
                onClick={() => void buy()}
                disabled={pending}
                aria-disabled={pending}
                data-testid="buy-button"
                className="w-full rounded-lg bg-brand-600 px-4 py-3 text-base font-semibold text-white shadow-sm hover:bg-brand-700 disabled:cursor-wait disabled:bg-slate-500"
              >
                {pending ? 'Buying…' : 'Buy now'}
              </button>
            ) : (
              <Link
                href={`/signin?next=${encodeURIComponent(`/sale?id=${sale.id}`)}`}
                className="block w-full rounded-lg bg-slate-900 px-4 py-3 text-center font-semibold text-white hover:bg-slate-700"
                data-testid="signin-to-buy"
              >
                Sign in to buy
              </Link>
            )
          ) : null}

          {sale.status === 'SOLD_OUT' && !alreadyBought && purchase?.phase !== 'rejected' ? (
            <p className="rounded-lg bg-slate-100 px-3 py-2 text-sm font-medium text-slate-800" data-testid="sale-over-reason">
              {soldOutText(sale)}
            </p>
          ) : sale.status === 'ENDED' || sale.status === 'CANCELLED' ? (
            <p className="rounded-lg bg-slate-100 px-3 py-2 text-sm font-medium text-slate-800" data-testid="sale-over-reason">
              {sale.status === 'CANCELLED' ? 'This sale was cancelled.' : `This sale ended ${localTime(sale.endsAt)}.`}
            </p>
          ) : null}
          {sale.status === 'UPCOMING' && !user && ready ? (
            <Link href={`/signin?next=${encodeURIComponent(`/sale?id=${sale.id}`)}`} className="block text-sm font-semibold text-blue-800 underline underline-offset-2">
              Sign in now, so you are ready at the start
            </Link>
          ) : null}
        </div>
      </section>
    </article>
  );
}
