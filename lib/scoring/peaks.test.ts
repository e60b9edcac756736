import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { StatsBucket } from './issue';
import { changeVsPrevious, findPeaks } from './peaks';

const series = (counts: number[]): StatsBucket[] => counts.map((c, i) => [1_700_000_000 + i * 3600, c]);

describe('findPeaks', () => {
  it('finds a burst among noise (MAD > 0)', () => {
    // sorted 1,1,1,1,2,2,2,50 → median 1.5, MAD 0.5, z(50) = 0.6745·48.5/0.5 ≈ 65; z(2) ≈ 0.67
    expect(findPeaks([1, 2, 1, 2, 1, 50, 2, 1])).toEqual([5]);
  });

  it('falls back to the mean absolute deviation on a flat line (MAD = 0)', () => {
    // median 0, meanAD 2.5, z = 20 / (1.253314·2.5) ≈ 6.38
    expect(findPeaks([0, 0, 0, 0, 0, 0, 20, 0])).toEqual([6]);
    expect(findPeaks([0, 0, 0, 0, 0, 0, 20, 0], { minCount: 25 })).toEqual([]);
  });

  it('ignores bursts below the minimum count', () => {
    // z(3) = 3 / (1.253314·0.6) ≈ 3.99 > 3.5 but 3 < minCount 5
    expect(findPeaks([0, 0, 0, 3, 0])).toEqual([]);
    expect(findPeaks([0, 0, 0, 3, 0], { minCount: 1 })).toEqual([3]);
  });

  it('respects the threshold', () => {
    // z(10) with median 5, MAD 1: 0.6745·5/1 ≈ 3.37 — below 3.5, above 3
    const counts = [4, 5, 6, 5, 4, 6, 10];
    expect(findPeaks(counts)).toEqual([]);
    expect(findPeaks(counts, { threshold: 3 })).toEqual([6]);
  });

  it('finds nothing in constant, tiny or dipping series', () => {
    expect(findPeaks([5, 5, 5, 5])).toEqual([]);
    expect(findPeaks([100, 0])).toEqual([]);
    expect(findPeaks([100, 100, 100, 0, 100, 100])).toEqual([]);
    expect(findPeaks([])).toEqual([]);
  });

  it('only reports buckets above the median, and is scale-invariant', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(1000), { minLength: 3, maxLength: 48 }),
        fc.integer({ min: 2, max: 50 }),
        (counts, k) => {
          const peaks = findPeaks(counts, { minCount: 0 });
          const sorted = [...counts].sort((a, b) => a - b);
          for (const i of peaks) expect(counts[i]).toBeGreaterThan(sorted[Math.floor((sorted.length - 1) / 2)]!);
          expect(
            findPeaks(
              counts.map((c) => c * k),
              { minCount: 0 },
            ),
          ).toEqual(peaks);
        },
      ),
    );
  });
});

describe('changeVsPrevious', () => {
  it('compares the last 12 hourly buckets with the 12 before', () => {
    const r = changeVsPrevious({ '24h': series([...Array(12).fill(1), ...Array(12).fill(2)]) });
    expect(r).toEqual({ window: '12h', current: 24, previous: 12, percent: 100, status: 'up' });
  });

  it('compares 7 days with the 7 before for 14d stats', () => {
    const r = changeVsPrevious({ '14d': series([...Array(7).fill(10), ...Array(7).fill(5)]) });
    expect(r).toEqual({ window: '7d', current: 35, previous: 70, percent: -50, status: 'down' });
  });

  it('says "new" when the previous window had no events, and "none" when neither had', () => {
    expect(changeVsPrevious({ '24h': series([...Array(12).fill(0), 3, ...Array(11).fill(0)]) })).toMatchObject({
      percent: null,
      status: 'new',
      current: 3,
    });
    expect(changeVsPrevious({ '24h': series(Array(24).fill(0)) })).toMatchObject({ percent: null, status: 'none' });
  });

  it('leaves the oldest bucket out of an odd-length series', () => {
    expect(changeVsPrevious({ '24h': series([100, 1, 1, 2, 2]) })).toMatchObject({
      current: 4,
      previous: 2,
      percent: 100,
    });
  });

  it('returns null without usable stats', () => {
    expect(changeVsPrevious(undefined)).toBeNull();
    expect(changeVsPrevious({})).toBeNull();
    expect(changeVsPrevious({ '24h': series([5]) })).toBeNull();
  });
});
