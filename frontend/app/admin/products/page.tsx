import type { Metadata } from 'next';
import { Suspense } from 'react';
import Products from '@/components/admin/Products';

export const metadata: Metadata = { title: 'Products' };

export default function Page() {
  return (
    <Suspense fallback={null}>
      <Products />
    </Suspense>
  );
}
