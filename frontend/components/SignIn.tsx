'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { useSession } from './SessionProvider';
import { Field } from './ui/Field';

/** Only a path of this site: never another origin ("//host", "https://..."). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/** Sign in, or create a shopper account (then signed in at once), and go back where the shopper was. */
export default function SignIn() {
  const { user, ready, notice, signIn, signUp } = useSession();
  const params = useSearchParams();
  const router = useRouter();
  const next = safeNext(params.get('next'));
  const [mode, setMode] = useState<'signin' | 'register'>(params.get('mode') === 'register' ? 'register' : 'signin');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  useEffect(() => {
    if (ready && user) router.replace(next);
  }, [ready, user, next, router]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setFields({});
    if (mode === 'signin') {
      const problem = await signIn(username.trim(), password);
      if (problem) {
        setError(problem);
        setPassword('');
      }
    } else {
      const problem = await signUp(username.trim(), password);
      if (problem) {
        setError(problem.message);
        setFields(problem.fields);
      }
    }
    setBusy(false);
  }

  const register = mode === 'register';
  return (
    <section className="mx-auto max-w-sm" aria-labelledby="signin-heading">
      <h1 id="signin-heading" className="text-2xl font-bold tracking-tight">
        {register ? 'Create your account' : 'Sign in'}
      </h1>
      <p className="mt-1 text-sm text-slate-700">One unit per shopper and sale, while stock lasts.</p>
      {notice ? (
        <p className="mt-4 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="login-notice" role="status">
          {notice}
        </p>
      ) : null}
      <form className="mt-5 space-y-4 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" onSubmit={submit} data-testid={register ? 'register-form' : 'login-form'} noValidate>
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          value={username}
          onChange={setUsername}
          error={fields.username}
          hint={register ? '3 to 32 letters, digits, “_”, “.” or “-”' : undefined}
          testId="login-username"
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete={register ? 'new-password' : 'current-password'}
          value={password}
          onChange={setPassword}
          error={fields.password}
          hint={register ? 'At least 8 characters' : undefined}
          testId="login-password"
        />
        {error ? (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="login-error">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={busy || !username.trim() || !password}
          data-testid="login-submit"
          className="w-full rounded-lg bg-slate-900 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-slate-700 disabled:cursor-not-allowed disabled:bg-slate-500"
        >
          {busy ? 'One moment…' : register ? 'Create account' : 'Sign in'}
        </button>
      </form>
      <p className="mt-4 text-center text-sm text-slate-700">
        {register ? 'Have an account? ' : 'New here? '}
        <button
          type="button"
          className="font-semibold text-blue-800 underline underline-offset-2"
          onClick={() => {
            setMode(register ? 'signin' : 'register');
            setError(null);
            setFields({});
          }}
          data-testid="switch-mode"
        >
          {register ? 'Sign in' : 'Create an account'}
        </button>
      </p>
      <p className="mt-2 text-center text-sm">
        <Link href="/" className="text-slate-700 underline underline-offset-2">
          Back to the sales
        </Link>
      </p>
    </section>
  );
}
