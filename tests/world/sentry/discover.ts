// GET organizations/{org}/events/ (Discover, dataset=errors) for the few fields Dexter asks: count() and
// count_unique(user), optionally per project. The same events and users as the issue numbers (traffic.ts), over
// the same window (get_date_range_from_params, default 90 days) and environments, so an issue's userCount for a
// window never exceeds its project's count_unique(user) for that window: `user` is tags[sentry:user] in both
// (SENTRY_SNUBA_MAP in src/sentry/utils/snuba.py).
import { badRequest, json, notFound, orgOf, type ApiContext, type ApiResult } from './api.ts';
import { readEnvironments } from './environments.ts';
import { selectedProjects } from './routes-orgs.ts';
import { dateRange, matchesQuery, parseQuery, type ParsedQuery, type Scope } from './search.ts';
import { eventsPerUser, merge, runsSize, type Runs } from './traffic.ts';
import type { Org, Project } from './model.ts';
import type { Store } from './store.ts';
import { userTags } from './user-tags.ts';

const TYPES: Record<string, string> = {
  'count()': 'integer',
  'count_unique(user)': 'integer',
  project: 'string',
  'project.id': 'integer',
  'geo.country_code': 'string',
};

export function discover(ctx: ApiContext): ApiResult {
  const org = orgOf(ctx);
  if (!org) return notFound();
  const { store } = ctx;
  const params = ctx.url.searchParams;
  const projects = selectedProjects(ctx, store.projectsOf(org));
  if ('error' in projects) return json(projects.status, { detail: projects.error });
  const fields = params.getAll('field');
  if (fields.length === 0) return badRequest('No columns selected');
  const unknown = fields.find((f) => !(f in TYPES));
  if (unknown) return badRequest(`Unknown field: ${unknown}`);
  const envs = readEnvironments(params, store, org);
  if (envs === 'unknown') return notFound();
  const scope: Scope = { range: dateRange(params, store.now()), envs };
  const { start, end } = scope.range;
  // Discover's event filters: every event here is an error, so event.type:error and has:user are the useful ones.
  const text = params.get('query') ?? '';
  const needsUser = /(^|\s)has:user(\s|$)/.test(text);
  const onlyTransactions = /(^|\s)event\.type:transaction(\s|$)/.test(text);
  const query = parseQuery(text.replace(/(^|\s)(!?event\.type:\S+|has:user)(?=\s|$)/g, ' '));
  if (fields.includes('geo.country_code'))
    return json(200, { data: byCountry(store, org, projects, query, scope, fields), meta: metaOf(fields) });
  const byProject = fields.includes('project') || fields.includes('project.id');
  const rows = (byProject ? projects.map((p) => [p]) : [projects]).map((group) => {
    const ids = new Set(group.map((p) => p.id));
    let count = 0;
    const users: Runs = [];
    for (const issue of store.issues.values()) {
      if (onlyTransactions || !ids.has(issue.projectId) || !matchesQuery(query, issue, store, scope)) continue;
      const runs = store.userRunsIn(issue, envs, start, end);
      if (needsUser && runs.length === 0) continue;
      count += store.countIn(issue, envs, start, end);
      // Users are userBase indexes per project: keep projects apart by offsetting them.
      const shift = group.findIndex((p) => p.id === issue.projectId) * 1e9;
      for (const [a, b] of runs) users.push([a + shift, b + shift]);
    }
    const row: Record<string, unknown> = {};
    if (fields.includes('project')) row.project = group[0]?.slug;
    if (fields.includes('project.id')) row['project.id'] = Number(group[0]?.id);
    if (fields.includes('count()')) row['count()'] = count;
    if (fields.includes('count_unique(user)')) row['count_unique(user)'] = runsSize(merge(users));
    return row;
  });
  return json(200, { data: rows, meta: metaOf(fields) });
}

const metaOf = (fields: string[]) => ({
  fields: Object.fromEntries(fields.map((f) => [f, TYPES[f] ?? 'string'])),
  units: Object.fromEntries(fields.map((f) => [f, null])),
  isMetricsData: false,
  isMetricsExtractedData: false,
  tips: {},
  datasetReason: 'unchanged',
  dataset: 'errors',
});

/** Rows per `geo.country_code` (the user's country, user-tags.ts; '' for events without one), most events first:
 *  how many events and distinct users each country has in the window. */
function byCountry(
  store: Store,
  org: Org,
  projects: Project[],
  query: ParsedQuery,
  scope: Scope,
  fields: string[],
): Record<string, unknown>[] {
  const ids = new Set(projects.map((p) => p.id));
  const rows = new Map<string, { events: number; users: Set<string> }>();
  const row = (c: string) => rows.get(c) ?? rows.set(c, { events: 0, users: new Set() }).get(c)!;
  const { start, end } = scope.range;
  for (const issue of store.issuesOf(org)) {
    if (!ids.has(issue.projectId) || !matchesQuery(query, issue, store, scope)) continue;
    const base = store.projectById(issue.projectId)?.userBase ?? [];
    let withUser = 0;
    for (const [u, n] of eventsPerUser(store.clock, issue.traffic, scope.envs, start, end)) {
      const id = base[u] ?? String(u);
      const r = row(userTags(id, issue.platform).country);
      r.events += n;
      r.users.add(`${issue.projectId}:${id}`);
      withUser += n;
    }
    const rest = store.countIn(issue, scope.envs, start, end) - withUser;
    if (rest > 0) row('').events += rest;
  }
  return [...rows]
    .sort((a, b) => b[1].events - a[1].events || a[0].localeCompare(b[0]))
    .map(([c, r]) => {
      const out: Record<string, unknown> = { 'geo.country_code': c };
      if (fields.includes('count()')) out['count()'] = r.events;
      if (fields.includes('count_unique(user)')) out['count_unique(user)'] = r.users.size;
      return out;
    });
}
