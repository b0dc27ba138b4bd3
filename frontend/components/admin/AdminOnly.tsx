'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { useSession } from '../SessionProvider';
import SignInRequired from '../SignInRequired';

/** Shows its children to admins only; a shopper is turned away (the server refuses them the data anyway). */
export default function AdminOnly({ children }: { children: ReactNode }) {
  const { user, ready } = useSession();
  if (!ready) return null;
  if (!user) return <SignInRequired what="this admin page" />;
  if (user.role !== 'ADMIN') {
    return (
      <div className="mx-auto max-w-md py-12 text-center" data-testid="admin-refused" role="alert">
        <h1 className="text-2xl font-semibold">This page is for admins</h1>
        <p className="mt-2 text-slate-700">You are signed in as a shopper, so there is nothing for you here.</p>
        <Link href="/" className="mt-6 inline-block rounded-lg bg-slate-900 px-4 py-2 font-semibold text-white hover:bg-slate-700">
          Back to the sales
        </Link>
      </div>
    );
  }
  return <>{children}</>;
}
