// GET organizations/{org}/issues/ and projects/{org}/{project}/issues/, following
// OrganizationGroupIndexEndpoint.get: direct hits (event id, short id), `group` ids, then search + paginate.
import { badRequest, json, notFound, orgOf, pagedList, type ApiContext, type ApiResult } from './api.ts';
import type { Issue, Project } from './model.ts';
import { selectedProjects } from './routes-orgs.ts';
import { BadRequest, SORTS, dateRange, matchesQuery, parseQuery, sortKey, type DateRange, type Sort } from './search.ts';
import { serializeIssue, type IssueListOptions, type StatsPeriod } from './serialize.ts';

export const ERR_INVALID_STATS_PERIOD = "Invalid stats_period. Valid choices are '', '24h', '14d' and 'auto'";

/** groupStatsPeriod: absent means 24h, '' means no stats (calculate_stats_period). */
function statsPeriodOf(raw: string | null): StatsPeriod | 'invalid' {
  if (raw === null) return '24h';
  if (raw === '') return null;
  return raw === '24h' || raw === '14d' || raw === 'auto' ? raw : 'invalid';
}

/** Sentry's search scores are integers (they become cursor values), so fractional scores are scaled. */
function score(sort: Sort, issue: Issue, ctx: ApiContext, range: DateRange): number {
  const s = sortKey(sort, issue, ctx.store, range);
  return sort === 'trends' || sort === 'recommended' ? Math.round(s * 1_000_000) : s;
}

export function searchIssues(ctx: ApiContext, projects: Project[], queryText: string, range: DateRange): Issue[] {
  const query = parseQuery(queryText);
  const ids = new Set(projects.map((p) => p.id));
  return [...ctx.store.issues.values()].filter((i) =>
    ids.has(i.projectId) && i.lastSeen >= range.start && i.firstSeen <= range.end && matchesQuery(query, i, ctx.store));
}

export function listIssues(ctx: ApiContext, only?: Project, statsParam = 'groupStatsPeriod'): ApiResult {
  const org = orgOf(ctx);
  if (!org) return notFound();
  const params = ctx.url.searchParams;
  const statsPeriod = statsPeriodOf(params.get(statsParam));
  if (statsPeriod === 'invalid') return badRequest(ERR_INVALID_STATS_PERIOD);
  const range = dateRange(only ? withoutStatsPeriod(params) : params, ctx.store.now());
  const chosen = only ? [only] : selectedProjects(ctx, ctx.store.projectsOf(org));
  if ('error' in chosen) return json(chosen.status, { detail: chosen.error });
  if (chosen.length === 0) return json(200, []);
  const options: IssueListOptions = { statsPeriod, range, expand: params.getAll('expand'), collapse: params.getAll('collapse'), filtered: false, u: ctx.u };
  const render = (i: Issue) => serializeIssue(i, ctx.store, options);
  const visible = new Set(chosen.map((p) => p.id));

  const lookup = (params.get('query') ?? '').trim();
  if (lookup) {
    if (/^[0-9a-f]{32}$/i.test(lookup.replace(/-/g, ''))) {
      const eventId = lookup.replace(/-/g, '').toLowerCase();
      const hit = [...ctx.store.issues.values()].find((i) => visible.has(i.projectId) && ctx.store.eventsOf(i).some((e) => e.eventID === eventId));
      if (hit) return json(200, [{ ...render(hit), matchingEventId: eventId }], { 'X-Sentry-Direct-Hit': '1' });
    }
    if (params.get('shortIdLookup') === '1') {
      const hit = [...ctx.store.issues.values()].find((i) => i.orgId === org.id && i.shortId === lookup.toUpperCase());
      if (hit) return json(200, [render(hit)], { 'X-Sentry-Direct-Hit': '1' });
    }
  }

  // "If group ids specified, just ignore any query components" — one request for the rows on screen.
  const groupParams = params.getAll('group');
  if (groupParams.some((g) => !/^-?\d+$/.test(g))) return badRequest('Group ids must be integers');
  if (groupParams.length > 0) {
    const wanted = new Set(groupParams.map((g) => String(Number(g))));
    const found = [...ctx.store.issues.values()].filter((i) => wanted.has(i.id) && visible.has(i.projectId)).sort((a, b) => Number(a.id) - Number(b.id));
    return json(200, found.map(render));
  }

  const sortParam = params.get('sort') ?? 'date';
  if (!(SORTS as readonly string[]).includes(sortParam)) return badRequest(`Invalid sort: ${sortParam}`);
  const sort = sortParam as Sort;
  const queryText = params.has('query') ? (params.get('query') ?? '') : 'is:unresolved';
  if (sort === 'inbox') {
    const q = parseQuery(queryText);
    if (!q.filters.some((f) => f.key === 'is' && f.values.includes('for_review') && !f.negated)) {
      return badRequest("Sort key 'inbox' only supported for inbox search");
    }
  }
  const found = searchIssues(ctx, chosen, queryText, range);
  const scored = found.map((item) => ({ item, score: score(sort, item, ctx, range) }));
  scored.sort((a, b) => b.score - a.score || Number(b.item.id) - Number(a.item.id));
  return pagedList(ctx, scored, render);
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
  if (raw !== null && !['', '24h', '14d'].includes(raw)) return badRequest("Invalid stats_period. Valid choices are '', '24h', and '14d'");
  return listIssues(ctx, project, 'statsPeriod');
}

export { BadRequest };
