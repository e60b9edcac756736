import { describe, expect, it, vi } from 'vitest';
import { featureOn, runFeatures, type Feature } from './registry';
import { FEATURES } from './features';
import { FEATURE_CATALOG } from './features/catalog';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { detectPage, type PageKind } from '@/lib/sentry/page';
import { pageFilters } from '@/lib/sentry/window';

function ctx(url: string, settings = DEFAULT_SETTINGS): Parameters<typeof runFeatures>[1] {
  return {
    signal: new AbortController().signal,
    page: detectPage(url)!,
    filters: pageFilters(url),
    settings,
    send: (async () => ({ ok: true, data: null })) as never,
  };
}
const feature = (id: string, pages: PageKind[], init: Feature['init'], defaultOn?: boolean): Feature => ({
  meta: { id, label: id, description: '', pages, defaultOn },
  init,
});

describe('runFeatures', () => {
  it('runs matching features, contains a throwing one, and carries on', async () => {
    const seen: string[] = [];
    const log = { error: vi.fn() };
    const sink = { report: vi.fn(), clear: vi.fn() };
    const report = await runFeatures(
      [
        feature('list-sparkline', ['issue-list'], (c) => void seen.push(`spark:${c.feature.id}`)),
        feature('list-impact', ['issue-list'], () => {
          throw new Error('boom');
        }),
        feature('list-priority', ['issue-list'], async () => {
          await Promise.reject(new Error('async boom'));
        }),
        feature('explain-button', ['issue'], () => void seen.push('explain')),
      ],
      ctx('https://acme.sentry.io/issues/'),
      log,
      sink,
    );
    expect(seen).toEqual(['spark:list-sparkline']);
    // Each failure is told to the page report, with what failed.
    expect(sink.report.mock.calls.map(([t]) => [t.feature, t.message])).toEqual(
      expect.arrayContaining([
        ['list-impact', 'It failed: boom'],
        ['list-priority', 'It failed: async boom'],
      ]),
    );
    expect(report.ran).toEqual(['list-sparkline']);
    expect(report.failed.map((f) => f.id).sort()).toEqual(['list-impact', 'list-priority']);
    expect(report.skipped).toEqual(['explain-button']);
    expect(log.error).toHaveBeenCalledTimes(2);
  });
  it('skips features switched off in settings, and those off by default until switched on', async () => {
    const init = vi.fn();
    const settings = { ...DEFAULT_SETTINGS, features: { 'list-sparkline': false } };
    const report = await runFeatures(
      [feature('list-sparkline', ['issue-list'], init), feature('later', ['issue-list'], init, false)],
      ctx('https://acme.sentry.io/issues/', settings),
    );
    expect(init).not.toHaveBeenCalled();
    expect(report.skipped).toEqual(['list-sparkline', 'later']);
    expect(
      featureOn(
        { features: { later: true } },
        { id: 'later', label: '', description: '', pages: [], defaultOn: false },
      ),
    ).toBe(true);
  });
});

describe('the features folder', () => {
  it('finds every feature file, each declared once with a unique id, in their declared order', () => {
    const ids = FEATURES.map((f) => f.meta.id);
    expect(ids).toEqual([
      'list-priority',
      'list-impact',
      'list-sparkline',
      'list-similar',
      'list-summary',
      'list-trends',
      'explain-button',
      'deadlock-panel',
      'privacy-mode',
      'issue-trends',
    ]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of FEATURES) {
      expect(typeof f.init).toBe('function');
      expect(f.meta.label.length).toBeGreaterThan(3);
      expect(f.meta.pages.length).toBeGreaterThan(0);
    }
  });
  it('gives the settings screen the same declarations, without the code', () => {
    expect(FEATURE_CATALOG).toEqual(FEATURES.map((f) => f.meta));
  });
});
