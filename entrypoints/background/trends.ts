// Issue #18's data: release and deploy markers for the sparklines, Sentry's escalation rule on rows and issues, and
// where an issue's users are. Every request is batched and cached: one release list for the projects on a page (per
// project in the cache, so a project already read costs nothing), one hourly-counts request for the rows whose own
// stats cannot settle their escalation (at most 10, Discover's top-events limit), none when warm.
import type { IssueTrendAnswer, RowTrend, Target, TrendsRowsAnswer, WhereAnswer } from '@/lib/messages';
import { rowBadges, type GraphPeriod } from '@/lib/scoring/badges';
import { findPeaks } from '@/lib/scoring/peaks';
import { MAX_TOP_EVENTS } from '@/lib/sentry/client';
import type { IssueStats, Release, TagDetails } from '@/lib/sentry/schemas';
import type { PageFilters } from '@/lib/sentry/window';
import { afterDeployChip, firstSpikeStart, releaseChips } from '@/lib/trends/chips';
import { escalation, midnightOf, ONE_EVENT_FORECAST, settledByStats, type Escalation } from '@/lib/trends/forecast';
import { countryRows, tagBars } from '@/lib/trends/geo';
import { markersIn, markersOf, type Marker } from '@/lib/trends/markers';
import type { Handlers } from './router';
import type { SentryService } from './service';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Releases created up to a week before the graph still get a deploy marker inside it: Sentry's date filter on the
 *  list is on the release's creation (organization_releases.py), not its deploys. */
const RELEASE_LOOKBACK = 7 * DAY;
const utc = (ms: number) => new Date(ms).toISOString().slice(0, 19);

// ── The rows a page's list showed (issues.byIds), so the trends of the same rows need no second stats request ──────
const seen = new Map<string, { item: IssueStats; graph: GraphPeriod; allEnvironments: boolean }>();
const SEEN_MAX = 2000;
const seenKey = (t: Target, id: string) => `${t.apiBase}|${t.org}|${id}`;

/** Called with every issues-stats or issue-list answer the background serves. */
export function rememberRows(
  target: Target,
  items: readonly IssueStats[],
  graph: GraphPeriod,
  allEnvironments: boolean,
): void {
  for (const item of items) {
    const key = seenKey(target, item.id);
    seen.delete(key);
    seen.set(key, { item, graph, allEnvironments });
  }
  while (seen.size > SEEN_MAX) seen.delete(seen.keys().next().value!);
}

// ── Releases: one request for every project not yet read, each project cached on its own ─────────────────────────────
type ReleaseWindow = { from: number; to: number };
function releasesFor(
  service: SentryService,
  target: Target,
  projects: readonly string[],
  w: ReleaseWindow,
  environments: readonly string[],
): Promise<Map<string, Release[]>> {
  const { client } = service.client(target);
  const span = `${utc(w.from)}|${utc(w.to)}|${environments.join(',')}`;
  let batch: { projects: string[]; done: Promise<Map<string, Release[]>> } | null = null;
  const load = (project: string): Promise<Release[]> => {
    if (!batch) {
      const b = { projects: [] as string[], done: null as unknown as Promise<Map<string, Release[]>> };
      // Every project missing from the cache in this call joins one request (the loaders run in the same task).
      b.done = new Promise((r) => setTimeout(r, 0)).then(async () => {
        const list = await client.listReleases(target.org, {
          projects: b.projects,
          start: utc(w.from),
          end: utc(w.to),
          environment: environments,
        });
        const by = new Map<string, Release[]>(b.projects.map((p) => [p, []]));
        for (const r of list) {
          const ids = (r.projects ?? []).map((p) => p.id ?? '');
          for (const p of b.projects) if (!ids.some(Boolean) || ids.includes(p)) by.get(p)!.push(r);
        }
        return by;
      });
      batch = b;
    }
    batch.projects.push(project);
    return batch.done.then((by) => by.get(project) ?? []);
  };
  return Promise.all(
    projects.map((p) =>
      service.cache.get(service.key(target, 'releases', p, span), () => load(p)).then((r) => [p, r] as const),
    ),
  ).then((pairs) => new Map(pairs));
}

/** Markers of these projects, or why there are none (no releases, or Sentry would not say). */
async function markersFor(
  service: SentryService,
  target: Target,
  projects: readonly string[],
  w: ReleaseWindow,
  environments: readonly string[] = [],
): Promise<{ marks: Marker[]; releases: TrendsRowsAnswer['releases'] }> {
  if (!projects.length) return { marks: [], releases: 'none' };
  try {
    const by = await releasesFor(service, target, [...new Set(projects)].sort(), w, environments);
    const all = [...new Map([...by.values()].flat().map((r) => [r.version, r])).values()];
    return { marks: markersOf(all), releases: all.length ? 'ok' : 'none' };
  } catch {
    // A self-hosted Sentry without releases, a token without project:read: no markers, nothing else changes.
    return { marks: [], releases: 'unavailable' };
  }
}

