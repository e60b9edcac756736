// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { TriageContext } from '../triage/context';
import { sortRows, toRows } from '../triage/rows';
import { createTriageStore } from '../triage/store';
import { makeIssue, renderPage } from '../triage/testing';
import { IssueTable } from './IssueTable';
import type { RowActions } from './RowMenu';

const actions: RowActions = { link: (id) => `https://acme.sentry.io/issues/${id}/`, open: vi.fn(), copy: vi.fn(), explain: vi.fn(), setStatus: vi.fn() };

function renderTable(n: number) {
  const issues = Array.from({ length: n }, (_, i) => makeIssue(i + 1));
  const store = createTriageStore({ maxPages: 100 });
  const rows = sortRows(toRows(issues, { now: Date.now(), userBases: {}, thresholds: DEFAULT_SETTINGS.list.impactThresholds }), 'priority');
  store.setState({ issues, rows: [...rows] });
  const onOpen = vi.fn();
  renderPage(
    <TriageContext.Provider value={store}>
      <IssueTable rows={rows} period="24h" actions={actions} onOpen={onOpen} focusSearch={() => {}} height={600} />
    </TriageContext.Provider>,
  );
  return { store, rows, onOpen };
}

// happy-dom does no layout: give elements a 600 px viewport, as a browser window would.
const proto = HTMLElement.prototype;
const saved = ['clientHeight', 'clientWidth'].map((k) => [k, Object.getOwnPropertyDescriptor(proto, k) ?? Object.getOwnPropertyDescriptor(Element.prototype, k)] as const);
beforeAll(() => {
  Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => 1200 });
});
afterAll(() => {
  for (const [k, d] of saved) if (d) Object.defineProperty(proto, k, d); else delete (proto as any)[k];
});

describe('Explorer issue table', () => {
  it('keeps fewer than 100 rows in the DOM for 10,000 issues, with grid semantics', () => {
    const { rows } = renderTable(10_000);
    const grid = screen.getByRole('grid');
    expect(grid).toHaveAttribute('aria-rowcount', '10001');
    const rendered = within(grid).getAllByRole('row');
    expect(rendered.length).toBeGreaterThan(1);
    expect(rendered.length).toBeLessThan(100);
    expect(within(grid).getAllByRole('columnheader').map((h) => h.textContent)).toContain('Priority');
    // The first body row is the highest priority issue, with its sparkline drawn from the shared D3 renderer.
    expect(rendered[1]).toHaveTextContent(rows[0]!.issue.title);
    expect(rendered[1]!.querySelector('svg[role="img"] path.line')).not.toBeNull();
  });

  it('selects with x, moves with j, and opens details with Enter', () => {
    const { store, rows, onOpen } = renderTable(50);
    const grid = screen.getByRole('grid');
    fireEvent.keyDown(grid, { key: 'x' });
    fireEvent.keyDown(grid, { key: 'j' });
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect([...store.getState().selected]).toEqual([rows[0]!.id]);
    expect(onOpen).toHaveBeenCalledWith(rows[1]);
    expect(grid).toHaveAttribute('aria-activedescendant', `explorer-row-${rows[1]!.id}`);
  });

  it('selects every loaded issue from the header checkbox', () => {
    const { store } = renderTable(300);
    act(() => fireEvent.click(screen.getByLabelText('Select all loaded issues')));
    expect(store.getState().selected.size).toBe(300);
  });
});
