// @vitest-environment happy-dom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DexterError, MessageInputOf, ReplyOf } from '@/lib/messages';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { splitQuery } from '../triage/rows';
import { fakeBackground, makeIssue, pagedIssues, renderPage } from '../triage/testing';
import { ExplorerApp, readHash } from './ExplorerApp';

const proto = HTMLElement.prototype;
beforeAll(() => Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => 600 }));
afterAll(() => delete (proto as any).clientHeight);
let restore = () => {};
afterEach(() => {
  restore();
  location.hash = '';
});

const hashFor = (q: string) =>
  '#' + new URLSearchParams({ q, apiBase: 'https://acme.sentry.io/api/0', org: 'acme' }).toString();
const settingsAnswers = {
  'settings.get': () => ({
    ok: true as const,
    data: { ...DEFAULT_SETTINGS, list: { ...DEFAULT_SETTINGS.list, userBaseOverride: 50_000 } },
  }),
  'auth.status': () => ({
    ok: true as const,
    data: {
      via: 'session' as const,
      sentryUrl: 'https://sentry.io',
      valid: true,
      scopes: [],
      missingRead: [],
      missingWrite: [],
    },
  }),
};

/** Pages that wait until the test lets each one through. */
function gated(answer: (req: MessageInputOf<'issues.page'>) => ReplyOf<'issues.page'>) {
  const waiting: (() => void)[] = [];
  const page = (req: MessageInputOf<'issues.page'>) =>
    new Promise<ReplyOf<'issues.page'>>((resolve) => waiting.push(() => resolve(answer(req))));
  const release = async (n = 1) => {
    for (let i = 0; i < n; i++) {
      await waitFor(() => expect(waiting.length).toBeGreaterThan(0));
      await act(async () => waiting.shift()!());
    }
  };
  return { page, release };
}

describe('Explorer page', () => {
  it('loads up to 10,000 issues for the org in the hash, with the handed-over query, and renders few rows', async () => {
    location.hash = hashFor('is:resolved TypeError');
    const issues = Array.from({ length: 10_000 }, (_, i) => makeIssue(i + 1));
    const bg = fakeBackground({ ...settingsAnswers, 'issues.page': pagedIssues(issues) });
    restore = bg.restore;
    renderPage(<ExplorerApp />);
    await screen.findByText('10,000 of 10,000 issues', {}, { timeout: 30_000 });
    expect(bg.of('issues.page')).toHaveLength(100);
    expect(bg.of('issues.page')[0]).toMatchObject({
      target: { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' },
      query: 'is:resolved TypeError',
      limit: 100,
      period: '14d',
    });
    expect(screen.getByLabelText('Search')).toHaveValue('TypeError');
    const grid = screen.getByRole('grid');
    expect(within(grid).getAllByRole('row').length).toBeLessThan(100);
    // Impact uses the user-base override from settings: 1 of 50,000 users for the first row at least reads a share.
    expect(within(grid).getAllByLabelText(/of users/).length).toBeGreaterThan(0);
    expect(screen.getByText('Ranked all 10,000 resolved matching the search (last 14 days).')).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('Filter loaded issues'), { target: { value: 'number 9999' } });
    await screen.findByText('1 of 10,000 issues');
    expect(within(grid).getAllByRole('row')).toHaveLength(2);
  }, 60_000);

  it('shows the first 100 rows as soon as the first page comes, the rest as they arrive; Stop keeps them', async () => {
    location.hash = hashFor('is:unresolved');
    const g = gated(pagedIssues(Array.from({ length: 1000 }, (_, i) => makeIssue(i + 1))));
    const bg = fakeBackground({ ...settingsAnswers, 'issues.page': g.page });
    restore = bg.restore;
    renderPage(<ExplorerApp />);
    await g.release();
    // One page in: its rows are in the table while the second page is still out.
    await screen.findByText('Loading… 100 so far');
    expect(within(screen.getByRole('grid')).getAllByRole('row').length).toBeGreaterThan(5);
    expect(screen.getByText('Ranking: 100 of up to 10,000 fetched…')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Issues fetched to rank' })).toHaveAttribute('aria-valuenow', '1');
    await g.release(2);
    await screen.findByText('Loading… 300 so far');
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    await g.release(); // the page that was out when Stop was pressed is dropped
    await screen.findByText('300 of 300 issues');
    expect(
      screen.getByText('Ranked 300 of 1,000 unresolved (last 14 days) — stopped; load the rest to rank them too.'),
    ).toBeInTheDocument();
    expect(bg.of('issues.page')).toHaveLength(4);
    // Load the rest: from the page after the last one kept.
    fireEvent.click(screen.getByRole('button', { name: 'Load the rest' }));
    await g.release(7);
    await screen.findByText('1,000 of 1,000 issues');
    expect(bg.of('issues.page')[4]!.cursor).toBe('0:300:0');
    expect(screen.getByText('Ranked all 1,000 unresolved (last 14 days).')).toBeInTheDocument();
  }, 60_000);

  it('asks a failed page once more, then says so and keeps every row that came', async () => {
    location.hash = hashFor('is:unresolved');
    const ok = pagedIssues(Array.from({ length: 500 }, (_, i) => makeIssue(i + 1)));
    const down: DexterError = {
      kind: 'unavailable',
      message: 'Sentry did not answer in time or is having trouble.',
      nextStep: 'Check status.sentry.io.',
    };
    let failing = true;
    const bg = fakeBackground({
      ...settingsAnswers,
      'issues.page': (req) => (failing && req.cursor === '0:200:0' ? { ok: false, error: down } : ok(req)),
    });
    restore = bg.restore;
    renderPage(<ExplorerApp />);
    await screen.findByText('200 of 200 issues', {}, { timeout: 10_000 });
    expect(bg.of('issues.page').filter((m) => m.cursor === '0:200:0')).toHaveLength(2);
    expect(screen.getByRole('alert')).toHaveTextContent('Sentry did not answer in time');
    expect(
      screen.getByText(/^Ranked 200 of 500 unresolved .* a page failed; what came is kept\.$/),
    ).toBeInTheDocument();
    failing = false;
    fireEvent.click(screen.getByRole('button', { name: 'Load the rest' }));
    await screen.findByText('500 of 500 issues');
    expect(screen.queryByRole('alert')).toBeNull();
  }, 30_000);

  it('reads the hash and splits a handed-over query', () => {
    expect(readHash('#q=is%3Aignored+x&org=acme&project=4&project=x')).toEqual({
      q: 'is:ignored x',
      apiBase: null,
      org: 'acme',
      projects: ['4'],
      view: 'issues',
    });
    expect(readHash('#org=acme&view=digest').view).toBe('digest');
    expect(readHash('#org=acme&view=<script>').view).toBe('issues');
    expect(splitQuery('is:unresolved  db timeout')).toEqual({ status: 'unresolved', keyword: 'db timeout' });
    expect(splitQuery('checkout')).toEqual({ status: 'all', keyword: 'checkout' });
    expect(splitQuery('this:is:resolved')).toEqual({ status: 'all', keyword: 'this:is:resolved' });
  });

  it('says what to do when no organization is known', async () => {
    const bg = fakeBackground({
      'settings.get': () => ({ ok: true, data: DEFAULT_SETTINGS }),
      'auth.status': () => ({ ok: false, error: { kind: 'internal', message: 'x' } }),
    });
    restore = bg.restore;
    renderPage(<ExplorerApp />);
    await screen.findByText('No Sentry organization chosen.');
    expect(bg.of('issues.page')).toHaveLength(0);
  });
});
