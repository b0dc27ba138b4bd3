'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { adminProducts, adminSales, cancelSale, createSale, fieldErrors, problemMessage, updateSale } from '@/lib/api.mjs';
import { fromLocalInput, numberOrNull, toLocalInput } from '@/lib/forms.mjs';
import { formatPrice } from '@/lib/sales.mjs';
import { useSales } from '../hooks';
import { StatusBadge, localTime } from '../shop/SaleParts';
import { Button } from '../ui/Button';
import { Field, inputClass } from '../ui/Field';
import AdminOnly from './AdminOnly';
import type { Product } from './Products';
import PurchaseTable from './PurchaseTable';

/** A sale as the catalogue holds it (GET /api/admin/sales). */
type AdminSale = {
  id: string;
  productId: string;
  productName: string;
  listPrice: number | null;
  price: number;
  currency: string;
  stock: number;
  unitsSold: number;
  startsAt: string;
  endsAt: string;
  cancelledAt: string | null;
};
type Draft = { productId: string; price: string; stock: string; startsAt: string; endsAt: string };

/** Flash sales: list, search, create, edit, cancel; `?id=` shows one sale with its purchases. */
export default function Sales() {
  return (
    <AdminOnly>
      <SalesView />
    </AdminOnly>
  );
}

function SaleForm({ editing, products, onSaved, onClose }: { editing: AdminSale | null; products: Product[]; onSaved: () => void; onClose: () => void }) {
  const [draft, setDraft] = useState<Draft>(() =>
    editing
      ? { productId: editing.productId, price: String(editing.price), stock: String(editing.stock), startsAt: toLocalInput(editing.startsAt), endsAt: toLocalInput(editing.endsAt) }
      : { productId: products[0]?.id ?? '', price: '', stock: '100', startsAt: toLocalInput(Date.now() + 10 * 60_000), endsAt: toLocalInput(Date.now() + 70 * 60_000) },
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const body = {
      productId: draft.productId || null,
      price: numberOrNull(draft.price),
      stock: numberOrNull(draft.stock),
      startsAt: fromLocalInput(draft.startsAt),
      endsAt: fromLocalInput(draft.endsAt),
    };
    const answer = editing ? await updateSale(editing.id, body) : await createSale(body);
    setBusy(false);
    if (!answer.ok) {
      setErrors(fieldErrors(answer.problem));
      setMessage(problemMessage(answer.problem, answer.status));
      return;
    }
    onSaved();
  }

  return (
    <form onSubmit={submit} noValidate className="mt-4 grid gap-4 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:grid-cols-2" data-testid="sale-form" aria-labelledby="sale-form-heading">
      <h2 id="sale-form-heading" className="text-lg font-semibold sm:col-span-2">
        {editing ? `Edit the sale of ${editing.productName}` : 'New flash sale'}
      </h2>
      <div className="sm:col-span-2">
        <label htmlFor="sale-product" className="block text-sm font-medium text-slate-800">
          Product
        </label>
        <select
          id="sale-product"
          value={draft.productId}
          onChange={(e) => set('productId')(e.target.value)}
          className={`${inputClass} ${errors.productId ? 'border-red-700' : 'border-slate-400'}`}
          aria-invalid={errors.productId ? true : undefined}
          aria-describedby={errors.productId ? 'sale-product-error' : undefined}
          data-testid="sale-product"
        >
          <option value="">Choose a product</option>
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({formatPrice(p.listPrice, p.currency)})
            </option>
          ))}
        </select>
        {errors.productId ? (
          <p id="sale-product-error" className="mt-1 text-sm font-medium text-red-800" data-field-error="productId">
            {errors.productId}
          </p>
        ) : null}
      </div>
      <Field label="Sale price" name="price" value={draft.price} onChange={set('price')} error={errors.price} inputMode="decimal" testId="sale-price-input" />
      <Field label="Stock (units)" name="stock" value={draft.stock} onChange={set('stock')} error={errors.stock} inputMode="numeric" testId="sale-stock-input" />
      <Field label="Starts at (your time)" name="startsAt" type="datetime-local" step="1" value={draft.startsAt} onChange={set('startsAt')} error={errors.startsAt} testId="sale-starts" />
      <Field label="Ends at (your time)" name="endsAt" type="datetime-local" step="1" value={draft.endsAt} onChange={set('endsAt')} error={errors.endsAt} testId="sale-ends" />
      {message ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900 sm:col-span-2" data-testid="form-error">
          {message}
        </p>
      ) : null}
      <div className="flex gap-2 sm:col-span-2">
        <Button look="primary" type="submit" disabled={busy} data-testid="sale-save">
          {busy ? 'Saving…' : editing ? 'Save changes' : 'Create sale'}
        </Button>
        <Button onClick={onClose}>Close</Button>
      </div>
    </form>
  );
}

