// @vitest-environment happy-dom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { BulkResult } from '@/lib/messages';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { TriageContext } from './context';
import { createTriageStore } from './store';
import { fakeBackground, makeIssue, renderPage } from './testing';
import { TriageView } from './TriageView';
import type { Place } from './target';

const place: Place = { target: { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' }, projects: [], link: { webBase: 'https://acme.sentry.io', org: 'acme', hosting: 'saas' }, source: 'tab' };
let restore = () => {};
afterEach(() => {
  restore();
  vi.restoreAllMocks();
});

function setup(answers: Parameters<typeof fakeBackground>[0]) {
  const bg = fakeBackground({ 'project.userBase': () => ({ ok: true, data: { count: 100, source: 'sentry' } }), ...answers });
  restore = bg.restore;
  const store = createTriageStore({ maxPages: 1 });
  store.getState().setContext(place.target, DEFAULT_SETTINGS);
  renderPage(
    <TriageContext.Provider value={store}>
      <TriageView place={place} />
    </TriageContext.Provider>,
  );
  return { bg, store };
}

const page = (issues = [1, 2, 3].map((n) => makeIssue(n))) => ({ ok: true as const, data: { issues, nextCursor: 'c1', prevCursor: null, hits: 3 } });

describe('triage tab', () => {
  it('sends the status filter and debounced keywords as the Sentry query', async () => {
    const { bg, store } = setup({ 'issues.list': () => page() });
    await act(() => store.getState().load());
    expect(bg.of('issues.list').at(-1)!.query).toBe('is:unresolved');
    fireEvent.click(screen.getByRole('radio', { name: 'Resolved' }));
    await waitFor(() => expect(bg.of('issues.list').at(-1)!.query).toBe('is:resolved'));
    fireEvent.click(screen.getByRole('radio', { name: 'All' }));
    await waitFor(() => expect(bg.of('issues.list').at(-1)!.query).toBe(''));
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: '  TypeError   checkout ' } });
    await waitFor(() => expect(bg.of('issues.list').at(-1)!.query).toBe('TypeError checkout'), { timeout: 2000 });
    expect(bg.of('issues.list').at(-1)!.target).toEqual(place.target);
  });

  it('sorts by priority score computed here, highest first', async () => {
    const calm = makeIssue(1, { level: 'info', isUnhandled: false, count: '1', userCount: 0, lastSeen: new Date(Date.now() - 30 * 86_400_000).toISOString() });
    const hot = makeIssue(2, { level: 'fatal', isUnhandled: true, substatus: 'regressed', count: '9000' });
    const { store } = setup({ 'issues.list': () => page([calm, hot]) });
    await act(() => store.getState().load());
    const rows = within(screen.getByRole('grid')).getAllByRole('row');
    expect(rows[0]).toHaveTextContent('Error number 2');
    expect(rows[1]).toHaveTextContent('Error number 1');
  });

  it('keeps failed issues selected with the reason after a bulk resolve, and undoes the rest', async () => {
    const { bg, store } = setup({
      'issues.list': () => page(),
      'issues.update': (req): { ok: true; data: BulkResult } => {
        const failedId = req.ids.includes('1002') && req.status === 'resolved' ? ['1002'] : [];
        const updated = req.ids.filter((id: string) => !failedId.includes(id));
        return { ok: true, data: { status: req.status, updated, failed: failedId.map((id) => ({ id, reason: 'You do not have permission' })), previous: Object.fromEntries(updated.map((id: string) => [id, 'unresolved'])), prior: [], after: [] } };
      },
    });
    await act(() => store.getState().load());
    fireEvent.click(screen.getByLabelText('Select all on page'));
    expect(screen.getByText('3 selected')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    await screen.findByText(/Resolved 2 · 1 failed/);
    expect(bg.of('issues.update')[0]).toMatchObject({ status: 'resolved', ids: expect.arrayContaining(['1001', '1002', '1003']) });
    expect(screen.getByText('1 selected')).toBeInTheDocument();
    expect(screen.getByText('Failed: You do not have permission')).toBeInTheDocument();
    expect(screen.getByLabelText('Select Error number 2')).toBeChecked();
    expect(screen.getByLabelText('Select Error number 1')).not.toBeChecked();

    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText(/Undone for 2/);
    const undo = bg.of('issues.update')[1]!;
    expect(undo.status).toBe('unresolved');
    expect([...undo.ids].sort()).toEqual(['1001', '1003']);
  });

  it('a failed request marks every issue of it failed with the error and next step', async () => {
    const { store } = setup({
      'issues.list': () => page(),
      'issues.update': () => ({ ok: false, error: { kind: 'scope', message: 'The token lacks event:write.', nextStep: 'Add the scope in Sentry.' } }),
    });
    await act(() => store.getState().load());
    fireEvent.click(screen.getByLabelText('Select Error number 3'));
    fireEvent.click(screen.getByRole('button', { name: 'Ignore' }));
    await screen.findByText('Failed: The token lacks event:write. Add the scope in Sentry.');
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('moves, selects and resolves by keyboard', async () => {
    const { bg, store } = setup({
      'issues.list': () => page(),
      'issues.update': (req) => ({ ok: true, data: { status: req.status, updated: req.ids, failed: [], previous: {}, prior: [], after: [] } }),
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
    expect(bg.of('issues.update')).toHaveLength(0);
    fireEvent.keyDown(grid, { key: 'r' });
    await waitFor(() => expect(bg.of('issues.update')).toHaveLength(1));
    expect(bg.of('issues.update')[0]!.ids).toEqual([second.id.replace('issue-row-', '')]);
    // "/" from anywhere but a field jumps to the search box.
    fireEvent.keyDown(grid, { key: '/' });
    expect(screen.getByLabelText('Search')).toHaveFocus();
  });

  it('opens the Explorer on the tab\'s org with the current filters', async () => {
    const { store } = setup({ 'issues.list': () => page() });
    await act(() => store.getState().load());
    await act(() => store.getState().setStatus('ignored'));
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    fireEvent.click(screen.getByRole('button', { name: 'Open Explorer' }));
    await waitFor(() => expect(create).toHaveBeenCalledTimes(1));
    const url = new URL(create.mock.calls[0]![0].url!);
    expect(url.pathname).toBe('/explorer.html');
    expect(Object.fromEntries(new URLSearchParams(url.hash.slice(1)))).toEqual({ q: 'is:ignored', apiBase: 'https://acme.sentry.io/api/0', org: 'acme' });
  });

  it('shows a rate-limit error with its next step and countdown', async () => {
    const { store } = setup({ 'issues.list': () => ({ ok: false, error: { kind: 'rate-limited', message: 'Sentry is rate-limiting Dexter.', nextStep: 'Dexter retries automatically.', retryAt: Date.now() + 12_000 } }) });
    await act(() => store.getState().load());
    expect(screen.getByRole('alert')).toHaveTextContent('Sentry is rate-limiting Dexter.');
    expect(screen.getByRole('alert')).toHaveTextContent(/retrying in 1[12] s/);
  });
});
