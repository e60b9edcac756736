// @vitest-environment happy-dom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import type { Issue } from '@/lib/sentry/schemas';
import { TriageContext } from './context';
import { createTriageStore } from './store';
import { bulkBackground, fakeBackground, makeIssue, pagedIssues, renderPage } from './testing';
import { TriageView } from './TriageView';
import type { Place } from './target';

const place: Place = {
  target: { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' },
  projects: [],
  link: { webBase: 'https://acme.sentry.io', org: 'acme', hosting: 'saas' },
  source: 'tab',
};
let restore = () => {};
afterEach(() => {
  restore();
  vi.restoreAllMocks();
});

function setup(answers: Parameters<typeof fakeBackground>[0], settings: Settings = DEFAULT_SETTINGS) {
  const bg = fakeBackground({
    'project.userBase': () => ({ ok: true, data: { count: 100, source: 'sentry' } }),
    ...answers,
  });
  restore = bg.restore;
  const store = createTriageStore({ pageSize: 25, sleep: async () => {} });
  store.getState().setContext(place.target, settings);
  renderPage(
    <TriageContext.Provider value={store}>
      <TriageView place={place} />
    </TriageContext.Provider>,
  );
  return { bg, store };
}

const three = () => [1, 2, 3].map((n) => makeIssue(n));
const rowsShown = () => within(screen.getByRole('grid')).queryAllByRole('row');
const { statusOf: _unused, ...bulk } = bulkBackground();
void _unused;
/** An issue far down Sentry's date order that ranks above all the others. */
const hot = (n: number): Issue =>
  makeIssue(n, {
    level: 'fatal',
    isUnhandled: true,
    substatus: 'regressed',
    count: '90000',
    userCount: 5000,
    lastSeen: new Date().toISOString(),
  });

describe('triage tab: ranking over the whole set', () => {
  it('ranks every issue of the query, not just the first page: the hottest one on page 3 comes first', async () => {
    const issues = Array.from({ length: 250 }, (_, i) =>
      i === 230 ? hot(231) : makeIssue(i + 1, { level: 'info', isUnhandled: false }),
    );
    const { bg, store } = setup({ 'issues.page': pagedIssues(issues) });
    await act(() => store.getState().load());
    expect(bg.of('issues.page').map((m) => [m.cursor, m.limit, m.period])).toEqual([
      [undefined, 100, '14d'],
      ['0:100:0', 100, '14d'],
      ['0:200:0', 100, '14d'],
    ]);
    expect(rowsShown()).toHaveLength(25);
    expect(rowsShown()[0]).toHaveTextContent('Error number 231');
    expect(screen.getByText('Ranked all 250 unresolved (last 14 days).')).toBeInTheDocument();
    // Paging goes through the ranked set here, without asking Sentry again.
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('26–50 of 250')).toBeInTheDocument();
    expect(rowsShown()[0]).not.toHaveTextContent('Error number 231');
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(rowsShown()[0]).toHaveTextContent('Error number 231');
    expect(bg.of('issues.page')).toHaveLength(3);
  });

  it('stops at the rank limit and says what was ranked out of how many', async () => {
    const issues = Array.from({ length: 1234 }, (_, i) => makeIssue(i + 1));
    const settings = { ...DEFAULT_SETTINGS, list: { ...DEFAULT_SETTINGS.list, rankLimit: 1000 } };
    const { bg, store } = setup({ 'issues.page': pagedIssues(issues) }, settings);
    await act(() => store.getState().load());
    expect(bg.of('issues.page')).toHaveLength(10);
    expect(
      screen.getByText(
        'Ranked 1,000 of 1,234 unresolved (last 14 days, the 1,000 most recently seen) — narrow the search to rank all.',
      ),
    ).toBeInTheDocument();
    // X-Hits at Sentry's X-Max-Hits is a lower bound.
    const capped = setup({ 'issues.page': pagedIssues(issues, { maxHits: 1000 }) }, settings);
    await act(() => capped.store.getState().load());
    expect(screen.getByText(/^Ranked 1,000 of more than 1,000 unresolved/)).toBeInTheDocument();
  });

  it('shows progress while ranking, and Stop keeps what came', async () => {
    const issues = Array.from({ length: 600 }, (_, i) => makeIssue(i + 1));
    const answer = pagedIssues(issues);
    const gates: (() => void)[] = [];
    const { store } = setup({ 'issues.page': (req) => new Promise((r) => gates.push(() => r(answer(req)))) });
    const loading = store.getState().load();
    await waitFor(() => expect(gates).toHaveLength(1));
    await act(async () => gates.shift()!());
    await screen.findByText('Ranking: 100 of up to 1,000 fetched…');
    expect(screen.getByRole('progressbar', { name: 'Issues fetched to rank' })).toHaveAttribute('aria-valuenow', '10');
    await waitFor(() => expect(gates).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    await act(async () => gates.shift()!());
    await act(() => loading);
    expect(
      screen.getByText('Ranked 100 of 600 unresolved (last 14 days) — stopped; load the rest to rank them too.'),
    ).toBeInTheDocument();
    expect(rowsShown()).toHaveLength(25);
    // Load the rest goes on from the page after the last one shown.
    const rest = store.getState().resume();
    for (let i = 0; i < 5; i++) {
      await waitFor(() => expect(gates).toHaveLength(1));
      await act(async () => gates.shift()!());
    }
    await act(() => rest);
    expect(screen.getByText('Ranked all 600 unresolved (last 14 days).')).toBeInTheDocument();
  });
});

describe('triage tab: Sentry’s own orders', () => {
  it('pages with Sentry’s Link cursors both ways', async () => {
    const issues = Array.from({ length: 60 }, (_, i) => makeIssue(i + 1));
    const { bg, store } = setup({ 'issues.page': pagedIssues(issues) });
    await act(() => store.getState().setSort('date'));
    expect(bg.of('issues.page').at(-1)).toMatchObject({ sort: 'date', limit: 25, cursor: undefined });
    const previous = screen.getByRole('button', { name: 'Previous' });
    expect(previous).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(bg.of('issues.page').at(-1)!.cursor).toBe('0:25:0'));
    await waitFor(() => expect(rowsShown()[0]).toHaveTextContent('Error number 26'));
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(rowsShown()[0]).toHaveTextContent('Error number 51'));
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    await waitFor(() => expect(bg.of('issues.page').at(-1)!.cursor).toBe('0:25:1'));
    await waitFor(() => expect(rowsShown()[0]).toHaveTextContent('Error number 26'));
    expect(screen.getByText('60 matching in Sentry')).toBeInTheDocument();
  });

  it('sends the status filter and debounced keywords as the Sentry query', async () => {
    const { bg, store } = setup({ 'issues.page': pagedIssues(three()) });
    await act(() => store.getState().load());
    expect(bg.of('issues.page').at(-1)!.query).toBe('is:unresolved');
    fireEvent.click(screen.getByRole('radio', { name: 'Resolved' }));
    await waitFor(() => expect(bg.of('issues.page').at(-1)!.query).toBe('is:resolved'));
    fireEvent.click(screen.getByRole('radio', { name: 'All' }));
    await waitFor(() => expect(bg.of('issues.page').at(-1)!.query).toBe(''));
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: '  TypeError   checkout ' } });
    await waitFor(() => expect(bg.of('issues.page').at(-1)!.query).toBe('TypeError checkout'), { timeout: 2000 });
    expect(bg.of('issues.page').at(-1)!.target).toEqual(place.target);
  });

  it('shows a rate-limit error with its next step and countdown', async () => {
    const { store } = setup({
      'issues.page': () => ({
        ok: false,
        error: {
          kind: 'rate-limited',
          message: 'Sentry is rate-limiting Dexter.',
          nextStep: 'Dexter retries automatically.',
          retryAt: Date.now() + 12_000,
        },
      }),
    });
    await act(() => store.getState().setSort('date'));
    expect(screen.getByRole('alert')).toHaveTextContent('Sentry is rate-limiting Dexter.');
    expect(screen.getByRole('alert')).toHaveTextContent(/retrying in 1[12] s/);
  });
});

