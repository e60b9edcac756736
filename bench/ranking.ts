// Ranking a triage set: the popup fetches 1,000 issues of a 4,000-issue org in pages of 100 and ranks them. The
// data part is measured in Node on the world's own answers (10 sequential pages from its API, then scoring and
// sorting the 1,000); the whole of it in Chromium, from opening the popup to its "Ranked 1,000 of …" line.
import { startSentryServer } from '../tests/world/sentry/server';
import { createSentryClient } from '../lib/sentry/client';
import { createLimiter } from '../lib/sentry/ratelimit';
import type { Issue } from '../lib/sentry/schemas';
import { DEFAULT_SETTINGS } from '../lib/settings';
import { sortRows, toRows } from '../components/triage/rows';
import { median, round, withDexter } from './overlay';
import { timesMs, type BenchRow } from './types';

async function dataPart(): Promise<BenchRow[]> {
  const srv = await startSentryServer({ issueCount: 4000, rateLimit: { limit: 1000, concurrentLimit: 100 } });
  try {
    const client = createSentryClient({
      apiBase: `${srv.url}/api/0`,
      token: srv.tokens.readWrite,
      fetch,
      limiter: createLimiter(),
      onSchemaIssues: () => {},
    });
    const fetches: number[] = [];
    let issues: Issue[] = [];
    for (let run = 0; run < 3; run++) {
      const t = performance.now();
      issues = [];
      let cursor: string | undefined;
      for (let p = 0; p < 10; p++) {
        const page = await client.listIssues('acme', {
          query: 'is:unresolved',
          statsPeriod: '14d',
          groupStatsPeriod: '24h',
          limit: 100,
          cursor,
        });
        issues.push(...page.issues);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      fetches.push(performance.now() - t);
    }
    const opts = { now: Date.now(), userBases: {}, thresholds: DEFAULT_SETTINGS.list.impactThresholds };
    // A new array each run: sortRows keeps each order per loaded array, and a ranking is done once per load.
    const rank = timesMs(() => sortRows(toRows(issues, opts), 'priority'), 21);
    return [
      {
        name: `fetch ${issues.length.toLocaleString('en-US')} issues in 10 sequential pages of 100 (world API, Node; median of 3)`,
        value: round(median(fetches)),
        unit: 'ms',
      },
      {
        name: `score and rank ${issues.length.toLocaleString('en-US')} issues (priority + impact per issue, then sort; median of 21)`,
        value: round(median(rank), 2),
        unit: 'ms',
        target: '≤ 50',
        ok: median(rank) <= 50,
      },
    ];
  } finally {
    await srv.close();
  }
}

async function inPopup(): Promise<BenchRow[]> {
  return withDexter({ issueCount: 4000, rateLimit: 400 }, async ({ context, id, sw }) => {
    await sw.evaluate(async () => {
      await chrome.storage.local.set({
        settings: { sentry: { org: 'acme', project: '', selfHostedBases: [], useSession: true } },
      });
    });
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(`chrome-extension://${id}/popup.html`);
    const line = page.getByText(/^Ranked 1,000 of /);
    await line.waitFor({ timeout: 45_000 });
    const ms = Date.now() - start;
    return [
      { name: `popup open → "${(await line.textContent())!.slice(0, 40)}…" (Chromium, world)`, value: ms, unit: 'ms' },
    ];
  });
}

export async function benchRanking(): Promise<BenchRow[]> {
  return [...(await dataPart()), ...(await inPopup())];
}

declare const chrome: { storage: { local: { set(v: unknown): Promise<void> } } };
