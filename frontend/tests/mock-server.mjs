// A small stand-in for the platform, for testing the front end without the Java stack:
// serves the static export (out/) and fakes the public API in memory, with the shapes, the
// problem details and the session of the real edge-api as the UI contract of issue 10 says.
//
//   node tests/mock-server.mjs [--port 8080] [--host 127.0.0.1] [--decide-ms 1200] [--heartbeat-ms 15000]
//
// Seeded like a fresh stack: admin, user1, user2 (password Satu123); one ACTIVE sale with
// stock 100 and one UPCOMING sale, plus a SOLD_OUT and an ENDED one.
//
// Session: POST /api/auth/login answers {token, expiresAt, user} and sets the httpOnly cookie
// flashsale_session; a request is authenticated by `Authorization: Bearer` or, without it, by
// the cookie; a cookie-authenticated POST/PUT/PATCH/DELETE without `X-Flashsale-Client: web`
// is a 403 CSRF_HEADER_MISSING. A disabled account gets 401 at once, and so does a token issued
// before the last change of its account's role or standing (as the edge, ADR 0009). POST
// /api/auth/logout clears the cookie.
//
// The catalogue's rules that the admin pages show: a product's list price stays above the price
// of its sales that are not over, and a product in such a sale is not deleted (409).
//
// GET /api/purchases/events streams the shopper's updates over SSE like edge-api: on each
// connection the latest 20 stored outcomes first, then `queued` on admission and `outcome`
// once decided (`decide-ms` later), each with `id: <requestId>:<STATUS>`; a `:keep-alive`
// comment every `heartbeat-ms`. The headers go out with the first event or keep-alive. Every
// outcome is sent twice (same id), as a reconnection replay can.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_OUT_DIR = path.resolve(HERE, '..', 'out');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const MINUTE = 60_000;
const COOKIE = 'flashsale_session';
const iso = (ms) => new Date(ms).toISOString();

function seedProducts() {
  const p = (n, name, description, listPrice, imagePath = null) => ({
    id: `3f0c6d3e-0000-4000-8000-00000000000${n}`,
    name,
    description,
    listPrice,
    currency: 'EUR',
    imagePath,
    createdAt: iso(Date.now() - 86_400_000),
  });
  return [
    p(1, 'Aurora Noise-Cancelling Headphones', 'Over-ear, 40 h battery, adaptive noise cancelling.', 199.0, '/images/demo-headphones.svg'),
    p(2, 'Nimbus Espresso Machine', '15 bar pump, steam wand, 1.8 l tank.', 349.0),
    p(3, 'Trail Runner GTX Shoes', 'Waterproof trail shoes with a grippy sole.', 139.99),
    p(4, 'Polar Down Jacket', 'Warm, light, packs into its own pocket.', 229.0),
  ];
}

function seedSales(now, products) {
  const s = (n, product, price, stock, remaining, startsAt, endsAt, soldOutAt = null) => ({
    id: `7d0c2f4e-1a1b-4c1d-8e1f-00000000000${n}`,
    productId: product.id,
    price,
    stock,
    remaining,
    startsAt: iso(startsAt),
    endsAt: iso(endsAt),
    cancelledAt: null,
    soldOutAt,
  });
  return [
    s(1, products[0], 129.0, 100, 100, now - 10 * MINUTE, now + 120 * MINUTE),
    s(2, products[1], 249.5, 50, 50, now + 30 * MINUTE, now + 90 * MINUTE),
    s(3, products[2], 89.99, 20, 0, now - 30 * MINUTE, now + 30 * MINUTE, iso(now - 30 * MINUTE + 600)),
    s(4, products[3], 159.0, 30, 4, now - 180 * MINUTE, now - 60 * MINUTE),
  ];
}

/**
 * Starts the mock platform.
 * @param {{ port?: number, host?: string, outDir?: string, decideMs?: number, heartbeatMs?: number, log?: boolean }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void>, state: object }>}
 */
