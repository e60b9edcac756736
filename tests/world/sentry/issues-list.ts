// GET organizations/{org}/issues/ and projects/{org}/{project}/issues/, following OrganizationGroupIndexEndpoint.get
// (src/sentry/issues/endpoints/organization_group_index.py): direct hits (event id, short id) and `group=` ids are
// serialised without a window (lifetime-style numbers); a search is serialised with the request's window,
// environments and conditions, then paginated by score with Link, X-Hits and X-Max-Hits.
import { json, notFound, orgOf, type ApiContext, type ApiResult } from './api.ts';
import { conditionsOf, narrowRange } from './conditions.ts';
import { readEnvironments } from './environments.ts';
import type { Issue, Org, Project } from './model.ts';
import { linkHeader, paginate, parseCursor, readLimit, type Page } from './paginate.ts';
import { selectedProjects } from './routes-orgs.ts';
import {
  BadRequest,
  SORTS,
  dateRange,
  matchesQuery,
  parseQuery,
  sortKey,
  type DateRange,
  type Scope,
  type Sort,
} from './search.ts';
import { serializeStreamGroup, type StreamOptions } from './serialize-issue.ts';
import { ERR_INVALID_STATS_PERIOD, readStatsPeriod } from './timeseries.ts';
import { anyIn } from './traffic.ts';

export { ERR_INVALID_STATS_PERIOD };

/** The query when the request has none (helpers/group_index/index.py DEFAULT_QUERY); `query=` means everything. */
export const DEFAULT_QUERY = 'is:unresolved issue.priority:[high, medium]';
/** SequencePaginator counts hits up to MAX_HITS_LIMIT and sends it as X-Max-Hits (src/sentry/api/paginator.py). */
export const MAX_HITS = 1000;

export function queryOf(params: URLSearchParams): string {
  return params.has('query') ? (params.get('query') ?? '') : DEFAULT_QUERY;
}

/** Sentry's search scores are integers (they become cursor values), so fractional scores are scaled. */
function score(sort: Sort, issue: Issue, ctx: ApiContext, scope: Scope): number {
  const s = sortKey(sort, issue, ctx.store, scope);
  return sort === 'trends' || sort === 'recommended' ? Math.round(s * 1_000_000) : s;
}

/** Groups of the projects with an event in the window and environments that match the query (the Snuba search). */
export function searchIssues(ctx: ApiContext, projects: Project[], queryText: string, scope: Scope): Issue[] {
  const query = parseQuery(queryText);
  const ids = new Set(projects.map((p) => p.id));
  const { store } = ctx;
  return [...store.issues.values()].filter(
    (i) => ids.has(i.projectId) && seenIn(ctx, i, scope) && matchesQuery(query, i, store, scope),
  );
}

/** Has the group an event in the window and environments? Its first/last seen answer most cases without a scan. */
function seenIn(ctx: ApiContext, issue: Issue, { range, envs }: Scope): boolean {
  if (issue.lastSeen < range.start || issue.firstSeen >= range.end) return false;
  if (
    envs === null &&
    ((issue.lastSeen >= range.start && issue.lastSeen < range.end) || issue.firstSeen >= range.start)
  )
    return true;
  return anyIn(ctx.store.clock, issue.traffic, envs, range.start, range.end);
}

interface ListRequest {
  org: Org;
  projects: Project[];
  options: StreamOptions;
  range: DateRange;
}

/** Reads the parameters every path of the endpoint shares; an ApiResult when they are wrong. */
export function readListRequest(
  ctx: ApiContext,
  only?: Project,
  statsParam = 'groupStatsPeriod',
): ListRequest | ApiResult {
  const org = orgOf(ctx);
  if (!org) return notFound();
  const params = ctx.url.searchParams;
  const range = dateRange(only ? withoutStatsPeriod(params) : params, ctx.store.now());
  const statsPeriod = readStatsPeriod(params.get(statsParam));
  if (statsPeriod === 'invalid') return json(400, { detail: ERR_INVALID_STATS_PERIOD });
  const envs = readEnvironments(params, ctx.store, org);
  if (envs === 'unknown') return notFound();
  const projects = only ? [only] : selectedProjects(ctx, ctx.store.projectsOf(org));
  if ('error' in projects) return json(projects.status, { detail: projects.error });
  const options: StreamOptions = {
    envs,
    range: null,
    requestRange: range,
    conditions: null,
    statsPeriod,
    expand: params.getAll('expand'),
    collapse: params.getAll('collapse'),
    u: ctx.u,
  };
  return { org, projects, options, range };
}

const isResult = (r: ListRequest | ApiResult): r is ApiResult => 'status' in r;

