// Peak detection and window-over-window change for an issue's stats series.
import { type IssueStats, bucketCounts } from './issue';

export interface PeakOptions {
  /** Modified z-score above which a bucket is a peak: 3.5 per Iglewicz & Hoaglin (1993). */
  threshold?: number;
  /** A bucket needs at least this many events to be a peak, so 3 events against a flat 0 is not flagged. */
  minCount?: number;
}

function median(sorted: number[]): number {
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  return n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Indexes of unusually high buckets. Robust z-score: z = 0.6745 × (x − median) / MAD (Iglewicz & Hoaglin).
 * When more than half the buckets are equal the MAD is 0; then the mean absolute deviation is used,
 * z = (x − median) / (1.253314 × meanAD), the usual fallback, so one burst on a flat line is still found.
 * Only upward deviations count: a quiet hour is not a peak.
 */
export function findPeaks(counts: number[], opts: PeakOptions = {}): number[] {
  const threshold = opts.threshold ?? 3.5;
  const minCount = opts.minCount ?? 5;
  if (counts.length < 3) return [];
  const sorted = [...counts].sort((a, b) => a - b);
  const med = median(sorted);
  const deviations = counts.map((x) => Math.abs(x - med));
  const mad = median([...deviations].sort((a, b) => a - b));
  const meanAd = deviations.reduce((a, b) => a + b, 0) / counts.length;
  const z = (x: number): number => {
    if (mad > 0) return (0.6745 * (x - med)) / mad;
    if (meanAd > 0) return (x - med) / (1.253314 * meanAd);
    return 0;
  };
  const peaks: number[] = [];
  counts.forEach((x, i) => {
    if (x >= minCount && x > med && z(x) > threshold) peaks.push(i);
  });
  return peaks;
}

export interface WindowChange {
  /** Length of each half, e.g. "12h" of hourly buckets, "7d" of daily ones. */
  window: string;
  current: number;
  previous: number;
  /** (current − previous) / previous × 100; null when previous is 0 (there is no base to compare with). */
  percent: number | null;
  status: 'up' | 'down' | 'flat' | 'new' | 'none';
}

/**
 * Change of the latest half of the stats against the half before it. The issue list only returns the
 * requested period (24 hourly or 14 daily buckets), so "previous window" can only be the older half of it:
 * the last 12 h against the 12 h before, or the last 7 days against the 7 before. The newest bucket is still
 * filling, so the current half slightly understates. With an odd count the oldest bucket is left out.
 */
export function changeVsPrevious(stats: IssueStats | null | undefined): WindowChange | null {
  const hourly = bucketCounts(stats?.['24h']);
  return changeOfSeries(hourly ?? bucketCounts(stats?.['14d']), hourly ? 3600 : 86_400);
}

/** The newer half of a series against the older half, the halves named by their length ("12h", "7d"). */
export function changeOfSeries(counts: number[] | null, bucketSeconds: number): WindowChange | null {
  if (!counts || counts.length < 2) return null;
  const half = Math.floor(counts.length / 2);
  const current = counts.slice(-half).reduce((a, b) => a + b, 0);
  const previous = counts.slice(-2 * half, -half).reduce((a, b) => a + b, 0);
  const window = spanLabel(half * bucketSeconds);
  if (previous === 0) return { window, current, previous, percent: null, status: current > 0 ? 'new' : 'none' };
  const percent = ((current - previous) / previous) * 100;
  return { window, current, previous, percent, status: percent > 0 ? 'up' : percent < 0 ? 'down' : 'flat' };
}

/** "12h", "7d", "90m": a span in its largest whole unit. */
export function spanLabel(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  return `${Math.max(1, Math.round(seconds / 60))}m`;
}
