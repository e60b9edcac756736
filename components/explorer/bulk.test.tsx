// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { BulkBar } from '../triage/BulkBar';
import { TriageContext } from '../triage/context';
import { createTriageStore, type BulkProgress } from '../triage/store';
import { fakeBackground, renderPage } from '../triage/testing';

let restore = () => {};
afterEach(() => restore());
const target = { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' };
const ids = (n: number) => Array.from({ length: n }, (_, i) => String(5000 + i));

function setup(n: number) {
  const bg = fakeBackground({
    'issues.update': (req) => ({ ok: true, data: { status: req.status, updated: req.ids, failed: [], previous: Object.fromEntries(req.ids.map((id: string) => [id, 'ignored'])), prior: [], after: [] } }),
  });
  restore = bg.restore;
  const store = createTriageStore({ maxPages: 100, chunkSize: 1000 });
  store.getState().setContext(target, DEFAULT_SETTINGS);
  store.getState().selectAll(ids(n), true);
  return { bg, store };
}

describe('Explorer bulk actions', () => {
  it('sends 2,500 ids in chunks of 1,000 and reports progress after each', async () => {
    const { bg, store } = setup(2500);
    const seen: BulkProgress[] = [];
    store.subscribe((s, prev) => s.progress && s.progress !== prev.progress && seen.push(s.progress));
    await store.getState().bulk('resolved');
    expect(bg.of('issues.update').map((r) => r.ids.length)).toEqual([1000, 1000, 500]);
    expect(new Set(bg.of('issues.update').flatMap((r) => r.ids)).size).toBe(2500);
    expect(seen.map((p) => p.done)).toEqual([0, 1000, 2000, 2500]);
    expect(store.getState().outcome).toEqual({ status: 'resolved', updated: 2500, failed: 0, undo: false });
    expect(store.getState().selected.size).toBe(0);
    // Undo puts each issue back to the status Sentry reported before.
    await store.getState().undo();
    const undo = bg.of('issues.update').slice(3);
    expect(undo.every((r) => r.status === 'ignored')).toBe(true);
    expect(undo.reduce((a, r) => a + r.ids.length, 0)).toBe(2500);
  });

  it('asks for confirmation above 100 selected issues, and not below', async () => {
    const { bg, store } = setup(150);
    renderPage(<TriageContext.Provider value={store}><BulkBar confirmAbove={100} /></TriageContext.Provider>);
    fireEvent.click(screen.getByRole('button', { name: 'Ignore' }));
    expect(await screen.findByText('Ignore 150 issues? You can undo it afterwards.')).toBeInTheDocument();
    expect(bg.of('issues.update')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Ignore 150' }));
    await waitFor(() => expect(bg.of('issues.update')).toHaveLength(1));
    expect(bg.of('issues.update')[0]).toMatchObject({ status: 'ignored', target });
  });

  it('acts straight away at or below the limit', async () => {
    const { bg, store } = setup(100);
    renderPage(<TriageContext.Provider value={store}><BulkBar confirmAbove={100} /></TriageContext.Provider>);
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    await waitFor(() => expect(bg.of('issues.update')).toHaveLength(1));
    expect(screen.queryByText(/You can undo it afterwards/)).toBeNull();
  });
});
