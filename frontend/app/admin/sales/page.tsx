import type { Metadata } from 'next';
import { Suspense } from 'react';
import Sales from '@/components/admin/Sales';

export const metadata: Metadata = { title: 'Sales' };

export default function Page() {
  return (
    <Suspense fallback={null}>
      <Sales />
    </Suspense>
  );
}
