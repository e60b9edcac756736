import { describe, expect, it } from 'vitest';
import type { DexterError, IssuesPage, Reply } from '../messages';
import type { Issue } from '../sentry/schemas';
import { loadPages } from './pages';
import { summaryLine, type SetSummary } from './summary';

/** A Sentry with `total` issues behind cursors "p1", "p2", …; `fail` decides which attempts at a cursor fail. */
function sentry(total: number, fail: (cursor: string, attempt: number) => DexterError | null = () => null) {
  const asked: { cursor: string; limit: number }[] = [];
  const attempts = new Map<string, number>();
  const fetchPage = async (cursor: string | undefined, limit: number): Promise<Reply<IssuesPage>> => {
    const c = cursor ?? 'p0';
    asked.push({ cursor: c, limit });
    const attempt = (attempts.get(c) ?? 0) + 1;
    attempts.set(c, attempt);
    const error = fail(c, attempt);
    if (error) return { ok: false, error };
    const start = Number(c.slice(1));
    const issues = Array.from(
      { length: Math.max(0, Math.min(limit, total - start)) },
      (_, i) => ({ id: String(start + i) }) as Issue,
    );
    const next = start + issues.length < total ? `p${start + issues.length}` : null;
    return {
      ok: true,
      data: {
        issues,
        nextCursor: next,
        prevCursor: cursor ? 'back' : null,
        hits: Math.min(total, 1000),
        maxHits: 1000,
      },
    };
  };
  return { fetchPage, asked };
}
const noSleep = async () => {};
const unavailable: DexterError = { kind: 'unavailable', message: 'Sentry did not answer in time.' };

describe('loadPages', () => {
  it('loads pages of 100 one after another up to the limit, handing each over as it comes', async () => {
    const s = sentry(4213);
    const seen: number[] = [];
    const end = await loadPages({
      fetchPage: s.fetchPage,
      limit: 1000,
      onPage: (p) => seen.push(p.issues.length),
      sleep: noSleep,
    });
    expect(seen).toEqual(Array(10).fill(100));
    expect(end).toMatchObject({
      state: 'done',
      loaded: 1000,
      complete: false,
      next: 'p1000',
      hits: 1000,
      maxHits: 1000,
      prevCursor: null,
    });
    expect(s.asked.map((a) => a.cursor)).toEqual(['p0', ...Array.from({ length: 9 }, (_, i) => `p${(i + 1) * 100}`)]);
  });

  it('ends complete at Sentry’s last page, and asks only for what the limit leaves', async () => {
    const s = sentry(342);
    const end = await loadPages({ fetchPage: s.fetchPage, limit: 1000, onPage: () => {}, sleep: noSleep });
    expect(end).toMatchObject({ state: 'done', loaded: 342, complete: true, next: null });
    const capped = sentry(500);
    await loadPages({ fetchPage: capped.fetchPage, limit: 250, onPage: () => {}, sleep: noSleep });
    expect(capped.asked.map((a) => a.limit)).toEqual([100, 100, 50]);
  });

  it('asks a failed page once more, then ends failed with that page’s cursor and keeps what came', async () => {
    const once = sentry(300, (c, attempt) => (c === 'p100' && attempt === 1 ? unavailable : null));
    const waits: number[] = [];
    const ok = await loadPages({
      fetchPage: once.fetchPage,
      limit: 1000,
      onPage: () => {},
      sleep: async (ms) => void waits.push(ms),
      retryDelayMs: 700,
    });
    expect(ok).toMatchObject({ state: 'done', loaded: 300, complete: true });
    expect(waits).toEqual([700]);

    const always = sentry(300, (c) => (c === 'p200' ? unavailable : null));
    const pages: number[] = [];
    const failed = await loadPages({
      fetchPage: always.fetchPage,
      limit: 1000,
      onPage: (p) => pages.push(p.issues.length),
      sleep: noSleep,
    });
    expect(failed).toMatchObject({ state: 'failed', loaded: 200, next: 'p200', error: unavailable });
    expect(pages).toEqual([100, 100]);
    expect(always.asked.filter((a) => a.cursor === 'p200')).toHaveLength(2);
    // Going on from there loads the rest.
    const resumed = await loadPages({
      fetchPage: sentry(300).fetchPage,
      limit: 1000,
      cursor: failed.next!,
      loaded: failed.loaded,
      onPage: () => {},
      sleep: noSleep,
    });
    expect(resumed).toMatchObject({ state: 'done', loaded: 300, complete: true });
  });

  it('does not retry what a retry cannot fix, and waits out Sentry’s Retry-After when it gave one', async () => {
    const scope = sentry(300, () => ({ kind: 'scope', message: 'no event:read' }));
    expect((await loadPages({ fetchPage: scope.fetchPage, limit: 1000, onPage: () => {}, sleep: noSleep })).state).toBe(
      'failed',
    );
    expect(scope.asked).toHaveLength(1);
    const waits: number[] = [];
    const limited = sentry(100, (_c, attempt) =>
      attempt === 1 ? { kind: 'rate-limited', message: 'slow down', retryAt: 10_000 + 3000 } : null,
    );
    await loadPages({
      fetchPage: limited.fetchPage,
      limit: 1000,
      onPage: () => {},
      sleep: async (ms) => void waits.push(ms),
      now: () => 10_000,
    });
    expect(waits).toEqual([3000]);
  });

  it('stops between pages, and drops a page that arrives after Stop', async () => {
    const ctrl = new AbortController();
    const s = sentry(1000);
    const seen: number[] = [];
    const end = await loadPages({
      fetchPage: async (c, l) => {
        const r = await s.fetchPage(c, l);
        if (c === 'p200') ctrl.abort();
        return r;
      },
      limit: 1000,
      signal: ctrl.signal,
      onPage: (p) => seen.push(p.issues.length),
      sleep: noSleep,
    });
    expect(end).toMatchObject({ state: 'stopped', loaded: 200, next: 'p200' });
    expect(seen).toEqual([100, 100]);
  });
});

describe('summaryLine', () => {
  const base: SetSummary = {
    state: 'done',
    loaded: 1000,
    limit: 1000,
    complete: false,
    hits: 4213,
    maxHits: null,
    ranked: true,
    status: 'unresolved',
    keyword: false,
    period: '14d',
    order: 'most recently seen',
  };
  it('says what was ranked out of how many, and what to do about the rest', () => {
    expect(summaryLine(base)).toBe(
      'Ranked 1,000 of 4,213 unresolved (last 14 days, the 1,000 most recently seen) — narrow the search to rank all.',
    );
    expect(summaryLine({ ...base, hits: 1000, maxHits: 1000 })).toBe(
      'Ranked 1,000 of more than 1,000 unresolved (last 14 days, the 1,000 most recently seen) — narrow the search to rank all.',
    );
    expect(summaryLine({ ...base, hits: null })).toMatch(/^Ranked 1,000 unresolved; Sentry has more/);
    expect(summaryLine({ ...base, loaded: 342, complete: true, hits: 342, status: 'all', keyword: true })).toBe(
      'Ranked all 342 issues matching the search (last 14 days).',
    );
    expect(summaryLine({ ...base, state: 'loading', loaded: 300 })).toBe('Ranking: 300 of up to 1,000 fetched…');
    expect(summaryLine({ ...base, state: 'stopped', loaded: 300, ranked: false, limit: 10_000, period: '24h' })).toBe(
      'Loaded 300 of 4,213 unresolved (last 24 hours) — stopped; load the rest to see them too.',
    );
    expect(summaryLine({ ...base, state: 'failed', loaded: 300 })).toMatch(/a page failed; what came is kept/);
  });
});
