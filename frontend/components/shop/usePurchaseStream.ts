'use client';

import { useEffect, useRef, useState } from 'react';
import { runPurchaseEvents, type PurchaseUpdate, type StreamState } from '@/lib/events.mjs';

/**
 * The shopper's live stream of purchase updates (SSE, with the session cookie), open while
 * `enabled`. Answers its state and a ref that is true while bytes flow (pollers skip then).
 */
export function usePurchaseStream(enabled: boolean, onUpdate: (update: PurchaseUpdate) => void, onUnauthorized: () => void) {
  const [state, setState] = useState<StreamState>('stopped');
  const open = useRef(false);
  const handlers = useRef({ onUpdate, onUnauthorized });
  useEffect(() => {
    handlers.current = { onUpdate, onUnauthorized };
  });
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    void runPurchaseEvents({
      signal: controller.signal,
      onUpdate: (update) => handlers.current.onUpdate(update),
      onState: (next) => {
        if (controller.signal.aborted) return;
        open.current = next === 'open';
        setState(next);
      },
      onUnauthorized: () => handlers.current.onUnauthorized(),
    });
    return () => {
      controller.abort();
      open.current = false;
      setState('stopped');
    };
  }, [enabled]);
  return { state: enabled ? state : ('stopped' as StreamState), open };
}
