// The time window, environments, projects and search a Sentry issue list shows, read from its URL the way Sentry's
// page filters write it, with Sentry's defaults where the URL says nothing. Dexter asks the API with exactly these,
// so its figures are the figures in Sentry's own columns beside them. Pure; tested with real URLs in window.test.ts.
//
// Sources (getsentry/sentry): static/app/constants/pageFilters.tsx URL_PARAM (start, end, utc, statsPeriod, project,
// environment); static/app/constants/index.tsx DEFAULT_STATS_PERIOD = '14d'; issueList/overview.tsx sends
// statsPeriod=14d when neither statsPeriod nor start is set, and groupStatsPeriod only when it is not '24h'
// (DEFAULT_GRAPH_STATS_PERIOD); dates as moment.utc(...).format('YYYY-MM-DDTHH:mm:ss') (static/app/utils/dates.tsx).

export const DEFAULT_STATS_PERIOD = '14d';
export const DEFAULT_GRAPH_PERIOD = '24h';
export type GraphPeriod = '24h' | '14d' | 'auto';

/** The window a page's counts are for: a relative period, or an absolute range. */
export type TimeWindow = { statsPeriod: string } | { start: string; end: string };

export interface PageFilters {
  window: TimeWindow;
  environments: string[];
  /** Numeric project ids; empty means Sentry's default selection (the user's projects). */
  projects: string[];
  /** The search as the page runs it (null: the page's default search). */
  query: string | null;
  /** The period of the list's graph column (`groupStatsPeriod`). */
  graph: GraphPeriod;
}

const PERIOD = /^(\d{1,4})([smhdw])$/;
const UNIT_MS: Record<string, number> = { s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 };
/** Sentry's own date form (UTC, seconds, no zone) and ISO with a zone. */
const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const ENVIRONMENT = /^[^\n\r\f/]{1,64}$/; // Sentry's environment names (Environment.is_valid_name)

export function periodMs(statsPeriod: string): number | null {
  const m = PERIOD.exec(statsPeriod);
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : null;
}

/** A date from the URL as epoch ms; Sentry's zone-less form is UTC (`utc` aside: the page writes UTC). */
export function parseWindowDate(value: string): number | null {
  if (!DATE.test(value)) return null;
  const t = Date.parse(/Z|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`);
  return Number.isFinite(t) ? t : null;
}

/** The page filters of an issue-list URL. Values Sentry would refuse fall back to its defaults. */
export function pageFilters(url: string | URL): PageFilters {
  const u = typeof url === 'string' ? new URL(url) : url;
  const p = u.searchParams;
  const statsPeriod = p.get('statsPeriod') ?? '';
  const start = p.get('start');
  const end = p.get('end');
  let window: TimeWindow = { statsPeriod: DEFAULT_STATS_PERIOD };
  if (periodMs(statsPeriod)) window = { statsPeriod };
  else if (start && end) {
    const s = parseWindowDate(start);
    const e = parseWindowDate(end);
    if (s !== null && e !== null && s < e)
      window = { start: new Date(s).toISOString().slice(0, 19), end: new Date(e).toISOString().slice(0, 19) };
  }
  const graphParam = p.get('groupStatsPeriod');
  const graph: GraphPeriod = graphParam === '14d' || graphParam === 'auto' ? graphParam : DEFAULT_GRAPH_PERIOD;
  return {
    window,
    environments: [...new Set(p.getAll('environment').filter((e) => ENVIRONMENT.test(e)))].slice(0, 50),
    projects: [...new Set(p.getAll('project').filter((x) => /^\d{1,20}$/.test(x)))].slice(0, 100),
    query: p.has('query') ? (p.get('query') ?? '').slice(0, 2000) : null,
    graph,
  };
}

/** The window in words, as Sentry's tooltips say it ("last 14 days", "time range"). */
export function windowLabel(window: TimeWindow): string {
  if (!('statsPeriod' in window)) return `${window.start.replace('T', ' ')} – ${window.end.replace('T', ' ')} UTC`;
  const m = PERIOD.exec(window.statsPeriod);
  if (!m) return window.statsPeriod;
  const n = Number(m[1]);
  const unit = { s: 'second', m: 'minute', h: 'hour', d: 'day', w: 'week' }[m[2]!]!;
  return n === 1 ? `last ${unit}` : `last ${n} ${unit}s`;
}

/** Query parameters for the API in the page's own words (statsPeriod or start+end, environment, project). */
export function windowParams(window: TimeWindow): Record<string, string> {
  return 'statsPeriod' in window ? { statsPeriod: window.statsPeriod } : { start: window.start, end: window.end };
}
