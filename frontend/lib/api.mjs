// The browser's client of the platform API. Same origin as the page, so relative URLs, and
// the session is the httpOnly cookie the sign-in sets: no token is ever read or kept by the
// page. Every unsafe request (POST, PUT, PATCH, DELETE) carries `X-Flashsale-Client: web`,
// the edge's CSRF check for cookie-authenticated requests (a cross-site page cannot send a
// custom header without a CORS preflight, which the edge never allows).
//
// Every call resolves (never throws) to { ok: true, status, data } or
// { ok: false, status, problem } with an RFC 9457 problem (a made-up one for network
// failures and for an answer that does not come within CALL_TIMEOUT_MS, status 0: a page that
// asks again every few seconds never waits forever on one lost request). A 401 also tells the
// listener set with onUnauthorized(): the cookie is gone or refused, so the page shows the
// sign-in form.

/**
 * @typedef {{ field: string, message: string }} FieldProblem
 * @typedef {{ type?: string, title?: string, status?: number, detail?: string, reason?: string, errors?: FieldProblem[] }} Problem
 * @typedef {{ ok: true, status: number, data: any } | { ok: false, status: number, problem: Problem }} ApiResult
 */

export const CLIENT_HEADER = 'X-Flashsale-Client';
/** How long a call waits for its answer (headers and body); then a status-0 problem. */
export const CALL_TIMEOUT_MS = 15_000;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** @type {Set<(url: string) => void>} */
const unauthorizedListeners = new Set();

/**
 * Calls `listener` on every 401 answer (except the sign-in's own). Answers the unsubscribe.
 * @param {(url: string) => void} listener
 * @returns {() => void}
 */
