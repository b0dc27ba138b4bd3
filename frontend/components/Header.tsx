'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useSession } from './SessionProvider';

type NavItem = { href: string; label: string; testId: string };

const SHOP: NavItem[] = [{ href: '/', label: 'Sales', testId: 'nav-sales' }];
const SIGNED_IN: NavItem[] = [{ href: '/history', label: 'My purchases', testId: 'nav-history' }];
const ADMIN: NavItem[] = [
  { href: '/admin', label: 'Dashboard', testId: 'nav-dashboard' },
  { href: '/admin/products', label: 'Products', testId: 'nav-products' },
  { href: '/admin/sales', label: 'Sales admin', testId: 'nav-admin-sales' },
  { href: '/admin/users', label: 'Users', testId: 'nav-users' },
];

function isCurrent(pathname: string, href: string): boolean {
  const path = pathname.replace(/\.html$/, '').replace(/\/$/, '') || '/';
  return href === '/' ? path === '/' || path === '/sale' : path === href;
}

/** The top bar: the shop's name, where one can go, and who is signed in. Wraps on a phone. */
export default function Header() {
  const { user, ready, signOut } = useSession();
  const pathname = usePathname() || '/';
  const items = [...SHOP, ...(user ? SIGNED_IN : []), ...(user?.role === 'ADMIN' ? ADMIN : [])];
  const link = 'rounded-md px-2 py-1 text-slate-200 hover:bg-slate-800 hover:text-white focus-visible:outline-amber-300';

  return (
    <header className="border-b border-slate-800 bg-slate-900 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 rounded-md focus-visible:outline-amber-300" data-testid="app-title">
          <span className="grid size-8 place-items-center rounded-lg bg-brand-600" aria-hidden="true">
            <svg viewBox="0 0 24 24" className="size-5 fill-white">
              <path d="M13 2 4.5 13.5H11L10 22l8.5-11.5H12L13 2Z" />
            </svg>
          </span>
          <span className="text-lg font-semibold tracking-tight">Flashsale</span>
        </Link>
        <div className="ml-auto flex min-w-0 items-center gap-2 text-sm" data-testid="login-state" data-signed-in={user ? 'true' : 'false'} data-ready={ready ? 'true' : 'false'}>
          {!ready ? null : user ? (
            <>
              <span className="max-w-[9rem] truncate font-medium" data-testid="current-user" title={user.username}>
                {user.username}
              </span>
              {user.role === 'ADMIN' ? <span className="rounded bg-slate-700 px-1.5 py-0.5 text-xs font-medium text-slate-100">Admin</span> : null}
              <button
                type="button"
                onClick={() => void signOut()}
                data-testid="logout-button"
                className="shrink-0 rounded-lg border border-slate-500 px-3 py-1.5 font-medium whitespace-nowrap text-slate-100 hover:border-slate-300 hover:bg-slate-800 focus-visible:outline-amber-300"
              >
                Sign out
              </button>
            </>
          ) : (
            <Link href="/signin" className="rounded-lg bg-white px-3 py-1.5 font-semibold whitespace-nowrap text-slate-900 hover:bg-slate-200 focus-visible:outline-amber-300" data-testid="signin-link">
              Sign in
            </Link>
          )}
        </div>
        <nav aria-label="Main" className="order-last w-full sm:order-none sm:w-auto">
          <ul className="-mx-2 flex flex-wrap items-center gap-1 text-sm">
            {items.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  className={`${link} ${isCurrent(pathname, item.href) ? 'bg-slate-800 font-semibold text-white' : ''}`}
                  aria-current={isCurrent(pathname, item.href) ? 'page' : undefined}
                  data-testid={item.testId}
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}
