// An issue's events as the world keeps them: per environment a bucketed series (buckets.ts) whose events carry users
// from an arc of the project's user base, plus events that arrived one by one (SDK ingest) with their own time,
// environment and user. Everything Sentry derives from event rows — count(), min/max(timestamp), uniq(user), per
// window and environment — is computed here from that one record, so all the numbers the API serves agree.
import { BUCKETS, type Clock } from './buckets.ts';

export interface Series {
  env: string;
  /** Events per bucket (buckets.ts). */
  counts: Uint16Array;
  total: number;
  /** First and last bucket with events (-1 when none). */
  first: number;
  last: number;
  /** The series' users are userBase[userStart, userStart + userSpan); 0 = its events carry no user. */
  userStart: number;
  userSpan: number;
  /** Users active at once: bucket i's events cycle through `pool` users whose offset drifts from the start of the
   *  arc (first bucket) to its end (last bucket), so old users leave and new ones come, as on real issues. */
  pool: number;
}

/** One event that arrived through ingest; `user` is its index in the project's userBase. */
export interface Single {
  at: number;
  env: string;
  user: number | null;
}

export interface Traffic {
  series: Series[];
  singles: Single[];
}

/** Environment names to count, or null for all of them. */
export type Envs = readonly string[] | null;

/** Half-open user-index intervals [a, b), sorted and disjoint after merge(). */
export type Runs = [number, number][];

const wanted = (envs: Envs, env: string) => envs === null || envs.includes(env);

export function seriesTotal(s: Series): { first: number; last: number; total: number } {
  let first = -1;
  let last = -1;
  let total = 0;
  for (let i = 0; i < s.counts.length; i++) {
    const n = s.counts[i] ?? 0;
    if (n === 0) continue;
    if (first < 0) first = i;
    last = i;
    total += n;
  }
  return { first, last, total };
}

/** Events in [from, to) in the given environments. */
export function countIn(clock: Clock, t: Traffic, envs: Envs, from: number, to: number): number {
  let sum = 0;
  for (const s of t.series) {
    if (!wanted(envs, s.env) || s.first < 0) continue;
    const [a0, b0] = clock.span(from, to);
    const a = Math.max(a0, s.first);
    const b = Math.min(b0, s.last);
    for (let i = a; i <= b; i++) {
      const n = s.counts[i] ?? 0;
      if (n === 0) continue;
      sum += i === a || i === b ? clock.before(i, n, to) - clock.before(i, n, from) : n;
    }
  }
  for (const e of t.singles) if (wanted(envs, e.env) && e.at >= from && e.at < to) sum += 1;
  return sum;
}

/** Time of the first (or last) event in [from, to) in the environments; null when there is none. */
export function edgeIn(
  clock: Clock,
  t: Traffic,
  envs: Envs,
  from: number,
  to: number,
  which: 'first' | 'last',
): number | null {
  let best: number | null = null;
  const better = (x: number) => best === null || (which === 'first' ? x < best : x > best);
  for (const s of t.series) {
    if (!wanted(envs, s.env) || s.first < 0) continue;
    const [a0, b0] = clock.span(from, to);
    const a = Math.max(a0, s.first);
    const b = Math.min(b0, s.last);
    for (let step = 0; step <= b - a; step++) {
      const i = which === 'first' ? a + step : b - step;
      const n = s.counts[i] ?? 0;
      if (n === 0) continue;
      const k0 = clock.before(i, n, from);
      const k1 = clock.before(i, n, to);
      if (k1 <= k0) continue;
      const at = clock.at(i, n, which === 'first' ? k0 : k1 - 1);
      if (better(at)) best = at;
      break;
    }
  }
  for (const e of t.singles) if (wanted(envs, e.env) && e.at >= from && e.at < to && better(e.at)) best = e.at;
  return best;
}

/** Where bucket i's users start inside the series' arc, and how many it cycles through for n events. */
function bucketUsers(s: Series, i: number, n: number): { offset: number; size: number } {
  const size = Math.min(n, s.pool);
  const drift = s.last > s.first ? Math.floor(((i - s.first) * (s.userSpan - s.pool)) / (s.last - s.first)) : 0;
  return { offset: s.userStart + drift, size };
}

/** Users of events k0..k1-1 of bucket i (event k's user is offset + k mod size) as runs. */
function pushBucketRuns(out: Runs, s: Series, i: number, n: number, k0: number, k1: number): void {
  const { offset, size } = bucketUsers(s, i, n);
  const len = k1 - k0;
  if (len <= 0 || size === 0) return;
  if (len >= size) {
    out.push([offset, offset + size]);
    return;
  }
  const r = k0 % size;
  if (r + len <= size) out.push([offset + r, offset + r + len]);
  else {
    out.push([offset + r, offset + size]);
    out.push([offset, offset + r + len - size]);
  }
}

/** Sorts and merges runs into disjoint intervals. */
export function merge(runs: Runs): Runs {
  runs.sort((x, y) => x[0] - y[0]);
  const out: Runs = [];
  for (const [a, b] of runs) {
    const top = out[out.length - 1];
    if (top && a <= top[1]) top[1] = Math.max(top[1], b);
    else out.push([a, b]);
  }
  return out;
}

export const runsSize = (runs: Runs): number => runs.reduce((sum, [a, b]) => sum + (b - a), 0);

