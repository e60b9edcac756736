import { describe, expect, it } from 'vitest';
import { fixtureIssues } from '@/tests/world/sentry/fixtures';
import { priorityScore } from './priority';
import { changeVsPrevious, findPeaks } from './peaks';
import { rowBadges } from './badges';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const hourly = (counts: number[]) => counts.map((c, i): [number, number] => [1_764_201_600 + i * 3600, c]);

describe('rowBadges', () => {
  const full = {
    id: 42,
    title: 'TypeError: <img src=x onerror=alert(1)>',
    culprit: 'app.js',
    metadata: { value: 'secret' },
    count: '120',
    userCount: 7,
    firstSeen: '2026-11-01T00:00:00Z',
    lastSeen: '2026-11-27T10:00:00Z',
    level: 'error',
    isUnhandled: true,
    substatus: 'regressed',
    stats: { '24h': hourly([...Array(23).fill(1), 30]) },
    project: { id: '9', slug: 'api', name: 'API', platform: 'node' },
  };

  it('carries only the figures the badges show: no title, culprit or metadata crosses to the page', () => {
    const row = rowBadges(full, '24h', NOW);
    expect(row.id).toBe('42');
    expect(row.users).toBe(7);
    expect(row.project).toEqual({ id: '9', slug: 'api' });
    expect(JSON.stringify(row)).not.toMatch(/TypeError|onerror|app\.js|secret|API|node/);
  });

  it('scores as lib/scoring does on the full issue, for every fixture issue, and its tooltip names the factors', () => {
    const issues = fixtureIssues().map((f) => f.issue);
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      const want = priorityScore(issue as never, { now: NOW });
      const got = rowBadges(issue as never, '24h', NOW).priority;
      expect([got.score, got.level]).toEqual([want.score, want.level]);
      expect(got.label).toBe(`Priority ${want.score} of 100, ${want.level}`);
      expect(got.title.split('\n')[0]).toBe(`Priority ${want.score}/100 (${want.level})`);
      for (const f of want.factors.filter((x) => x.contribution > 0))
        expect(got.title).toContain(`${f.name}: ${f.explanation}`);
    }
  });

  it('gives the sparkline its counts, times, peaks and the change against the previous window', () => {
    const spark = rowBadges(full, '24h', NOW).spark!;
    expect(spark.counts).toEqual(full.stats['24h'].map(([, c]) => c));
    expect(spark.times).toEqual(full.stats['24h'].map(([t]) => t));
    expect(spark.peaks).toEqual(findPeaks(spark.counts));
    expect(spark.peaks).toContain(23);
    expect(spark.label).toMatch(/^53 events in the last 24 hours, 1 unusual peak$/);
    const change = changeVsPrevious(full.stats)!;
    expect(change.status).toBe('up');
    expect(spark.change).toEqual({
      text: expect.stringMatching(/^\+\d+%$/),
      tone: 'up',
      title: `Last 12h: ${change.current} events; the 12h before: ${change.previous}.`,
    });
    expect(rowBadges({ id: 1, stats: { '24h': hourly([5, 5, 0, 0]) } }, '24h', NOW).spark!.change.tone).toBe('down');
    expect(rowBadges({ id: 1, stats: { '24h': hourly([0, 0, 3, 3]) } }, '24h', NOW).spark!.change.text).toBe('new');
  });

  it('says when it has nothing: no stats for the period, malformed buckets, no users, a project without an id', () => {
    expect(rowBadges(full, '14d', NOW).spark).toBeNull();
    expect(rowBadges({ id: 1, stats: { '24h': [] } }, '24h', NOW).spark).toBeNull();
    const odd = rowBadges({ id: 1, stats: { '24h': [[1, 2], ['x', 'y'], null] as never } }, '24h', NOW).spark!;
    expect(odd.counts).toEqual([2, 0, 0]);
    expect(rowBadges({ id: 1, stats: { '24h': hourly([1]) } }, '24h', NOW).spark!.change).toEqual({
      text: '—',
      tone: 'muted',
      title: 'Not enough stats to compare windows.',
    });
    const bare = rowBadges({ id: '1', project: { slug: 'x' } }, '24h', NOW);
    expect(bare.users).toBeNull();
    expect(bare.project).toBeUndefined();
  });
});