describe('triage tab: bulk actions with per-issue truth', () => {
  it('shows each issue’s outcome, keeps the unchanged ones selected with Sentry’s reason, and undoes the rest exactly', async () => {
    const b = bulkBackground({ refuse: { 1002: null } });
    const { bg, store } = setup({
      'issues.page': pagedIssues(three()),
      'issues.plan': b['issues.plan'],
      'issues.update': b['issues.update'],
      'issues.restore': b['issues.restore'],
    });
    await act(() => store.getState().load());
    fireEvent.click(screen.getByLabelText('Select all on page'));
    expect(screen.getByText('3 selected')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    await screen.findByText(/Resolved 2 · 1 not changed/);
    expect(bg.of('issues.plan')[0]!.ids.sort()).toEqual(['1001', '1002', '1003']);
    expect(bg.of('issues.update')[0]).toMatchObject({
      status: 'resolved',
      ids: expect.arrayContaining(['1001', '1002', '1003']),
    });
    expect(screen.getByText('1 selected')).toBeInTheDocument();
    expect(screen.getByText('Not changed: Sentry left it unresolved.')).toBeInTheDocument();
    expect(screen.getAllByText('✓ Resolved')).toHaveLength(2);
    expect(screen.getByLabelText('Select Error number 2')).toBeChecked();
    expect(screen.getByLabelText('Select Error number 1')).not.toBeChecked();

    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText(/Undone for 2/);
    const undo = bg.of('issues.restore')[0]!;
    expect(undo.after).toBe('resolved');
    expect(undo.items.map((p) => [p.id, p.status]).sort()).toEqual([
      ['1001', 'unresolved'],
      ['1003', 'unresolved'],
    ]);
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('says which issues would have no undo BEFORE changing anything, and changes them only if the user agrees', async () => {
    const b = bulkBackground({
      noUndo: { 1003: 'Undo could not set it back: Sentry cannot be asked to put an issue back to “reprocessing”.' },
    });
    const { bg, store } = setup({
      'issues.page': pagedIssues(three()),
      'issues.plan': b['issues.plan'],
      'issues.update': b['issues.update'],
    });
    await act(() => store.getState().load());
    fireEvent.click(screen.getByLabelText('Select all on page'));
    fireEvent.click(screen.getByRole('button', { name: 'Ignore' }));
    expect(await screen.findByText('No undo for 1 of them:')).toBeInTheDocument();
    expect(screen.getByText(/APP-3: Undo could not set it back: .*reprocessing/)).toBeInTheDocument();
    expect(bg.of('issues.update')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByText('No undo for 1 of them:')).toBeNull());
    expect(bg.of('issues.update')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Ignore' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Ignore without undo' }));
    await screen.findByText('Ignored 3 · 1 without undo');
    expect(bg.of('issues.update')).toHaveLength(1);
    // Undo then leaves out the one it could not set back.
    expect(
      store
        .getState()
        .undoable!.prior.map((p) => p.id)
        .sort(),
    ).toEqual(['1001', '1002']);
  });

  it('a failed request marks every issue of it not changed with the error and next step', async () => {
    const { store } = setup({
      'issues.page': pagedIssues(three()),
      'issues.plan': bulk['issues.plan'],
      'issues.update': () => ({
        ok: false,
        error: { kind: 'scope', message: 'The token lacks event:write.', nextStep: 'Add the scope in Sentry.' },
      }),
    });
    await act(() => store.getState().load());
    fireEvent.click(screen.getByLabelText('Select Error number 3'));
    fireEvent.click(screen.getByRole('button', { name: 'Ignore' }));
    await screen.findByText('Not changed: The token lacks event:write. Add the scope in Sentry.');
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('moves, selects and resolves by keyboard', async () => {
    const b = bulkBackground();
    const { bg, store } = setup({
      'issues.page': pagedIssues(three()),
      'issues.plan': b['issues.plan'],
      'issues.update': b['issues.update'],
    });
    await act(() => store.getState().load());
    const grid = screen.getByRole('grid');
    grid.focus();
    fireEvent.keyDown(grid, { key: 'j' });
    fireEvent.keyDown(grid, { key: 'x' });
    const second = within(grid).getAllByRole('row')[1]!;
    expect(grid).toHaveAttribute('aria-activedescendant', second.id);
    expect(second).toHaveAttribute('aria-selected', 'true');
    // A key pressed on a button belongs to the button, not to the focused issue.
    fireEvent.keyDown(screen.getByRole('button', { name: 'Open Explorer' }), { key: 'r' });
    expect(bg.of('issues.plan')).toHaveLength(0);
    fireEvent.keyDown(grid, { key: 'r' });
    await waitFor(() => expect(bg.of('issues.update')).toHaveLength(1));
    expect(bg.of('issues.update')[0]!.ids).toEqual([second.id.replace('issue-row-', '')]);
    // "/" from anywhere but a field jumps to the search box.
    fireEvent.keyDown(grid, { key: '/' });
    expect(screen.getByLabelText('Search')).toHaveFocus();
  });

  it("opens the Explorer on the tab's org with the current filters", async () => {
    const { store } = setup({ 'issues.page': pagedIssues(three()) });
    await act(() => store.getState().load());
    await act(() => store.getState().setStatus('ignored'));
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    fireEvent.click(screen.getByRole('button', { name: 'Open Explorer' }));
    await waitFor(() => expect(create).toHaveBeenCalledTimes(1));
    const url = new URL(create.mock.calls[0]![0].url!);
    expect(url.pathname).toBe('/explorer.html');
    expect(Object.fromEntries(new URLSearchParams(url.hash.slice(1)))).toEqual({
      q: 'is:ignored',
      apiBase: 'https://acme.sentry.io/api/0',
      org: 'acme',
    });
  });
});
