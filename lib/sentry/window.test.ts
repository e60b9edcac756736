import { describe, expect, it } from 'vitest';
import { pageFilters, parseWindowDate, periodMs, windowLabel, windowParams } from './window';

describe('pageFilters', () => {
  it('uses Sentry’s defaults where the URL says nothing (14d window, 24h graph, default search)', () => {
    expect(pageFilters('https://acme.sentry.io/issues/')).toEqual({
      window: { statsPeriod: '14d' },
      environments: [],
      projects: [],
      query: null,
      graph: '24h',
    });
  });
  it('reads the filters Sentry’s page writes', () => {
    const f = pageFilters(
      'https://acme.sentry.io/issues/?environment=production&environment=staging&project=1&project=-1&project=22&query=is%3Aunresolved%20level%3Aerror&referrer=issue-list&statsPeriod=24h&groupStatsPeriod=14d',
    );
    expect(f).toEqual({
      window: { statsPeriod: '24h' },
      environments: ['production', 'staging'],
      projects: ['1', '22'],
      query: 'is:unresolved level:error',
      graph: '14d',
    });
    expect(pageFilters('https://sentry.io/organizations/acme/issues/?query=').query).toBe('');
  });
  it('reads an absolute range in Sentry’s zone-less UTC form and in ISO form', () => {
    const f = pageFilters(
      'https://acme.sentry.io/issues/?end=2026-12-05T10%3A00%3A00&start=2026-12-01T00%3A00%3A00&utc=true',
    );
    expect(f.window).toEqual({ start: '2026-12-01T00:00:00', end: '2026-12-05T10:00:00' });
    expect(
      pageFilters('https://acme.sentry.io/issues/?start=2026-12-01T01:00:00%2B01:00&end=2026-12-02T00:00:00Z').window,
    ).toEqual({ start: '2026-12-01T00:00:00', end: '2026-12-02T00:00:00' });
  });
  it('falls back to the default where Sentry would refuse the value', () => {
    expect(pageFilters('https://acme.sentry.io/issues/?statsPeriod=forever').window).toEqual({ statsPeriod: '14d' });
    expect(pageFilters('https://acme.sentry.io/issues/?start=2026-12-05T00:00:00').window).toEqual({
      statsPeriod: '14d',
    }); // no end
    expect(
      pageFilters('https://acme.sentry.io/issues/?start=2026-12-05T00:00:00&end=2026-12-01T00:00:00').window,
    ).toEqual({ statsPeriod: '14d' });
    expect(pageFilters('https://acme.sentry.io/issues/?groupStatsPeriod=1y').graph).toBe('24h');
    expect(pageFilters('https://acme.sentry.io/issues/?environment=a%2Fb&environment=').environments).toEqual([]);
  });
  it('statsPeriod wins over start/end, as in get_date_range_from_stats_period', () => {
    expect(
      pageFilters('https://acme.sentry.io/issues/?statsPeriod=7d&start=2026-12-01T00:00:00&end=2026-12-02T00:00:00')
        .window,
    ).toEqual({ statsPeriod: '7d' });
  });
});

describe('window helpers', () => {
  it('periods, dates, labels and API params', () => {
    expect(periodMs('24h')).toBe(86_400_000);
    expect(periodMs('2w')).toBe(14 * 86_400_000);
    expect(periodMs('24')).toBeNull();
    expect(parseWindowDate('2026-12-01T00:00:00')).toBe(Date.UTC(2026, 11, 1));
    expect(parseWindowDate('yesterday')).toBeNull();
    expect(windowLabel({ statsPeriod: '14d' })).toBe('last 14 days');
    expect(windowLabel({ statsPeriod: '1h' })).toBe('last hour');
    expect(windowLabel({ start: '2026-12-01T00:00:00', end: '2026-12-02T00:00:00' })).toBe(
      '2026-12-01 00:00:00 – 2026-12-02 00:00:00 UTC',
    );
    expect(windowParams({ statsPeriod: '24h' })).toEqual({ statsPeriod: '24h' });
    expect(windowParams({ start: 'a', end: 'b' })).toEqual({ start: 'a', end: 'b' });
  });
});
