import Link from 'next/link';
import type { Session } from '@/lib/session.mjs';

type Props = {
  session: Session | null;
  ready: boolean;
  onSignOut: () => void;
};

export default function Header({ session, ready, onSignOut }: Props) {
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
