// The Explorer's issue table: a virtualised ARIA grid, so 10,000 issues keep only the visible rows in the DOM.
import { Checkbox } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTriage, useTriageStore } from '../triage/context';
import { handleTriageKey, isGridKey } from '../triage/keys';
import { useSummaries } from '../triage/summaryContext';
import type { IssueRow } from '../triage/rows';
import type { RowActions } from './RowMenu';
import { GRID, ROW_HEIGHT, TableRow } from './TableRow';

const COLUMNS = [
  'Select',
  'Issue',
  'Summary',
  'Events over time',
  'Impact',
  'Priority',
  'Events',
  'Users',
  'First seen',
  'Last seen',
  'Level',
  'Actions',
];

export interface IssueTableProps {
  rows: readonly IssueRow[];
  period: '24h' | '14d';
  actions: RowActions;
  onOpen(row: IssueRow): void;
  focusSearch(): void;
  height?: number | string;
  /** Told the rows the user sees and those mounted around them (for their summaries), as the view moves. */
  onView?(view: readonly string[], near: readonly string[]): void;
}

/** "2 min ago" is read against a clock that ticks once a minute, so unchanged rows keep equal props and skip rendering. */
function useMinuteClock(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

// Memoised: typing in the page's filter box re-renders the page, not the table, until the shown rows change.
export const IssueTable = memo(function IssueTable({
  rows,
  period,
  actions,
  onOpen,
  focusSearch,
  height = '70vh',
  onView,
}: IssueTableProps) {
  const store = useTriageStore();
  const selected = useTriage((s) => s.selected);
  const outcomes = useTriage((s) => s.outcomes);
  const focus = useTriage((s) => s.focus);
  const summaries = useSummaries((s) => s.entries);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 1200, height: 600 },
  });
  const now = useMinuteClock();
  const allSelected = useMemo(() => rows.length > 0 && rows.every((r) => selected.has(r.id)), [rows, selected]);

  // Follows the keyboard focus only: scrolling on every filter keystroke would force a layout each time.
  const rowCount = useRef(rows.length);
  rowCount.current = rows.length;
  useEffect(() => {
    if (rowCount.current) virtual.scrollToIndex(Math.min(focus, rowCount.current - 1), { align: 'auto' });
  }, [focus, virtual]);

  // Only the rows the user sees ask for their summaries (the overscan rows are "near"): the virtualiser's range.
  const items = virtual.getVirtualItems();
  const seen = virtual.range;
  const [viewFrom, viewTo] = seen ? [seen.startIndex, seen.endIndex] : [0, -1];
  const [nearFrom, nearTo] = [items[0]?.index ?? 0, items.at(-1)?.index ?? -1];
  useEffect(() => {
    if (!onView) return;
    const view = rows.slice(viewFrom, viewTo + 1).map((r) => r.id);
    const near = [...rows.slice(nearFrom, viewFrom), ...rows.slice(viewTo + 1, nearTo + 1)].map((r) => r.id);
    onView(view, near);
  }, [onView, rows, viewFrom, viewTo, nearFrom, nearTo]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.metaKey || e.ctrlKey || e.altKey || !isGridKey(e.target, e.currentTarget, e.key)) return;
    if (handleTriageKey(e.key, store.getState(), rows, { open: onOpen, focusSearch })) e.preventDefault();
  };
  const focused = rows[focus];

  return (
    <div
      role="grid"
      aria-label="Issues (j/k move, x select, Enter details, r resolve, i ignore, / search)"
      aria-rowcount={rows.length + 1}
      aria-colcount={COLUMNS.length}
      aria-activedescendant={focused ? `explorer-row-${focused.id}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }}
    >
      <div
        role="row"
        aria-rowindex={1}
        style={{
          ...GRID,
          height: 32,
          fontWeight: 600,
          fontSize: 12,
          borderBottom: '1px solid var(--mantine-color-default-border)',
        }}
      >
        <div role="columnheader" aria-label="Select all">
          <Checkbox
            size="xs"
            aria-label="Select all loaded issues"
            checked={allSelected}
            onChange={(e) =>
              store.getState().selectAll(
                rows.map((r) => r.id),
                e.currentTarget.checked,
              )
            }
          />
        </div>
        {COLUMNS.slice(1).map((c) => (
          <div role="columnheader" key={c}>
            {c === 'Actions' ? '' : c}
          </div>
        ))}
      </div>
      <div
        ref={scrollRef}
        role="rowgroup"
        tabIndex={0}
        aria-label="Issues (scroll)"
        style={{ height, overflowY: 'auto', position: 'relative' }}
      >
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const row = rows[v.index]!;
            // Keyed by position: after a sort or a keystroke the rows in view are updated in place, not remounted.
            return (
              <TableRow
                key={v.index}
                row={row}
                index={v.index}
                start={v.start}
                selected={selected.has(row.id)}
                focused={v.index === focus}
                outcome={outcomes[row.id]}
                summary={summaries[row.id]}
                period={period}
                now={now}
                actions={actions}
                onOpen={onOpen}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
});
