// The popup's and the Explorer's triage: pages of a query's issues (their ranking and the Explorer's stream), and
// bulk changes with per-issue truth and an exact undo (the pipeline is lib/triage/bulk.ts; here it gets the client).
import { createCache, type Cache } from '@/lib/cache';
import type { BulkResult, IssuesPage, Target } from '@/lib/messages';
import type { SentryClient } from '@/lib/sentry/client';
import { isSentryError } from '@/lib/sentry/errors';
import { changeIssues, planChange, restoreIssues, type BulkOps } from '@/lib/triage/bulk';
import { TRIAGE_GRAPH } from '@/lib/triage/period';
import { toError, type Handlers } from './router';
import type { SentryService } from './service';
import { authItem, settingsItem } from './settings';
import { rememberRows } from './trends';

/** Pages of triage sets, in memory only: the Explorer's 100 pages of ~200 KB would overflow storage.local (and
 *  wait for its writes), and a list older than a minute is not worth showing for triage. */
export const pageCache: Cache = createCache({
  storage: { get: async () => undefined, set: async () => {}, remove: async () => {} },
  ttlMs: 60_000,
  staleMs: 0,
  maxEntries: 150,
  maxPersistBytes: Infinity,
  namespace: 'dexter-pages:',
});

// Another token or other settings (another Sentry, other projects within reach) must not be answered with pages
// read before: the shared cache is emptied on auth.set/clear, and these go with it.
const forgetPages = () => void pageCache.invalidate(() => true);
authItem.watch(forgetPages);
settingsItem.watch(forgetPages);

/** Sentry's own words for a failed request, where it gave any, with the HTTP status. */
export function reasonOf(error: unknown): string {
  if (isSentryError(error)) {
    const status = error.status ? ` (HTTP ${error.status})` : '';
    return error.detail
      ? `Sentry said: “${error.detail}”${status}.`
      : `${error.userMessage.replace(/\.$/, '')}${status}.`;
  }
  return toError(error).message;
}

function bulkOps(client: SentryClient, org: string): BulkOps {
  return {
    chunks: (ids) => client.bulkChunks(org, ids),
    read: (ids) => client.readIssues(org, ids),
    put: async (ids, body) => (await client.updateIssues(org, ids, body)).status,
    reason: reasonOf,
    notApplied: (error) => isSentryError(error) && error.kind === 'rate-limited',
  };
}

/** After a change, no list or row figure of the org may come from before it. */
async function forget(service: SentryService, target: Target): Promise<void> {
  const prefix = service.key(target);
  await Promise.all([
    service.cache.invalidate((k) => k.startsWith(prefix)),
    pageCache.invalidate((k) => k.startsWith(prefix)),
  ]);
}

export const triageHandlers = {
  async 'issues.page'(m, { service }) {
    const { client } = service.client(m.target);
    const key = service.key(m.target, 'page', m.query, m.sort, m.period, m.project.join(','), m.cursor ?? '', m.limit);
    const page = await pageCache.get(key, async (): Promise<IssuesPage> => {
      const p = await client.listIssues(m.target.org, {
        query: m.query,
        sort: m.sort,
        statsPeriod: m.period,
        groupStatsPeriod: TRIAGE_GRAPH,
        project: m.project,
        limit: m.limit,
        cursor: m.cursor,
      });
      return { issues: p.issues, nextCursor: p.nextCursor, prevCursor: p.prevCursor, hits: p.hits, maxHits: p.maxHits };
    });
    rememberRows(m.target, page.issues, TRIAGE_GRAPH, true); // the Explorer's sparklines ask their trends next (trends.ts)
    return page;
  },
  async 'issues.plan'(m, { service }) {
    const { client } = service.client(m.target);
    return planChange(bulkOps(client, m.target.org), m.ids, Date.now());
  },
  async 'issues.update'(m, { service }) {
    const { client } = service.client(m.target);
    try {
      const r = await changeIssues(bulkOps(client, m.target.org), m.ids, { status: m.status }, { status: m.status });
      const previous = Object.fromEntries(r.prior.map((p) => [p.id, p.status]));
      const result: BulkResult = {
        status: m.status,
        updated: r.updated,
        failed: r.failed,
        previous,
        prior: r.prior,
        after: r.after,
      };
      return result;
    } finally {
      await forget(service, m.target);
    }
  },
  async 'issues.restore'(m, { service }) {
    const { client } = service.client(m.target);
    try {
      const r = await restoreIssues(bulkOps(client, m.target.org), m.items, m.after, Date.now());
      return { updated: r.updated, failed: r.failed, after: r.after };
    } finally {
      await forget(service, m.target);
    }
  },
} satisfies Partial<Handlers>;
