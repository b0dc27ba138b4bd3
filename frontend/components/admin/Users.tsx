'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { adminUser, adminUsers, changeUser, problemMessage } from '@/lib/api.mjs';
import type { User } from '@/lib/session.mjs';
import { useSession } from '../SessionProvider';
import { localTime } from '../shop/SaleParts';
import { Button } from '../ui/Button';
import { inputClass } from '../ui/Field';
import AdminOnly from './AdminOnly';
import PurchaseTable from './PurchaseTable';

type Account = User & { enabled: boolean; createdAt: string };
const PAGE = 20;

/** Users: search, change role, disable and enable; `?id=` shows one user's purchases. */
export default function Users() {
  return (
    <AdminOnly>
      <UsersView />
    </AdminOnly>
  );
}

function UsersView() {
  const focus = useSearchParams().get('id');
  const { user: me } = useSession();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(0);
  const [items, setItems] = useState<Account[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (focus) {
      const answer = await adminUser(focus);
      if (answer.ok) {
        setItems([answer.data as Account]);
        setTotal(1);
        setError(null);
      } else setError(problemMessage(answer.problem, answer.status));
      return;
    }
    const answer = await adminUsers({ q: q.trim() || undefined, page, size: PAGE });
    if (!answer.ok) {
      setError(problemMessage(answer.problem, answer.status));
      return;
    }
    setItems(answer.data?.items ?? []);
    setTotal(Number(answer.data?.total) || 0);
    setError(null);
  }, [focus, q, page]);
  useEffect(() => {
    const timer = window.setTimeout(() => void load(), 200);
    return () => window.clearTimeout(timer);
  }, [load]);

  async function change(account: Account, patch: { role?: string; enabled?: boolean }) {
    setBusy(account.id);
    const answer = await changeUser(account.id, patch);
    setBusy(null);
    if (!answer.ok) setError(problemMessage(answer.problem, answer.status));
    else {
      setError(null);
      setItems((current) => current?.map((a) => (a.id === account.id ? (answer.data as Account) : a)) ?? null);
    }
  }

  return (
    <section aria-labelledby="users-heading">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 id="users-heading" className="text-2xl font-bold tracking-tight">
          {focus && items?.[0] ? `User ${items[0].username}` : 'Users'}
        </h1>
        {focus ? (
          <Link href="/admin/users" className="text-sm font-semibold text-blue-800 underline underline-offset-2">
            Every user
          </Link>
        ) : null}
      </div>
      {!focus ? (
        <div className="mt-6">
          <label htmlFor="user-search" className="block text-sm font-medium text-slate-800">
            Search by username
          </label>
          <input
            id="user-search"
            type="search"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(0);
            }}
            className={`${inputClass} border-slate-400 sm:max-w-sm`}
            data-testid="user-search"
          />
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="users-error">
          {error}
        </p>
      ) : null}
      {items === null ? null : items.length === 0 ? (
        <p className="mt-4 text-slate-700">No user matches.</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" data-testid="user-list">
          {items.map((a) => {
            const self = a.id === me?.id;
            return (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3" data-testid="user-row" data-username={a.username} data-enabled={a.enabled ? 'true' : 'false'} data-role={a.role}>
                <div className="min-w-0">
                  <p className="font-semibold">
                    <Link href={`/admin/users?id=${encodeURIComponent(a.id)}`} className="underline-offset-2 hover:underline">
                      {a.username}
                    </Link>
                    {a.enabled ? null : <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-900">Disabled</span>}
                  </p>
                  <p className="text-sm text-slate-700">Since {localTime(a.createdAt)}</p>
                </div>
                <div className="flex flex-wrap items-center gap-2">
                  <label className="sr-only" htmlFor={`role-${a.id}`}>
                    Role of {a.username}
                  </label>
                  <select
                    id={`role-${a.id}`}
                    value={a.role}
                    disabled={self || busy === a.id}
                    onChange={(e) => void change(a, { role: e.target.value })}
                    className="rounded-lg border border-slate-400 bg-white px-2 py-1.5 text-sm"
                    data-testid="user-role"
                  >
                    <option value="USER">Shopper</option>
                    <option value="ADMIN">Admin</option>
                  </select>
                  <Button
                    look={a.enabled ? 'danger' : 'secondary'}
                    disabled={self || busy === a.id}
                    onClick={() => void change(a, { enabled: !a.enabled })}
                    aria-label={`${a.enabled ? 'Disable' : 'Enable'} ${a.username}`}
                    data-testid="user-toggle"
                  >
                    {a.enabled ? 'Disable' : 'Enable'}
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {!focus && total > PAGE ? (
        <div className="mt-3 flex items-center gap-3 text-sm">
          <Button disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</Button>
          <span>Page {page + 1} of {Math.ceil(total / PAGE)}</span>
          <Button disabled={(page + 1) * PAGE >= total} onClick={() => setPage(page + 1)}>Next</Button>
        </div>
      ) : null}
      {focus && items?.[0] ? (
        <section className="mt-6" aria-labelledby="user-purchases-heading">
          <h2 id="user-purchases-heading" className="text-lg font-semibold">
            Purchases
          </h2>
          <PurchaseTable key={focus} of="user" id={focus} />
        </section>
      ) : null}
    </section>
  );
}
