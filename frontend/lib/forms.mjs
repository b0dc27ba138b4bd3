// Pure helpers for the admin forms: datetime-local values and the instants the API wants.

/** @param {number} n */
const pad = (n) => String(n).padStart(2, '0');

/**
 * An ISO instant as the value of an `<input type="datetime-local">` in the browser's time
 * zone ("2026-12-01T14:05"), or '' when unreadable.
 * @param {string | number | null | undefined} instant
 * @returns {string}
 */
export function toLocalInput(instant) {
  if (instant === null || instant === undefined || instant === '') return '';
  const t = typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(t)) return '';
  const d = new Date(t);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * The ISO instant (UTC) of a datetime-local value read in the browser's time zone, or null
 * when empty or unreadable (the server then names the field).
 * @param {string} value
 * @returns {string | null}
 */
export function fromLocalInput(value) {
  if (!value) return null;
  const t = new Date(value).getTime();
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

/**
 * A number from a form field, or null when empty or not a number (the server names it).
 * @param {string} value
 * @returns {number | null}
 */
export function numberOrNull(value) {
  if (value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