export function listIssues(ctx: ApiContext, only?: Project, statsParam = 'groupStatsPeriod'): ApiResult {
  const req = readListRequest(ctx, only, statsParam);
  if (isResult(req)) return req;
  if (req.projects.length === 0) return json(200, []);
  const { store } = ctx;
  const params = ctx.url.searchParams;
  const lookup = (params.get('query') ?? '').trim();
  const visible = new Set(req.projects.map((p) => p.id));
  // Direct hits and group= lookups: `serializer()` with no start/end/search_filters.
  const unbounded = (i: Issue) => serializeStreamGroup(i, store, req.options);
  if (lookup) {
    if (/^[0-9a-f]{32}$/i.test(lookup.replace(/-/g, ''))) {
      const eventId = lookup.replace(/-/g, '').toLowerCase();
      const hits = [...store.issues.values()].filter(
        (i) => visible.has(i.projectId) && store.eventsOf(i).some((e) => e.eventID === eventId),
      );
      if (hits.length === 1)
        return json(200, [{ ...unbounded(hits[0]!), matchingEventId: eventId }], { 'X-Sentry-Direct-Hit': '1' });
      if (hits.length > 1) return json(200, hits.map(unbounded));
    }
    if (params.get('shortIdLookup') === '1') {
      const hit = [...store.issues.values()].find((i) => i.orgId === req.org.id && i.shortId === lookup.toUpperCase());
      if (hit) return json(200, [unbounded(hit)], { 'X-Sentry-Direct-Hit': '1' });
    }
  }

  // "If group ids specified, just ignore any query components" — one request for the rows on screen.
  const groupParams = params.getAll('group');
  if (groupParams.some((g) => !/^-?\d+$/.test(g))) return json(400, { detail: 'Group ids must be integers' });
  if (groupParams.length > 0) {
    const wanted = new Set(groupParams.map((g) => String(Number(g))));
    const found = [...store.issues.values()]
      .filter((i) => wanted.has(i.id) && visible.has(i.projectId))
      .sort((a, b) => Number(a.id) - Number(b.id));
    return json(200, found.map(unbounded));
  }

  const sortParam = params.get('sort') ?? 'date';
  if (!(SORTS as readonly string[]).includes(sortParam)) throw new BadRequest(`Invalid sort: ${sortParam}`);
  const sort = sortParam as Sort;
  const queryText = queryOf(params);
  const parsed = parseQuery(queryText);
  if (
    sort === 'inbox' &&
    !parsed.filters.some((f) => f.key === 'is' && f.values.includes('for_review') && !f.negated)
  ) {
    throw new BadRequest("Sort key 'inbox' only supported for inbox search");
  }
  const range = narrowRange(req.range, parsed, store.now());
  const scope: Scope = { range, envs: req.options.envs };
  const found = searchIssues(ctx, req.projects, queryText, scope);
  const scored = found.map((item) => ({ item, score: score(sort, item, ctx, scope) }));
  scored.sort((a, b) => b.score - a.score || Number(b.item.id) - Number(a.item.id));
  const limit = readLimit(params);
  const page = paginate(scored, limit, parseCursor(params.get('cursor')));
  // The project endpoint serialises with StreamGroupSerializer, which has no window: lifetime numbers.
  const options: StreamOptions = only ? req.options : { ...req.options, range, conditions: conditionsOf(parsed) };
  const body = page.results.map((i) => serializeStreamGroup(i, store, options));
  return json(200, body, cursorHeaders(ctx, page, body.length, limit));
}

/** add_cursor_headers, with the endpoint's X-Hits sanity cap on a first page that holds every result. */
function cursorHeaders(ctx: ApiContext, page: Page<unknown>, rows: number, limit: number): Record<string, string> {
  let hits = Math.min(page.hits, MAX_HITS);
  if (!ctx.url.searchParams.get('cursor') && (!page.next.hasResults || rows < limit)) hits = Math.min(hits, rows);
  return {
    Link: linkHeader(ctx.u.origin, ctx.url.pathname, ctx.url.searchParams, page.prev, page.next),
    'X-Hits': String(hits),
    'X-Max-Hits': String(MAX_HITS),
  };
}

/** The project endpoint's `statsPeriod` is the sparkline period, not a date range. */
function withoutStatsPeriod(params: URLSearchParams): URLSearchParams {
  const copy = new URLSearchParams(params);
  copy.delete('statsPeriod');
  return copy;
}

export function listProjectIssues(ctx: ApiContext): ApiResult {
  const org = orgOf(ctx);
  const project = org && ctx.store.findProject(org, ctx.params.project ?? '');
  if (!project) return notFound();
  const raw = ctx.url.searchParams.get('statsPeriod');
  if (raw !== null && !['', '24h', '14d'].includes(raw))
    throw new BadRequest("Invalid stats_period. Valid choices are '', '24h', and '14d'");
  return listIssues(ctx, project, 'statsPeriod');
}

export { BadRequest };
