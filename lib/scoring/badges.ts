// What the issue-list overlay shows for one row, worked out in the background: Sentry's page only draws it. The
// scoring (priority, peaks, change) runs in the extension's own process instead of on Sentry's main thread, and what
// crosses to the page is a few numbers and strings per row instead of Sentry's stats buckets.
import { type ApiIssue, bucketCounts, issueUserCount } from './issue';
import { priorityScore, type PriorityLevel } from './priority';
import { changeVsPrevious, findPeaks, type WindowChange } from './peaks';
import { formatChange, formatExact } from './format';

export type StatsPeriod = '24h' | '14d';

export interface SparkFigures {
  period: StatsPeriod;
  /** Bucket start times (unix seconds) and their event counts, oldest first. */
  times: number[];
  counts: number[];
  /** Indexes of unusual peaks (lib/scoring/peaks.ts). */
  peaks: number[];
  label: string;
  /** The change against the previous window: its text ("+12%", "new", "—"), tone and explanation. */
  change: { text: string; tone: 'up' | 'down' | 'muted'; title: string };
}

export interface RowBadges {
  id: string;
  project?: { id: string; slug?: string };
  /** Users affected (Sentry's userCount); null when Sentry did not say. */
  users: number | null;
  priority: { score: number; level: PriorityLevel; title: string; label: string };
  /** null when Sentry sent no stats for the period. */
  spark: SparkFigures | null;
}

type Issue = Omit<ApiIssue, 'id'> & { id: string | number; project?: { id?: unknown; slug?: unknown } | null };

export function rowBadges(issue: Issue, period: StatsPeriod, now: number): RowBadges {
  const row: RowBadges = { id: String(issue.id), users: issueUserCount(issue as ApiIssue), priority: priorityFigures(issue as ApiIssue, now), spark: sparkFigures(issue as ApiIssue, period) };
  const p = issue.project;
  if (p && (typeof p.id === 'string' || typeof p.id === 'number')) row.project = { id: String(p.id), ...(typeof p.slug === 'string' ? { slug: p.slug } : {}) };
  return row;
}

function priorityFigures(issue: ApiIssue, now: number): RowBadges['priority'] {
  const p = priorityScore(issue, { now });
  const lines = p.factors
    .filter((f) => f.contribution > 0 || !f.known)
    .sort((a, b) => b.contribution - a.contribution)
    .map((f) => `${f.known ? `+${f.contribution.toFixed(1)}` : '  ?'}  ${f.name}: ${f.explanation}`);
  return { score: p.score, level: p.level, title: `Priority ${p.score}/100 (${p.level})\n${lines.join('\n')}`, label: `Priority ${p.score} of 100, ${p.level}` };
}

function sparkFigures(issue: ApiIssue, period: StatsPeriod): SparkFigures | null {
  const series = issue.stats?.[period];
  const counts = bucketCounts(series);
  if (!series || !counts) return null;
  const times = series.map((b) => (Array.isArray(b) && typeof b[0] === 'number' ? b[0] : 0));
  const peaks = findPeaks(counts);
  const total = counts.reduce((a, b) => a + b, 0);
  const label = `${formatExact(total)} events in the last ${period === '24h' ? '24 hours' : '14 days'}${peaks.length ? `, ${peaks.length} unusual peak${peaks.length > 1 ? 's' : ''}` : ''}`;
  return { period, times, counts, peaks, label, change: changeFigures(changeVsPrevious(issue.stats)) };
}

function changeFigures(change: WindowChange | null): SparkFigures['change'] {
  if (!change) return { text: '—', tone: 'muted', title: 'Not enough stats to compare windows.' };
  return {
    text: change.status === 'new' ? 'new' : formatChange(change.percent),
    tone: change.status === 'up' ? 'up' : change.status === 'down' ? 'down' : 'muted',
    title: `Last ${change.window}: ${formatExact(change.current)} events; the ${change.window} before: ${formatExact(change.previous)}.`,
  };
}
