'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { login, logout, me, onUnauthorized, problemMessage, register } from '@/lib/api.mjs';
import { mayBeSignedIn, openSessionChannel, rememberSignedIn, type User } from '@/lib/session.mjs';

type SessionValue = {
  /** The signed-in account; null when signed out. */
  user: User | null;
  /** False until the first GET /api/auth/me has answered. */
  ready: boolean;
  /** Why the shopper was signed out, shown above the sign-in form. */
  notice: string | null;
  /** Answers null on success, else the message to show. */
  signIn: (username: string, password: string) => Promise<string | null>;
  /** Registers, then signs in. Answers null, or the message and the server's per-field messages. */
  signUp: (username: string, password: string) => Promise<{ message: string; fields: Record<string, string> } | null>;
  signOut: () => Promise<void>;
};

const SessionContext = createContext<SessionValue | null>(null);

/** How often a visible tab asks who it is: a disabled account is signed out within this. */
const RECHECK_MS = 10_000;

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/**
 * The browser session for the whole app: the httpOnly cookie is the session, so this only
 * asks GET /api/auth/me who it is (at load, every 10 s while visible, when another tab signs
 * in), drops the user on any 401, and tells the other tabs of a sign-in or sign-out.
 */
export default function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const userRef = useRef<User | null>(null);
  const channel = useRef<ReturnType<typeof openSessionChannel> | null>(null);

  const apply = useCallback((next: User | null, why?: string) => {
    const had = userRef.current;
    userRef.current = next;
    rememberSignedIn(!!next);
    setUser(next);
    setReady(true);
    if (next) setNotice(null);
    else if (had && why) setNotice(why);
  }, []);

  const refresh = useCallback(async () => {
    if (!userRef.current && !mayBeSignedIn()) {
      apply(null);
      return;
    }
    const answer = await me();
    if (answer.ok && answer.data?.username) apply(answer.data as User);
    else if (answer.status === 401 || answer.status === 403) apply(null, 'You were signed out. Sign in again to continue.');
    else if (!userRef.current) setReady(true); // network trouble: keep what we had
  }, [apply]);

  useEffect(() => {
    channel.current = openSessionChannel((signal) => {
      if (signal === 'signed-out') apply(null, 'You signed out in another tab.');
      else void refresh();
    });
    const stop = onUnauthorized(() => {
      if (userRef.current) apply(null, 'Your session has ended. Sign in again to continue.');
    });
    // eslint-disable-next-line react-hooks/set-state-in-effect -- state is set when /api/auth/me answers, not synchronously
    void refresh();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible' && userRef.current) void refresh();
    }, RECHECK_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stop();
      channel.current?.close();
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [apply, refresh]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const answer = await login(username, password);
      if (!answer.ok) return problemMessage(answer.problem, answer.status);
      if (!answer.data?.user) return 'The server sent an unexpected answer.';
      apply(answer.data.user as User);
      channel.current?.post('signed-in');
      return null;
    },
    [apply],
  );

  const signUp = useCallback(
    async (username: string, password: string) => {
      const answer = await register(username, password);
      if (!answer.ok) {
        const fields: Record<string, string> = {};
        for (const e of answer.problem.errors ?? []) if (!(e.field in fields)) fields[e.field] = e.message;
        return { message: problemMessage(answer.problem, answer.status), fields };
      }
      const problem = await signIn(username, password);
      return problem ? { message: problem, fields: {} } : null;
    },
    [signIn],
  );

  const signOut = useCallback(async () => {
    rememberSignedIn(false); // before the request: a page opened meanwhile must not ask /api/auth/me
    await logout();
    apply(null);
    setNotice(null);
    channel.current?.post('signed-out');
  }, [apply]);

  const value = useMemo(() => ({ user, ready, notice, signIn, signUp, signOut }), [user, ready, notice, signIn, signUp, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
