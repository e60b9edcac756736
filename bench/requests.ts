// Requests Dexter sends to Sentry for an issue-list page view: batched + cached + de-duplicated, beside the
// naive one-request-per-row approach. Counts requests, not time. Runs against the Sentry test server when
// tests/world/sentry/server.ts is there and answers; otherwise against a counting fake (the `source` row says which).
import { createCache, memoryStorage } from '../lib/cache';
import { createLimiter } from '../lib/sentry/ratelimit';
import { createSentryClient, type SentryClient } from '../lib/sentry/client';

import type { BenchRow } from './types';
export type { BenchRow };

interface Target {
  source: 'test-server' | 'counting-fake';
  client: SentryClient;
  org: string;
  issueIds: string[];
  requests: () => number;
  /** 429 answers seen so far. */
  limited: () => number;
  close: () => Promise<void>;
}

const ROWS = 100;

/** A fake Sentry that answers the org issue endpoints and counts every request. */
function countingFake(): Target {
  let count = 0;
  const issue = (id: string) => ({
    id,
    shortId: `APP-${id}`,
    title: `Error ${id}`,
    count: '10',
    userCount: 2,
    stats: { '24h': [[0, 1]] },
    project: { id: '1', slug: 'app' },
  });
  const fetch = (async (input: string | URL | Request) => {
    count++;
    const url = new URL(String(input));
    const single = /\/issues\/(\d+)\/$/.exec(url.pathname);
    const body = single ? issue(single[1]!) : url.searchParams.getAll('group').map(issue);
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as typeof globalThis.fetch;
  const client = createSentryClient({
    apiBase: 'https://acme.sentry.io/api/0',
    token: 'bench',
    fetch,
    limiter: createLimiter(),
  });
  const issueIds = Array.from({ length: ROWS }, (_, i) => String(5_000_000 + i));
  return {
    source: 'counting-fake',
    client,
    org: 'acme',
    issueIds,
    requests: () => count,
    limited: () => 0,
    close: async () => {},
  };
}

/** The shared Sentry test server, if it exists and serves at least ROWS issues. */
async function testServer(): Promise<Target | null> {
  let limited = 0;
  const path = '../tests/world/sentry/server.ts';
  try {
    const mod = (await import(/* @vite-ignore */ path)) as {
      startSentryServer?: (opts?: { issueCount?: number }) => Promise<any>;
    };
    if (!mod.startSentryServer) return null;
    const srv = await mod.startSentryServer({ issueCount: 150 });
    let count = 0;
    const counted = (async (input: any, init?: RequestInit) => {
      count++;
      const res = await fetch(input, init);
      if (res.status === 429) limited++;
      return res;
    }) as typeof globalThis.fetch;
    const client = createSentryClient({
      apiBase: `${String(srv.url).replace(/\/$/, '')}/api/0`,
      token: srv.tokens.readWrite,
      fetch: counted,
    });
    const [org] = await client.listOrganizations();
    const page = org ? await client.listIssues(org.slug, { query: '', limit: ROWS }) : null;
    if (!org || !page || page.issues.length < ROWS) {
      await srv.close();
      return null;
    }
    count = 0;
    return {
      source: 'test-server',
      client,
      org: org.slug,
      issueIds: page.issues.map((i) => i.id),
      requests: () => count,
      limited: () => limited,
      close: () => srv.close(),
    };
  } catch (e) {
    console.warn('[bench] test server unavailable, using the counting fake:', (e as Error)?.message ?? e);
    return null;
  }
}

export async function benchRequests(): Promise<BenchRow[]> {
  const t = (await testServer()) ?? countingFake();
  try {
    const cache = createCache({ storage: memoryStorage(), ttlMs: 60_000, staleMs: 240_000 });
    const key = `issues:${t.org}:${t.issueIds.join(',')}`;
    const pageView = () => cache.get(key, () => t.client.getIssuesByIds(t.org, t.issueIds, '24h'));

    let before = t.requests();
    const rows = await pageView();
    const cold = t.requests() - before;

    before = t.requests();
    await pageView();
    const warm = t.requests() - before;

    before = t.requests();
    const limitedBefore = t.limited();
    const perRowOk = (
      await Promise.all(
        t.issueIds.map((id) =>
          t.client.getIssue(t.org, id).then(
            () => 1,
            () => 0,
          ),
        ),
      )
    ).reduce<number>((a, b) => a + b, 0);
    const perRow = t.requests() - before;
    const perRow429 = t.limited() - limitedBefore;

    // Three features (sparkline, impact, priority) ask for the same page at once on a cold cache.
    const fresh = createCache({ storage: memoryStorage(), ttlMs: 60_000, staleMs: 240_000 });
    before = t.requests();
    await Promise.all([1, 2, 3].map(() => fresh.get(key, () => t.client.getIssuesByIds(t.org, t.issueIds, '24h'))));
    const concurrent = t.requests() - before;
    const saved = 3 * cold - concurrent;

    return [
      {
        name: `source (${t.source})`,
        value: t.source === 'test-server' ? 1 : 0,
        unit: '1 = test server, 0 = counting fake',
      },
      {
        name: `issue rows resolved (${ROWS} asked)`,
        value: rows.length,
        unit: 'rows',
        target: `${ROWS}`,
        ok: rows.length === ROWS,
      },
      { name: 'requests: 100-row issue list, cold', value: cold, unit: 'requests', target: '1', ok: cold === 1 },
      { name: 'requests: repeat view within TTL', value: warm, unit: 'requests', target: '0', ok: warm === 0 },
      {
        name: 'requests: per-row approach (one GET per issue, retries included)',
        value: perRow,
        unit: 'requests',
        target: '≥ 100 (reference)',
      },
      { name: 'per-row approach: rows loaded', value: perRowOk, unit: 'rows' },
      { name: 'per-row approach: 429 answers on the way (retried)', value: perRow429, unit: 'responses' },
      {
        name: 'per-row ÷ batched',
        value: cold ? perRow / cold : perRow,
        unit: '×',
        target: '≥ 100',
        ok: cold > 0 && perRow / cold >= 100,
      },
      {
        name: 'requests: 3 features asking concurrently',
        value: concurrent,
        unit: 'requests',
        target: '1',
        ok: concurrent === 1,
      },
      { name: 'requests saved by de-duplication', value: saved, unit: 'requests', target: '2', ok: saved === 2 },
    ];
  } finally {
    await t.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchRequests().then(
    (rows) => console.table(rows),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