export function onUnauthorized(listener) {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/**
 * The text to show for a failed call: the problem's detail, else its title, else the status.
 * @param {Problem | null | undefined} problem
 * @param {number} [status]
 * @returns {string}
 */
export function problemMessage(problem, status) {
  if (problem?.detail) return problem.detail;
  if (problem?.title) return problem.title;
  if (status === 0) return 'Cannot reach the server. Check your connection and try again.';
  return status ? `Request failed (HTTP ${status})` : 'Request failed';
}

/**
 * The server's message per field of a 400 VALIDATION_FAILED (`errors[]`), first one wins.
 * @param {Problem | null | undefined} problem
 * @returns {Record<string, string>}
 */
export function fieldErrors(problem) {
  /** @type {Record<string, string>} */
  const byField = {};
  for (const error of Array.isArray(problem?.errors) ? problem.errors : []) {
    if (error && typeof error.field === 'string' && !(error.field in byField)) byField[error.field] = String(error.message ?? '');
  }
  return byField;
}

/**
 * Reads a Response into an ApiResult. A non-JSON error body (a proxy's HTML page) still
 * gives a problem with the status.
 * @param {Response} response
 * @returns {Promise<ApiResult>}
 */
export async function readResult(response) {
  const text = await response.text().catch(() => '');
  /** @type {any} */
  let body = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (response.ok) return { ok: true, status: response.status, data: body };
  const problem = body && typeof body === 'object' ? body : { title: response.statusText || undefined, status: response.status };
  return { ok: false, status: response.status, problem };
}

/**
 * @param {string} url
 * @param {RequestInit & { quiet401?: boolean, timeoutMs?: number }} [init]
 * @param {typeof fetch} [fetchImpl]
 * @returns {Promise<ApiResult>}
 */
export async function call(url, init = {}, fetchImpl = globalThis.fetch) {
  const { quiet401, timeoutMs = CALL_TIMEOUT_MS, signal: callerSignal, ...rest } = init;
  const method = (rest.method || 'GET').toUpperCase();
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json, application/problem+json', ...(/** @type {Record<string, string>} */ (rest.headers) || {}) };
  if (UNSAFE.has(method)) headers[CLIENT_HEADER] = 'web';
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
  let result;
  try {
    const response = await fetchImpl(url, { ...rest, method, headers, credentials: 'same-origin', cache: 'no-store', signal });
    result = await readResult(response);
  } catch (error) {
    if (callerSignal?.aborted) throw error; // the caller's own abort (a page left)
    if (timeout.aborted) {
      const detail = `The server did not answer within ${Math.round(timeoutMs / 1000)} s. Try again.`;
      return { ok: false, status: 0, problem: { title: 'No answer', detail, status: 0 } };
    }
    return { ok: false, status: 0, problem: { title: 'Network error', status: 0 } };
  }
  if (result.status === 401 && !quiet401) for (const listener of unauthorizedListeners) listener(url);
  return result;
}

/**
 * @param {string} method
 * @param {string} url
 * @param {unknown} [body]
 * @param {typeof fetch} [fetchImpl]
 */
const send = (method, url, body, fetchImpl) =>
  call(url, body === undefined ? { method } : { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }, fetchImpl);

/** @param {Record<string, string | number | null | undefined>} params */
function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

const id = encodeURIComponent;

// --- accounts ----------------------------------------------------------------------------

/**
 * The signed-in account (from the cookie), or a 401 when there is none; no sign-out event.
 * @param {typeof fetch} [fetchImpl]
 */
export const me = (fetchImpl) => call('/api/auth/me', { method: 'GET', quiet401: true }, fetchImpl);

/**
 * Signs in: the answer sets the session cookie.
 * @param {string} username
 * @param {string} password
 * @param {typeof fetch} [fetchImpl]
 */
export const login = (username, password, fetchImpl) =>
  call('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }), quiet401: true }, fetchImpl);

/**
 * @param {string} username
 * @param {string} password
 * @param {typeof fetch} [fetchImpl]
 */
export const register = (username, password, fetchImpl) => send('POST', '/api/auth/register', { username, password }, fetchImpl);

/**
 * Clears the session cookie.
 * @param {typeof fetch} [fetchImpl]
 */
export const logout = (fetchImpl) => call('/api/auth/logout', { method: 'POST', quiet401: true }, fetchImpl);

// --- shopping ----------------------------------------------------------------------------

/** @param {typeof fetch} [fetchImpl] */
export const listSales = (fetchImpl) => call('/api/sales', { method: 'GET' }, fetchImpl);

/**
 * One sale; `viewerId` (a random id per browser) lets the edge count who is watching it.
 * @param {string} saleId
 * @param {string | null} [viewerId]
 * @param {typeof fetch} [fetchImpl]
 */
export const getSale = (saleId, viewerId, fetchImpl) =>
  call(`/api/sales/${id(saleId)}`, { method: 'GET', headers: viewerId ? { 'X-Viewer-Id': viewerId } : {} }, fetchImpl);

/** @param {string} productId @param {typeof fetch} [fetchImpl] */
export const getProduct = (productId, fetchImpl) => call(`/api/products/${id(productId)}`, { method: 'GET' }, fetchImpl);

/**
 * @param {string} saleId
 * @param {string} idempotencyKey
 * @param {typeof fetch} [fetchImpl]
 */
export const startPurchase = (saleId, idempotencyKey, fetchImpl) =>
  call(`/api/sales/${id(saleId)}/purchases`, { method: 'POST', headers: { 'Idempotency-Key': idempotencyKey } }, fetchImpl);

/** @param {string} requestId @param {typeof fetch} [fetchImpl] */
export const getPurchase = (requestId, fetchImpl) => call(`/api/purchases/${id(requestId)}`, { method: 'GET' }, fetchImpl);

/** @param {number} [page] @param {number} [size] @param {typeof fetch} [fetchImpl] */
export const myPurchases = (page = 0, size = 20, fetchImpl) => call(`/api/me/purchases${query({ page, size })}`, { method: 'GET' }, fetchImpl);

// --- admin -------------------------------------------------------------------------------

/** @param {{ q?: string, page?: number, size?: number }} [params] @param {typeof fetch} [fetchImpl] */
export const adminProducts = (params = {}, fetchImpl) => call(`/api/admin/products${query(params)}`, { method: 'GET' }, fetchImpl);
/** @param {object} product @param {typeof fetch} [fetchImpl] */
export const createProduct = (product, fetchImpl) => send('POST', '/api/admin/products', product, fetchImpl);
/** @param {string} productId @param {object} product @param {typeof fetch} [fetchImpl] */
export const updateProduct = (productId, product, fetchImpl) => send('PUT', `/api/admin/products/${id(productId)}`, product, fetchImpl);
/** @param {string} productId @param {typeof fetch} [fetchImpl] */
export const deleteProduct = (productId, fetchImpl) => send('DELETE', `/api/admin/products/${id(productId)}`, undefined, fetchImpl);

/** @param {typeof fetch} [fetchImpl] */
export const adminSales = (fetchImpl) => call('/api/admin/sales', { method: 'GET' }, fetchImpl);
/** @param {object} sale @param {typeof fetch} [fetchImpl] */
export const createSale = (sale, fetchImpl) => send('POST', '/api/admin/sales', sale, fetchImpl);
/** @param {string} saleId @param {object} sale @param {typeof fetch} [fetchImpl] */
export const updateSale = (saleId, sale, fetchImpl) => send('PUT', `/api/admin/sales/${id(saleId)}`, sale, fetchImpl);
/** @param {string} saleId @param {typeof fetch} [fetchImpl] */
export const cancelSale = (saleId, fetchImpl) => send('POST', `/api/admin/sales/${id(saleId)}/cancel`, undefined, fetchImpl);
/** @param {string} saleId @param {number} [page] @param {typeof fetch} [fetchImpl] */
export const salePurchases = (saleId, page = 0, fetchImpl) =>
  call(`/api/admin/sales/${id(saleId)}/purchases${query({ page, size: 50 })}`, { method: 'GET' }, fetchImpl);
/**
 * The live progress of a sale; with `since` only the per-second buckets at or after it.
 * @param {string} saleId
 * @param {string | null} [since]
 * @param {typeof fetch} [fetchImpl]
 */
export const saleProgress = (saleId, since, fetchImpl) =>
  call(`/api/admin/sales/${id(saleId)}/progress${query({ since })}`, { method: 'GET' }, fetchImpl);

/** order-processor's consumer lag per partition (ADMIN). @param {typeof fetch} [fetchImpl] */
export const opsLag = (fetchImpl) => call('/api/admin/ops/lag', { method: 'GET' }, fetchImpl);

/** @param {{ q?: string, page?: number, size?: number }} [params] @param {typeof fetch} [fetchImpl] */
export const adminUsers = (params = {}, fetchImpl) => call(`/api/admin/users${query(params)}`, { method: 'GET' }, fetchImpl);
/** @param {string} userId @param {typeof fetch} [fetchImpl] */
export const adminUser = (userId, fetchImpl) => call(`/api/admin/users/${id(userId)}`, { method: 'GET' }, fetchImpl);
/** @param {string} userId @param {{ role?: string, enabled?: boolean }} change @param {typeof fetch} [fetchImpl] */
export const changeUser = (userId, change, fetchImpl) => send('PATCH', `/api/admin/users/${id(userId)}`, change, fetchImpl);
/** @param {string} userId @param {number} [page] @param {typeof fetch} [fetchImpl] */
export const userPurchases = (userId, page = 0, fetchImpl) =>
  call(`/api/admin/users/${id(userId)}/purchases${query({ page, size: 50 })}`, { method: 'GET' }, fetchImpl);