const releaseWindow = (from: number, now: number): ReleaseWindow => ({
  from: Math.floor((from - RELEASE_LOOKBACK) / HOUR) * HOUR,
  to: Math.ceil((now + 1) / HOUR) * HOUR,
});

// ── Hourly counts for the escalation rule: the week before midnight and today, up to 10 issues a request ────────────
function hourly(
  service: SentryService,
  target: Target,
  ids: readonly string[],
  projects: readonly string[],
  now: number,
): Promise<Record<string, [number, number][]>> {
  const { client } = service.client(target);
  const start = midnightOf(now) - 7 * DAY;
  const sorted = [...ids].sort();
  // Keyed by the clock hour: within it the cache's minute keeps the current hour's count fresh enough.
  return service.cache.get(service.key(target, 'hourly', Math.floor(now / HOUR), sorted.join(',')), () =>
    client.hourlyCounts(target.org, sorted, { start: utc(start), end: utc(now + 1000), projects }),
  );
}

/** The verdict for an issue Discover listed no events for in the week and today: no events this hour, Sentry's
 *  placeholder forecast. */
const quiet = (now: number): Escalation => ({
  state: 'steady',
  thisHour: 0,
  forecast: ONE_EVENT_FORECAST,
  atLeast: null,
  rule: 'no-history',
  madeAt: midnightOf(now),
});

