'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import Header from './Header';
import LoginForm from './LoginForm';
import SaleCard from './SaleCard';
import { getPurchase, listSales, login, problemMessage, startPurchase } from '@/lib/api.mjs';
import { clockOffset, nextBoundary } from '@/lib/time.mjs';
import { effectiveStatus, sortSales, type Sale } from '@/lib/sales.mjs';
import { applyUpdate, isDecided, newIdempotencyKey, pollPurchase, type PurchaseState, type Via } from '@/lib/purchase.mjs';
import {
  createUpdateBuffer,
  isFinalStatus,
  runPurchaseEvents,
  toPurchaseUpdate,
  type PurchaseUpdate,
  type StreamState,
} from '@/lib/events.mjs';
import { clearSession, loadSession, saveSession, type Session } from '@/lib/session.mjs';

const REFRESH_MS = 5_000;
const TICK_MS = 250;
const MAX_TIMER_MS = 2_147_483_647;
// Outcomes normally arrive on the live stream; polling is the fallback while it is down.
const FALLBACK_POLL_MS = 2_000;
const OUTCOME_TIMEOUT_MS = 60_000;

type Purchases = Record<string, PurchaseState>;

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

export default function FlashSaleApp() {
  const [session, setSession] = useState<Session | null>(null);
  const [sessionReady, setSessionReady] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [sales, setSales] = useState<Sale[] | null>(null);
  const [salesError, setSalesError] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [purchases, setPurchases] = useState<Purchases>({});
  const [live, setLive] = useState<StreamState>('stopped');

  const sessionRef = useRef<Session | null>(null);
  // The latest purchases, for the stream's and the pollers' callbacks (state is for render).
  const purchasesRef = useRef<Purchases>({});
  const polls = useRef(new Map<string, AbortController>());
  const loadingSales = useRef(false);
  // Whether the live stream is delivering: fallback polls skip their turn while it is.
  const streamOpen = useRef(false);
  // Stream updates about requests the page does not know (yet): the "queued" event can beat
  // the POST's 202; the replay brings outcomes of older requests.
  const unmatched = useRef(createUpdateBuffer());

  // --- session -------------------------------------------------------------------------
  useEffect(() => {
    const restored = loadSession(storage(), Date.now());
    sessionRef.current = restored;
    // Reading sessionStorage is only possible after hydration, hence state set in an effect.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSession(restored);
    setSessionReady(true);
  }, []);

  const stopPolls = useCallback(() => {
    for (const controller of polls.current.values()) controller.abort();
    polls.current.clear();
  }, []);

  const updatePurchases = useCallback((change: (current: Purchases) => Purchases) => {
    const next = change(purchasesRef.current);
    if (next === purchasesRef.current) return;
    purchasesRef.current = next;
    setPurchases(next);
  }, []);

  const signOut = useCallback(
    (why?: string) => {
      // Dropping the session closes the live stream (its effect depends on the token).
      stopPolls();
      clearSession(storage());
      sessionRef.current = null;
      setSession(null);
      updatePurchases(() => ({}));
      setNotice(why ?? null);
    },
    [stopPolls, updatePurchases],
  );

  const signIn = useCallback(async (username: string, password: string): Promise<string | null> => {
    const result = await login(username, password);
    if (!result.ok) return problemMessage(result.problem, result.status);
    const data = result.data ?? {};
    if (!data.token || !data.user) return 'The server sent an unexpected answer.';
    const next: Session = { token: data.token, expiresAt: data.expiresAt ?? null, user: data.user };
    saveSession(storage(), next);
    sessionRef.current = next;
    setSession(next);
    setNotice(null);
    return null;
  }, []);

  // --- sales and the server's clock ------------------------------------------------------
  const refreshSales = useCallback(async () => {
    if (loadingSales.current) return;
    loadingSales.current = true;
    try {
      const sent = Date.now();
      const result = await listSales();
      const received = Date.now();
      if (result.ok && result.data && Array.isArray(result.data.items)) {
        setOffset(clockOffset(result.data.serverTime, sent, received));
        setSales(result.data.items);
        setSalesError(null);
      } else {
        setSalesError(result.ok ? 'The server sent an unexpected answer.' : problemMessage(result.problem, result.status));
      }
    } finally {
      loadingSales.current = false;
    }
  }, []);

  useEffect(() => {
    // Initial load, then a refresh every few seconds while the tab is visible.
    void refreshSales();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void refreshSales();
    }, REFRESH_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refreshSales();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refreshSales]);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), TICK_MS);
    return () => window.clearInterval(timer);
  }, []);

  // Refresh right after the next start or end of any sale, so statuses flip on time.
  useEffect(() => {
    if (!sales) return;
    const serverNow = Date.now() + offset;
    const boundary = nextBoundary(sales, serverNow);
    if (boundary === null) return;
    const wait = boundary - serverNow + 300;
    if (wait > MAX_TIMER_MS) return;
    const timer = window.setTimeout(() => void refreshSales(), wait);
    return () => window.clearTimeout(timer);
  }, [sales, offset, refreshSales]);

  useEffect(() => () => stopPolls(), [stopPolls]);

  // --- purchases -------------------------------------------------------------------------
  const setPurchase = useCallback(
    (saleId: string, state: PurchaseState) => updatePurchases((current) => ({ ...current, [saleId]: state })),
    [updatePurchases],
  );

  /** Applies an update to the sale's request; true when it changed something. */
  const applyToSale = useCallback(
    (saleId: string, update: PurchaseUpdate | null, via: Via): boolean => {
      const state = purchasesRef.current[saleId];
      const next = update ? applyUpdate(state, update, via) : state;
      if (!next || next === state) return false;
      setPurchase(saleId, next);
      if (isDecided(next)) {
        polls.current.get(saleId)?.abort();
        polls.current.delete(saleId);
        void refreshSales();
      }
      return true;
    },
    [refreshSales, setPurchase],
  );

  const onStreamUpdate = useCallback(
    (update: PurchaseUpdate) => {
      const current = purchasesRef.current;
      const saleId = Object.keys(current).find((id) => current[id]?.requestId === update.requestId);
      if (saleId === undefined) unmatched.current.put(update);
      else applyToSale(saleId, update, 'sse');
    },
    [applyToSale],
  );

  // The fallback: polls the request every 2 s while the live stream is down, until it is
  // decided (by either way) or 60 s have passed. `atOnce` polls once right away ("Check again").
  const watch = useCallback(
    async (saleId: string, requestId: string, atOnce = false) => {
      const current = sessionRef.current;
      if (!current) return;
      polls.current.get(saleId)?.abort();
      const controller = new AbortController();
      polls.current.set(saleId, controller);
      const result = await pollPurchase({
        signal: controller.signal,
        intervalMs: FALLBACK_POLL_MS,
        timeoutMs: OUTCOME_TIMEOUT_MS,
        // Tick 0 is right after the 202: give the stream its chance first.
        shouldPoll: (tick) => (atOnce && tick === 0) || (tick > 0 && !streamOpen.current),
        fetchStatus: async () => {
          const answer = await getPurchase(requestId, current.token);
          return { ok: answer.ok, status: answer.status, body: answer.ok ? answer.data : answer.problem };
        },
        onAnswer: (body) => void applyToSale(saleId, toPurchaseUpdate(body), 'poll'),
      });
      if (polls.current.get(saleId) === controller) polls.current.delete(saleId);
      switch (result.outcome) {
        case 'CONFIRMED':
        case 'REJECTED':
          applyToSale(saleId, toPurchaseUpdate(result.body), 'poll'); // normally done in onAnswer
          break;
        case 'TIMEOUT': {
          const state = purchasesRef.current[saleId];
          if (state?.requestId === requestId && state.phase === 'queued') setPurchase(saleId, { ...state, phase: 'timeout' });
          break;
        }
        case 'UNAUTHORIZED':
          signOut('Your session has expired. Sign in again to see your purchase.');
          break;
        case 'ABORTED':
          break;
      }
    },
    [applyToSale, setPurchase, signOut],
  );

  // The live stream of purchase updates, open while signed in.
  const token = session?.token ?? null;
  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    unmatched.current = createUpdateBuffer();
    void runPurchaseEvents({
      token,
      signal: controller.signal,
      onUpdate: onStreamUpdate,
      onState: (state) => {
        if (controller.signal.aborted) return;
        streamOpen.current = state === 'open';
        setLive(state);
      },
      onUnauthorized: () => signOut('Your session has expired. Sign in again.'),
    });
    return () => {
      controller.abort();
      streamOpen.current = false;
      setLive('stopped');
    };
  }, [token, onStreamUpdate, signOut]);

  const buy = useCallback(
    async (sale: Sale, reuseKey?: string) => {
      const current = sessionRef.current;
      if (!current) return;
      // One key per click; "Try again" after an unknown outcome (503) reuses it, so the
      // edge maps the retry to the same request and it can never make a second order.
      const idempotencyKey = reuseKey ?? newIdempotencyKey();
      setPurchase(sale.id, { phase: 'sending', idempotencyKey });
      const result = await startPurchase(sale.id, current.token, idempotencyKey);
      if (sessionRef.current !== current) return;
      if (!result.ok) {
        const message = problemMessage(result.problem, result.status);
        if (result.status === 401) {
          signOut('Your session has expired. Sign in again to buy.');
        } else if (result.status === 503 || result.status === 0) {
          setPurchase(sale.id, { phase: 'error', message, idempotencyKey, retryable: true });
        } else if (result.problem.reason) {
          setPurchase(sale.id, { phase: 'rejected', reason: result.problem.reason, message, idempotencyKey });
          void refreshSales();
        } else {
          setPurchase(sale.id, { phase: 'error', message, idempotencyKey });
        }
        return;
      }
      const data = result.data ?? {};
      const requestId: string | null = typeof data.requestId === 'string' && data.requestId ? data.requestId : null;
      if (!requestId) {
        setPurchase(sale.id, { phase: 'error', message: 'The server sent an unexpected answer.', idempotencyKey, retryable: true });
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
      if (isFinalStatus(data.status)) {
        setPurchase(sale.id, { ...queued, phase: data.status === 'CONFIRMED' ? 'confirmed' : 'rejected', reason: data.reason ?? null });
        void refreshSales();
        return;
      }
      setPurchase(sale.id, queued);
      // The stream may have told about this request before its 202 arrived.
      const early = unmatched.current.take(requestId);
      if (early) applyToSale(sale.id, early, 'sse');
      if (isDecided(purchasesRef.current[sale.id])) return;
      await watch(sale.id, requestId);
    },
    [applyToSale, refreshSales, setPurchase, signOut, watch],
  );

  const retry = useCallback((sale: Sale) => void buy(sale, purchasesRef.current[sale.id]?.idempotencyKey), [buy]);
  const checkAgain = useCallback(
    (sale: Sale) => {
      const state = purchasesRef.current[sale.id];
      if (!state?.requestId) return;
      setPurchase(sale.id, { ...state, phase: 'queued' });
      void watch(sale.id, state.requestId, true);
    },
    [setPurchase, watch],
  );

  // --- view ----------------------------------------------------------------------------
  const serverNow = now + offset;
  const ordered = sales ? sortSales(sales, serverNow) : null;
  const liveCount = ordered ? ordered.filter((s) => effectiveStatus(s, serverNow) === 'ACTIVE').length : 0;

  return (
    <>
      <Header session={session} ready={sessionReady} live={live} onSignOut={() => signOut()} />
      <main className="mx-auto grid max-w-6xl gap-8 px-4 py-8 sm:px-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <section aria-labelledby="sales-heading">
          <div className="flex flex-wrap items-end justify-between gap-2">
            <div>
              <h1 id="sales-heading" className="text-2xl font-bold tracking-tight">
                Flash sales
              </h1>
              <p className="mt-1 text-sm text-slate-500">
                {ordered === null
                  ? 'Loading the latest sales…'
                  : liveCount > 0
                    ? `${liveCount} live now. Limited stock, one per shopper.`
                    : 'Limited stock, one per shopper.'}
              </p>
            </div>
          </div>

          {salesError ? (
            <div className="mt-6 flex items-center justify-between gap-4 rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" role="alert" data-testid="sales-error">
              <span>Could not load the sales: {salesError}</span>
              <button type="button" onClick={() => void refreshSales()} className="shrink-0 font-semibold underline underline-offset-2">
                Retry
              </button>
            </div>
          ) : null}

          {ordered === null ? (
            <div className="mt-6 grid gap-5 sm:grid-cols-2" aria-hidden="true">
              {[0, 1].map((i) => (
                <div key={i} className="h-64 animate-pulse rounded-2xl border border-slate-200 bg-white" />
              ))}
            </div>
          ) : ordered.length === 0 ? (
            <p className="mt-6 rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center text-slate-500" data-testid="sales-empty">
              No flash sales right now. Check back soon.
            </p>
          ) : (
            <div className="mt-6 grid gap-5 sm:grid-cols-2" data-testid="sales-list">
              {ordered.map((sale) => (
                <SaleCard
                  key={sale.id}
                  sale={sale}
                  serverNow={serverNow}
                  signedIn={!!session}
                  purchase={purchases[sale.id]}
                  onBuy={(s) => void buy(s)}
                  onRetry={retry}
                  onCheckAgain={checkAgain}
                />
              ))}
            </div>
          )}
        </section>

        <aside className="order-first space-y-4 lg:order-none">
          {!sessionReady ? null : session ? (
            <section className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="account-panel">
              <h2 className="text-base font-semibold">Welcome, {session.user.username}</h2>
              <p className="mt-1 text-sm text-slate-500">Press “Buy now” on a live sale. Your place in the queue and the outcome show on the card.</p>
            </section>
          ) : (
            <LoginForm onLogin={signIn} notice={notice} />
          )}
          <section className="hidden rounded-2xl border border-slate-200 bg-white p-5 text-sm text-slate-600 shadow-sm lg:block">
            <h2 className="text-base font-semibold text-slate-900">How it works</h2>
            <ol className="mt-2 list-decimal space-y-1 pl-5">
              <li>Each sale opens at a fixed time with a limited stock.</li>
              <li>Your request joins a fair queue, first come first served.</li>
              <li>You see “Confirmed” or the reason it was not, within seconds.</li>
            </ol>
          </section>
        </aside>
      </main>
      <footer className="mx-auto max-w-6xl px-4 pb-10 text-xs text-slate-400 sm:px-6">
        Countdowns follow the server&apos;s clock
        {Math.abs(offset) >= 2000 ? ` (your device is ${Math.round(Math.abs(offset) / 1000)} s ${offset > 0 ? 'behind' : 'ahead'})` : ''}.
      </footer>
    </>
  );
}
