// Sentry handlers: every Sentry API call Dexter makes goes through here — policy check, auth, one cache (SWR,
// persisted, de-duplicated), one rate limiter. The token stays in this context; only numbers leave it.
import { createCache, type CacheStorage } from '@/lib/cache';
import { createLimiter } from '@/lib/ratelimit';
import { createSentryClient, type RequestTiming, type SentryClient } from '@/lib/sentry/client';
import { checkScopes } from '@/lib/sentry/errors';
import { isAllowedApiBase, tokenMayGoTo } from '@/lib/policy';
import { KEYS } from '@/lib/storage-keys';
import type { AuthStatus, BulkResult, IssuesPage, Target } from '@/lib/messages';
import { priorityScore } from '@/lib/scoring/priority';
import { rowBadges } from '@/lib/scoring/badges';
import { authItem, getSettings } from './settings';
import { toError, type Handlers } from './router';
import { epochNow, recordTiming } from './timings';

const storageAdapter: CacheStorage = {
  async get(key) { return (await browser.storage.local.get(key))[key]; },
  async set(key, value) { await browser.storage.local.set({ [key]: value }); },
  async remove(key) { await browser.storage.local.remove(key); },
};
export const cache = createCache({ storage: storageAdapter, ttlMs: 60_000, staleMs: 15 * 60_000, namespace: KEYS.cachePrefix, maxEntries: 300 });
export const limiter = createLimiter({ maxConcurrent: 4 });

class PolicyError extends Error {
  kind = 'forbidden-target' as const;
  constructor(public userMessage: string, public nextStep?: string) { super(userMessage); }
}

export async function clientFor(target: Pick<Target, 'apiBase'>, onTiming?: (t: RequestTiming) => void): Promise<{ client: SentryClient; via: 'token' | 'session' }> {
  const settings = await getSettings();
  if (!isAllowedApiBase(target.apiBase, settings.sentry.selfHostedBases)) {
    throw new PolicyError(`Dexter does not talk to ${target.apiBase}.`, 'Add your self-hosted Sentry in Dexter’s settings first.');
  }
  const auth = await authItem.getValue();
  const token = auth && tokenMayGoTo(target.apiBase, auth.sentryUrl) ? auth.token : null;
  if (!token && !settings.sentry.useSession) {
    throw Object.assign(new Error('No Sentry token is set.'), { kind: 'auth', userMessage: 'Dexter has no Sentry token.', nextStep: 'Open Dexter’s popup → Settings and paste a Sentry auth token.' });
  }
  const client = createSentryClient({ apiBase: target.apiBase.replace(/\/$/, ''), token, fetch: globalThis.fetch.bind(globalThis), timeoutMs: 20_000, limiter, onTiming });
  return { client, via: token ? 'token' : 'session' };
}

const key = (t: Target, ...parts: (string | number)[]) => `${t.apiBase}|${t.org}|${parts.join('|')}`;

