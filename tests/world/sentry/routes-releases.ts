// Releases and deploys (releases.ts holds them): the organisation's release list as OrganizationReleasesEndpoint
// answers it (src/sentry/releases/endpoints/organization_releases.py: `project`, `environment`, `query` as a version
// substring, and statsPeriod or start+end filtering on the release's creation — `date_added` —, newest first, 100 a
// page), one release (ReleaseSerializer), and its deploys (ReleaseDeploysEndpoint: the latest deploy per project and
// environment, newest first).
import { badRequest, json, notFound, orgOf, pagedList, route, type ApiContext, type Route } from './api.ts';
import { readEnvironments } from './environments.ts';
import { iso } from './events.ts';
import { openapiExample } from './fixtures.ts';
import type { Deploy, Release } from './model.ts';
import { lastDeploy } from './releases.ts';
import { selectedProjects } from './routes-orgs.ts';
import { BadRequest, dateRange } from './search.ts';

const serializeDeploy = (d: Deploy) => ({
  id: d.id,
  environment: d.environment,
  dateStarted: d.dateStarted === null ? null : iso(d.dateStarted),
  dateFinished: iso(d.dateFinished),
  name: d.name ?? '',
  url: null,
});

/** ReleaseSerializer: the fields the schema requires and the dates, deploys and events Dexter reads. */
function serializeRelease(ctx: ApiContext, r: Release): Record<string, unknown> {
  const template = openapiExample('GET /api/0/organizations/{organization_id_or_slug}/releases/{version}/') as Record<
    string,
    unknown
  >;
  const projects = r.projectIds
    .map((id) => ctx.store.projectById(id)!)
    .map((p) => ({
      id: Number(p.id),
      slug: p.slug,
      name: p.name,
      newGroups: 0,
      platform: p.platform,
      platforms: [p.platform],
      hasHealthData: false,
    }));
  const issues = [...ctx.store.issues.values()].filter((i) => i.release === r.version);
  const first = issues.length ? Math.min(...issues.map((i) => i.firstSeen)) : null;
  const last = issues.length ? Math.max(...issues.map((i) => i.lastSeen)) : null;
  const deploy = lastDeploy(r);
  const short = r.version.split('@').pop() ?? r.version;
  return {
    ...template,
    id: ctx.store.releases.indexOf(r) + 1,
    version: r.version,
    shortVersion: short,
    status: 'open',
    ref: null,
    url: null,
    versionInfo: {
      package: r.version.split('@')[0] ?? null,
      version: { raw: short },
      description: short,
      buildHash: null,
    },
    dateCreated: iso(r.dateCreated),
    dateReleased: r.dateReleased === null ? null : iso(r.dateReleased),
    firstEvent: first === null ? null : iso(first),
    lastEvent: last === null ? null : iso(last),
    projects,
    deployCount: r.deploys.length,
    lastDeploy: deploy ? serializeDeploy(deploy) : null,
    commitCount: 0,
    lastCommit: null,
    authors: [],
    owner: null,
    newGroups: issues.length,
    data: {},
  };
}

function releaseOf(ctx: ApiContext): Release | null {
  const org = orgOf(ctx);
  return (org && ctx.store.findRelease(org, ctx.params.version ?? '')) ?? null;
}

export const releaseRoutes: Route[] = [
  route('GET', 'organizations/:org/releases/', 'project:read', (ctx) => {
    const org = orgOf(ctx);
    if (!org) return notFound();
    const p = ctx.url.searchParams;
    const projects = selectedProjects(ctx, ctx.store.projectsOf(org));
    if ('error' in projects) return json(projects.status, { detail: projects.error });
    const envs = readEnvironments(p, ctx.store, org);
    if (envs === 'unknown') return notFound();
    // No statsPeriod/start/end: no date filter (get_filter_params(date_filter_optional=True)).
    let range: { start: number; end: number } | null = null;
    try {
      if (p.get('statsPeriod') || p.get('start') || p.get('end')) range = dateRange(p, ctx.store.now());
    } catch (e) {
      if (e instanceof BadRequest) return badRequest(e.message);
      throw e;
    }
    const ids = new Set(projects.map((x) => x.id));
    const text = p.get('query') ?? '';
    const found = ctx.store.releases.filter(
      (r) =>
        r.orgId === org.id &&
        r.projectIds.some((id) => ids.has(id)) &&
        (!range || (r.dateCreated >= range.start && r.dateCreated <= range.end)) &&
        (!envs || r.deploys.some((d) => envs.includes(d.environment))) &&
        (!text || r.version.includes(text)),
    );
    found.sort((a, b) => b.dateCreated - a.dateCreated);
    return pagedList(
      ctx,
      found.map((r) => ({ item: r, score: r.dateCreated })),
      (r) => serializeRelease(ctx, r),
    );
  }),
  route('GET', 'organizations/:org/releases/:version/', 'project:read', (ctx) => {
    const release = releaseOf(ctx);
    return release ? json(200, serializeRelease(ctx, release)) : notFound();
  }),
  route('GET', 'organizations/:org/releases/:version/deploys/', 'project:read', (ctx) => {
    const release = releaseOf(ctx);
    if (!release) return notFound();
    // One per environment (this world's releases have one project each): the latest there.
    const latest = new Map<string, Deploy>();
    for (const d of release.deploys)
      if ((latest.get(d.environment)?.dateFinished ?? -Infinity) < d.dateFinished) latest.set(d.environment, d);
    const list = [...latest.values()].sort((a, b) => b.dateFinished - a.dateFinished);
    return pagedList(
      ctx,
      list.map((d, i) => ({ item: d, score: list.length - i })),
      serializeDeploy,
    );
  }),
];
