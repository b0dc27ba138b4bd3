import FlashSaleApp from '@/components/FlashSaleApp';

export default function HomePage() {
  return <FlashSaleApp />;
}
