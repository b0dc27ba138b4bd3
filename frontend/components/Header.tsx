import Link from 'next/link';
import type { Session } from '@/lib/session.mjs';
import type { StreamState } from '@/lib/events.mjs';

type Props = {
  session: Session | null;
  ready: boolean;
  live: StreamState;
  onSignOut: () => void;
};

const LIVE: Record<StreamState, { text: string; dot: string; title: string }> = {
  open: { text: 'Live', dot: 'bg-emerald-400', title: 'Purchase updates arrive live' },
  connecting: { text: 'Connecting', dot: 'animate-pulse bg-amber-400', title: 'Connecting to live updates; outcomes are checked every 2 s meanwhile' },
  retrying: { text: 'Reconnecting', dot: 'animate-pulse bg-amber-400', title: 'Live updates dropped; outcomes are checked every 2 s until they are back' },
  stopped: { text: 'Offline', dot: 'bg-slate-500', title: 'No live updates' },
};

/** A small dot telling whether purchase updates stream live (else the page polls). */
function LiveIndicator({ state }: { state: StreamState }) {
  const look = LIVE[state];
  return (
    <span
      className="inline-flex items-center gap-1.5 rounded-full bg-slate-800 px-2 py-0.5 text-xs font-medium text-slate-200"
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

export default function Header({ session, ready, live, onSignOut }: Props) {
  return (
    <header className="sticky top-0 z-10 border-b border-slate-800 bg-slate-900 text-white">
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2" data-testid="app-title">
          <span className="grid size-8 place-items-center rounded-lg bg-brand-500" aria-hidden="true">
            <svg viewBox="0 0 24 24" className="size-5 fill-white">
              <path d="M13 2 4.5 13.5H11L10 22l8.5-11.5H12L13 2Z" />
            </svg>
          </span>
          <span className="text-lg font-semibold tracking-tight">Flashsale</span>
        </Link>
        <div className="flex items-center gap-3 text-sm" data-testid="login-state" data-signed-in={session ? 'true' : 'false'}>
          {!ready ? null : session ? (
            <>
              <LiveIndicator state={live} />
              <span className="hidden text-slate-300 sm:inline">Signed in as</span>
              <span className="font-medium" data-testid="current-user">
                {session.user.username}
              </span>
              {session.user.role === 'ADMIN' ? (
                <span className="rounded bg-slate-700 px-1.5 py-0.5 text-xs font-medium text-slate-200">Admin</span>
              ) : null}
              <button
                type="button"
                onClick={onSignOut}
                data-testid="logout-button"
                className="rounded-lg border border-slate-600 px-3 py-1.5 font-medium text-slate-100 transition hover:border-slate-400 hover:bg-slate-800"
              >
                Sign out
              </button>
            </>
          ) : (
            <span className="text-slate-300">Not signed in</span>
          )}
        </div>
      </div>
    </header>
  );
}
