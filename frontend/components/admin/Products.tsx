'use client';

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { adminProducts, createProduct, deleteProduct, fieldErrors, problemMessage, updateProduct } from '@/lib/api.mjs';
import { numberOrNull } from '@/lib/forms.mjs';
import { formatPrice } from '@/lib/sales.mjs';
import { Button } from '../ui/Button';
import { Field, inputClass } from '../ui/Field';
import AdminOnly from './AdminOnly';

export type Product = { id: string; name: string; description: string | null; listPrice: number; currency: string; imagePath: string | null };
type Draft = { name: string; description: string; listPrice: string; currency: string; imagePath: string };

const EMPTY: Draft = { name: '', description: '', listPrice: '', currency: 'EUR', imagePath: '' };
const PAGE = 20;

/** Products: search, list, create, edit and delete, with the server's messages next to the fields. */
export default function Products() {
  return (
    <AdminOnly>
      <ProductsView />
    </AdminOnly>
  );
}

function ProductForm({ editing, onSaved, onClose }: { editing: Product | null; onSaved: (p: Product) => void; onClose: () => void }) {
  const [draft, setDraft] = useState<Draft>(() =>
    editing
      ? { name: editing.name, description: editing.description ?? '', listPrice: String(editing.listPrice), currency: editing.currency, imagePath: editing.imagePath ?? '' }
      : EMPTY,
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const body = {
      name: draft.name,
      description: draft.description || null,
      listPrice: numberOrNull(draft.listPrice),
      currency: draft.currency,
      imagePath: draft.imagePath || null,
    };
    const answer = editing ? await updateProduct(editing.id, body) : await createProduct(body);
    setBusy(false);
    if (!answer.ok) {
      setErrors(fieldErrors(answer.problem));
      setMessage(problemMessage(answer.problem, answer.status));
      return;
    }
    onSaved(answer.data as Product);
  }

  return (
    <form onSubmit={submit} noValidate className="mt-4 grid gap-4 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:grid-cols-2" data-testid="product-form" aria-labelledby="product-form-heading">
      <h2 id="product-form-heading" className="text-lg font-semibold sm:col-span-2">
        {editing ? `Edit ${editing.name}` : 'New product'}
      </h2>
      <Field label="Name" name="name" value={draft.name} onChange={set('name')} error={errors.name} testId="product-name" />
      <Field label="List price" name="listPrice" value={draft.listPrice} onChange={set('listPrice')} error={errors.listPrice} inputMode="decimal" testId="product-list-price" />
      <div className="sm:col-span-2">
        <Field label="Description" name="description" value={draft.description} onChange={set('description')} error={errors.description} textarea testId="product-description" />
      </div>
      <Field label="Currency (ISO code)" name="currency" value={draft.currency} onChange={set('currency')} error={errors.currency} testId="product-currency" />
      <Field label="Image path" name="imagePath" value={draft.imagePath} onChange={set('imagePath')} error={errors.imagePath} hint="A file under /images/, e.g. /images/demo-headphones.svg" testId="product-image" />
      {message ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900 sm:col-span-2" data-testid="form-error">
          {message}
        </p>
      ) : null}
      <div className="flex gap-2 sm:col-span-2">
        <Button look="primary" type="submit" disabled={busy} data-testid="product-save">
          {busy ? 'Saving…' : editing ? 'Save changes' : 'Create product'}
        </Button>
        <Button onClick={onClose}>Close</Button>
      </div>
    </form>
  );
}

function ProductsView() {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(0);
  const [items, setItems] = useState<Product[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState<{ editing: Product | null } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const load = useCallback(async (query: string, n: number) => {
    const answer = await adminProducts({ q: query.trim() || undefined, page: n, size: PAGE });
    if (!answer.ok) {
      setError(problemMessage(answer.problem, answer.status));
      return;
    }
    setItems(answer.data?.items ?? []);
    setTotal(Number(answer.data?.total) || 0);
    setError(null);
  }, []);
  useEffect(() => {
    const timer = window.setTimeout(() => void load(q, page), 200);
    return () => window.clearTimeout(timer);
  }, [q, page, load]);

  async function remove(product: Product) {
    setConfirming(null);
    const answer = await deleteProduct(product.id);
    if (!answer.ok) setError(problemMessage(answer.problem, answer.status));
    else void load(q, page);
  }

  return (
    <section aria-labelledby="products-heading">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 id="products-heading" className="text-2xl font-bold tracking-tight">
          Products
        </h1>
        <Button look="primary" onClick={() => setForm({ editing: null })} data-testid="product-new">
          New product
        </Button>
      </div>
      {form ? (
        <ProductForm
          key={form.editing?.id ?? 'new'}
          editing={form.editing}
          onClose={() => setForm(null)}
          onSaved={() => {
            setForm(null);
            void load(q, page);
          }}
        />
      ) : null}
      <div className="mt-6">
        <label htmlFor="product-search" className="block text-sm font-medium text-slate-800">
          Search by name
        </label>
        <input id="product-search" type="search" value={q} onChange={(e) => { setQ(e.target.value); setPage(0); }} className={`${inputClass} border-slate-400 sm:max-w-sm`} data-testid="product-search" />
      </div>
      {error ? (
        <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="products-error">
          {error}
        </p>
      ) : null}
      {items === null ? null : items.length === 0 ? (
        <p className="mt-4 text-slate-700">No product matches.</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" data-testid="product-list">
          {items.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3" data-testid="product-row" data-product-id={p.id}>
              <div className="min-w-0">
                <p className="font-semibold">{p.name}</p>
                <p className="text-sm text-slate-700">
                  {formatPrice(p.listPrice, p.currency)}
                  {p.description ? ` · ${p.description.slice(0, 80)}` : ''}
                </p>
              </div>
              <div className="flex gap-2">
                <Button onClick={() => setForm({ editing: p })} aria-label={`Edit ${p.name}`} data-testid="product-edit">
                  Edit
                </Button>
                {confirming === p.id ? (
                  <Button look="danger" onClick={() => void remove(p)} aria-label={`Really delete ${p.name}`} data-testid="product-delete-confirm">
                    Really delete
                  </Button>
                ) : (
                  <Button look="danger" onClick={() => setConfirming(p.id)} aria-label={`Delete ${p.name}`} data-testid="product-delete">
                    Delete
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {total > PAGE ? (
        <div className="mt-3 flex items-center gap-3 text-sm">
          <Button disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</Button>
          <span>Page {page + 1} of {Math.ceil(total / PAGE)}</span>
          <Button disabled={(page + 1) * PAGE >= total} onClick={() => setPage(page + 1)}>Next</Button>
        </div>
      ) : null}
    </section>
  );
}