function SalesView() {
  const focus = useSearchParams().get('id');
  const [items, setItems] = useState<AdminSale[] | null>(null);
  const [products, setProducts] = useState<Product[]>([]);
  const [q, setQ] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState<{ editing: AdminSale | null } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  // The status of each sale is the edge's word (GET /api/sales), never worked out here.
  const { sales: live, refresh: refreshLive } = useSales();

  const load = useCallback(async () => {
    const answer = await adminSales();
    if (!answer.ok) {
      setError(problemMessage(answer.problem, answer.status));
      return;
    }
    const list: AdminSale[] = Array.isArray(answer.data) ? answer.data : [];
    setItems(list.sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt)));
    setError(null);
  }, []);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- state is set when the server answers, not synchronously
    void load();
    void adminProducts({ size: 100 }).then((answer) => {
      if (answer.ok) setProducts(answer.data?.items ?? []);
    });
  }, [load]);

  async function cancel(sale: AdminSale) {
    setConfirming(null);
    const answer = await cancelSale(sale.id);
    if (!answer.ok) setError(problemMessage(answer.problem, answer.status));
    void load();
    void refreshLive();
  }

  const statusOf = (id: string) => live?.find((s) => s.id === id)?.status ?? null;
  const query = q.trim().toLowerCase();
  const shown = (items ?? []).filter((s) => (focus ? s.id === focus : !query || s.productName.toLowerCase().includes(query)));
  const focused = focus ? shown[0] : null;

  return (
    <section aria-labelledby="sales-admin-heading">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 id="sales-admin-heading" className="text-2xl font-bold tracking-tight">
          {focused ? `Sale of ${focused.productName}` : 'Flash sales'}
        </h1>
        {focus ? (
          <Link href="/admin/sales" className="text-sm font-semibold text-blue-800 underline underline-offset-2">
            Every sale
          </Link>
        ) : (
          <Button look="primary" onClick={() => setForm({ editing: null })} disabled={products.length === 0} data-testid="sale-new">
            New sale
          </Button>
        )}
      </div>
      {form ? (
        <SaleForm
          key={form.editing?.id ?? 'new'}
          editing={form.editing}
          products={products}
          onClose={() => setForm(null)}
          onSaved={() => {
            setForm(null);
            void load();
            void refreshLive();
          }}
        />
      ) : null}
      {!focus ? (
        <div className="mt-6">
          <label htmlFor="sale-search" className="block text-sm font-medium text-slate-800">
            Search by product
          </label>
          <input id="sale-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} className={`${inputClass} border-slate-400 sm:max-w-sm`} data-testid="sale-search" />
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="sales-admin-error">
          {error}
        </p>
      ) : null}
      {items === null ? null : shown.length === 0 ? (
        <p className="mt-4 text-slate-700">{focus ? 'No such sale.' : 'No sale matches.'}</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" data-testid="sale-admin-list">
          {shown.map((s) => {
            const status = statusOf(s.id);
            const over = status === 'ENDED' || status === 'CANCELLED' || !!s.cancelledAt;
            return (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3" data-testid="sale-admin-row" data-sale-id={s.id}>
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2 font-semibold">
                    <Link href={`/admin/sales?id=${encodeURIComponent(s.id)}`} className="underline-offset-2 hover:underline">
                      {s.productName}
                    </Link>
                    {status ? <StatusBadge status={status} /> : null}
                  </p>
                  <p className="text-sm text-slate-700">
                    {formatPrice(s.price, s.currency)} · {s.unitsSold.toLocaleString()} of {s.stock.toLocaleString()} sold · {localTime(s.startsAt)} – {localTime(s.endsAt)}
                  </p>
                </div>
                {!over ? (
                  <div className="flex gap-2">
                    <Button onClick={() => setForm({ editing: s })} aria-label={`Edit the sale of ${s.productName}`} data-testid="sale-edit">
                      Edit
                    </Button>
                    {confirming === s.id ? (
                      <Button look="danger" onClick={() => void cancel(s)} data-testid="sale-cancel-confirm">
                        Really cancel
                      </Button>
                    ) : (
                      <Button look="danger" onClick={() => setConfirming(s.id)} aria-label={`Cancel sale of ${s.productName}`} data-testid="sale-cancel">
                        Cancel sale
                      </Button>
                    )}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {focused ? (
        <section className="mt-6" aria-labelledby="sale-purchases-heading">
          <h2 id="sale-purchases-heading" className="text-lg font-semibold">
            Purchases
          </h2>
          <PurchaseTable key={focused.id} of="sale" id={focused.id} />
        </section>
      ) : null}
    </section>
  );
}
