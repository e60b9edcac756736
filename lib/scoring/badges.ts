// What the issue-list overlay shows for one row, worked out in the background: Sentry's page only draws it. The
// scoring (priority, peaks, change) runs in the extension's own process instead of on Sentry's main thread, and what
// crosses to the page is a few numbers and strings per row instead of Sentry's stats buckets.
// The figures are Sentry's own list's: its Events and Users columns show `filtered` (the search's) when the answer has
// it, else the window's `count`/`userCount`; its graph the `filtered` series likewise (static/app/components/stream/
// group.tsx: `primaryCount = group.filtered ? group.filtered.count : group.count`).
import { type ApiIssue, bucketCounts, issueEventCount, issueUserCount } from './issue';
import { priorityScore, type PriorityLevel } from './priority';
import { changeOfSeries, changeVsPrevious, findPeaks, spanLabel, type WindowChange } from './peaks';
import { formatChange, formatExact } from './format';

/** The period of the list's graph (`groupStatsPeriod`): hourly over 24 h, daily over 14 days, or Sentry's `auto`. */
export type GraphPeriod = '24h' | '14d' | 'auto';

export interface SparkFigures {
  period: GraphPeriod;
  /** Bucket start times (unix seconds) and their event counts, oldest first. */
  times: number[];
  counts: number[];
  /** Seconds per bucket. */
  bucketSeconds: number;
  /** Indexes of unusual peaks (lib/scoring/peaks.ts). */
  peaks: number[];
  label: string;
  /** The change against the previous window: its text ("+12%", "new", "—"), tone and explanation. */
  change: { text: string; tone: 'up' | 'down' | 'muted'; title: string };
}

export interface RowBadges {
  id: string;
  project?: { id: string; slug?: string };
  /** Events and users as Sentry's Events and Users columns show them; null when Sentry did not say. */
  events: number | null;
  users: number | null;
  priority: { score: number; level: PriorityLevel; title: string; label: string };
  /** null when Sentry sent no stats for the period. */
  spark: SparkFigures | null;
}

type Counts = Pick<ApiIssue, 'count' | 'userCount' | 'stats'>;
type Issue = Omit<ApiIssue, 'id'> & {
  id: string | number;
  project?: { id?: unknown; slug?: unknown } | null;
  filtered?: Counts | null;
};

export function rowBadges(issue: Issue, graph: GraphPeriod, now: number): RowBadges {
  const shown: Counts = issue.filtered ?? issue;
  const row: RowBadges = {
    id: String(issue.id),
    events: issueEventCount(shown),
    users: issueUserCount(shown),
    priority: priorityFigures(issue as ApiIssue, now),
    spark: sparkFigures(shown, graph),
  };
  const p = issue.project;
  if (p && (typeof p.id === 'string' || typeof p.id === 'number'))
    row.project = { id: String(p.id), ...(typeof p.slug === 'string' ? { slug: p.slug } : {}) };
  return row;
}

function priorityFigures(issue: ApiIssue, now: number): RowBadges['priority'] {
  const p = priorityScore(issue, { now });
  const lines = p.factors
    .filter((f) => f.contribution > 0 || !f.known)
    .sort((a, b) => b.contribution - a.contribution)
    .map((f) => `${f.known ? `+${f.contribution.toFixed(1)}` : '  ?'}  ${f.name}: ${f.explanation}`);
  return {
    score: p.score,
    level: p.level,
    title: `Priority ${p.score}/100 (${p.level})\n${lines.join('\n')}`,
    label: `Priority ${p.score} of 100, ${p.level}`,
  };
}

function sparkFigures(counts: Counts, period: GraphPeriod): SparkFigures | null {
  const series = (counts.stats as Record<string, [number, number][] | undefined> | null | undefined)?.[period];
  const values = bucketCounts(series);
  if (!series || !values) return null;
  const times = series.map((b) => (Array.isArray(b) && typeof b[0] === 'number' ? b[0] : 0));
  // `auto` buckets follow the page's window (group_stream.py get_stats); their size is the step between two.
  const bucketSeconds =
    period === '24h'
      ? 3600
      : period === '14d'
        ? 86_400
        : Math.max(1, (times.at(-1)! - times[0]!) / Math.max(1, times.length - 1));
  const peaks = findPeaks(values);
  const total = values.reduce((a, b) => a + b, 0);
  const span =
    period === '24h'
      ? 'the last 24 hours'
      : period === '14d'
        ? 'the last 14 days'
        : `the last ${spanLabel(Math.round(bucketSeconds * values.length))}`;
  const label = `${formatExact(total)} events in ${span}${peaks.length ? `, ${peaks.length} unusual peak${peaks.length > 1 ? 's' : ''}` : ''}`;
  const change =
    period === 'auto' ? changeOfSeries(values, Math.round(bucketSeconds)) : changeVsPrevious({ [period]: series });
  return { period, times, counts: values, bucketSeconds, peaks, label, change: changeFigures(change) };
}

function changeFigures(change: WindowChange | null): SparkFigures['change'] {
  if (!change) return { text: '—', tone: 'muted', title: 'Not enough stats to compare windows.' };
  return {
    text: change.status === 'new' ? 'new' : formatChange(change.percent),
    tone: change.status === 'up' ? 'up' : change.status === 'down' ? 'down' : 'muted',
    title: `Last ${change.window}: ${formatExact(change.current)} events; the ${change.window} before: ${formatExact(change.previous)}.`,
  };
}
