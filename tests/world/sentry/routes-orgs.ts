// Organisations, projects, regions, and the route to the Discover table (discover.ts); releases are in routes-releases.ts.
import { json, notFound, orgOf, pagedList, route, type ApiContext, type Route } from './api.ts';
import { discover } from './discover.ts';
import { eventsStats } from './events-stats.ts';
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

export const orgRoutes: Route[] = [
  route('GET', 'organizations/', 'org:read', (ctx) =>
    pagedList(
      ctx,
      ctx.store.orgs.map((o, i) => ({ item: o, score: ctx.store.orgs.length - i })),
      (o) => serializeOrg(o, ctx.store, ctx.u),
    ),
  ),
  route('GET', 'organizations/:org/', 'org:read', (ctx) => {
    const org = orgOf(ctx);
    return org ? json(200, serializeOrg(org, ctx.store, ctx.u, true)) : notFound();
  }),
  route('GET', 'organizations/:org/projects/', 'org:read', (ctx) => {
    const org = orgOf(ctx);
    if (!org) return notFound();
    const projects = [...ctx.store.projectsOf(org)].sort((a, b) => a.slug.localeCompare(b.slug));
    return pagedList(
      ctx,
      projects.map((p, i) => ({ item: p, score: projects.length - i })),
      (p) => serializeProject(p, ctx.store, false),
    );
  }),
  route('GET', 'projects/:org/:project/', 'project:read', (ctx) => {
    const org = orgOf(ctx);
    const project = org && ctx.store.findProject(org, ctx.params.project ?? '');
    return project ? json(200, serializeProject(project, ctx.store, true)) : notFound();
  }),
  // sentry-cli asks which regions the token's user lives in before listing organisations.
  route('GET', 'users/me/regions/', 'org:read', (ctx) => json(200, { regions: [{ name: 'us', url: ctx.u.origin }] })),
  route('GET', 'organizations/:org/events/', 'event:read', discover),
  route('GET', 'organizations/:org/events-stats/', 'event:read', eventsStats),
];
