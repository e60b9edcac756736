// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { splitQuery } from '../triage/rows';
import { fakeBackground, makeIssue, renderPage } from '../triage/testing';
import { ExplorerApp, readHash } from './ExplorerApp';

const proto = HTMLElement.prototype;
beforeAll(() => Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => 600 }));
afterAll(() => delete (proto as any).clientHeight);
let restore = () => {};
afterEach(() => {
  restore();
  location.hash = '';
});

describe('Explorer page', () => {
  it('loads many pages for the org in the hash, with the handed-over query, and renders few rows of 10,000', async () => {
    location.hash = '#' + new URLSearchParams({ q: 'is:resolved TypeError', apiBase: 'https://acme.sentry.io/api/0', org: 'acme' }).toString();
    const issues = Array.from({ length: 10_000 }, (_, i) => makeIssue(i + 1));
    const bg = fakeBackground({
      'settings.get': () => ({ ok: true, data: { ...DEFAULT_SETTINGS, list: { ...DEFAULT_SETTINGS.list, userBaseOverride: 50_000 } } }),
      'auth.status': () => ({ ok: true, data: { via: 'session', sentryUrl: 'https://sentry.io', valid: true, scopes: [], missingRead: [], missingWrite: [] } }),
      'issues.list': () => ({ ok: true, data: { issues, nextCursor: null, prevCursor: null, hits: 10_000 } }),
    });
    restore = bg.restore;
    renderPage(<ExplorerApp />);
    await screen.findByText('10,000 of 10,000 issues');
    expect(bg.of('issues.list')[0]).toMatchObject({ target: { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' }, query: 'is:resolved TypeError', maxPages: 100, limit: 100 });
    expect(screen.getByLabelText('Search')).toHaveValue('TypeError');
    const grid = screen.getByRole('grid');
    expect(within(grid).getAllByRole('row').length).toBeLessThan(100);
    // Impact uses the user-base override from settings: 1 of 50,000 users for the first row at least reads a share.
    expect(within(grid).getAllByLabelText(/of users/).length).toBeGreaterThan(0);

    fireEvent.change(screen.getByLabelText('Filter loaded issues'), { target: { value: 'number 9999' } });
    await screen.findByText('1 of 10,000 issues');
    expect(within(grid).getAllByRole('row')).toHaveLength(2);
  });

  it('reads the hash and splits a handed-over query', () => {
    expect(readHash('#q=is%3Aignored+x&org=acme&project=4&project=x')).toEqual({ q: 'is:ignored x', apiBase: null, org: 'acme', projects: ['4'] });
    expect(splitQuery('is:unresolved  db timeout')).toEqual({ status: 'unresolved', keyword: 'db timeout' });
    expect(splitQuery('checkout')).toEqual({ status: 'all', keyword: 'checkout' });
    expect(splitQuery('this:is:resolved')).toEqual({ status: 'all', keyword: 'this:is:resolved' });
  });

  it('says what to do when no organization is known', async () => {
    const bg = fakeBackground({ 'settings.get': () => ({ ok: true, data: DEFAULT_SETTINGS }), 'auth.status': () => ({ ok: false, error: { kind: 'internal', message: 'x' } }) });
    restore = bg.restore;
    renderPage(<ExplorerApp />);
    await screen.findByText('No Sentry organization chosen.');
    expect(bg.of('issues.list')).toHaveLength(0);
  });
});
