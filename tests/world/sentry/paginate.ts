// Keyset pagination as Sentry's SequencePaginator does it (src/sentry/api/paginator.py): the cursor is
// "score:offset:is_prev" where score is the sort value at the page edge and offset skips equal scores.
// The Link header format is Endpoint.build_cursor_link's, byte for byte.
import { BadRequest } from './search.ts';

export interface Cursor {
  value: number;
  offset: number;
  isPrev: boolean;
  hasResults: boolean;
}

export function cursorText(c: Cursor): string {
  return `${c.value}:${c.offset}:${c.isPrev ? 1 : 0}`;
}

export function parseCursor(text: string | null): Cursor | null {
  // get_cursor_from_request treats an empty cursor (sentry-cli sends `cursor=`) as none.
  if (text === null || text === '') return null;
  const parts = text.split(':');
  const [value, offset, prev] = parts.map(Number);
  if (
    parts.length !== 3 ||
    [value, offset, prev].some((n) => n === undefined || !Number.isFinite(n)) ||
    (offset ?? -1) < 0
  ) {
    throw new BadRequest('Invalid cursor parameter.');
  }
  return { value: value ?? 0, offset: offset ?? 0, isPrev: prev === 1, hasResults: false };
}

/** Index of the first score <= value in scores sorted high to low (bisect on the reversed order). */
function search(scores: number[], value: number, hi = scores.length): number {
  let lo = 0;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((scores[mid] ?? 0) > value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface Page<T> {
  results: T[];
  prev: Cursor;
  next: Cursor;
  hits: number;
}

/** items must already be sorted by score, highest first; scores are integers like Sentry's. */
export function paginate<T>(items: { item: T; score: number }[], limit: number, cursor: Cursor | null): Page<T> {
  const scores = items.map((i) => i.score);
  const c = cursor ?? { value: 0, offset: 0, isPrev: false, hasResults: false };
  let position = c.value === 0 ? (c.isPrev ? scores.length : 0) : search(scores, c.value);
  position += c.offset;
  let lo: number;
  let hi: number;
  if (c.isPrev) {
    hi = Math.min(position, scores.length);
    lo = Math.max(hi - limit, 0);
  } else {
    lo = Math.max(position, 0);
    hi = Math.min(lo + limit, scores.length);
  }
  if (scores.length === 0) {
    return {
      results: [],
      prev: { ...c, isPrev: true, hasResults: false },
      next: { ...c, isPrev: false, hasResults: false },
      hits: 0,
    };
  }
  const prevScore = scores[Math.min(lo, scores.length - 1)] ?? 0;
  const nextScore = scores[Math.min(hi, scores.length - 1)] ?? 0;
  return {
    results: items.slice(lo, hi).map((i) => i.item),
    prev: { value: prevScore, offset: lo - search(scores, prevScore, lo), isPrev: true, hasResults: lo > 0 },
    next: {
      value: nextScore,
      offset: hi - search(scores, nextScore, hi),
      isPrev: false,
      hasResults: hi < scores.length,
    },
    hits: scores.length,
  };
}

/** `limit` as Sentry reads it: default 100, capped at max (100 for most lists). */
export function readLimit(params: URLSearchParams, max = 100, fallback = 100): number {
  const raw = params.get('limit') ?? params.get('per_page');
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new BadRequest('Invalid per_page value. Cannot be less than 1.');
  return Math.min(n, max);
}

export function linkHeader(origin: string, path: string, params: URLSearchParams, prev: Cursor, next: Cursor): string {
  const rest = new URLSearchParams(params);
  rest.delete('cursor');
  const base = `${origin}${path}?${rest.toString()}`;
  const one = (name: string, c: Cursor) =>
    `<${base}&cursor=${cursorText(c)}>; rel="${name}"; results="${c.hasResults ? 'true' : 'false'}"; cursor="${cursorText(c)}"`;
  return `${one('previous', prev)}, ${one('next', next)}`;
}
