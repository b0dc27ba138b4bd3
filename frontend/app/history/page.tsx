import type { Metadata } from 'next';
import History from '@/components/shop/History';

export const metadata: Metadata = { title: 'My purchases' };

export default function Page() {
  return <History />;
}
