import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_IMPACT_THRESHOLDS, type ImpactLevel, userImpact } from './impact';

const base = { count: 1000, source: 'sentry' as const };

describe('userImpact', () => {
  it('gives share and level from the default thresholds, inclusive at each boundary', () => {
    expect(userImpact({ userCount: 100 }, base)).toEqual({ users: 100, share: 0.1, level: 'critical' });
    expect(userImpact({ userCount: 99 }, base).level).toBe('high');
    expect(userImpact({ userCount: 20 }, base).level).toBe('high');
    expect(userImpact({ userCount: 19 }, base).level).toBe('medium');
    expect(userImpact({ userCount: 5 }, base).level).toBe('medium');
    expect(userImpact({ userCount: 4 }, base)).toEqual({ users: 4, share: 0.004, level: 'low' });
  });

  it('uses configured thresholds', () => {
    const t = { critical: 0.5, high: 0.25, medium: 0.1 };
    expect(userImpact({ userCount: 100 }, base, t).level).toBe('medium');
    expect(userImpact({ userCount: 600 }, base, t).level).toBe('critical');
  });

  it('has no share or level, and says why, without a user base', () => {
    const none = userImpact({ userCount: 12 }, null);
    expect(none).toMatchObject({ users: 12, share: null, level: null });
    expect(none.reason).toMatch(/unknown/);
    expect(userImpact({ userCount: 12 }, { count: 0, source: 'sentry' }).reason).toMatch(/no users/);
    expect(userImpact({ userCount: 12 }, { count: 0, source: 'setting' }).reason).toMatch(/settings/);
    expect(userImpact({}, base)).toMatchObject({ users: null, share: null, level: null });
  });

  it('never lowers the level when more users are affected', () => {
    const rank: Record<ImpactLevel, number> = { low: 0, medium: 1, high: 2, critical: 3 };
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), fc.integer({ min: 1, max: 1_000_000 }), (u, extra, more) => {
        const count = u + extra + more - 1; // the project has at least as many users as the issue
        const a = userImpact({ userCount: u }, { count, source: 'setting' }, DEFAULT_IMPACT_THRESHOLDS);
        const b = userImpact({ userCount: u + extra }, { count, source: 'setting' }, DEFAULT_IMPACT_THRESHOLDS);
        expect(rank[b.level!]).toBeGreaterThanOrEqual(rank[a.level!]);
        expect(b.share!).toBeGreaterThanOrEqual(a.share!);
      }),
    );
  });

  it('never shows a share above 100%: users beyond the project’s count get "—" and why', () => {
    fc.assert(
      fc.property(
        fc.nat(1_000_000),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom('sentry' as const, 'setting' as const),
        (users, count, source) => {
          const r = userImpact({ userCount: users }, { count, source });
          if (r.share === null) expect(users > count && r.reason).toBeTruthy();
          else expect(r.share).toBeLessThanOrEqual(1);
        },
      ),
    );
    expect(userImpact({ userCount: 50 }, { count: 40, source: 'setting' }).reason).toMatch(
      /settings \(40\) is below this issue’s 50 users/,
    );
    expect(userImpact({ userCount: 50 }, { count: 40, source: 'sentry' }).reason).toMatch(/same window/);
  });
});
