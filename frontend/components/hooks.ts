'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { getProduct, listSales, myPurchases, problemMessage } from '@/lib/api.mjs';
import { clockOffset, nextBoundary } from '@/lib/time.mjs';
import type { Sale } from '@/lib/sales.mjs';

const MAX_TIMER_MS = 2_147_483_647;

/** The local clock, ticking every `ms`. */
export function useNow(ms = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return now;
}

/**
 * Calls `task` now and every `ms` while the tab is visible (and at once when it becomes
 * visible again). The latest `task` is used; changing it does not restart the timer.
 */
export function useRepeat(task: () => void | Promise<void>, ms: number, enabled = true) {
  const latest = useRef(task);
  useEffect(() => {
    latest.current = task;
  });
  useEffect(() => {
    if (!enabled) return;
    void latest.current();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void latest.current();
    }, ms);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void latest.current();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [ms, enabled]);
}

/**
 * Asks again right after the next start or end among `sales` (server clock), and every
 * second while a sale's countdown has reached zero but the server has not flipped it yet:
 * the page shows what the server says, it never decides the window itself.
 */
export function useBoundaryRefresh(sales: ReadonlyArray<Sale> | null, offset: number, refresh: () => void, now: number) {
  useEffect(() => {
    if (!sales) return;
    const serverNow = Date.now() + offset;
    const boundary = nextBoundary(sales, serverNow);
    if (boundary === null) return;
    const wait = boundary - serverNow + 250;
    if (wait > MAX_TIMER_MS) return;
    const timer = window.setTimeout(refresh, wait);
    return () => window.clearTimeout(timer);
  }, [sales, offset, refresh]);
  const overdue =
    !!sales &&
    sales.some(
      (s) => (s.status === 'UPCOMING' && Date.parse(s.startsAt) <= now + offset) || (s.status === 'ACTIVE' && Date.parse(s.endsAt) <= now + offset),
    );
  useRepeat(refresh, 1_000, overdue);
}

/** Every sale (GET /api/sales), refreshed every 5 s and at each start and end, with the server's clock offset. */
export function useSales() {
  const [sales, setSales] = useState<Sale[] | null>(null);
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);
  const refresh = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      const sent = Date.now();
      const answer = await listSales();
      if (answer.ok && Array.isArray(answer.data?.items)) {
        setOffset(clockOffset(answer.data.serverTime, sent, Date.now()));
        setSales(answer.data.items);
        setError(null);
      } else {
        setError(answer.ok ? 'The server sent an unexpected answer.' : problemMessage(answer.problem, answer.status));
      }
    } finally {
      busy.current = false;
    }
  }, []);
  useRepeat(refresh, 5_000);
  return { sales, offset, error, refresh };
}

export type ProductInfo = { description: string | null; imageUrl: string | null; listPrice: number | null };

const productCache = new Map<string, Promise<ProductInfo | null>>();

function loadProduct(productId: string): Promise<ProductInfo | null> {
  let known = productCache.get(productId);
  if (!known) {
    known = getProduct(productId).then((answer) => {
      if (!answer.ok || !answer.data) {
        productCache.delete(productId); // asked again next time
        return null;
      }
      const p = answer.data;
      return {
        description: typeof p.description === 'string' ? p.description : null,
        imageUrl: typeof p.imagePath === 'string' && p.imagePath ? p.imagePath : null,
        listPrice: typeof p.listPrice === 'number' ? p.listPrice : null,
      };
    });
    productCache.set(productId, known);
  }
  return known;
}

/**
 * The description and image of each sale's product: from the sale when the edge sends them,
 * else from GET /api/products/{id} (once per product per page).
 */
export function useProductInfo(sales: ReadonlyArray<Sale> | null): Record<string, ProductInfo> {
  const [info, setInfo] = useState<Record<string, ProductInfo>>({});
  const ids = (sales ?? [])
    .filter((s) => s.productDescription === undefined && s.imageUrl === undefined)
    .map((s) => s.productId)
    .filter((id, i, all) => id && all.indexOf(id) === i)
    .sort()
    .join(',');
  useEffect(() => {
    if (!ids) return;
    let live = true;
    for (const id of ids.split(',')) {
      void loadProduct(id).then((p) => {
        if (live && p) setInfo((current) => (current[id] ? current : { ...current, [id]: p }));
      });
    }
    return () => {
      live = false;
    };
  }, [ids]);
  return info;
}

/** The product details of a sale, the sale's own fields first. */
export function productOf(sale: Sale, info: Record<string, ProductInfo>): ProductInfo {
  const fetched = info[sale.productId];
  return {
    description: sale.productDescription ?? fetched?.description ?? null,
    imageUrl: sale.imageUrl ?? fetched?.imageUrl ?? null,
    listPrice: sale.listPrice ?? fetched?.listPrice ?? null,
  };
}

export type HistoryRow = {
  requestId: string;
  saleId: string;
  productId?: string | null;
  productName?: string | null;
  status: 'QUEUED' | 'CONFIRMED' | 'REJECTED' | string;
  reason?: string | null;
  pricePaid?: number | null;
  currency?: string | null;
  acceptedAt?: string | null;
  decidedAt?: string | null;
  orderId?: string | null;
};

/**
 * The signed-in shopper's latest purchase requests (GET /api/me/purchases, newest first), or
 * null while unknown. `reload` asks again.
 */
export function useMyPurchases(signedIn: boolean) {
  const [rows, setRows] = useState<HistoryRow[] | null>(null);
  const reload = useCallback(async () => {
    const answer = await myPurchases(0, 100);
    if (answer.ok && Array.isArray(answer.data?.items)) setRows(answer.data.items);
  }, []);
  useEffect(() => {
    if (!signedIn) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- state is set when the server answers, not synchronously
    void reload();
  }, [signedIn, reload]);
  return { rows: signedIn ? rows : null, reload };
}

/** The confirmed row of a sale among the shopper's requests, if any. */
export function confirmedRow(rows: ReadonlyArray<HistoryRow> | null, saleId: string): HistoryRow | null {
  return rows?.find((r) => r.saleId === saleId && r.status === 'CONFIRMED') ?? null;
}
