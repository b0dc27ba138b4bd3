import Catalogue from '@/components/shop/Catalogue';

export default function HomePage() {
  return <Catalogue />;
}
