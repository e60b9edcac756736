import { describe, expect, it } from 'vitest';
import { fixtureIssues } from '@/tests/world/sentry/fixtures';
import { priorityScore } from './priority';
import { rowIssue } from './issue';

describe('rowIssue', () => {
  const full = {
    id: 42, title: 'TypeError: <img src=x onerror=alert(1)>', culprit: 'app.js', metadata: { value: 'secret' }, count: '120', userCount: 7,
    firstSeen: '2026-11-01T00:00:00Z', lastSeen: '2026-11-27T10:00:00Z', level: 'error', isUnhandled: true, substatus: 'regressed',
    stats: { '24h': [[1, 2], [2, 3]] as [number, number][] }, project: { id: '9', slug: 'api', name: 'API', platform: 'node' },
  };

  it('keeps what the badges read and drops the rest', () => {
    expect(rowIssue(full)).toEqual({
      id: '42', count: '120', userCount: 7, firstSeen: full.firstSeen, lastSeen: full.lastSeen, level: 'error', isUnhandled: true,
      substatus: 'regressed', stats: full.stats, project: { id: '9', slug: 'api' },
    });
  });

  it('leaves out what Sentry did not send, and a project without an id', () => {
    expect(rowIssue({ id: '1', project: { slug: 'x' } })).toEqual({ id: '1' });
    expect(rowIssue({ id: '1', count: null, project: null })).toEqual({ id: '1', count: null });
  });

  it('scores the same as the full issue, for every fixture issue', () => {
    const issues = fixtureIssues().map((f) => f.issue);
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      const now = Date.parse('2026-11-27T12:00:00Z');
      expect(priorityScore(rowIssue(issue as never), { now })).toEqual(priorityScore(issue as never, { now }));
    }
  });
});
