// Sorting and filtering 10,000 rows on precomputed keys gives exactly what the straightforward versions give.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { compareByPriority } from '@/lib/scoring/priority';
import type { Issue } from '@/lib/sentry/schemas';
import { createRowFilter, filterRows, narrows, sortRows, toRows, type IssueRow, type SortKey } from './rows';
import { makeIssue } from './testing';

// The comparator sort and per-row filter these functions were before they were made fast: the reference.
const desc = (a: number | null, b: number | null) => (b ?? -Infinity) - (a ?? -Infinity);
const COMPARE: Record<SortKey, (a: IssueRow, b: IssueRow) => number> = {
  priority: (a, b) => compareByPriority(a.priority, b.priority),
  date: (a, b) => desc(a.lastSeen, b.lastSeen),
  freq: (a, b) => desc(a.events, b.events),
  user: (a, b) => desc(a.users, b.users),
  impact: (a, b) => desc(a.impact.share, b.impact.share) || desc(a.users, b.users),
};
const referenceSort = (rows: readonly IssueRow[], key: SortKey) => [...rows].sort(COMPARE[key]);
const referenceFilter = (rows: readonly IssueRow[], text: string) => {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((r) => words.every((w) => r.haystack.includes(w)));
};

// Deterministic pseudo-random issues with many ties and missing values, so order of equal keys matters.
function rng(seed: number) {
  return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}
const WORDS = [
  'TypeError',
  'timeout',
  'Database',
  'error',
  'null',
  'undefined',
  'fetch',
  'Checkout',
  'ERR_NETWORK',
  'Érreur',
];
const NOW = Date.UTC(2026, 0, 15);
function manyRows(n: number, seed = 7): IssueRow[] {
  const r = rng(seed);
  const pick = () => WORDS[Math.floor(r() * WORDS.length)]!;
  const issues: Issue[] = Array.from({ length: n }, (_, i) => {
    const roll = r();
    return makeIssue(i + 1, {
      title: `${pick()} ${pick()} in ${pick()}`,
      culprit: roll < 0.1 ? undefined : `app/${pick().toLowerCase()}.ts`,
      count: roll < 0.05 ? undefined : String(Math.floor(r() * 50) * 10),
      userCount: roll > 0.9 ? undefined : Math.floor(r() * 30),
      lastSeen: roll < 0.03 ? undefined : new Date(NOW - Math.floor(r() * 200) * 60_000).toISOString(),
      isUnhandled: r() < 0.5,
      project: { id: String(1 + Math.floor(r() * 3)), slug: 'p' },
    } as Partial<Issue>);
  });
  const userBases = { '1': { count: 500, source: 'sentry' as const }, '2': null };
  return toRows(issues, { now: NOW, userBases, thresholds: DEFAULT_SETTINGS.list.impactThresholds });
}

describe('sorting 10,000 rows', () => {
  const rows = manyRows(10_000);
  for (const key of ['priority', 'date', 'freq', 'user', 'impact'] as const) {
    it(`orders by ${key} exactly like the comparator sort, ties in Sentry's order`, () => {
      const got = sortRows(rows, key).map((r) => r.id);
      expect(got).toEqual(referenceSort(rows, key).map((r) => r.id));
      expect(new Set(got).size).toBe(rows.length);
    });
  }

  it('keeps each order for the loaded rows and sorts a new load afresh', () => {
    expect(sortRows(rows, 'date')).toBe(sortRows(rows, 'date'));
    const reloaded = manyRows(10_000, 99);
    expect(sortRows(reloaded, 'date').map((r) => r.id)).toEqual(referenceSort(reloaded, 'date').map((r) => r.id));
    expect(sortRows(reloaded, 'date')).not.toBe(sortRows(rows, 'date'));
  });

  it('puts missing values last', () => {
    const sorted = sortRows(rows, 'date');
    const firstMissing = sorted.findIndex((r) => r.lastSeen === null);
    expect(firstMissing).toBeGreaterThan(0);
    expect(sorted.slice(firstMissing).every((r) => r.lastSeen === null)).toBe(true);
  });
});

describe('filtering 10,000 rows', () => {
  const rows = sortRows(manyRows(10_000), 'priority');

  it('matches every word, case-insensitively, like the per-row reference', () => {
    for (const text of [
      '',
      'error',
      'ERROR',
      'type error',
      'err_net',
      'érreur',
      'app-12',
      'checkout  timeout',
      'nothing-like-this',
    ]) {
      expect(filterRows(rows, text).map((r) => r.id)).toEqual(referenceFilter(rows, text).map((r) => r.id));
    }
    expect(filterRows(rows, 'timeout').length).toBeGreaterThan(0);
    expect(filterRows(rows, 'timeout').length).toBeLessThan(rows.length);
  });

  it('gives the same rows while typing and erasing, when it reuses the last result', () => {
    const filter = createRowFilter();
    const steps = [
      'e',
      'er',
      'err',
      'erro',
      'error',
      'error ',
      'error t',
      'error ti',
      'error t',
      'error',
      'err',
      'e',
      '',
      'd',
      'da',
      'data',
    ];
    for (const text of steps)
      expect(
        filter(rows, text).map((r) => r.id),
        text,
      ).toEqual(referenceFilter(rows, text).map((r) => r.id));
    // New rows (a reload or another sort) are filtered from scratch, not from the last result.
    const other = sortRows(rows, 'date');
    expect(filter(other, 'datab').map((r) => r.id)).toEqual(referenceFilter(other, 'datab').map((r) => r.id));
  });

  it('knows when a text only narrows the last one', () => {
    expect(narrows('err', 'erro')).toBe(true);
    expect(narrows('err', 'type error')).toBe(true);
    expect(narrows('', 'x')).toBe(true);
    expect(narrows('error', 'erro')).toBe(false);
    expect(narrows('a b', 'ab')).toBe(true);
    expect(narrows('a x', 'ab')).toBe(false);
  });
});
