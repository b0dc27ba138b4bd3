import Link from 'next/link';

/** Where a page needs a signed-in caller and there is none: a way to sign in and come back. */
export default function SignInRequired({ what }: { what: string }) {
  const next = typeof window === 'undefined' ? '/' : window.location.pathname + window.location.search;
  return (
    <div className="mx-auto max-w-md py-12 text-center" data-testid="signin-required">
      <h1 className="text-2xl font-semibold">Sign in to see {what}</h1>
      <Link href={`/signin?next=${encodeURIComponent(next)}`} className="mt-6 inline-block rounded-lg bg-slate-900 px-4 py-2 font-semibold text-white hover:bg-slate-700">
        Sign in
      </Link>
    </div>
  );
}
