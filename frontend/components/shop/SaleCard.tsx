import Link from 'next/link';
import type { Sale } from '@/lib/sales.mjs';
import { soldOutText } from '@/lib/sales.mjs';
import type { ProductInfo } from '../hooks';
import { Countdown, Price, ProductImage, StatusBadge, StockBar, localTime } from './SaleParts';

type Props = { sale: Sale; product: ProductInfo; serverNow: number; bought: boolean };

/** One sale in the catalogue: picture, name, description, prices, status, countdown and stock; the title opens its page. */
export default function SaleCard({ sale, product, serverNow, bought }: Props) {
  const current = sale.status === 'ACTIVE' || sale.status === 'UPCOMING';
  return (
    <article
      className="relative flex flex-col overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm transition focus-within:ring-2 focus-within:ring-blue-700 hover:shadow-md"
      data-testid="sale-card"
      data-sale-id={sale.id}
      data-status={sale.status}
      data-bought={bought ? 'true' : 'false'}
    >
      <ProductImage name={sale.productName} url={product.imageUrl} className="h-40 w-full bg-slate-100 p-4" />
      <div className="flex flex-1 flex-col p-5">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <StatusBadge status={sale.status} />
          <Countdown sale={sale} serverNow={serverNow} />
        </div>
        <h3 className="mt-3 text-lg leading-snug font-semibold text-slate-900">
          <Link href={`/sale?id=${encodeURIComponent(sale.id)}`} className="after:absolute after:inset-0 focus-visible:outline-none" data-testid="sale-name">
            {sale.productName}
          </Link>
        </h3>
        {product.description ? (
          <p className="mt-1 line-clamp-2 text-sm text-slate-700" data-testid="sale-description">
            {product.description}
          </p>
        ) : null}
        <div className="mt-3">
          <Price sale={sale} listPrice={product.listPrice} />
        </div>
        <div className="mt-4">
          <StockBar sale={sale} />
        </div>
        <p className="mt-4 text-sm text-slate-700">
          {bought ? (
            <span className="font-semibold text-emerald-800" data-testid="sale-bought">
              ✓ You bought this
            </span>
          ) : sale.status === 'UPCOMING' ? (
            `Opens ${localTime(sale.startsAt)}`
          ) : sale.status === 'ACTIVE' ? (
            `Until ${localTime(sale.endsAt)}`
          ) : sale.status === 'SOLD_OUT' ? (
            soldOutText(sale)
          ) : current ? null : (
            `Ended ${localTime(sale.cancelledAt ?? sale.endsAt)}`
          )}
        </p>
      </div>
    </article>
  );
}