export async function startMockServer({ port = 0, host = '127.0.0.1', outDir = DEFAULT_OUT_DIR, decideMs = 1200, heartbeatMs = 15_000, log = false } = {}) {
  const users = new Map(); // username -> account
  const addUser = (username, role, password = 'Satu123') => {
    const account = { id: randomUUID(), username, role, enabled: true, password, createdAt: new Date().toISOString() };
    users.set(username.toLowerCase(), account);
    return account;
  };
  addUser('admin', 'ADMIN');
  addUser('user1', 'USER');
  addUser('user2', 'USER');
  const byId = (id) => [...users.values()].find((u) => u.id === id);
  const view = (u) => ({ id: u.id, username: u.username, role: u.role, enabled: u.enabled, createdAt: u.createdAt });

  const tokens = new Map(); // token -> { userId, issuedAt, expiresAt }
  const products = seedProducts();
  const sales = seedSales(Date.now(), products);
  const requests = new Map(); // requestId -> request
  const byKey = new Map(); // `${userId}:${key}` -> requestId
  const confirmed = new Map(); // `${saleId}:${userId}` -> orderId
  const timers = new Set();
  const streams = new Map(); // userId -> Set of open SSE responses
  const outcomes = new Map(); // userId -> decided updates, newest first
  const viewers = new Map(); // saleId -> Map(viewerId -> last seen ms)
  const traffic = new Map(); // saleId -> Map(second -> { requests, rejected })
  const refusals = new Map(); // saleId -> { REASON: count }
  const soldAt = new Map(); // saleId -> [ms of each confirmation]
  const REPLAYED = 20;

  // --- helpers -----------------------------------------------------------------------------
  const productOf = (sale) => products.find((p) => p.id === sale.productId);
  const statusOf = (sale, now) => {
    if (sale.cancelledAt) return 'CANCELLED';
    if (now < Date.parse(sale.startsAt)) return 'UPCOMING';
    if (now >= Date.parse(sale.endsAt)) return 'ENDED';
    if (sale.remaining <= 0) return 'SOLD_OUT';
    return 'ACTIVE';
  };
  const watchingOf = (saleId, now) => [...(viewers.get(saleId) ?? new Map()).values()].filter((t) => now - t < 30_000).length;
  const saleView = (sale, now) => {
    const product = productOf(sale);
    return {
      id: sale.id,
      productId: sale.productId,
      productName: product?.name ?? 'Unknown',
      productDescription: product?.description ?? null,
      imageUrl: product?.imagePath ?? null,
      listPrice: product?.listPrice ?? null,
      price: sale.price,
      currency: product?.currency ?? 'EUR',
      stock: sale.stock,
      remaining: sale.remaining,
      startsAt: sale.startsAt,
      endsAt: sale.endsAt,
      cancelledAt: sale.cancelledAt,
      soldOutAt: sale.soldOutAt,
      watching: watchingOf(sale.id, now),
      status: statusOf(sale, now),
    };
  };
  const adminSaleView = (sale) => {
    const product = productOf(sale);
    return {
      id: sale.id,
      productId: sale.productId,
      productName: product?.name ?? 'Unknown',
      listPrice: product?.listPrice ?? null,
      price: sale.price,
      currency: product?.currency ?? 'EUR',
      stock: sale.stock,
      unitsSold: sale.stock - sale.remaining,
      startsAt: sale.startsAt,
      endsAt: sale.endsAt,
      cancelledAt: sale.cancelledAt,
      version: 1,
    };
  };
  const count = (saleId, field) => {
    const second = Math.floor(Date.now() / 1000);
    const perSale = traffic.get(saleId) ?? new Map();
    traffic.set(saleId, perSale);
    const bucket = perSale.get(second) ?? { requests: 0, rejected: 0 };
    bucket[field] += 1;
    perSale.set(second, bucket);
  };
  const refuse = (saleId, reason) => {
    count(saleId, 'requests');
    count(saleId, 'rejected');
    const r = refusals.get(saleId) ?? {};
    r[reason] = (r[reason] ?? 0) + 1;
    refusals.set(saleId, r);
  };

  // --- SSE ---------------------------------------------------------------------------------
  const update = (r, extra = {}) => ({ requestId: r.requestId, saleId: r.saleId, status: r.status, reason: r.reason, decidedAt: r.decidedAt, position: null, estimatedWaitMs: null, ...extra });
  const frame = (u) => `id:${u.requestId}:${u.status}\nevent:${u.status === 'QUEUED' ? 'queued' : 'outcome'}\ndata:${JSON.stringify(u)}\n\n`;
  const publish = (userId, u) => {
    for (const res of streams.get(userId) ?? []) res.write(frame(u));
  };
  const later = (ms, fn) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const openStream = (req, res, user) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream;charset=UTF-8', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' });
    const mine = streams.get(user.id) ?? new Set();
    streams.set(user.id, mine);
    mine.add(res);
    for (const u of (outcomes.get(user.id) ?? []).slice(0, REPLAYED)) res.write(frame(u));
    const heartbeat = setInterval(() => res.write(':keep-alive\n\n'), heartbeatMs);
    res.on('close', () => {
      clearInterval(heartbeat);
      mine.delete(res);
      if (mine.size === 0) streams.delete(user.id);
    });
  };

  // --- HTTP plumbing -----------------------------------------------------------------------
  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const problem = (res, status, reason, detail, extra = {}) =>
    send(res, status, { type: `https://flashsale.example/problems/${reason.toLowerCase()}`, title: reason, status, detail, reason, ...extra }, { 'Content-Type': 'application/problem+json' });
  const invalid = (res, errors) =>
    problem(res, 400, 'VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });

  const cookieOf = (req) => {
    for (const part of (req.headers.cookie || '').split(';')) {
      const [k, ...v] = part.trim().split('=');
      if (k === COOKIE) return v.join('=');
    }
    return null;
  };
  /** { user, viaCookie } or { error: [status, reason, detail] } or null (anonymous). */
  const caller = (req) => {
    const header = /^Bearer (.+)$/.exec(req.headers.authorization || '');
    const token = header ? header[1] : cookieOf(req);
    if (!token) return null;
    const entry = tokens.get(token);
    if (!entry || entry.expiresAt <= Date.now()) return { error: [401, 'UNAUTHENTICATED', 'Sign in again.'] };
    const user = byId(entry.userId);
    if (!user) return { error: [401, 'UNAUTHENTICATED', 'Sign in again.'] };
    if (!user.enabled) return { error: [401, 'ACCOUNT_DISABLED', 'This account is disabled.'] };
    if (entry.issuedAt < (user.changedAt ?? 0)) return { error: [401, 'UNAUTHENTICATED', 'Sign in again.'] };
    return { user, viaCookie: !header };
  };
  const readJson = (req) =>
    new Promise((resolve) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        try {
          resolve(data ? JSON.parse(data) : null);
        } catch {
          resolve(undefined);
        }
      });
    });

  // --- purchases ---------------------------------------------------------------------------
  const decide = (request) => {
    const sale = sales.find((s) => s.id === request.saleId);
    const key = `${request.saleId}:${request.userId}`;
    const at = new Date().toISOString();
    const reject = (reason) => {
      count(request.saleId, 'rejected');
      const r = refusals.get(request.saleId) ?? {};
      r[reason] = (r[reason] ?? 0) + 1;
      refusals.set(request.saleId, r);
      return Object.assign(request, { status: 'REJECTED', reason, decidedAt: at });
    };
    if (!sale || sale.cancelledAt) return reject('SALE_CANCELLED');
    if (confirmed.has(key)) return reject('ALREADY_PURCHASED');
    if (sale.remaining <= 0) return reject('SOLD_OUT');
    sale.remaining -= 1;
    if (sale.remaining === 0) sale.soldOutAt = at;
    const orderId = randomUUID();
    confirmed.set(key, orderId);
    soldAt.set(sale.id, [...(soldAt.get(sale.id) ?? []), Date.now()]);
    return Object.assign(request, { status: 'CONFIRMED', reason: null, decidedAt: at, orderId, pricePaid: sale.price, currency: productOf(sale)?.currency ?? 'EUR' });
  };
  const decideAndTell = (request) => {
    decide(request);
    const u = update(request);
    outcomes.set(request.userId, [u, ...(outcomes.get(request.userId) ?? [])].slice(0, 100));
    publish(request.userId, u);
    later(100, () => publish(request.userId, u));
  };
  const historyItem = (r) => {
    const sale = sales.find((s) => s.id === r.saleId);
    const product = sale ? productOf(sale) : null;
    return {
      requestId: r.requestId,
      saleId: r.saleId,
      productId: product?.id ?? null,
      productName: product?.name ?? null,
      userId: r.userId,
      status: r.status,
      reason: r.reason,
      pricePaid: r.status === 'CONFIRMED' ? r.pricePaid : null,
      currency: r.status === 'CONFIRMED' ? r.currency : null,
      acceptedAt: r.acceptedAt,
      decidedAt: r.decidedAt,
      orderId: r.status === 'CONFIRMED' ? r.orderId : null,
    };
  };
  const paged = (url, list) => {
    const page = Number(url.searchParams.get('page') ?? 0);
    const size = Number(url.searchParams.get('size') ?? 20);
    return { items: list.slice(page * size, page * size + size), page, size, total: list.length };
  };
  const totals = (list) => {
    const decided = list.filter((r) => r.status !== 'QUEUED');
    const rejected = {};
    for (const r of decided) if (r.status === 'REJECTED') rejected[r.reason] = (rejected[r.reason] ?? 0) + 1;
    const good = decided.filter((r) => r.status === 'CONFIRMED');
    const revenue = good.length ? [{ amount: good.reduce((sum, r) => sum + r.pricePaid, 0), currency: good[0].currency }] : [];
    return { requests: decided.length, confirmed: good.length, rejected, revenue };
  };
  const newestFirst = (a, b) => Date.parse(b.acceptedAt) - Date.parse(a.acceptedAt);

  // --- catalogue validation ----------------------------------------------------------------
  const checkProduct = (body) => {
    const errors = [];
    if (!body || typeof body.name !== 'string' || !body.name.trim()) errors.push({ field: 'name', message: 'must not be blank' });
    if (!body || typeof body.listPrice !== 'number' || !(body.listPrice > 0)) errors.push({ field: 'listPrice', message: 'must be greater than 0' });
    if (!body || typeof body.currency !== 'string' || !/^[A-Z]{3}$/.test(body.currency)) errors.push({ field: 'currency', message: 'must be an ISO 4217 code such as EUR' });
    if (body?.imagePath && !/^\/images\/[\w.-]+$/.test(body.imagePath)) errors.push({ field: 'imagePath', message: 'must name a file under /images/' });
    return errors;
  };
  const checkSale = (body) => {
    const errors = [];
    const product = products.find((p) => p.id === body?.productId);
    if (!product) errors.push({ field: 'productId', message: 'must name an existing product' });
    if (typeof body?.price !== 'number' || !(body.price > 0)) errors.push({ field: 'price', message: 'must be greater than 0' });
    else if (product && body.price >= product.listPrice) errors.push({ field: 'price', message: `must be below the list price ${product.listPrice}` });
    if (!Number.isInteger(body?.stock) || body.stock < 1) errors.push({ field: 'stock', message: 'must be at least 1' });
    const start = Date.parse(body?.startsAt ?? '');
    const end = Date.parse(body?.endsAt ?? '');
    if (!Number.isFinite(start)) errors.push({ field: 'startsAt', message: 'must be an instant' });
    if (!Number.isFinite(end)) errors.push({ field: 'endsAt', message: 'must be an instant' });
    else if (Number.isFinite(start) && end <= start) errors.push({ field: 'endsAt', message: 'must be after startsAt' });
    return errors;
  };

  async function api(req, res, url) {
    const now = Date.now();
    const parts = url.pathname.split('/').filter(Boolean); // ['api', ...]
    const method = req.method;
    const who = caller(req);
    if (who?.error) {
      if (!(url.pathname === '/api/auth/login' || url.pathname === '/api/auth/logout' || url.pathname === '/api/auth/register')) {
        if (!['/api/sales', '/api/products'].some((p) => url.pathname.startsWith(p)) || method !== 'GET') return problem(res, ...who.error);
      }
    }
    const user = who?.user ?? null;
    if (user && who.viaCookie && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) && req.headers['x-flashsale-client'] !== 'web' && url.pathname !== '/api/auth/logout') {
      return problem(res, 403, 'CSRF_HEADER_MISSING', 'A request signed in by the cookie must carry X-Flashsale-Client: web.');
    }
    const needUser = () => (user ? null : problem(res, 401, 'UNAUTHENTICATED', 'Sign in first.'));
    const needAdmin = () => needUser() ?? (user.role === 'ADMIN' ? null : problem(res, 403, 'FORBIDDEN', 'Admins only.'));

    // accounts
    if (method === 'POST' && url.pathname === '/api/auth/login') {
      const body = await readJson(req);
      if (!body || typeof body.username !== 'string' || typeof body.password !== 'string') return invalid(res, [{ field: 'username', message: 'must not be blank' }]);
      const account = users.get(body.username.toLowerCase());
      if (!account || account.password !== body.password) return problem(res, 401, 'BAD_CREDENTIALS', 'Wrong username or password.');
      if (!account.enabled) return problem(res, 403, 'ACCOUNT_DISABLED', 'This account is disabled.');
      const token = `mock.${randomUUID()}`;
      const expiresAt = now + 60 * MINUTE;
      tokens.set(token, { userId: account.id, issuedAt: now, expiresAt });
      return send(res, 200, { token, expiresAt: iso(expiresAt), user: view(account) }, { 'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=3600` });
    }
    if (method === 'POST' && url.pathname === '/api/auth/register') {
      const body = await readJson(req);
      const errors = [];
      if (!body || typeof body.username !== 'string' || !/^[A-Za-z0-9_.-]{3,32}$/.test(body.username)) errors.push({ field: 'username', message: "3 to 32 letters, digits, '_', '.' or '-'" });
      if (!body || typeof body.password !== 'string' || body.password.length < 8) errors.push({ field: 'password', message: 'must be at least 8 characters' });
      if (errors.length) return invalid(res, errors);
      if (users.has(body.username.toLowerCase())) return problem(res, 409, 'USERNAME_TAKEN', `The username ${body.username} is taken.`);
      return send(res, 201, view(addUser(body.username, 'USER', body.password)));
    }
    if (method === 'POST' && url.pathname === '/api/auth/logout') {
      res.writeHead(204, { 'Set-Cookie': `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0` });
      return res.end();
    }
    if (method === 'GET' && url.pathname === '/api/auth/me') return needUser() ?? send(res, 200, view(user));

    // shopping
    if (method === 'GET' && url.pathname === '/api/purchases/events') return needUser() ?? openStream(req, res, user);
    if (method === 'GET' && url.pathname === '/api/sales') return send(res, 200, { serverTime: iso(now), items: sales.map((s) => saleView(s, now)).sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt)) });
    if (method === 'GET' && parts[1] === 'sales' && parts.length === 3) {
      const sale = sales.find((s) => s.id === parts[2]);
      if (!sale) return problem(res, 404, 'SALE_NOT_FOUND', `No sale ${parts[2]}.`);
      const viewer = req.headers['x-viewer-id'];
      if (typeof viewer === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(viewer)) {
        const seen = viewers.get(sale.id) ?? new Map();
        seen.set(viewer, now);
        viewers.set(sale.id, seen);
      }
      return send(res, 200, { ...saleView(sale, now), serverTime: iso(now) });
    }
    if (method === 'GET' && url.pathname === '/api/products') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      return send(res, 200, paged(url, products.filter((p) => p.name.toLowerCase().includes(q))));
    }
    if (method === 'GET' && parts[1] === 'products' && parts.length === 3) {
      const product = products.find((p) => p.id === parts[2]);
      return product ? send(res, 200, product) : problem(res, 404, 'PRODUCT_NOT_FOUND', `No product ${parts[2]}.`);
    }
    if (method === 'POST' && parts[1] === 'sales' && parts[3] === 'purchases' && parts.length === 4) {
      if (needUser()) return;
      const key = req.headers['idempotency-key'] || randomUUID();
      const known = byKey.get(`${user.id}:${key}`);
      if (known) {
        const r = requests.get(known);
        return send(res, 202, { requestId: r.requestId, saleId: r.saleId, status: 'QUEUED', position: null, estimatedWaitMs: null });
      }
      const sale = sales.find((s) => s.id === parts[2]);
      if (!sale) return problem(res, 404, 'SALE_NOT_FOUND', `No sale ${parts[2]}.`);
      const status = statusOf(sale, now);
      if (status === 'CANCELLED') return refuse(sale.id, 'SALE_CANCELLED'), problem(res, 409, 'SALE_CANCELLED', 'The sale was cancelled.');
      if (status === 'UPCOMING' || status === 'ENDED') return refuse(sale.id, 'SALE_NOT_ACTIVE'), problem(res, 409, 'SALE_NOT_ACTIVE', 'The sale is not open.');
      if (status === 'SOLD_OUT') return refuse(sale.id, 'SOLD_OUT'), problem(res, 409, 'SOLD_OUT', 'The sale is sold out.');
      if (confirmed.has(`${sale.id}:${user.id}`)) return refuse(sale.id, 'ALREADY_PURCHASED'), problem(res, 409, 'ALREADY_PURCHASED', 'You already bought this sale.');
      count(sale.id, 'requests');
      const requestId = randomUUID();
      const position = [...requests.values()].filter((r) => r.saleId === sale.id && r.status === 'QUEUED').length + 1;
      const request = { requestId, saleId: sale.id, userId: user.id, status: 'QUEUED', reason: null, decidedAt: null, acceptedAt: iso(now) };
      requests.set(requestId, request);
      byKey.set(`${user.id}:${key}`, requestId);
      later(decideMs, () => decideAndTell(request));
      send(res, 202, { requestId, saleId: sale.id, status: 'QUEUED', position, estimatedWaitMs: decideMs }, { Location: `/api/purchases/${requestId}` });
      publish(user.id, update(request, { position, estimatedWaitMs: decideMs }));
      return;
    }
    if (method === 'GET' && parts[1] === 'purchases' && parts.length === 3) {
      if (needUser()) return;
      const r = requests.get(parts[2]);
      if (!r || r.userId !== user.id) return problem(res, 404, 'PURCHASE_NOT_FOUND', 'No such purchase request.');
      const { requestId, saleId, status, reason, decidedAt } = r;
      return send(res, 200, { requestId, saleId, status, reason, decidedAt });
    }
    if (method === 'GET' && url.pathname === '/api/me/purchases') {
      if (needUser()) return;
      return send(res, 200, paged(url, [...requests.values()].filter((r) => r.userId === user.id).sort(newestFirst).map(historyItem)));
    }

    // admin
    if (parts[1] === 'admin') {
      if (needAdmin()) return;
      const [, , area, id, sub] = parts;
      const body = method === 'POST' || method === 'PUT' || method === 'PATCH' ? await readJson(req) : null;
      if (area === 'ops' && id === 'lag' && method === 'GET') {
        // The shape of order-processor's report (ADR 0015): every partition caught up, owned.
        const partitions = Array.from({ length: 12 }, (_, partition) => ({
          partition,
          endOffset: 0,
          appliedOffset: 0,
          committedOffset: null,
          lag: 0,
          oldestWaitingAgeMs: null,
          applyRatePerSecond: 0,
          drainEstimateSeconds: null,
          owner: { memberId: `member-${partition}`, clientId: `consumer-order-processor-${partition}`, host: '/127.0.0.1' },
          status: 'OK',
        }));
        return send(res, 200, { topic: 'flashsale.purchase-requests.v1', group: 'order-processor', sampledAt: iso(now), sampleEveryMs: 2000, window: 10, totalLag: 0, partitions });
      }
      if (area === 'products') {
        if (method === 'GET' && !id) {
          const q = (url.searchParams.get('q') ?? '').toLowerCase();
          return send(res, 200, paged(url, products.filter((p) => p.name.toLowerCase().includes(q))));
        }
        if (method === 'POST' && !id) {
          const errors = checkProduct(body);
          if (errors.length) return invalid(res, errors);
          const product = { id: randomUUID(), name: body.name.trim(), description: body.description ?? null, listPrice: body.listPrice, currency: body.currency, imagePath: body.imagePath ?? null, createdAt: iso(now) };
          products.unshift(product);
          return send(res, 201, product);
        }
        const product = products.find((p) => p.id === id);
        if (!product) return problem(res, 404, 'PRODUCT_NOT_FOUND', `No product ${id}.`);
        if (method === 'PUT') {
          const errors = checkProduct(body);
          const open = sales.filter((s) => s.productId === id && !s.cancelledAt && Date.parse(s.endsAt) > now);
          const highest = Math.max(...open.map((s) => s.price));
          if (!errors.length && open.length && body.listPrice <= highest) errors.push({ field: 'listPrice', message: `must stay above ${highest.toFixed(2)}, the sale price of a sale that is not over` });
          if (!errors.length && open.length && body.currency !== product.currency) errors.push({ field: 'currency', message: 'cannot change while the product is in a sale that is not over' });
          if (errors.length) return invalid(res, errors);
          Object.assign(product, { name: body.name.trim(), description: body.description ?? null, listPrice: body.listPrice, currency: body.currency, imagePath: body.imagePath ?? null });
          return send(res, 200, product);
        }
        if (method === 'DELETE') {
          if (sales.some((s) => s.productId === id && !s.cancelledAt && Date.parse(s.endsAt) > now)) return problem(res, 409, 'PRODUCT_IN_SALE', `Product ${id} is in a sale that is neither ended nor cancelled.`);
          products.splice(products.indexOf(product), 1);
          res.writeHead(204);
          return res.end();
        }
      }
      if (area === 'sales') {
        if (method === 'GET' && !id) return send(res, 200, sales.map(adminSaleView));
        if (method === 'POST' && !id) {
          const errors = checkSale(body);
          if (errors.length) return invalid(res, errors);
          const sale = { id: randomUUID(), productId: body.productId, price: body.price, stock: body.stock, remaining: body.stock, startsAt: iso(Date.parse(body.startsAt)), endsAt: iso(Date.parse(body.endsAt)), cancelledAt: null, soldOutAt: null };
          sales.push(sale);
          return send(res, 201, adminSaleView(sale));
        }
        const sale = sales.find((s) => s.id === id);
        if (!sale) return problem(res, 404, 'SALE_NOT_FOUND', `No sale ${id}.`);
        if (method === 'GET' && !sub) return send(res, 200, adminSaleView(sale));
        if (method === 'GET' && sub === 'purchases') {
          const list = [...requests.values()].filter((r) => r.saleId === id && r.status !== 'QUEUED').sort(newestFirst);
          return send(res, 200, { ...paged(url, list.map(historyItem)), totals: totals(list) });
        }
        if (method === 'GET' && sub === 'progress') {
          const since = url.searchParams.get('since') ? Math.floor(Date.parse(url.searchParams.get('since')) / 1000) : null;
          const perSale = traffic.get(id) ?? new Map();
          const sold = soldAt.get(id) ?? [];
          const nowSecond = Math.floor(now / 1000);
          const first = Math.max(Math.floor(Date.parse(sale.startsAt) / 1000), nowSecond - 599, Math.min(...perSale.keys(), nowSecond));
          const series = [];
          for (let s = Math.max(first, since ?? first); s <= nowSecond; s++) {
            const b = perSale.get(s) ?? { requests: 0, rejected: 0 };
            series.push({ at: iso(s * 1000), sold: sold.filter((t) => t < (s + 1) * 1000).length, requests: b.requests, rejected: b.rejected });
          }
          const recent = [...perSale.entries()].filter(([s]) => s >= nowSecond - 10 && s < nowSecond).reduce((sum, [, b]) => sum + b.requests, 0) / 10;
          return send(res, 200, {
            saleId: id,
            stock: sale.stock,
            remaining: sale.remaining,
            sold: sale.stock - sale.remaining,
            startsAt: sale.startsAt,
            endsAt: sale.endsAt,
            status: statusOf(sale, now),
            requestsPerSecond: recent,
            refusals: refusals.get(id) ?? {},
            series,
          });
        }
        if (method === 'PUT') {
          if (sale.cancelledAt) return problem(res, 409, 'SALE_CANCELLED', `Sale ${id} was cancelled: it can no longer be changed.`);
          const errors = checkSale(body);
          if (errors.length) return invalid(res, errors);
          const sold = sale.stock - sale.remaining;
          Object.assign(sale, { productId: body.productId, price: body.price, stock: body.stock, remaining: Math.max(0, body.stock - sold), startsAt: iso(Date.parse(body.startsAt)), endsAt: iso(Date.parse(body.endsAt)) });
          return send(res, 200, adminSaleView(sale));
        }
        if (method === 'POST' && sub === 'cancel') {
          if (sale.cancelledAt) return problem(res, 409, 'SALE_CANCELLED', `Sale ${id} was cancelled: it can no longer be changed.`);
          sale.cancelledAt = iso(now);
          return send(res, 200, adminSaleView(sale));
        }
      }
      if (area === 'users') {
        if (method === 'GET' && !id) {
          const q = (url.searchParams.get('q') ?? '').toLowerCase();
          return send(res, 200, paged(url, [...users.values()].filter((u) => u.username.toLowerCase().includes(q)).map(view)));
        }
        const account = byId(id);
        if (!account) return problem(res, 404, 'USER_NOT_FOUND', `No user ${id}.`);
        if (method === 'GET' && !sub) return send(res, 200, view(account));
        if (method === 'GET' && sub === 'purchases') {
          const list = [...requests.values()].filter((r) => r.userId === id && r.status !== 'QUEUED').sort(newestFirst);
          return send(res, 200, { ...paged(url, list.map(historyItem)), totals: totals(list) });
        }
        if (method === 'PATCH') {
          if (body?.role === undefined && body?.enabled === undefined) return invalid(res, [{ field: 'role', message: 'give a role, enabled, or both' }]);
          if (body.role !== undefined && !['USER', 'ADMIN'].includes(body.role)) return invalid(res, [{ field: 'role', message: 'must be USER or ADMIN' }]);
          if (account.id === user.id) return problem(res, 409, 'SELF_CHANGE', 'You cannot change your own account.');
          const changed = (body.role !== undefined && body.role !== account.role) || (body.enabled !== undefined && !!body.enabled !== account.enabled);
          if (body.role !== undefined) account.role = body.role;
          if (body.enabled !== undefined) account.enabled = !!body.enabled;
          if (changed) account.changedAt = now; // the tokens issued before stop working
          return send(res, 200, view(account));
        }
      }
    }
    return problem(res, 404, 'NOT_FOUND', `No route ${method} ${url.pathname}`);
  }

  async function staticFile(req, res, url) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return problem(res, 405, 'METHOD_NOT_ALLOWED', 'Static files are read-only');
    let rel;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return problem(res, 400, 'BAD_REQUEST', 'Bad path');
    }
    const root = path.resolve(outDir);
    // As the edge should map them: "/" is index.html, "/admin" is admin.html.
    const candidates = rel === '/' ? ['/index.html'] : [rel, `${rel.replace(/\/$/, '')}.html`];
    for (const candidate of candidates) {
      const file = path.resolve(root, '.' + candidate);
      if (file !== root && !file.startsWith(root + path.sep)) break;
      const info = await stat(file).catch(() => null);
      if (info?.isFile()) {
        const body = await readFile(file);
        const immutable = candidate.startsWith('/_next/static/');
        res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
        return res.end(req.method === 'HEAD' ? undefined : body);
      }
    }
    const notFound = await readFile(path.join(root, '404.html')).catch(() => Buffer.from('Not found'));
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : notFound);
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url || '/', 'http://mock.local');
    if (log) res.on('finish', () => console.log(`${req.method} ${url.pathname} ${res.statusCode}`));
    try {
      if (url.pathname === '/api' || url.pathname.startsWith('/api/')) await api(req, res, url);
      else await staticFile(req, res, url);
    } catch (error) {
      if (!res.headersSent) problem(res, 500, 'INTERNAL_ERROR', String(error));
      else res.destroy();
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`,
    port: actualPort,
    state: { users, sales, requests, streams, products },
    close: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

// Run directly: node tests/mock-server.mjs [--port N] [--host H] [--decide-ms N]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
  };
  const mock = await startMockServer({
    port: Number(arg('--port', process.env.PORT || '8080')),
    host: arg('--host', '127.0.0.1'),
    decideMs: Number(arg('--decide-ms', '1200')),
    heartbeatMs: Number(arg('--heartbeat-ms', '15000')),
    log: true,
  });
  console.log(`mock platform at ${mock.url} (serving ${DEFAULT_OUT_DIR}); Ctrl-C stops it`);
  const stop = () => mock.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
