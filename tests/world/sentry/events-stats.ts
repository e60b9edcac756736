// GET organizations/{org}/events-stats/ (Discover's time series; OrganizationEventsStatsEndpoint, not in the public
// schema) for what Dexter asks: `yAxis=count()` per `interval` over statsPeriod or start+end, zero-filled buckets of
// [unix seconds, [{count}]], for the events matching `query` (issue.id:[…], issue:SHORT-ID). With `topEvents=N`
// (at most MAX_TOP_EVENTS = 10, src/sentry/constants.py) and `field=issue.id`, one series per issue keyed by its id,
// the N with the most events (`excludeOther=1` leaves out the rest); with no matching event, the plain series
// (top_events_timeseries with allow_empty=False).
import { badRequest, json, notFound, orgOf, type ApiContext, type ApiResult } from './api.ts';
import { readEnvironments } from './environments.ts';
import type { Issue } from './model.ts';
import { selectedProjects } from './routes-orgs.ts';
import { BadRequest, dateRange, matchesQuery, parsePeriod, parseQuery, type Scope } from './search.ts';

export const MAX_TOP_EVENTS = 10;
/** Snuba answers at most 10,000 buckets (MAX_ROLLUP_POINTS). */
const MAX_POINTS = 10_000;

export function eventsStats(ctx: ApiContext): ApiResult {
  const org = orgOf(ctx);
  if (!org) return notFound();
  const { store } = ctx;
  const p = ctx.url.searchParams;
  const projects = selectedProjects(ctx, store.projectsOf(org));
  if ('error' in projects) return json(projects.status, { detail: projects.error });
  const envs = readEnvironments(p, store, org);
  if (envs === 'unknown') return notFound();
  const yAxis = p.get('yAxis') ?? 'count()';
  if (yAxis !== 'count()') return badRequest(`Unsupported yAxis: ${yAxis}`);
  let scope: Scope;
  try {
    scope = { range: dateRange(p, store.now()), envs };
  } catch (e) {
    if (e instanceof BadRequest) return badRequest(e.message);
    throw e;
  }
  const interval = parsePeriod(p.get('interval') ?? '1h');
  if (!interval) return badRequest('Invalid interval');
  const first = Math.floor(scope.range.start / interval) * interval;
  if ((scope.range.end - first) / interval > MAX_POINTS)
    return badRequest(
      'Your interval and date range would create too many results. Use a larger interval, or a smaller date range.',
    );
  const top = p.has('topEvents') ? Number(p.get('topEvents')) : 0;
  if (!Number.isInteger(top)) return badRequest('topEvents must be an integer');
  if (top > MAX_TOP_EVENTS) return badRequest(`Can only get up to ${MAX_TOP_EVENTS} top events`);
  if (p.has('topEvents') && top <= 0) return badRequest('If topEvents needs to be at least 1');
  const ids = new Set(projects.map((x) => x.id));
  const query = parseQuery(p.get('query') ?? '');
  const issues = [...store.issues.values()].filter((i) => ids.has(i.projectId) && matchesQuery(query, i, store, scope));
  const starts: number[] = [];
  for (let t = first; t < scope.range.end; t += interval) starts.push(t);
  const series = (list: Issue[], order: number) => ({
    data: starts.map((t) => [
      t / 1000,
      [
        {
          count: list.reduce(
            (a, i) =>
              a + store.countIn(i, envs, Math.max(t, scope.range.start), Math.min(t + interval, scope.range.end)),
            0,
          ),
        },
      ],
    ]),
    order,
    isMetricsData: false,
    start: first / 1000,
    end: scope.range.end / 1000,
    meta: { fields: { count: 'integer' }, units: { count: null }, isMetricsData: false, dataset: 'errors' },
  });
  if (!top) return json(200, series(issues, 0));
  if (!p.getAll('field').includes('issue.id')) return badRequest('topEvents needs a field to group by');
  const counted = issues
    .map((i) => ({ issue: i, n: store.countIn(i, envs, scope.range.start, scope.range.end) }))
    .filter((x) => x.n > 0);
  counted.sort((a, b) => b.n - a.n || Number(a.issue.id) - Number(b.issue.id));
  if (!counted.length) return json(200, series([], 0));
  const body: Record<string, unknown> = {};
  counted.slice(0, top).forEach((x, i) => (body[x.issue.id] = series([x.issue], i)));
  if (p.get('excludeOther') !== '1' && counted.length > top)
    body.Other = series(
      counted.slice(top).map((x) => x.issue),
      top,
    );
  return json(200, body);
}
