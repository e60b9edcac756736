import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import issues from '@/tests/fixtures/sentry/openapi-examples/org-issues-list.json';
import type { ApiIssue, StatsBucket } from './issue';
import { PRIORITY_WEIGHTS, compareByPriority, levelForScore, priorityScore } from './priority';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString();
const hourly = (counts: number[]): StatsBucket[] => counts.map((c, i) => [NOW / 1000 - (counts.length - i) * 3600, c]);

describe('priorityScore', () => {
  it('matches a hand-computed score for a hot, regressed, unhandled error', () => {
    const issue: ApiIssue = {
      lastSeen: hoursAgo(24), // recency 0.5 → 10 points
      stats: { '24h': hourly([...Array(18).fill(0), ...Array(6).fill(10)]) }, // spike 60/61 → 19.67
      level: 'error', // 0.75 → 15
      userCount: 1000, // ln 1001 / ln 1001 = 1 → 5
      count: '10000', // 1 → 20
      isUnhandled: true, // 10
      substatus: 'regressed', // 5
    };
    const r = priorityScore(issue, { now: NOW });
    expect(r.raw).toBeCloseTo((10 + (100 * 0.2 * 60) / 61 + 15 + 5 + 20 + 10 + 5) / 100, 6);
    expect(r.score).toBe(85);
    expect(r.level).toBe('critical');
    expect(r.unknown).toEqual([]);
    const byName = Object.fromEntries(r.factors.map((f) => [f.name, f]));
    expect(byName.recency!.value).toBeCloseTo(0.5, 9);
    expect(byName.spike!.value).toBeCloseTo(60 / 61, 9);
    expect(byName.spike!.explanation).toContain('3-day stats not loaded');
  });

  it('marks the spike unknown without stats instead of inventing it', () => {
    const r = priorityScore(
      {
        lastSeen: hoursAgo(0),
        level: 'warning',
        userCount: 10,
        count: '100',
        isUnhandled: false,
        substatus: 'ongoing',
      },
      { now: NOW },
    );
    // 20 (recency) + 10 (warning) + 5·ln11/ln1001 + 20·ln101/ln10001
    const expected = 20 + 10 + (5 * Math.log(11)) / Math.log(1001) + (20 * Math.log(101)) / Math.log(10001);
    expect(r.raw * 100).toBeCloseTo(expected, 6);
    expect(r.score).toBe(42);
    expect(r.level).toBe('medium');
    expect(r.unknown).toEqual(['spike']);
    const spike = r.factors.find((f) => f.name === 'spike')!;
    expect(spike).toMatchObject({ value: null, known: false, contribution: 0 });
  });

  it('uses 3 days of daily stats as the spike baseline when 14d stats are present', () => {
    const issue: ApiIssue = {
      stats: {
        '24h': hourly([...Array(18).fill(0), ...Array(6).fill(10)]),
        '14d': [
          [0, 0],
          [1, 100],
          [2, 100],
          [3, 39],
        ],
      },
    };
    const spike = priorityScore(issue, { now: NOW }).factors.find((f) => f.name === 'spike')!;
    expect(spike.value).toBeCloseTo(60 / 240, 9);
  });

  it('treats every field as unknown on an empty issue and scores 0', () => {
    const r = priorityScore({}, { now: NOW });
    expect(r.score).toBe(0);
    expect(r.unknown.sort()).toEqual(Object.keys(PRIORITY_WEIGHTS).sort());
  });

  it('scores the OpenAPI example issue from its fields', () => {
    const issue = issues[0] as unknown as ApiIssue;
    const r = priorityScore(issue, { now: Date.parse('2018-12-06T21:19:55Z') });
    // lastSeen == now → recency 1; level error; 0 users; count 150; handled; substatus archived.
    const expected = 20 + 15 + 0 + (20 * Math.log(151)) / Math.log(10001);
    const spike = r.factors.find((f) => f.name === 'spike')!;
    expect(r.raw * 100).toBeCloseTo(expected + spike.contribution, 6);
    expect(spike.known).toBe(true);
  });

  it('weights sum to 1 so the score spans 0..100', () => {
    expect(Object.values(PRIORITY_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  const issueArb = fc.record({
    lastSeenHours: fc.double({ min: 0, max: 2000, noNaN: true }),
    users: fc.nat(1_000_000),
    events: fc.nat(10_000_000),
    level: fc.constantFrom('fatal', 'error', 'warning', 'info', 'debug'),
    unhandled: fc.boolean(),
    regressed: fc.boolean(),
    hourly: fc.array(fc.nat(10_000), { minLength: 24, maxLength: 24 }),
  });
  type Arb = typeof issueArb extends fc.Arbitrary<infer T> ? T : never;
  const toIssue = (a: Arb): ApiIssue => ({
    lastSeen: hoursAgo(a.lastSeenHours),
    userCount: a.users,
    count: String(a.events),
    level: a.level,
    isUnhandled: a.unhandled,
    substatus: a.regressed ? 'regressed' : 'ongoing',
    stats: { '24h': hourly(a.hourly) },
  });

  it('stays within 0..100 and levels follow the score', () => {
    fc.assert(
      fc.property(issueArb, (a) => {
        const r = priorityScore(toIssue(a), { now: NOW });
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        expect(r.level).toBe(levelForScore(r.score));
      }),
    );
  });

  it('never lowers the score for more users, more events, a fresher lastSeen, unhandled or regressed', () => {
    fc.assert(
      fc.property(
        issueArb,
        fc.nat(100_000),
        fc.nat(100_000),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, moreUsers, moreEvents, fresher) => {
          const base = priorityScore(toIssue(a), { now: NOW }).raw;
          const worse = [
            { ...a, users: a.users + moreUsers },
            { ...a, events: a.events + moreEvents },
            { ...a, lastSeenHours: a.lastSeenHours * fresher },
            { ...a, unhandled: true },
            { ...a, regressed: true },
          ];
          for (const w of worse)
            expect(priorityScore(toIssue(w), { now: NOW }).raw).toBeGreaterThanOrEqual(base - 1e-12);
        },
      ),
    );
  });

  it('sorts highest first with compareByPriority', () => {
    const scored = [
      { lastSeen: hoursAgo(200), level: 'info' },
      { lastSeen: hoursAgo(0), level: 'fatal', isUnhandled: true },
      { lastSeen: hoursAgo(5), level: 'error' },
    ].map((i) => priorityScore(i, { now: NOW }));
    const sorted = [...scored].sort(compareByPriority).map((s) => s.raw);
    expect(sorted).toEqual([...sorted].sort((x, y) => y - x));
    expect(sorted[0]).toBe(scored[1]!.raw);
  });
});
