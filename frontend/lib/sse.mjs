// Server-Sent Events, read by hand: the browser's EventSource cannot send an Authorization
// header, and the token must never go into a URL (logs, history, Referer). So the page reads
// the stream with fetch() and a ReadableStream reader, and this module turns its text into
// events, following the WHATWG "event stream interpretation" rules:
//   - a line ends with CRLF, LF or CR, and a chunk may end anywhere (even between CR and LF);
//   - "field: value" (one space after the colon is dropped), a line without a colon is a field
//     with an empty value, unknown fields are ignored;
//   - a line starting with ":" is a comment (the server's keep-alive);
//   - "data" lines are joined with "\n"; a blank line ends the event; an event without data
//     is not dispatched; an unfinished event at the end of the stream is dropped.
// Plain ESM with JSDoc types, no framework: used by the page and by `node --test`.

/**
 * One dispatched event. `id` is the id line of this event (null when it had none), while
 * `lastEventId` follows the spec: the last id seen on the stream, carried over to later
 * events. De-duplication uses `id` only, so an event without its own id is never dropped
 * as a repeat of the one before.
 * @typedef {{ type: string, data: string, id: string | null, lastEventId: string }} SseEvent
 */

/**
 * @typedef {{
 *   onComment?: (text: string) => void,
 *   onRetry?: (ms: number) => void,
 * }} SseParserOptions
 */

/**
 * An incremental parser: push() text chunks as they arrive; events come out through onEvent.
 * @param {(event: SseEvent) => void} onEvent
 * @param {SseParserOptions} [options]
 * @returns {{ push: (chunk: string) => void, end: () => void }}
 */
export function createSseParser(onEvent, { onComment, onRetry } = {}) {
  let buffer = ''; // the current, unfinished line
  let skipLineFeed = false; // the last chunk ended with CR: a LF opening the next one is part of it
  let atStart = true; // a byte-order mark is dropped at the very start only
  let type = '';
  let data = '';
  let hasData = false;
  /** @type {string | null} */
  let id = null;
  let lastEventId = '';

  const reset = () => {
    type = '';
    data = '';
    hasData = false;
    id = null;
  };

  const dispatch = () => {
    if (!hasData) {
      reset(); // an event with no data line is dropped (its id still counts as lastEventId)
      return;
    }
    const event = { type: type || 'message', data: data.endsWith('\n') ? data.slice(0, -1) : data, id, lastEventId };
    reset();
    onEvent(event);
  };

  /** @param {string} line */
  const processLine = (line) => {
    if (line === '') {
      dispatch();
      return;
    }
    if (line.charCodeAt(0) === 58 /* ':' */) {
      const text = line.slice(1);
      onComment?.(text.startsWith(' ') ? text.slice(1) : text);
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        type = value;
        break;
      case 'data':
        data += value + '\n';
        hasData = true;
        break;
      case 'id':
        if (!value.includes('\u0000')) {
          id = value;
          lastEventId = value;
        }
        break;
      case 'retry':
        if (/^\d+$/.test(value)) onRetry?.(Number(value));
        break;
      default:
        break; // unknown fields are ignored
    }
  };

  return {
    push(chunk) {
      if (!chunk) return;
      let text = chunk;
      if (atStart) {
        atStart = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (skipLineFeed) {
        skipLineFeed = false;
        if (text.charCodeAt(0) === 10) text = text.slice(1);
      }
      // The carried-over part of `buffer` has no line end in it: scan only the new text.
      const scan = buffer.length;
      buffer += text;
      let start = 0;
      for (let i = scan; i < buffer.length; i++) {
        const c = buffer.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        const line = buffer.slice(start, i);
        if (c === 13) {
          if (i + 1 < buffer.length) {
            if (buffer.charCodeAt(i + 1) === 10) i++;
          } else {
            skipLineFeed = true;
          }
        }
        start = i + 1;
        processLine(line);
      }
      buffer = buffer.slice(start);
    },
    end() {
      // The spec drops an event that the stream did not finish with a blank line.
      buffer = '';
      skipLineFeed = false;
      reset();
    },
  };
}

/**
 * Parses a whole stream text at once (handy for tests and fixtures).
 * @param {string} text
 * @returns {SseEvent[]}
 */
export function parseSse(text) {
  /** @type {SseEvent[]} */
  const events = [];
  const parser = createSseParser((event) => events.push(event));
  parser.push(text);
  parser.end();
  return events;
}

/**
 * Remembers the ids it has seen (the newest `limit` of them) to drop repeats: the server
 * replays the latest outcomes on every (re)connection, and may send an update twice.
 * Events without an id are never treated as repeats.
 * @param {number} [limit]
 * @returns {{ isNew: (id: string | null | undefined) => boolean, size: () => number, clear: () => void }}
 */
export function createDeduper(limit = 500) {
  /** @type {Set<string>} */
  const seen = new Set();
  return {
    isNew(id) {
      if (id === null || id === undefined || id === '') return true;
      if (seen.has(id)) return false;
      seen.add(id);
      if (seen.size > limit) {
        // A Set iterates in insertion order: the first one is the oldest.
        const oldest = seen.values().next().value;
        if (oldest !== undefined) seen.delete(oldest);
      }
      return true;
    },
    size: () => seen.size,
    clear: () => seen.clear(),
  };
}

/** The reconnection delays: 1 s, 2 s, 5 s, then 10 s for every later try. */
export const BACKOFF_MS = Object.freeze([1_000, 2_000, 5_000, 10_000]);

/**
 * How long to wait before reconnection number `attempt` (0 for the first). A little jitter
 * (down to 80 % of the step, never above it) keeps thousands of shoppers from reconnecting in
 * the same millisecond after an edge restart.
 * @param {number} attempt
 * @param {() => number} [random] in [0, 1); `() => 1` gives the plain steps
 * @returns {number}
 */
export function backoffDelay(attempt, random = Math.random) {
  const step = BACKOFF_MS[Math.min(Math.max(0, Math.floor(attempt) || 0), BACKOFF_MS.length - 1)];
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(step * (0.8 + 0.2 * r));
}
