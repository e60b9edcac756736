// The world's event history is counted in time buckets: DAYS_KEPT daily buckets, then HOURS_KEPT hourly buckets
// that end at the moment the world was generated. The n events of a bucket are spread evenly over it, so every
// question about a window [from, to) — how many events, the first and the last one — has one exact, additive answer
// (what Snuba would answer from real event rows), at any window edge.
import { DAY, HOUR } from './model.ts';

/** Hourly buckets back from generation time (30 days). */
export const HOURS_KEPT = 30 * 24;
/** Daily buckets before the hourly ones: long enough for a year-old issue's first event. */
export const DAYS_KEPT = 340;
export const BUCKETS = DAYS_KEPT + HOURS_KEPT;

export class Clock {
  /** Start of the first hourly bucket. */
  readonly hourStart: number;
  /** Start of daily bucket 0. */
  readonly origin: number;

  /** `end`: when the world was generated; the last (current) hour's events all happened before it. */
  constructor(readonly end: number) {
    this.hourStart = Math.floor(end / HOUR) * HOUR - (HOURS_KEPT - 1) * HOUR;
    this.origin = this.hourStart - DAYS_KEPT * DAY;
  }

  start(i: number): number {
    return i < DAYS_KEPT ? this.origin + i * DAY : this.hourStart + (i - DAYS_KEPT) * HOUR;
  }

  /** End of bucket i (exclusive); the current hour ends at generation time. */
  stop(i: number): number {
    return Math.min(
      this.end,
      i < DAYS_KEPT ? this.origin + (i + 1) * DAY : this.hourStart + (i - DAYS_KEPT + 1) * HOUR,
    );
  }

  /** The bucket holding time t; below 0 or at/after BUCKETS when t is outside the history. */
  index(t: number): number {
    if (t < this.hourStart) return Math.floor((t - this.origin) / DAY);
    return DAYS_KEPT + Math.floor((t - this.hourStart) / HOUR);
  }

  /** How many of bucket i's n events happened before t. Event k is at start + floor((2k+1)·len / 2n). */
  before(i: number, n: number, t: number): number {
    const start = this.start(i);
    const len = this.stop(i) - start;
    if (n === 0 || len <= 0 || t <= start) return 0;
    if (t >= start + len) return n;
    // k < (2n·d − len) / (2·len), in integers so window edges never round the wrong way.
    const num = 2 * n * (t - start) - len;
    if (num <= 0) return 0;
    return Math.min(n, Math.ceil(num / (2 * len)));
  }

  /** Time of event k (0-based) of bucket i's n events. */
  at(i: number, n: number, k: number): number {
    const start = this.start(i);
    const len = this.stop(i) - start;
    return start + Math.floor(((2 * k + 1) * len) / (2 * n));
  }

  /** Bucket index range [a, b] that can hold events of [from, to), clipped to the history; empty when a > b. */
  span(from: number, to: number): [number, number] {
    const a = Math.max(0, this.index(from));
    const b = Math.min(BUCKETS - 1, this.index(to - 1));
    return [a, b];
  }
}
