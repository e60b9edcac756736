import { describe, expect, it } from 'vitest';
import { epochNow, recentTimings, recordTiming } from './timings';

describe('answer timings', () => {
  it('keeps the last 20, oldest dropped, and hands out copies', () => {
    for (let i = 0; i < 25; i++) recordTiming({ type: 'issue.event', startedAt: i, doneAt: i + 1, cacheMs: 0 });
    const got = recentTimings();
    expect(got).toHaveLength(20);
    expect(got[0]!.startedAt).toBe(5);
    expect(got.at(-1)!.startedAt).toBe(24);
    got[0]!.startedAt = -1;
    expect(recentTimings()[0]!.startedAt).toBe(5);
  });

  it('uses an epoch clock so the page’s timestamps line up', () => {
    expect(Math.abs(epochNow() - Date.now())).toBeLessThan(1_000);
  });
});
