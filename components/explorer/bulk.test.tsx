// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { BulkBar } from '../triage/BulkBar';
import { TriageContext } from '../triage/context';
import { createTriageStore, type BulkProgress } from '../triage/store';
import { bulkBackground, fakeBackground, renderPage } from '../triage/testing';

let restore = () => {};
afterEach(() => restore());
const target = { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' };
const ids = (n: number) => Array.from({ length: n }, (_, i) => String(5000 + i));

function setup(n: number) {
  const b = bulkBackground();
  const bg = fakeBackground({
    'issues.plan': b['issues.plan'],
    'issues.update': b['issues.update'],
    'issues.restore': b['issues.restore'],
  });
  restore = bg.restore;
  const store = createTriageStore({ pageSize: Infinity, setLimit: 10_000, confirmAbove: 100 });
  store.getState().setContext(target, DEFAULT_SETTINGS);
  store.getState().selectAll(ids(n), true);
  return { bg, store, statusOf: b.statusOf };
}

describe('Explorer bulk actions', () => {
  it('plans 2,500 ids, sends them in parts of 500 with progress after each, and undoes each to its prior state', async () => {
    const { bg, store, statusOf } = setup(2500);
    const seen: BulkProgress[] = [];
    store.subscribe((s, prev) => s.progress && s.progress !== prev.progress && seen.push(s.progress));
    await store.getState().bulk('resolved');
    expect(store.getState().pending).toMatchObject({ status: 'resolved', noUndo: [] });
    await store.getState().confirm(true);
    expect(bg.of('issues.plan').map((r) => r.ids.length)).toEqual([2500]);
    expect(bg.of('issues.update').map((r) => r.ids.length)).toEqual([500, 500, 500, 500, 500]);
    expect(new Set(bg.of('issues.update').flatMap((r) => r.ids)).size).toBe(2500);
    expect(seen.filter((p) => !p.checking).map((p) => p.done)).toEqual([0, 500, 1000, 1500, 2000, 2500]);
    expect(store.getState().outcome).toEqual({ status: 'resolved', updated: 2500, failed: 0, undo: false, noUndo: 0 });
    expect(store.getState().selected.size).toBe(0);
    expect(statusOf('5000')).toBe('resolved');
    await store.getState().undo();
    expect(bg.of('issues.restore').map((r) => r.items.length)).toEqual([500, 500, 500, 500, 500]);
    expect(
      bg.of('issues.restore').every((r) => r.after === 'resolved' && r.items.every((p) => p.status === 'unresolved')),
    ).toBe(true);
    expect(statusOf('5000')).toBe('unresolved');
    expect(store.getState().outcome).toMatchObject({ undo: true, updated: 2500, failed: 0 });
  });

  it('asks for confirmation above 100 selected issues, and not below', async () => {
    const { bg, store } = setup(150);
    renderPage(
      <TriageContext.Provider value={store}>
        <BulkBar />
      </TriageContext.Provider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Ignore' }));
    expect(await screen.findByText('Ignore 150 issues? You can undo it afterwards.')).toBeInTheDocument();
    expect(bg.of('issues.update')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Ignore 150' }));
    await waitFor(() => expect(bg.of('issues.update')).toHaveLength(1));
    expect(bg.of('issues.update')[0]).toMatchObject({ status: 'ignored', target });
  });

  it('acts straight away at or below the limit', async () => {
    const { bg, store } = setup(100);
    renderPage(
      <TriageContext.Provider value={store}>
        <BulkBar />
      </TriageContext.Provider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    await waitFor(() => expect(bg.of('issues.update')).toHaveLength(1));
    expect(screen.queryByText(/You can undo it afterwards/)).toBeNull();
  });
});