export const sentryHandlers: Handlers = {
  async 'auth.status'(req) {
    const auth = await authItem.getValue();
    const apiBase = req.target?.apiBase ?? (auth ? `${auth.sentryUrl.replace(/\/$/, '')}/api/0` : 'https://sentry.io/api/0');
    const status: AuthStatus = { via: null, sentryUrl: auth?.sentryUrl ?? null, valid: false, scopes: [], missingRead: [], missingWrite: [] };
    try {
      const { client, via } = await clientFor({ apiBase });
      status.via = via;
      const info = await client.getAuthInfo();
      const scopes = info.scopes ?? [];
      status.valid = via === 'token' ? info.scopes !== null : !!info.user;
      status.scopes = scopes;
      status.user = (info.user as AuthStatus['user']) ?? null;
      if (via === 'token') {
        const check = checkScopes(scopes);
        status.missingRead = check.missingReads;
        status.missingWrite = check.missingWrites;
      }
      if (!status.valid) status.error = { kind: 'auth', message: via === 'session' ? 'Not signed in to Sentry in this browser, and no token is set.' : 'Sentry did not accept the token.', nextStep: 'Paste a Sentry auth token in Settings.' };
    } catch (error) {
      status.error = toError(error);
    }
    return { ok: true, data: status };
  },
  async 'orgs.list'(req) {
    const apiBase = req.target?.apiBase ?? 'https://sentry.io/api/0';
    const { client } = await clientFor({ apiBase });
    return { ok: true, data: await cache.get(`${apiBase}|orgs`, () => client.listOrganizations()) };
  },
  async 'projects.list'(req) {
    const { client } = await clientFor(req.target);
    return { ok: true, data: await cache.get(key(req.target, 'projects'), () => client.listProjects(req.target.org)) };
  },
  async 'issues.byIds'(req) {
    const { client } = await clientFor(req.target);
    const ids = [...new Set(req.ids)].sort();
    const issues = await cache.get(key(req.target, 'byIds', req.period, ids.join(',')), () => client.getIssuesByIds(req.target.org, ids, req.period));
    const found = new Set(issues.map((i: { id: string }) => String(i.id)));
    const now = Date.now();
    return { ok: true, data: { issues: issues.map((i) => rowBadges(i as never, req.period, now)), missing: ids.filter((id) => !found.has(id)) } };
  },
  async 'issues.list'(req) {
    const { client } = await clientFor(req.target);
    const sort = req.sort === 'priority' ? 'date' : req.sort; // priority is Dexter's own score, sorted client-side
    const load = async (): Promise<IssuesPage> => {
      const all: unknown[] = [];
      let cursor = req.cursor ?? null;
      let page = null as null | Awaited<ReturnType<SentryClient['listIssues']>>;
      for (let i = 0; i < req.maxPages; i++) {
        page = await client.listIssues(req.target.org, { query: req.query, sort, groupStatsPeriod: req.period, statsPeriod: req.period === '24h' ? '24h' : '14d', project: req.project, limit: req.limit, cursor: cursor ?? undefined });
        all.push(...page.issues);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      return { issues: all, nextCursor: cursor, prevCursor: null, hits: page?.hits ?? null };
    };
    const data = await cache.get(key(req.target, 'list', req.query, sort, req.period, req.project.join(','), req.cursor ?? '', req.limit, req.maxPages), load);
    if (req.sort === 'priority') {
      const now = Date.now();
      data.issues = [...data.issues].sort((a, b) => priorityScore(b as never, { now }).raw - priorityScore(a as never, { now }).raw);
    }
    return { ok: true, data };
  },
  async 'issue.get'(req) {
    const { client } = await clientFor(req.target);
    return { ok: true, data: await cache.get(key(req.target, 'issue', req.issueId), () => client.getIssue(req.target.org, req.issueId)) };
  },
  async 'issue.event'(req) {
    const startedAt = epochNow();
    let request: RequestTiming | undefined;
    let loadedAt = 0;
    const { client } = await clientFor(req.target, (t) => (request = t));
    const data = await cache.get(key(req.target, 'event', req.issueId, req.eventId), async () => {
      const event = await client.getEvent(req.target.org, req.issueId, req.eventId);
      loadedAt = epochNow();
      return event;
    });
    const doneAt = epochNow();
    recordTiming({ type: 'issue.event', startedAt, doneAt, request, cacheMs: loadedAt ? doneAt - loadedAt : 0 });
    return { ok: true, data };
  },
  async 'issues.update'(req) {
    const { client } = await clientFor(req.target);
    // Remember each issue's status first, so the UI can offer Undo.
    const before = await client.getIssuesByIds(req.target.org, req.ids.slice(0, 1000), '').catch(() => []);
    const previous: Record<string, string> = {};
    for (const i of before as { id: string; status?: string }[]) previous[String(i.id)] = i.status ?? 'unresolved';
    const result: BulkResult = { status: req.status, updated: [], failed: [], previous };
    // One PUT per 1000 ids (Sentry's limit); a chunk that fails is reported per issue and the rest still go.
    for (let i = 0; i < req.ids.length; i += 1000) {
      const ids = req.ids.slice(i, i + 1000);
      try {
        const [c] = await client.bulkUpdate(req.target.org, ids, { status: req.status });
        if (c?.status === 204) result.failed.push(...ids.map((id) => ({ id, reason: 'Sentry matched none of these issues (deleted, merged or in another org?).' })));
        else result.updated.push(...ids);
      } catch (error) {
        const reason = toError(error).message;
        result.failed.push(...ids.map((id) => ({ id, reason })));
      }
    }
    await cache.invalidate((k) => k.startsWith(`${req.target.apiBase}|${req.target.org}|`));
    return { ok: true, data: result };
  },
  async 'project.userBase'(req) {
    const settings = await getSettings();
    const override = settings.list.userBaseOverride;
    try {
      const { client } = await clientFor(req.target);
      const count = await cache.get(key(req.target, 'users', req.projectId, req.period), () => client.countUsers(req.target.org, req.projectId, req.period));
      if (typeof count === 'number' && count > 0) return { ok: true, data: { count, source: 'sentry' } };
      if (override > 0) return { ok: true, data: { count: override, source: 'setting' } };
      return { ok: true, data: { count: null, source: 'sentry', reason: 'Sentry recorded no users for this project in the period, and no user count is set in Dexter’s settings.' } };
    } catch (error) {
      if (override > 0) return { ok: true, data: { count: override, source: 'setting' } };
      const msg = error instanceof Error ? error.message : String(error);
      return { ok: true, data: { count: null, source: 'sentry', reason: `Sentry could not give the project’s user count (${msg}); set one in Dexter’s settings.` } };
    }
  },
  async 'release.get'(req) {
    const { client } = await clientFor(req.target);
    const [release, deploys] = await Promise.all([
      cache.get(key(req.target, 'release', req.version), () => client.getRelease(req.target.org, req.version)),
      cache.get(key(req.target, 'deploys', req.version), () => client.getDeploys(req.target.org, req.version)).catch(() => []),
    ]);
    return { ok: true, data: { release, deploys } };
  },
  async 'issue.comment'(req) {
    const { client } = await clientFor(req.target);
    const note = await client.addComment(req.target.org, req.issueId, req.text);
    return { ok: true, data: note };
  },
};
