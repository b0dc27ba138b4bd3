import type { Metadata } from 'next';
import { Suspense } from 'react';
import Users from '@/components/admin/Users';

export const metadata: Metadata = { title: 'Users' };

export default function Page() {
  return (
    <Suspense fallback={null}>
      <Users />
    </Suspense>
  );
}
