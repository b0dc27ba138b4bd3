// A small stand-in for the platform, for testing the front end without the Java stack:
// serves the static export (out/) and fakes the public API in memory, with the same
// shapes and problem details as the real edge-api.
//
//   node tests/mock-server.mjs [--port 8080] [--host 127.0.0.1] [--decide-ms 1200] [--heartbeat-ms 15000]
//
// Seeded like a fresh stack: admin, user1, user2 (password Satu123); one ACTIVE sale with
// stock 100 and one UPCOMING sale, plus a SOLD_OUT and an ENDED one to show every badge.
//
// GET /api/purchases/events streams the shopper's updates over SSE like edge-api: Bearer
// token required (401 problem otherwise); on each connection the latest 20 stored outcomes
// first, then `queued` on admission and `outcome` once decided (`decide-ms` later), each with
// `id: <requestId>:<STATUS>`; a `:keep-alive` comment every `heartbeat-ms`. The headers go
// out with the first event or keep-alive, not before, as edge-api most likely does (WebFlux
// commits a streamed response with its first element), so the page must cope with it. Every outcome is sent twice (same id), as a
// reconnection replay can, so the page's de-duplication is exercised.
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
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

const MINUTE = 60_000;

function seed(now) {
  const iso = (ms) => new Date(ms).toISOString();
  return [
    { id: '7d0c2f4e-1a1b-4c1d-8e1f-000000000001', productId: 'p-1', productName: 'Aurora Noise-Cancelling Headphones', price: 129.0, currency: 'EUR', stock: 100, remaining: 100, startsAt: iso(now - 10 * MINUTE), endsAt: iso(now + 120 * MINUTE) },
    { id: '7d0c2f4e-1a1b-4c1d-8e1f-000000000002', productId: 'p-2', productName: 'Nimbus Espresso Machine', price: 249.5, currency: 'EUR', stock: 50, remaining: 50, startsAt: iso(now + 30 * MINUTE), endsAt: iso(now + 90 * MINUTE) },
    { id: '7d0c2f4e-1a1b-4c1d-8e1f-000000000003', productId: 'p-3', productName: 'Trail Runner GTX Shoes', price: 89.99, currency: 'EUR', stock: 20, remaining: 0, startsAt: iso(now - 30 * MINUTE), endsAt: iso(now + 30 * MINUTE) },
    { id: '7d0c2f4e-1a1b-4c1d-8e1f-000000000004', productId: 'p-4', productName: 'Polar Down Jacket', price: 159.0, currency: 'EUR', stock: 30, remaining: 4, startsAt: iso(now - 180 * MINUTE), endsAt: iso(now - 60 * MINUTE) },
  ];
}

function statusOf(sale, now) {
  if (now < Date.parse(sale.startsAt)) return 'UPCOMING';
  if (now >= Date.parse(sale.endsAt)) return 'ENDED';
  if (sale.remaining !== null && sale.remaining <= 0) return 'SOLD_OUT';
  return 'ACTIVE';
}

/**
 * Starts the mock platform.
 * @param {{ port?: number, host?: string, outDir?: string, decideMs?: number, heartbeatMs?: number, log?: boolean }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void>, state: object }>}
 */
