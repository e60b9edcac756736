// Loading a triage set page by page: one page of 100 after another (Sentry's cursors are sequential), each handed
// over as it arrives, until the limit or the end. Stop keeps what came; a page that fails is asked once more (the
// client has already retried its GET with backoff), then the load ends as failed with its cursor, so "load the
// rest" can go on from there, and nothing already loaded is lost.
import type { DexterError, IssuesPage, Reply } from '../messages';

export const PAGE_SIZE = 100;

export interface LoadOptions {
  /** One page from the background: `limit` issues from `cursor` (undefined: the first page). */
  fetchPage(cursor: string | undefined, limit: number): Promise<Reply<IssuesPage>>;
  /** The most issues to load. */
  limit: number;
  /** Where to start (resume, or the next set); undefined: the first page. */
  cursor?: string;
  /** Issues already loaded (a resume counts them against the limit). */
  loaded?: number;
  signal?: AbortSignal;
  onPage(page: IssuesPage, index: number): void;
  /** Wait before the page-level retry: Sentry's Retry-After when it sent one, else this. */
  retryDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface LoadEnd {
  state: 'done' | 'stopped' | 'failed';
  loaded: number;
  /** True when Sentry has no more pages (the set is all the query matches), not just the limit reached. */
  complete: boolean;
  /** The cursor to go on from: the next page after the limit, after a stop, or the page that failed. */
  next: string | null;
  error: DexterError | null;
  /** The first page's: what lies before the set (Link `previous`), and Sentry's count of matches. */
  prevCursor: string | null;
  hits: number | null;
  maxHits: number | null;
}

/** Errors a second try cannot fix: the token, the scope, the request itself. */
const FINAL: ReadonlySet<DexterError['kind']> = new Set([
  'auth',
  'scope',
  'not-found',
  'invalid-request',
  'forbidden-sender',
  'forbidden-target',
  'cancelled',
]);

export async function loadPages(o: LoadOptions): Promise<LoadEnd> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = o.now ?? Date.now;
  const end: LoadEnd = {
    state: 'done',
    loaded: o.loaded ?? 0,
    complete: false,
    next: o.cursor ?? null,
    error: null,
    prevCursor: null,
    hits: null,
    maxHits: null,
  };
  let cursor = o.cursor;
  for (let index = 0; end.loaded < o.limit; index++) {
    if (o.signal?.aborted) return { ...end, state: 'stopped' };
    const want = Math.min(PAGE_SIZE, o.limit - end.loaded);
    let r = await o.fetchPage(cursor, want);
    if (!r.ok && !FINAL.has(r.error.kind) && !o.signal?.aborted) {
      await sleep(r.error.retryAt ? Math.max(0, r.error.retryAt - now()) : (o.retryDelayMs ?? 1000));
      if (!o.signal?.aborted) r = await o.fetchPage(cursor, want);
    }
    // A page that arrives after Stop is not shown: the user stopped at what was on screen.
    if (o.signal?.aborted) return { ...end, state: 'stopped' };
    if (!r.ok) return { ...end, state: 'failed', error: r.error, next: cursor ?? null };
    const page = r.data;
    if (index === 0)
      Object.assign(end, { prevCursor: page.prevCursor, hits: page.hits, maxHits: page.maxHits ?? null });
    end.loaded += page.issues.length;
    o.onPage(page, index);
    end.next = page.nextCursor;
    cursor = page.nextCursor ?? undefined;
    if (!page.nextCursor) return { ...end, complete: true };
  }
  return end;
}
