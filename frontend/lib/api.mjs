// The browser's client of the platform API. Same origin as the page, so relative URLs.
// Every call resolves (never throws) to { ok: true, status, data } or
// { ok: false, status, problem } with an RFC 9457 problem (a made-up one for network
// failures, status 0).

/**
 * @typedef {{ type?: string, title?: string, status?: number, detail?: string, reason?: string }} Problem
 * @typedef {{ ok: true, status: number, data: any } | { ok: false, status: number, problem: Problem }} ApiResult
 */

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
 * @param {RequestInit} [init]
 * @param {typeof fetch} [fetchImpl]
 * @returns {Promise<ApiResult>}
 */
export async function call(url, init = {}, fetchImpl = globalThis.fetch) {
  try {
    const response = await fetchImpl(url, {
      ...init,
      headers: { Accept: 'application/json, application/problem+json', ...(init.headers || {}) },
      cache: 'no-store',
    });
    return await readResult(response);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    return { ok: false, status: 0, problem: { title: 'Network error', status: 0 } };
  }
}

/**
 * @param {string | null | undefined} token
 * @returns {Record<string, string>}
 */
const bearer = (token) => (token ? { Authorization: `Bearer ${token}` } : {});

/**
 * @param {string} username
 * @param {string} password
 * @param {typeof fetch} [fetchImpl]
 */
export function login(username, password, fetchImpl) {
  return call(
    '/api/auth/login',
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) },
    fetchImpl,
  );
}

/** @param {typeof fetch} [fetchImpl] */
export function listSales(fetchImpl) {
  return call('/api/sales', { method: 'GET' }, fetchImpl);
}

/**
 * @param {string} saleId
 * @param {string} token
 * @param {string} idempotencyKey
 * @param {typeof fetch} [fetchImpl]
 */
export function startPurchase(saleId, token, idempotencyKey, fetchImpl) {
  return call(
    `/api/sales/${encodeURIComponent(saleId)}/purchases`,
    { method: 'POST', headers: { ...bearer(token), 'Idempotency-Key': idempotencyKey } },
    fetchImpl,
  );
}

/**
 * @param {string} requestId
 * @param {string} token
 * @param {typeof fetch} [fetchImpl]
 */
export function getPurchase(requestId, token, fetchImpl) {
  return call(`/api/purchases/${encodeURIComponent(requestId)}`, { method: 'GET', headers: bearer(token) }, fetchImpl);
}
