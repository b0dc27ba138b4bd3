import type { StreamState } from '@/lib/events.mjs';

const LIVE: Record<StreamState, { text: string; dot: string; title: string }> = {
  open: { text: 'Live updates', dot: 'bg-emerald-600', title: 'Purchase updates arrive live' },
  connecting: { text: 'Connecting', dot: 'animate-pulse bg-amber-500', title: 'Connecting to live updates; outcomes are checked every 2 s meanwhile' },
  retrying: { text: 'Reconnecting', dot: 'animate-pulse bg-amber-500', title: 'Live updates dropped; outcomes are checked every 2 s until they are back' },
  stopped: { text: 'Offline', dot: 'bg-slate-500', title: 'No live updates' },
};

/** Whether purchase updates stream live (else the page polls). */
export default function LiveIndicator({ state }: { state: StreamState }) {
  const look = LIVE[state];
  return (
    <span
      className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-800"
      data-testid="live-indicator"
      data-connected={state === 'open' ? 'true' : 'false'}
      data-state={state}
      title={look.title}
    >
      <span className={`size-2 rounded-full ${look.dot}`} aria-hidden="true" />
      {look.text}
    </span>
  );
}
