import { describe, expect, it, vi } from 'vitest';
import { defineFeature, runFeatures, type FeatureContext } from './registry';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { detectPage } from '@/lib/sentry/page';

function ctx(url: string, settings = DEFAULT_SETTINGS): FeatureContext {
  return { signal: new AbortController().signal, page: detectPage(url)!, settings, send: async <T,>() => ({ ok: true as const, data: null as T }) };
}

describe('runFeatures', () => {
  it('runs matching features, contains a throwing one, and carries on', async () => {
    const seen: string[] = [];
    const log = { error: vi.fn() };
    const report = await runFeatures(
      [
        defineFeature({ id: 'list-sparkline', pages: ['issue-list'], init: () => void seen.push('spark') }),
        defineFeature({ id: 'list-impact', pages: ['issue-list'], init: () => { throw new Error('boom'); } }),
        defineFeature({ id: 'list-priority', pages: ['issue-list'], init: async () => { await Promise.reject(new Error('async boom')); } }),
        defineFeature({ id: 'explain-button', pages: ['issue'], init: () => void seen.push('explain') }),
      ],
      ctx('https://acme.sentry.io/issues/'),
      log,
    );
    expect(seen).toEqual(['spark']);
    expect(report.ran).toEqual(['list-sparkline']);
    expect(report.failed.map((f) => f.id).sort()).toEqual(['list-impact', 'list-priority']);
    expect(report.skipped).toEqual(['explain-button']);
    expect(log.error).toHaveBeenCalledTimes(2);
  });
  it('skips features switched off in settings', async () => {
    const init = vi.fn();
    const settings = { ...DEFAULT_SETTINGS, features: { ...DEFAULT_SETTINGS.features, 'list-sparkline': false } };
    const report = await runFeatures([defineFeature({ id: 'list-sparkline', pages: ['issue-list'], init })], ctx('https://acme.sentry.io/issues/', settings));
    expect(init).not.toHaveBeenCalled();
    expect(report.skipped).toEqual(['list-sparkline']);
  });
});