const timeText = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export const trendHandlers = {
  async 'trends.rows'(m, { service }) {
    const now = Date.now();
    const f: PageFilters = m.filters;
    const allEnvironments = f.environments.length === 0;
    const known = m.ids.map((id) => seen.get(seenKey(m.target, id))).filter((x) => !!x);
    const missing = m.ids.filter((id) => !seen.has(seenKey(m.target, id)));
    const items = new Map(known.map((k) => [k.item.id, k.item]));
    if (missing.length) {
      const { client } = service.client(m.target);
      const fetched = await service.cache.get(
        service.key(m.target, 'rows', JSON.stringify(f), [...missing].sort().join(',')),
        () => client.getIssueStats(m.target.org, missing, f),
      );
      rememberRows(m.target, fetched, f.graph, allEnvironments);
      for (const i of fetched) items.set(i.id, i);
    }
    const rows = m.ids.flatMap((id) => {
      const item = items.get(id);
      return item ? [{ id, item, spark: rowBadges(item, f.graph, now).spark, project: item.project?.id ?? null }] : [];
    });
    // Markers for the projects of these rows over the graph's window (and a week before, for late deploys).
    const from = Math.min(now - DAY, ...rows.map((r) => (r.spark?.times[0] ?? now / 1000) * 1000));
    const projects = [...new Set(rows.map((r) => r.project).filter((p): p is string => !!p))];
    const markers = markersFor(service, m.target, projects, releaseWindow(from, now), f.environments);

    // Escalation: settled by the row's own hourly stats where they are Sentry's (all environments, no search filter),
    // else by the week's hourly counts, for the first 10 rows asked.
    const verdicts = new Map<string, Escalation>();
    const open: string[] = [];
    for (const r of rows) {
      const series = allEnvironments && !r.item.filtered ? r.item.stats?.['24h'] : undefined;
      const settled = series ? settledByStats(series, now) : null;
      if (settled) verdicts.set(r.id, settled);
      else open.push(r.id);
    }
    const asked = open.slice(0, MAX_TOP_EVENTS);
    if (asked.length) {
      const asking = rows
        .filter((r) => asked.includes(r.id))
        .map((r) => r.project)
        .filter((p): p is string => !!p);
      try {
        const counts = await hourly(service, m.target, asked, [...new Set(asking)], now);
        for (const id of asked) verdicts.set(id, counts[id] ? escalation(counts[id], now) : quiet(now));
      } catch {
        // Left unknown: the row says the forecast could not be had.
      }
    }
    const { marks, releases } = await markers;
    const out: Record<string, RowTrend> = {};
    for (const r of rows) {
      const window = r.spark
        ? { from: r.spark.times[0]! * 1000, to: (r.spark.times.at(-1)! + r.spark.bucketSeconds) * 1000 }
        : null;
      const own = window ? markersIn(marks, window.from, Math.min(window.to, now + 1), r.project) : [];
      const chips = [];
      if (r.spark && window) {
        // Its first event in the window (when the window does not begin with it), else its first unusual hour.
        const first = Date.parse((r.item.filtered ?? r.item).firstSeen ?? '');
        const start =
          Number.isFinite(first) && first > window.from + r.spark.bucketSeconds * 1000
            ? { at: first, what: 'Its first event in the graph’s window' }
            : null;
        const spike = firstSpikeStart(r.spark.times, r.spark.peaks, r.spark.bucketSeconds);
        const deploys = markersIn(marks, window.from - DAY, window.to, r.project);
        const chip =
          (start && afterDeployChip(start.at, deploys, start.what, timeText)) ??
          (spike !== null ? afterDeployChip(spike, deploys, 'Its first unusual hour', timeText) : null);
        if (chip) chips.push(chip);
      }
      const verdict = verdicts.get(r.id) ?? {
        state: 'unknown' as const,
        thisHour: null,
        forecast: null,
        atLeast: null,
        rule: null,
        madeAt: midnightOf(now),
      };
      out[r.id] = { id: r.id, marks: own, escalation: verdict, sentry: r.item.substatus ?? null, chips };
    }
    return { rows: out, releases, deferred: open.slice(MAX_TOP_EVENTS) } satisfies TrendsRowsAnswer;
  },

  async 'trends.issue'(m, { service }) {
    const now = Date.now();
    const issue = await service.issue(m.target, m.issueId);
    const project = issue.project?.id ?? null;
    const counts = await hourly(service, m.target, [m.issueId], project ? [project] : [], now).catch(() => null);
    const series = counts ? (counts[m.issueId] ?? []) : null;
    const firstSeen = Date.parse(issue.firstSeen ?? '');
    const verdict =
      series === null
        ? {
            state: 'unknown' as const,
            thisHour: null,
            forecast: null,
            atLeast: null,
            rule: null,
            madeAt: midnightOf(now),
          }
        : series.length
          ? escalation(series, now, Number.isFinite(firstSeen) ? firstSeen : null)
          : quiet(now);
    const from = midnightOf(now) - 7 * DAY;
    const { marks, releases } = await markersFor(service, m.target, project ? [project] : [], releaseWindow(from, now));
    const chips = releaseChips(issue);
    const deploys = marks.filter((x) => x.kind === 'deploy');
    const spike = series?.length
      ? firstSpikeStart(
          series.map(([t]) => t),
          findPeaks(series.map(([, c]) => c)),
          3600,
        )
      : null;
    const after =
      (Number.isFinite(firstSeen) ? afterDeployChip(firstSeen, deploys, 'Its first event', timeText) : null) ??
      (spike !== null ? afterDeployChip(spike, deploys, 'Its first unusual hour this week', timeText) : null);
    if (after) chips.push(after);
    return {
      hourly: series ?? [],
      escalation: verdict,
      sentry: issue.substatus ?? null,
      marks: markersIn(marks, from, now + 1, project),
      chips,
      releases,
    } satisfies IssueTrendAnswer;
  },

  async 'issue.where'(m, { service }) {
    const issue = await service.issue(m.target, m.issueId);
    const { client } = service.client(m.target);
    const keys = ['geo.country_code', 'browser.name', 'os.name', 'release'];
    const project = issue.project?.id ? [issue.project.id] : [];
    const [tags, users] = await Promise.all([
      service.cache.get(service.key(m.target, 'tags', m.issueId), () =>
        client.issueTags(m.target.org, m.issueId, keys),
      ),
      service.cache
        .get(service.key(m.target, 'countries', m.issueId), () =>
          client.countriesOfIssue(m.target.org, issue.shortId, { statsPeriod: '90d', projects: project }),
        )
        .catch(() => null),
    ]);
    const tag = (key: string): TagDetails | undefined => tags.find((t) => t.key === key);
    const geo = tag('geo.country_code');
    // The top values hold 9; more countries need the full list.
    const values =
      geo && (geo.uniqueValues ?? 0) > geo.topValues.length
        ? await service.cache.get(service.key(m.target, 'tag-values', m.issueId, 'geo.country_code'), () =>
            client.listTagValues(m.target.org, m.issueId, 'geo.country_code'),
          )
        : (geo?.topValues ?? []);
    const bars = (key: string, label: string) => {
      const t = tag(key);
      return { key, label, bars: t ? tagBars(t.topValues, t.totalValues) : null, total: t?.totalValues ?? 0 };
    };
    return {
      countries: geo ? countryRows(values, users) : null,
      eventsWithCountry: geo?.totalValues ?? 0,
      usersKnown: users !== null,
      breakdowns: [bars('browser.name', 'Browser'), bars('os.name', 'OS'), bars('release', 'Release')],
    } satisfies WhereAnswer;
  },
} satisfies Partial<Handlers>;
