'use client';

import { useState, type FormEvent } from 'react';

type Props = {
  onLogin: (username: string, password: string) => Promise<string | null>;
  notice?: string | null;
};

export default function LoginForm({ onLogin, notice }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const problem = await onLogin(username.trim(), password);
    setBusy(false);
    if (problem) {
      setError(problem);
      setPassword('');
    }
  }

  const inputClass =
    'mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none transition placeholder:text-slate-400 focus:border-brand-500 focus:ring-2 focus:ring-brand-100';

  return (
    <section className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="login-heading">
      <h2 id="login-heading" className="text-base font-semibold">
        Sign in to buy
      </h2>
      <p className="mt-1 text-sm text-slate-500">One unit per shopper and sale, while stock lasts.</p>
      {notice ? (
        <p className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="login-notice">
          {notice}
        </p>
      ) : null}
      <form className="mt-4 space-y-3" onSubmit={submit} data-testid="login-form" noValidate>
        <label className="block text-sm font-medium text-slate-700">
          Username
          <input
            className={inputClass}
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            data-testid="login-username"
          />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Password
          <input
            className={inputClass}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
          />
        </label>
        {error ? (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="login-error">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={busy || !username.trim() || !password}
          data-testid="login-submit"
          className="w-full rounded-lg bg-slate-900 px-4 py-2 text-sm font-semibold text-white shadow-sm transition hover:bg-slate-700 disabled:cursor-not-allowed disabled:bg-slate-300"
        >
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
