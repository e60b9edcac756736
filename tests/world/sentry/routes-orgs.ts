// Organisations, projects, releases, deploys, regions and the Discover table (organizations/{org}/events/).
import { badRequest, json, notFound, orgOf, pagedList, route, type ApiContext, type Route } from './api.ts';
import { iso } from './events.ts';
import { openapiExample } from './fixtures.ts';
import { HOUR, type Project } from './model.ts';
import { dateRange, matchesQuery, parseQuery } from './search.ts';
import { serializeOrg, serializeProject } from './serialize.ts';

/** Projects selected by repeated `project` params (ids, slugs, or -1 for all), as OrganizationEndpoint.get_projects does. */
export function selectedProjects(ctx: ApiContext, all: Project[]): Project[] | { error: string; status: number } {
  const wanted = ctx.url.searchParams.getAll('project').filter((p) => p !== '');
  if (wanted.length === 0 || wanted.includes('-1')) return all;
  const out: Project[] = [];
  for (const w of wanted) {
    const project = all.find((p) => p.id === w || p.slug === w);
    // Sentry answers 403 for a project the caller may not see, which includes one that does not exist.
    if (!project) return { error: 'You do not have permission to perform this action.', status: 403 };
    out.push(project);
  }
  return out;
}

function releaseVersions(ctx: ApiContext, orgId: string): Map<string, { projectIds: Set<string>; first: number; last: number }> {
  const out = new Map<string, { projectIds: Set<string>; first: number; last: number }>();
  for (const issue of ctx.store.issues.values()) {
    if (issue.orgId !== orgId) continue;
    const r = out.get(issue.release) ?? { projectIds: new Set(), first: issue.firstSeen, last: issue.lastSeen };
    r.projectIds.add(issue.projectId);
    r.first = Math.min(r.first, issue.firstSeen);
    r.last = Math.max(r.last, issue.lastSeen);
    out.set(issue.release, r);
  }
  return out;
}

function discover(ctx: ApiContext) {
  const org = orgOf(ctx);
  if (!org) return notFound();
  const projects = selectedProjects(ctx, ctx.store.projectsOf(org));
  if ('error' in projects) return json(projects.status, { detail: projects.error });
  const fields = ctx.url.searchParams.getAll('field');
  if (fields.length === 0) return badRequest('No columns selected');
  const supported = new Set(['count()', 'count_unique(user)', 'project', 'project.id']);
  const unknown = fields.find((f) => !supported.has(f));
  if (unknown) return badRequest(`Unknown field: ${unknown}`);
  const range = dateRange(ctx.url.searchParams, ctx.store.now(), 14 * 24 * HOUR);
  // Discover's event filters: every event here is an error, so event.type:error and has:user are the useful ones.
  const text = ctx.url.searchParams.get('query') ?? '';
  const needsUser = /(^|\s)has:user(\s|$)/.test(text);
  const onlyTransactions = /(^|\s)event\.type:transaction(\s|$)/.test(text);
  const query = parseQuery(text.replace(/(^|\s)(!?event\.type:\S+|has:user)(?=\s|$)/g, ' '));
  const byProject = fields.includes('project') || fields.includes('project.id');
  const rows = (byProject ? projects.map((p) => [p]) : [projects]).map((group) => {
    let count = 0;
    const users = new Set<string>();
    for (const issue of ctx.store.issues.values()) {
      if (onlyTransactions || !group.some((p) => p.id === issue.projectId) || !matchesQuery(query, issue, ctx.store)) continue;
      const n = ctx.store.countBetween(issue, range.start, range.end);
      if (n === 0 || (needsUser && issue.users.length === 0)) continue;
      count += n;
      for (const u of issue.users) users.add(u);
    }
    const row: Record<string, unknown> = {};
    if (fields.includes('project')) row.project = group[0]?.slug;
    if (fields.includes('project.id')) row['project.id'] = Number(group[0]?.id);
    if (fields.includes('count()')) row['count()'] = count;
    if (fields.includes('count_unique(user)')) row['count_unique(user)'] = users.size;
    return row;
  });
  const types: Record<string, string> = { 'count()': 'integer', 'count_unique(user)': 'integer', project: 'string', 'project.id': 'integer' };
  const meta = { fields: Object.fromEntries(fields.map((f) => [f, types[f] ?? 'string'])), units: Object.fromEntries(fields.map((f) => [f, null])), isMetricsData: false, isMetricsExtractedData: false, tips: {}, datasetReason: 'unchanged', dataset: 'errors' };
  return json(200, { data: rows, meta });
}

export const orgRoutes: Route[] = [
  route('GET', 'organizations/', 'org:read', (ctx) =>
    pagedList(ctx, ctx.store.orgs.map((o, i) => ({ item: o, score: ctx.store.orgs.length - i })), (o) => serializeOrg(o, ctx.store, ctx.u))),
  route('GET', 'organizations/:org/', 'org:read', (ctx) => {
    const org = orgOf(ctx);
    return org ? json(200, serializeOrg(org, ctx.store, ctx.u, true)) : notFound();
  }),
  route('GET', 'organizations/:org/projects/', 'org:read', (ctx) => {
    const org = orgOf(ctx);
    if (!org) return notFound();
    const projects = [...ctx.store.projectsOf(org)].sort((a, b) => a.slug.localeCompare(b.slug));
    return pagedList(ctx, projects.map((p, i) => ({ item: p, score: projects.length - i })), (p) => serializeProject(p, ctx.store, false));
  }),
  route('GET', 'projects/:org/:project/', 'project:read', (ctx) => {
    const org = orgOf(ctx);
    const project = org && ctx.store.findProject(org, ctx.params.project ?? '');
    return project ? json(200, serializeProject(project, ctx.store, true)) : notFound();
  }),
  // sentry-cli asks which regions the token's user lives in before listing organisations.
  route('GET', 'users/me/regions/', 'org:read', (ctx) => json(200, { regions: [{ name: 'us', url: ctx.u.origin }] })),
  route('GET', 'organizations/:org/releases/:version/', 'project:read', (ctx) => {
    const org = orgOf(ctx);
    const release = org && releaseVersions(ctx, org.id).get(ctx.params.version ?? '');
    if (!org || !release) return notFound();
    const template = openapiExample('GET /api/0/organizations/{organization_id_or_slug}/releases/{version}/') as Record<string, unknown>;
    const version = ctx.params.version ?? '';
    const projects = [...release.projectIds].map((id) => ctx.store.projectById(id)!).map((p) => ({ id: Number(p.id), slug: p.slug, name: p.name, newGroups: 0, platform: p.platform, platforms: [p.platform], hasHealthData: false }));
    return json(200, { ...template, version, shortVersion: version.split('@').pop() ?? version, ref: null, url: null, dateCreated: iso(release.first), dateReleased: iso(release.first),
      firstEvent: iso(release.first), lastEvent: iso(release.last), projects, deployCount: 1, lastDeploy: null, commitCount: 0, lastCommit: null, authors: [], owner: null, newGroups: 0 });
  }),
  route('GET', 'organizations/:org/releases/:version/deploys/', 'project:read', (ctx) => {
    const org = orgOf(ctx);
    const release = org && releaseVersions(ctx, org.id).get(ctx.params.version ?? '');
    if (!org || !release) return notFound();
    const started = release.first - 10 * 60_000;
    return json(200, [{ id: String(7000 + (release.first % 1000)), environment: 'production', name: `deploy ${ctx.params.version}`, url: null, dateStarted: iso(started), dateFinished: iso(started + 5 * 60_000) }]);
  }),
  route('GET', 'organizations/:org/events/', 'event:read', discover),
];
