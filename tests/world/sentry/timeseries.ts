// The `stats` series of a group (`groupStatsPeriod`): GroupStatsMixin.get_stats picks the window and rollup
// (src/sentry/api/serializers/models/group_stream.py) and tsdb.get_range answers [[unix seconds, count], …] with
// buckets aligned to the rollup. The series honour the environments (and, for `filtered.stats`, the conditions).
import { DAY, HOUR, type Issue } from './model.ts';
import type { DateRange } from './search.ts';
import type { Store } from './store.ts';
import type { Envs } from './traffic.ts';

export type StatsPeriod = '24h' | '14d' | 'auto';

export const ERR_INVALID_STATS_PERIOD = "Invalid stats_period. Valid choices are '', '24h', '14d' and 'auto'";

/** groupStatsPeriod: absent → '24h', '' → no stats (calculate_stats_period); anything else is a 400. */
export function readStatsPeriod(raw: string | null): StatsPeriod | null | 'invalid' {
  if (raw === null) return '24h';
  if (raw === '') return null;
  return raw === '24h' || raw === '14d' || raw === 'auto' ? raw : 'invalid';
}

export interface StatsWindow {
  start: number;
  end: number;
  rollup: number;
}

const CUSTOM_SEGMENTS = 29; // "for 30 segments use 1/29th intervals"
const CUSTOM_SEGMENTS_12H = 35; // "for 12h 36 segments, otherwise 15-16-17 bars is too few"

/** The rollup `auto` picks for a window of `total` ms (GroupStatsMixin.get_stats). */
export function autoRollup(total: number): number {
  let rollup: number;
  if (total < 24 * HOUR) rollup = total / CUSTOM_SEGMENTS;
  else if (total < CUSTOM_SEGMENTS * HOUR) rollup = HOUR;
  else if (total < CUSTOM_SEGMENTS * 2 * HOUR) rollup = 2 * HOUR;
  else if (total < CUSTOM_SEGMENTS * 3 * HOUR) rollup = 3 * HOUR;
  else if (total < CUSTOM_SEGMENTS * 6 * HOUR) rollup = 6 * HOUR;
  else if (total < CUSTOM_SEGMENTS_12H * 12 * HOUR) rollup = 12 * HOUR;
  else if (total < CUSTOM_SEGMENTS * DAY) rollup = DAY;
  else rollup = Math.round(total / (CUSTOM_SEGMENTS * DAY)) * DAY;
  // `max(int(rollup), 1)` in seconds.
  return Math.max(1, Math.floor(rollup / 1000)) * 1000;
}

/** 24h: 24 hourly points ending now; 14d: 14 daily points; auto: the request's own window at its rollup. */
export function statsWindow(period: StatsPeriod, range: DateRange, now: number): StatsWindow {
  if (period === '24h') return { start: now - 23 * HOUR, end: now, rollup: HOUR };
  if (period === '14d') return { start: now - 13 * DAY, end: now, rollup: DAY };
  return { start: range.start, end: range.end, rollup: autoRollup(range.end - range.start) };
}

/** The bucket starts of a window: get_optimal_rollup_series walks back from `end` while the time is >= `start`,
 *  normalising each to the rollup (`normalize_to_epoch`). */
export function bucketStarts(w: StatsWindow): number[] {
  const out: number[] = [];
  for (let t = w.end; t >= w.start; t -= w.rollup) out.push(t - (t % w.rollup));
  return out.reverse();
}

/** [[bucket start in unix seconds, events in the bucket]]. */
export function statsSeries(store: Store, issue: Issue, envs: Envs, w: StatsWindow): [number, number][] {
  return bucketStarts(w).map((t) => [t / 1000, store.countIn(issue, envs, t, t + w.rollup)]);
}
