// GET organizations/{org}/issues-stats/?groups=…: the numbers of the issue list's rows, the second request of
// Sentry's list page (src/sentry/issues/endpoints/organization_group_index_stats.py). Same window, environments and
// query as the list, collapse defaults to ["base"], so each item is {id, count, userCount, firstSeen, lastSeen,
// isUnhandled, stats, lifetime, filtered}. Not in the public API schema (publish_status PRIVATE).
import { json, notFound, orgOf, type ApiContext, type ApiResult } from './api.ts';
import { conditionsOf, narrowRange } from './conditions.ts';
import { readEnvironments } from './environments.ts';
import { queryOf } from './issues-list.ts';
import { selectedProjects } from './routes-orgs.ts';
import { dateRange, parseQuery } from './search.ts';
import { serializeStreamGroup, type StreamOptions } from './serialize-issue.ts';
import { ERR_INVALID_STATS_PERIOD, readStatsPeriod } from './timeseries.ts';

export const MAX_STATS_GROUPS = 100;

const bad = (detail: string) => json(400, { detail });

export function issuesStats(ctx: ApiContext): ApiResult {
  const org = orgOf(ctx);
  if (!org) return notFound();
  const { store } = ctx;
  const params = ctx.url.searchParams;
  const range = dateRange(params, store.now());
  const collapse = params.has('collapse') ? params.getAll('collapse') : ['base'];
  const projects = selectedProjects(ctx, store.projectsOf(org));
  if ('error' in projects) return json(projects.status, { detail: projects.error });
  if (projects.length === 0)
    return bad(
      'Either the user has not access to any projects or you need to include `projects` with your request. (i.e. projects=1,2,3)',
    );
  const raw = params.getAll('groups');
  if (raw.some((g) => !/^-?\d+$/.test(g.trim()))) return bad('Group ids must be integers');
  const ids = new Set(raw.map((g) => String(Number(g))));
  if (ids.size === 0) return bad('You should include `groups` with your request. (i.e. groups=1,2,3)');
  const visible = new Set(projects.map((p) => p.id));
  const groups = [...ids]
    .map((id) => store.issues.get(id))
    .filter((i) => i !== undefined && visible.has(i.projectId))
    .sort((a, b) => Number(a!.id) - Number(b!.id));
  if (groups.length === 0) return bad('No matching groups found');
  if (groups.length > MAX_STATS_GROUPS) return bad('Too many groups requested.');
  const statsPeriod = readStatsPeriod(params.get('groupStatsPeriod'));
  if (statsPeriod === 'invalid') return bad(ERR_INVALID_STATS_PERIOD);
  const envs = readEnvironments(params, store, org);
  if (envs === 'unknown') return notFound();
  const parsed = parseQuery(queryOf(params));
  const window = narrowRange(range, parsed, store.now());
  const options: StreamOptions = {
    envs,
    range: window,
    requestRange: range,
    conditions: conditionsOf(parsed),
    statsPeriod,
    expand: params.getAll('expand'),
    collapse,
    u: ctx.u,
  };
  return json(
    200,
    groups.map((g) => serializeStreamGroup(g!, store, options)),
  );
}
