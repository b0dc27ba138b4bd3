import type { Metadata } from 'next';
import { Suspense } from 'react';
import SalePage from '@/components/shop/SalePage';

export const metadata: Metadata = { title: 'Sale' };

export default function Page() {
  return (
    <Suspense fallback={null}>
      <SalePage />
    </Suspense>
  );
}
