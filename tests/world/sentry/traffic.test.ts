// The event arithmetic every number of the world comes from, checked against brute force over the events it stands for.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUCKETS, Clock, DAYS_KEPT } from './buckets.ts';
import { generateCounts, spreadTraffic, type TimelineShape } from './generate.ts';
import { DAY, HOUR, type Project } from './model.ts';
import { createRng } from './prng.ts';
import { allEvents, countIn, edgeIn, eventsPerUser, nthLatest, usersIn, type Envs, type Traffic } from './traffic.ts';

const NOW = Date.UTC(2026, 1, 17, 15, 30);
const clock = new Clock(NOW);
const project = { userBase: Array.from({ length: 300 }, (_, i) => `u${i}`) } as Project;

function world(seed: number, shape: TimelineShape): Traffic {
  const rng = createRng(seed);
  return spreadTraffic(rng, generateCounts(rng, shape, clock), project);
}

function brute(t: Traffic, envs: Envs, from: number, to: number) {
  const events = [...allEvents(clock, t)].filter(
    (e) => (envs === null || envs.includes(e.env)) && e.at >= from && e.at < to,
  );
  const times = events.map((e) => e.at);
  return {
    count: events.length,
    users: new Set(events.filter((e) => e.user !== null).map((e) => e.user)).size,
    first: times.length ? Math.min(...times) : null,
    last: times.length ? Math.max(...times) : null,
  };
}

describe('buckets', () => {
  it("spreads a bucket's events inside it and counts those before any time exactly", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: BUCKETS - 1 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.double({ min: -0.2, max: 1.2, noNaN: true }),
        (i, n, f) => {
          const start = clock.start(i);
          const stop = clock.stop(i);
          const t = Math.round(start + f * (stop - start));
          const times = Array.from({ length: n }, (_, k) => clock.at(i, n, k));
          expect(times.every((x) => x >= start && x < stop)).toBe(true);
          expect(clock.before(i, n, t)).toBe(times.filter((x) => x < t).length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ends the hourly history at generation time and starts it 30 days back, after the daily history', () => {
    expect(clock.stop(BUCKETS - 1)).toBe(NOW);
    expect(clock.start(DAYS_KEPT)).toBe(Math.floor(NOW / HOUR) * HOUR - (30 * 24 - 1) * HOUR);
    expect(clock.index(clock.start(DAYS_KEPT) - 1)).toBe(DAYS_KEPT - 1);
    expect(clock.stop(DAYS_KEPT - 1)).toBe(clock.start(DAYS_KEPT));
  });
});

describe('traffic windows', () => {
  const shapes: TimelineShape[] = ['steady', 'bursty', 'spike', 'new', 'stopped', 'rare'];
  const samples = shapes.flatMap((shape, n) => [world(100 + n, shape), world(200 + n, shape)]);

  it('counts, users and first/last seen of any window and environment equal brute force over the events', () => {
    const anyTime = fc.integer({ min: clock.origin - DAY, max: NOW + HOUR });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: samples.length - 1 }),
        anyTime,
        anyTime,
        fc.constantFrom<Envs>(null, ['production'], ['staging'], ['production', 'staging']),
        (s, a, b, envs) => {
          const t = samples[s]!;
          const [from, to] = a <= b ? [a, b] : [b, a];
          const want = brute(t, envs, from, to);
          expect(countIn(clock, t, envs, from, to)).toBe(want.count);
          expect(usersIn(clock, t, envs, from, to)).toBe(want.users);
          expect(edgeIn(clock, t, envs, from, to, 'first')).toBe(want.first);
          expect(edgeIn(clock, t, envs, from, to, 'last')).toBe(want.last);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('has fewer users than events, and more users over longer windows', () => {
    for (const t of samples) {
      for (const days of [1, 14, 90])
        expect(usersIn(clock, t, null, NOW - days * DAY, NOW)).toBeLessThanOrEqual(
          countIn(clock, t, null, NOW - days * DAY, NOW),
        );
      expect(usersIn(clock, t, null, NOW - DAY, NOW)).toBeLessThanOrEqual(usersIn(clock, t, null, NOW - 14 * DAY, NOW));
    }
    // Users drift over a long-lived issue's life: the last day does not see everyone.
    const steady = samples.filter((t) => t.series.some((s) => s.userSpan > 20 && s.first < DAYS_KEPT - 60));
    expect(
      steady.some((t) => usersIn(clock, t, null, NOW - DAY, NOW) < usersIn(clock, t, null, -Infinity, Infinity)),
    ).toBe(true);
  });

  it('counts the users of part of one bucket, where the events wrap around its pool', () => {
    const i = BUCKETS - 5;
    const counts = new Uint16Array(BUCKETS);
    counts[i] = 10;
    const t: Traffic = {
      series: [{ env: 'production', counts, total: 10, first: i, last: i, userStart: 40, userSpan: 4, pool: 4 }],
      singles: [],
    };
    // Events 3..5 of the bucket: users 43, 40, 41.
    const [from, to] = [clock.at(i, 10, 3), clock.at(i, 10, 5) + 1];
    expect(countIn(clock, t, null, from, to)).toBe(3);
    expect(usersIn(clock, t, null, from, to)).toBe(brute(t, null, from, to).users);
    expect(usersIn(clock, t, null, from, to)).toBe(3);
    expect(usersIn(clock, t, null, clock.at(i, 10, 2), to)).toBe(4);
  });

  it('gives each user their exact share of the events', () => {
    for (const t of samples.slice(0, 4)) {
      const per = eventsPerUser(clock, t, null, NOW - 3 * DAY, NOW);
      const want = new Map<number, number>();
      for (const e of allEvents(clock, t))
        if (e.user !== null && e.at >= NOW - 3 * DAY && e.at < NOW) want.set(e.user, (want.get(e.user) ?? 0) + 1);
      expect(new Map([...per].sort((x, y) => x[0] - y[0]))).toEqual(new Map([...want].sort((x, y) => x[0] - y[0])));
    }
  });

  it('samples events from the newest back, with real times and environments', () => {
    const t = samples[0]!;
    const events = [...allEvents(clock, t)].sort((x, y) => y.at - x.at);
    for (const nth of [0, 1, 2, 50, events.length - 1]) expect(nthLatest(clock, t, nth)?.at).toBe(events[nth]?.at);
    expect(nthLatest(clock, t, events.length)).toBeNull();
  });

  it('counts events that arrived one by one with their environment and user', () => {
    const t: Traffic = {
      series: [],
      singles: [
        { at: NOW - HOUR, env: 'staging', user: 7 },
        { at: NOW - 2 * HOUR, env: 'production', user: 7 },
        { at: NOW - 3 * DAY, env: 'production', user: null },
      ],
    };
    expect(countIn(clock, t, null, NOW - DAY, NOW)).toBe(2);
    expect(usersIn(clock, t, null, NOW - DAY, NOW)).toBe(1);
    expect(countIn(clock, t, ['production'], -Infinity, Infinity)).toBe(2);
    expect(edgeIn(clock, t, null, -Infinity, Infinity, 'first')).toBe(NOW - 3 * DAY);
  });
});