export async function startMockServer({ port = 0, host = '127.0.0.1', outDir = DEFAULT_OUT_DIR, decideMs = 1200, heartbeatMs = 15_000, log = false } = {}) {
  const users = new Map(
    [
      ['admin', 'ADMIN'],
      ['user1', 'USER'],
      ['user2', 'USER'],
    ].map(([username, role], i) => [username, { id: `00000000-0000-4000-8000-00000000000${i + 1}`, username, role, password: 'Satu123' }]),
  );
  const tokens = new Map(); // token -> { user, expiresAt }
  const sales = seed(Date.now());
  const requests = new Map(); // requestId -> request
  const byKey = new Map(); // `${userId}:${key}` -> requestId
  const confirmed = new Set(); // `${saleId}:${userId}`
  const timers = new Set();
  const streams = new Map(); // userId -> Set of open SSE responses
  const outcomes = new Map(); // userId -> decided updates, newest first
  const REPLAYED = 20;

  // --- SSE ---------------------------------------------------------------------------
  const update = (r, extra = {}) => ({
    requestId: r.requestId,
    saleId: r.saleId,
    status: r.status,
    reason: r.reason,
    decidedAt: r.decidedAt,
    position: null,
    estimatedWaitMs: null,
    ...extra,
  });
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
    // No flushHeaders(): like edge-api, the response is committed by its first write.
    res.writeHead(200, { 'Content-Type': 'text/event-stream;charset=UTF-8', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' });
    const mine = streams.get(user.id) ?? new Set();
    streams.set(user.id, mine);
    mine.add(res); // live first, then the replay: nothing decided meanwhile is lost
    for (const u of (outcomes.get(user.id) ?? []).slice(0, REPLAYED)) res.write(frame(u));
    const heartbeat = setInterval(() => res.write(':keep-alive\n\n'), heartbeatMs);
    res.on('close', () => {
      clearInterval(heartbeat);
      mine.delete(res);
      if (mine.size === 0) streams.delete(user.id);
    });
  };

  const send = (res, status, body, headers = {}) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
    res.end(text);
  };
  const problem = (res, status, title, detail, reason) =>
    send(res, status, { type: 'about:blank', title, status, detail, ...(reason ? { reason } : {}) }, { 'Content-Type': 'application/problem+json' });

  const authUser = (req) => {
    const header = req.headers.authorization || '';
    const match = /^Bearer (.+)$/.exec(header);
    if (!match) return null;
    const entry = tokens.get(match[1]);
    if (!entry || entry.expiresAt <= Date.now()) return null;
    return entry.user;
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

  const view = (sale, now) => ({ ...sale, status: statusOf(sale, now) });

  const decide = (request) => {
    const sale = sales.find((s) => s.id === request.saleId);
    const key = `${request.saleId}:${request.userId}`;
    if (confirmed.has(key)) return Object.assign(request, { status: 'REJECTED', reason: 'ALREADY_PURCHASED', decidedAt: new Date().toISOString() });
    if (!sale || sale.remaining <= 0) return Object.assign(request, { status: 'REJECTED', reason: 'SOLD_OUT', decidedAt: new Date().toISOString() });
    sale.remaining -= 1;
    confirmed.add(key);
    return Object.assign(request, { status: 'CONFIRMED', reason: null, decidedAt: new Date().toISOString() });
  };

  const decideAndTell = (request) => {
    decide(request);
    const u = update(request);
    const list = outcomes.get(request.userId) ?? [];
    list.unshift(u);
    outcomes.set(request.userId, list.slice(0, 100));
    publish(request.userId, u);
    later(100, () => publish(request.userId, u)); // a repeat, as a replay can bring
  };

  async function api(req, res, url) {
    const now = Date.now();
    const parts = url.pathname.split('/').filter(Boolean); // ['api', ...]
    if (req.method === 'POST' && url.pathname === '/api/auth/login') {
      const body = await readJson(req);
      if (!body || typeof body.username !== 'string' || typeof body.password !== 'string') {
        return problem(res, 400, 'Bad Request', 'username and password are required');
      }
      const user = users.get(body.username);
      if (!user || user.password !== body.password) return problem(res, 401, 'Unauthorized', 'Invalid username or password');
      const token = `mock.${randomUUID()}`;
      const expiresAt = now + 60 * MINUTE;
      tokens.set(token, { user, expiresAt });
      return send(res, 200, { token, expiresAt: new Date(expiresAt).toISOString(), user: { id: user.id, username: user.username, role: user.role } });
    }
    if (req.method === 'GET' && url.pathname === '/api/purchases/events') {
      const user = authUser(req);
      if (!user) return problem(res, 401, 'Unauthorized', 'Sign in to follow your purchases');
      return openStream(req, res, user);
    }
    if (req.method === 'GET' && url.pathname === '/api/sales') {
      return send(res, 200, { serverTime: new Date(now).toISOString(), items: sales.map((s) => view(s, now)) });
    }
    if (parts[1] === 'sales' && parts.length === 3 && req.method === 'GET') {
      const sale = sales.find((s) => s.id === parts[2]);
      return sale ? send(res, 200, view(sale, now)) : problem(res, 404, 'Not Found', 'No such sale', 'SALE_NOT_FOUND');
    }
    if (parts[1] === 'sales' && parts[3] === 'purchases' && parts.length === 4 && req.method === 'POST') {
      const user = authUser(req);
      if (!user) return problem(res, 401, 'Unauthorized', 'Sign in to buy');
      const key = req.headers['idempotency-key'] || randomUUID();
      const known = byKey.get(`${user.id}:${key}`);
      if (known) {
        const r = requests.get(known);
        return send(res, 202, { requestId: r.requestId, saleId: r.saleId, status: 'QUEUED', position: null, estimatedWaitMs: null });
      }
      const sale = sales.find((s) => s.id === parts[2]);
      if (!sale) return problem(res, 404, 'Not Found', 'No such sale', 'SALE_NOT_FOUND');
      const status = statusOf(sale, now);
      if (status === 'UPCOMING' || status === 'ENDED') return problem(res, 409, 'Conflict', 'The sale is not open', 'SALE_NOT_ACTIVE');
      if (status === 'SOLD_OUT') return problem(res, 409, 'Conflict', 'The sale is sold out', 'SOLD_OUT');
      if (confirmed.has(`${sale.id}:${user.id}`)) return problem(res, 409, 'Conflict', 'You already bought this sale', 'ALREADY_PURCHASED');
      const requestId = randomUUID();
      const position = [...requests.values()].filter((r) => r.saleId === sale.id && r.status === 'QUEUED').length + 1;
      const request = { requestId, saleId: sale.id, userId: user.id, status: 'QUEUED', reason: null, decidedAt: null };
      requests.set(requestId, request);
      byKey.set(`${user.id}:${key}`, requestId);
      later(decideMs, () => decideAndTell(request));
      send(res, 202, { requestId, saleId: sale.id, status: 'QUEUED', position, estimatedWaitMs: decideMs }, { Location: `/api/purchases/${requestId}` });
      // edge-api pushes "queued" once the request is on its way, alongside the 202.
      publish(user.id, update(request, { position, estimatedWaitMs: decideMs }));
      return;
    }
    if (parts[1] === 'purchases' && parts.length === 3 && req.method === 'GET') {
      const user = authUser(req);
      if (!user) return problem(res, 401, 'Unauthorized', 'Sign in to see your purchases');
      const r = requests.get(parts[2]);
      if (!r || r.userId !== user.id) return problem(res, 404, 'Not Found', 'No such purchase request');
      const { requestId, saleId, status, reason, decidedAt } = r;
      return send(res, 200, { requestId, saleId, status, reason, decidedAt });
    }
    return problem(res, 404, 'Not Found', `No route ${req.method} ${url.pathname}`);
  }

  async function staticFile(req, res, url) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return problem(res, 405, 'Method Not Allowed', 'Static files are read-only');
    let rel;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return problem(res, 400, 'Bad Request', 'Bad path');
    }
    const root = path.resolve(outDir);
    const candidates = rel.endsWith('/') ? [rel + 'index.html'] : [rel, rel + '.html', rel + '/index.html'];
    for (const candidate of candidates) {
      const file = path.resolve(root, '.' + candidate);
      if (file !== root && !file.startsWith(root + path.sep)) break;
      const info = await stat(file).catch(() => null);
      if (info?.isFile()) {
        const body = await readFile(file);
        const immutable = candidate.startsWith('/_next/static/');
        res.writeHead(200, {
          'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
          'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        });
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
      if (!res.headersSent) problem(res, 500, 'Internal Server Error', String(error));
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
    state: { users, sales, requests, streams },
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
