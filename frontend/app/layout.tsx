import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import Header from '@/components/Header';
import SessionProvider from '@/components/SessionProvider';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Flashsale', template: '%s · Flashsale' },
  description: 'Limited stock, fixed window: flash sales you can trust.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#0f172a',
};

export default function RootLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col font-sans">
        <SessionProvider>
          <a href="#main" className="sr-only rounded-md bg-white px-3 py-2 text-slate-900 focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50">
            Skip to content
          </a>
          <Header />
          <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6 sm:py-8">
            {children}
          </main>
          <footer className="mx-auto w-full max-w-6xl px-4 pb-8 text-sm text-slate-600 sm:px-6">
            Limited stock, one per shopper. Countdowns follow the shop&apos;s clock.
          </footer>
        </SessionProvider>
      </body>
    </html>
  );
}
