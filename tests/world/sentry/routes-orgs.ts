// Organisations, projects, releases, deploys, regions, and the route to the Discover table (discover.ts).
import { json, notFound, orgOf, pagedList, route, type ApiContext, type Route } from './api.ts';
import { discover } from './discover.ts';
import { iso } from './events.ts';
import { openapiExample } from './fixtures.ts';
import type { Project } from './model.ts';
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