/** The distinct users (as userBase index runs) of the events in [from, to) in the environments. */
export function userRuns(clock: Clock, t: Traffic, envs: Envs, from: number, to: number): Runs {
  const runs: Runs = [];
  for (const s of t.series) {
    if (!wanted(envs, s.env) || s.first < 0 || s.userSpan === 0) continue;
    const [a0, b0] = clock.span(from, to);
    const a = Math.max(a0, s.first);
    const b = Math.min(b0, s.last);
    // Whole buckets' runs start at a drift that never decreases, so they merge as they come; only the two edge
    // buckets can be partial (and wrap inside their pool).
    let open: [number, number] | null = null;
    for (let i = a; i <= b; i++) {
      const n = s.counts[i] ?? 0;
      if (n === 0) continue;
      if (i === a || i === b) {
        pushBucketRuns(runs, s, i, n, clock.before(i, n, from), clock.before(i, n, to));
        continue;
      }
      const { offset, size } = bucketUsers(s, i, n);
      if (open && offset <= open[1]) open[1] = Math.max(open[1], offset + size);
      else {
        if (open) runs.push(open);
        open = [offset, offset + size];
      }
    }
    if (open) runs.push(open);
  }
  for (const e of t.singles)
    if (e.user !== null && wanted(envs, e.env) && e.at >= from && e.at < to) runs.push([e.user, e.user + 1]);
  return merge(runs);
}

export function usersIn(clock: Clock, t: Traffic, envs: Envs, from: number, to: number): number {
  return runsSize(userRuns(clock, t, envs, from, to));
}

/** Any event in [from, to) in the environments? Cheaper than countIn for the search's "seen in the window" test. */
export function anyIn(clock: Clock, t: Traffic, envs: Envs, from: number, to: number): boolean {
  return edgeIn(clock, t, envs, from, to, 'last') !== null;
}

/** The environments the issue has events in. */
export function envsOf(t: Traffic): string[] {
  return [...new Set([...t.series.filter((s) => s.total > 0).map((s) => s.env), ...t.singles.map((e) => e.env)])];
}

export interface SampledEvent {
  at: number;
  env: string;
  user: number | null;
}

/** The n-th event counted from the newest (0 = latest) among the bucketed events of all environments; null past
 *  the oldest. Used to give stored sample events real times, environments and users. */
export function nthLatest(clock: Clock, t: Traffic, nth: number): SampledEvent | null {
  // Walk buckets from the newest, across series, until nth events have been passed.
  let left = nth;
  for (let i = BUCKETS - 1; i >= 0; i--) {
    const here = t.series.map((s) => ({ s, n: s.counts[i] ?? 0 })).filter((x) => x.n > 0);
    const n = here.reduce((sum, x) => sum + x.n, 0);
    if (left >= n) {
      left -= n;
      continue;
    }
    // Merge the series' events of this bucket by time, newest first.
    const events = here.flatMap(({ s, n: m }) =>
      Array.from({ length: m }, (_, k) => ({ s, k, m, at: clock.at(i, m, k) })),
    );
    events.sort((x, y) => y.at - x.at);
    const e = events[left]!;
    const { offset, size } = bucketUsers(e.s, i, e.m);
    return { at: e.at, env: e.s.env, user: e.s.userSpan === 0 || size === 0 ? null : offset + (e.k % size) };
  }
  return null;
}

/** Events per user (userBase index → events) in [from, to): the `user` tag's values. Event k of a bucket belongs to
 *  user offset + k mod size, so each user's share of a bucket is exact. */
export function eventsPerUser(clock: Clock, t: Traffic, envs: Envs, from: number, to: number): Map<number, number> {
  const out = new Map<number, number>();
  const add = (user: number, n: number) => {
    if (n > 0) out.set(user, (out.get(user) ?? 0) + n);
  };
  for (const s of t.series) {
    if (!wanted(envs, s.env) || s.first < 0 || s.userSpan === 0) continue;
    const [a0, b0] = clock.span(from, to);
    for (let i = Math.max(a0, s.first); i <= Math.min(b0, s.last); i++) {
      const n = s.counts[i] ?? 0;
      if (n === 0) continue;
      const k0 = clock.before(i, n, from);
      const k1 = clock.before(i, n, to);
      const { offset, size } = bucketUsers(s, i, n);
      // Events k in [0, x) with k ≡ j (mod size).
      const upTo = (x: number, j: number) => (x > j ? Math.floor((x - 1 - j) / size) + 1 : 0);
      for (let j = 0; j < size; j++) add(offset + j, upTo(k1, j) - upTo(k0, j));
    }
  }
  for (const e of t.singles) if (e.user !== null && wanted(envs, e.env) && e.at >= from && e.at < to) add(e.user, 1);
  return out;
}

/** Every event the traffic stands for, one by one — for checking the window arithmetic against brute force. */
export function* allEvents(clock: Clock, t: Traffic): Generator<SampledEvent> {
  for (const s of t.series) {
    for (let i = 0; i < s.counts.length; i++) {
      const n = s.counts[i] ?? 0;
      const { offset, size } = bucketUsers(s, i, n);
      for (let k = 0; k < n; k++)
        yield { at: clock.at(i, n, k), env: s.env, user: s.userSpan === 0 || size === 0 ? null : offset + (k % size) };
    }
  }
  yield* t.singles;
}
