// Sentry handlers: every Sentry API call Dexter makes goes through the service (policy check, auth, one cache — SWR,
// persisted, de-duplicated — and one rate limiter). The token stays in this context; only numbers leave it.
import { checkScopes } from '@/lib/sentry/errors';
import type { AuthStatus, IssuesPage } from '@/lib/messages';
import { rowBadges } from '@/lib/scoring/badges';
import { windowLabel } from '@/lib/sentry/window';
import { toError, type Handlers } from './router';
import { triageHandlers } from './triage';
import { rememberRows } from './trends';

export const sentryHandlers = {
  ...triageHandlers,
  async 'auth.status'(m, { service }) {
    const apiBase = m.target?.apiBase ?? service.homeApiBase;
    const status: AuthStatus = {
      via: null,
      sentryUrl: service.tokenSentryUrl,
      valid: false,
      scopes: [],
      missingRead: [],
      missingWrite: [],
    };
    try {
      const { client, via } = service.client({ apiBase });
      status.via = via;
      const info = await client.getAuthInfo();
      const scopes = info.scopes ?? [];
      status.valid = via === 'token' ? info.scopes !== null : !!info.user;
      status.scopes = scopes;
      status.user = info.user ?? null;
      if (via === 'token') {
        const check = checkScopes(scopes);
        status.missingRead = check.missingReads;
        status.missingWrite = check.missingWrites;
      }
      if (!status.valid)
        status.error = {
          kind: 'auth',
          message:
            via === 'session'
              ? 'Not signed in to Sentry in this browser, and no token is set.'
              : 'Sentry did not accept the token.',
          nextStep: 'Paste a Sentry auth token in Settings.',
        };
    } catch (error) {
      status.error = toError(error);
    }
    return status;
  },
  async 'orgs.list'(m, { service }) {
    const apiBase = m.target?.apiBase ?? 'https://sentry.io/api/0';
    const { client } = service.client({ apiBase });
    return service.cache.get(`${apiBase}|orgs`, () => client.listOrganizations());
  },
  async 'projects.list'(m, { service }) {
    const { client } = service.client(m.target);
    return service.cache.get(service.key(m.target, 'projects'), () => client.listProjects(m.target.org));
  },
  // The rows' figures from the endpoint Sentry's own list takes its Events and Users columns from, under the page's
  // filters, so each figure equals the one beside it. A Sentry too old for issues-stats (404) answers by id instead:
  // numbers since the issue began, and the answer says so.
  async 'issues.byIds'(m, { service }) {
    const { client } = service.client(m.target);
    const f = m.filters;
    const ids = [...new Set(m.ids)].sort();
    const load = () =>
      client.getIssueStats(m.target.org, ids, f).then(
        (issues) => ({ issues, window: { label: windowLabel(f.window), page: true } }),
        async (error: unknown) => {
          if ((error as { kind?: string }).kind !== 'not-found') throw error;
          return {
            issues: await client.getIssuesByIds(m.target.org, ids, f.graph === 'auto' ? '24h' : f.graph, {
              project: f.projects.length ? f.projects : undefined,
            }),
            window: { label: 'since the issue began', page: false },
          };
        },
      );
    const { issues, window } = await service.cache.get(
      service.key(m.target, 'rows', JSON.stringify(f), ids.join(',')),
      load,
    );
    if (window.page) rememberRows(m.target, issues, f.graph, f.environments.length === 0); // the trends of these rows (trends.ts)
    const found = new Set(issues.map((i) => i.id));
    const now = Date.now();
    return {
      issues: issues.map((i) => rowBadges(i, f.graph, now)),
      missing: ids.filter((id) => !found.has(id)),
      window,
    };
  },
  async 'issues.list'(m, { service }) {
    const { client } = service.client(m.target);
    const load = async (): Promise<IssuesPage> => {
      const all: IssuesPage['issues'] = [];
      let cursor = m.cursor ?? null;
      let hits: number | null = null;
      let prev: string | null = null;
      for (let i = 0; i < m.maxPages; i++) {
        const page = await client.listIssues(m.target.org, {
          query: m.query,
          sort: m.sort,
          groupStatsPeriod: m.period,
          statsPeriod: m.period,
          project: m.project,
          limit: m.limit,
          cursor: cursor ?? undefined,
        });
        all.push(...page.issues);
        hits = page.hits;
        if (i === 0) prev = page.prevCursor; // the page before the first one asked for
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      return { issues: all, nextCursor: cursor, prevCursor: prev, hits };
    };
    return service.cache.get(
      service.key(
        m.target,
        'list',
        m.query,
        m.sort,
        m.period,
        m.project.join(','),
        m.cursor ?? '',
        m.limit,
        m.maxPages,
      ),
      load,
    );
  },
  async 'issue.get'(m, { service }) {
    return service.issue(m.target, m.issueId);
  },
  async 'issue.event'(m, { service }) {
    return service.event(m.target, m.issueId, m.eventId);
  },
  async 'project.userBase'(m, { service }) {
    const override = service.settings.list.userBaseOverride;
    try {
      const { client } = service.client(m.target);
      const count = await service.cache.get(
        service.key(m.target, 'users', m.projectId, JSON.stringify(m.window), m.environments.join(',')),
        () => client.countUsers(m.target.org, m.projectId, m),
      );
      if (count > 0) return { count, source: 'sentry' };
      if (override > 0) return { count: override, source: 'setting' };
      return {
        count: null,
        source: 'sentry',
        reason: `Sentry recorded no users for this project in the ${windowLabel(m.window)}, and no user count is set in Dexter’s settings.`,
      };
    } catch (error) {
      if (override > 0) return { count: override, source: 'setting' };
      const msg = error instanceof Error ? error.message : String(error);
      return {
        count: null,
        source: 'sentry',
        reason: `Sentry could not give the project’s user count (${msg}); set one in Dexter’s settings.`,
      };
    }
  },
  async 'release.get'(m, { service }) {
    const { client } = service.client(m.target);
    const [release, deploys] = await Promise.all([
      service.cache.get(service.key(m.target, 'release', m.version), () => client.getRelease(m.target.org, m.version)),
      service.cache
        .get(service.key(m.target, 'deploys', m.version), () => client.getDeploys(m.target.org, m.version))
        .catch(() => []),
    ]);
    return { release, deploys };
  },
  async 'issue.comment'(m, { service }) {
    const { client } = service.client(m.target);
    return client.addComment(m.target.org, m.issueId, m.text);
  },
} satisfies Partial<Handlers>;
