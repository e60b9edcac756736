// The Explorer's issue table: a virtualised ARIA grid, so 10,000 issues keep only the visible rows in the DOM.
import { Checkbox, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import { formatCount, formatRelativeTime } from '@/lib/scoring/format';
import { ImpactBadge, LevelBadge, PriorityBadge } from '../ui/badges';
import { useTriage, useTriageStore } from '../triage/context';
import { handleTriageKey, isGridKey } from '../triage/keys';
import type { IssueRow } from '../triage/rows';
import { RowMenu, type RowActions } from './RowMenu';
import { SparkCell } from './SparkCell';

const ROW_HEIGHT = 40;
const COLUMNS = ['Select', 'Issue', 'Events over time', 'Impact', 'Priority', 'Events', 'Users', 'First seen', 'Last seen', 'Level', 'Actions'];
const GRID: CSSProperties = { display: 'grid', gridTemplateColumns: '32px minmax(200px, 1fr) 100px 110px 60px 60px 60px 80px 80px 80px 36px', alignItems: 'center', gap: 6, padding: '0 8px' };

export interface IssueTableProps {
  rows: readonly IssueRow[];
  period: '24h' | '14d';
  actions: RowActions;
  onOpen(row: IssueRow): void;
  focusSearch(): void;
  height?: number | string;
}

export function IssueTable({ rows, period, actions, onOpen, focusSearch, height = '70vh' }: IssueTableProps) {
  const store = useTriageStore();
  const selected = useTriage((s) => s.selected);
  const failures = useTriage((s) => s.failures);
  const focus = useTriage((s) => s.focus);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8, initialRect: { width: 1200, height: 600 } });
  const now = Date.now();
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));

  useEffect(() => {
    if (rows.length) virtual.scrollToIndex(Math.min(focus, rows.length - 1), { align: 'auto' });
  }, [focus, rows.length, virtual]);

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
      <div role="row" aria-rowindex={1} style={{ ...GRID, height: 32, fontWeight: 600, fontSize: 12, borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <div role="columnheader" aria-label="Select all">
          <Checkbox size="xs" aria-label="Select all loaded issues" checked={allSelected} onChange={(e) => store.getState().selectAll(rows.map((r) => r.id), e.currentTarget.checked)} />
        </div>
        {COLUMNS.slice(1).map((c) => <div role="columnheader" key={c}>{c === 'Actions' ? '' : c}</div>)}
      </div>
      <div ref={scrollRef} role="rowgroup" tabIndex={0} aria-label="Issues (scroll)" style={{ height, overflowY: 'auto', position: 'relative' }}>
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((v) => {
            const row = rows[v.index]!;
            const title = row.issue.title || row.issue.shortId || row.id;
            const isFocused = v.index === focus;
            return (
              <div
                key={row.id}
                role="row"
                id={`explorer-row-${row.id}`}
                aria-rowindex={v.index + 2}
                aria-selected={selected.has(row.id)}
                onClick={() => store.getState().setFocus(v.index)}
                onDoubleClick={() => onOpen(row)}
                style={{ ...GRID, position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)`, borderBottom: '1px solid var(--mantine-color-default-border)', outline: isFocused ? '2px solid var(--mantine-color-violet-6)' : undefined, outlineOffset: -2 }}
              >
                <div role="gridcell"><Checkbox size="xs" tabIndex={-1} aria-label={`Select ${title}`} checked={selected.has(row.id)} onChange={() => store.getState().toggle(row.id)} /></div>
                <div role="gridcell" style={{ minWidth: 0 }}>
                  <Text size="sm" truncate="end" title={title} style={{ cursor: 'pointer' }} onClick={() => onOpen(row)}>{title}</Text>
                  <Text size="xs" c={failures[row.id] ? 'red' : 'dimmed'} truncate="end">{failures[row.id] ? `Failed: ${failures[row.id]}` : `${row.issue.shortId ?? ''} · ${row.issue.culprit ?? ''}${row.issue.status && row.issue.status !== 'unresolved' ? ` · ${row.issue.status}` : ''}`}</Text>
                </div>
                <div role="gridcell"><SparkCell issue={row.issue} period={period} /></div>
                <div role="gridcell"><ImpactBadge impact={row.impact} /></div>
                <div role="gridcell"><PriorityBadge priority={row.priority} /></div>
                <div role="gridcell"><Text size="sm">{formatCount(row.events)}</Text></div>
                <div role="gridcell"><Text size="sm">{formatCount(row.users)}</Text></div>
                <div role="gridcell"><Text size="xs">{formatRelativeTime(row.firstSeen, now)}</Text></div>
                <div role="gridcell"><Text size="xs">{formatRelativeTime(row.lastSeen, now)}</Text></div>
                <div role="gridcell"><LevelBadge level={row.issue.level} /></div>
                <div role="gridcell"><RowMenu row={row} actions={actions} /></div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
