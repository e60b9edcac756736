import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from '../settings';
import { TRIAGE_PERIODS } from './period';

const list = (over: Record<string, unknown>) => parseSettings({ list: over }).list;

describe('triage window and rank limit settings', () => {
  it('default to Sentry’s list window (14d) and 1,000 ranked issues', () => {
    expect(DEFAULT_SETTINGS.list.statsPeriod).toBe('14d');
    expect(DEFAULT_SETTINGS.list.rankLimit).toBe(1000);
  });

  it('keep a choice stored by an older Dexter, and take every period Sentry’s page filter offers', () => {
    expect(list({ statsPeriod: '24h' }).statsPeriod).toBe('24h');
    for (const p of TRIAGE_PERIODS) expect(list({ statsPeriod: p }).statsPeriod).toBe(p);
    expect(list({ statsPeriod: '24h' }).rankLimit).toBe(1000);
  });

  it('repair a period or limit Dexter cannot use, field by field', () => {
    expect(list({ statsPeriod: '2y', rankLimit: 500 })).toMatchObject({ statsPeriod: '14d', rankLimit: 500 });
    expect(list({ rankLimit: 50 }).rankLimit).toBe(1000);
    expect(list({ rankLimit: 20_000 }).rankLimit).toBe(1000);
    expect(list({ rankLimit: 'all' }).rankLimit).toBe(1000);
  });
});
