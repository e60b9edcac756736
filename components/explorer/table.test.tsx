// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { TriageContext } from '../triage/context';
import { sortRows, toRows, type IssueRow } from '../triage/rows';
import { createTriageStore } from '../triage/store';
import { makeIssue, renderPage } from '../triage/testing';
import { IssueTable } from './IssueTable';
import { priorityWhy } from '../ui/badges';
import type { RowActions } from './RowMenu';
import { sparkPoints } from './SparkCell';

const actions: RowActions = {
  link: (id) => `https://acme.sentry.io/issues/${id}/`,
  open: vi.fn(),
  copy: vi.fn(),
  explain: vi.fn(),
  setStatus: vi.fn(),
};

function renderTable(n: number) {
  const issues = Array.from({ length: n }, (_, i) => makeIssue(i + 1));
  const store = createTriageStore({ pageSize: Infinity, setLimit: 10_000 });
  const rows = sortRows(
    toRows(issues, { now: Date.now(), userBases: {}, thresholds: DEFAULT_SETTINGS.list.impactThresholds }),
    'priority',
  );
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
const saved = ['clientHeight', 'clientWidth'].map(
  (k) =>
    [k, Object.getOwnPropertyDescriptor(proto, k) ?? Object.getOwnPropertyDescriptor(Element.prototype, k)] as const,
);
beforeAll(() => {
  Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => 1200 });
});
afterAll(() => {
  for (const [k, d] of saved)
    if (d) Object.defineProperty(proto, k, d);
    else delete (proto as any)[k];
});

describe('Explorer issue table', () => {
  it('keeps fewer than 100 rows in the DOM for 10,000 issues, with grid semantics', () => {
    const { rows } = renderTable(10_000);
    const grid = screen.getByRole('grid');
    expect(grid).toHaveAttribute('aria-rowcount', '10001');
    const rendered = within(grid).getAllByRole('row');
    expect(rendered.length).toBeGreaterThan(1);
    expect(rendered.length).toBeLessThan(100);
    expect(
      within(grid)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toContain('Priority');
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

  it('opens a row’s actions menu on first click and acts on that row', async () => {
    const { rows } = renderTable(50);
    const button = screen.getByRole('button', { name: `Actions for ${rows[2]!.issue.title}` });
    expect(screen.queryByText('Resolve')).toBeNull();
    act(() => fireEvent.click(button));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Resolve' }));
    expect(actions.setStatus).toHaveBeenCalledWith(rows[2], 'resolved');
  });

  it('explains a priority score on hover, mounting the tooltip only then', async () => {
    const { rows } = renderTable(50);
    const first = document.getElementById(`explorer-row-${rows[0]!.id}`)!;
    const badge = within(first).getByLabelText(`Priority ${rows[0]!.priority.score} (${rows[0]!.priority.level})`);
    const why = priorityWhy(rows[0]!.priority);
    expect(why).toMatch(/\+\d/);
    expect(screen.queryByText(why)).toBeNull();
    act(() => fireEvent.pointerEnter(badge.parentElement!));
    expect(await screen.findByText(why)).toBeInTheDocument();
  });

  it('shows the new order in the rows in view after a re-sort, each with its own title and sparkline', () => {
    const issues = Array.from({ length: 300 }, (_, i) => makeIssue(i + 1));
    const store = createTriageStore({ pageSize: Infinity, setLimit: 10_000 });
    const rows = toRows(issues, { now: Date.now(), userBases: {}, thresholds: DEFAULT_SETTINGS.list.impactThresholds });
    const table = (shown: readonly IssueRow[]) => (
      <MantineProvider>
        <TriageContext.Provider value={store}>
          <IssueTable
            rows={shown}
            period="24h"
            actions={actions}
            onOpen={() => {}}
            focusSearch={() => {}}
            height={600}
          />
        </TriageContext.Provider>
      </MantineProvider>
    );
    const view = render(table(sortRows(rows, 'priority')));
    const byUsers = sortRows(rows, 'user');
    expect(byUsers[0]!.id).not.toBe(sortRows(rows, 'priority')[0]!.id);
    // There and back: the second time the rows in view reuse the sparklines already drawn for their issues.
    for (const order of [byUsers, sortRows(rows, 'priority'), byUsers]) {
      act(() => view.rerender(table(order)));
      const body = within(screen.getByRole('grid')).getAllByRole('row').slice(1);
      expect(body.length).toBeGreaterThan(5);
      body.forEach((r, i) => {
        const issue = order[i]!.issue;
        const total = sparkPoints(issue, '24h').reduce((a, p) => a + p.count, 0);
        expect(r).toHaveAttribute('id', `explorer-row-${issue.id}`);
        expect(r).toHaveTextContent(issue.title);
        expect(r.querySelectorAll('svg[role="img"]')).toHaveLength(1);
        expect(r.querySelector('svg[role="img"]')).toHaveAttribute(
          'aria-label',
          `${total.toLocaleString()} events in the last 24 hours`,
        );
      });
    }
  });
});
