// One row of the Explorer's issue table. Memoised on plain props: a keystroke or a sort re-renders only the
// rows whose position, selection, focus or failure changed, not every Mantine cell of every visible row.
import { Checkbox } from '@mantine/core';
import { memo, type CSSProperties } from 'react';
import { formatCount, formatRelativeTime } from '@/lib/scoring/format';
import { ImpactBadge, LevelBadge, PriorityBadge } from '../ui/badges';
import { useTriageStore } from '../triage/context';
import type { IssueRow } from '../triage/rows';
import { outcomeText } from '../triage/IssueList';
import type { IssueOutcome } from '../triage/store';
import type { SummaryEntry } from '../triage/summaries';
import { summaryWords } from '../triage/SummaryLine';
import { RowMenu, type RowActions } from './RowMenu';
import { SparkCell } from './SparkCell';

export const ROW_HEIGHT = 40;
export const GRID: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: '32px minmax(200px, 1fr) minmax(160px, 0.9fr) 100px 110px 60px 60px 60px 80px 80px 80px 36px',
  alignItems: 'center',
  gap: 6,
  padding: '0 8px',
};

// Plain elements styled like Mantine's small, truncated Text: the row's text cells as Mantine components
// cost more to render than the rest of the row.
const TEXT_SM: CSSProperties = { fontSize: 'var(--mantine-font-size-sm)', lineHeight: 'var(--mantine-line-height-sm)' };
const TEXT_XS: CSSProperties = { fontSize: 'var(--mantine-font-size-xs)', lineHeight: 'var(--mantine-line-height-xs)' };
const TRUNCATE: CSSProperties = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' };
const TITLE: CSSProperties = { ...TEXT_SM, ...TRUNCATE, cursor: 'pointer' };
const SUBTITLE: CSSProperties = { ...TEXT_XS, ...TRUNCATE, color: 'var(--mantine-color-dimmed)' };
const FAILED: CSSProperties = { ...SUBTITLE, color: 'var(--mantine-color-red-text)' };
const LINE: CSSProperties = { ...TEXT_XS, ...TRUNCATE };
const MUTED: CSSProperties = { ...SUBTITLE, fontStyle: 'italic' };
const CAUSE: CSSProperties = { ...SUBTITLE, color: 'var(--mantine-color-violet-text)' };

/** The summary column: the model's line, its cause and confidence below; what is happening instead, muted. */
function SummaryCell({ entry }: { entry: SummaryEntry | undefined }) {
  if (!entry) return <div role="gridcell" />;
  const w = summaryWords(entry);
  const confidence =
    entry.state === 'done' && entry.summary.status === 'ok' ? ` · ${Math.round(entry.summary.confidence * 100)}%` : '';
  return (
    <div role="gridcell" style={{ minWidth: 0 }} title={w.detail}>
      <div style={w.muted ? MUTED : LINE}>{w.line}</div>
      {w.cause && (
        <div style={CAUSE} data-cause={entry.state === 'done' ? entry.summary.cause : undefined}>
          {w.cause}
          {confidence}
        </div>
      )}
    </div>
  );
}

export interface TableRowProps {
  row: IssueRow;
  index: number;
  start: number;
  selected: boolean;
  focused: boolean;
  outcome: IssueOutcome | undefined;
  summary: SummaryEntry | undefined;
  period: '24h' | '14d';
  now: number;
  actions: RowActions;
  onOpen(row: IssueRow): void;
}

export const TableRow = memo(function TableRow({
  row,
  index,
  start,
  selected,
  focused,
  outcome,
  summary,
  period,
  now,
  actions,
  onOpen,
}: TableRowProps) {
  const store = useTriageStore();
  const title = row.issue.title || row.issue.shortId || row.id;
  const status = row.issue.status && row.issue.status !== 'unresolved' ? ` · ${row.issue.status}` : '';
  return (
    <div
      role="row"
      id={`explorer-row-${row.id}`}
      aria-rowindex={index + 2}
      aria-selected={selected}
      onClick={() => store.getState().setFocus(index)}
      onDoubleClick={() => onOpen(row)}
      style={{
        ...GRID,
        position: 'absolute',
        top: 0,
        left: 0,
        right: 0,
        height: ROW_HEIGHT,
        transform: `translateY(${start}px)`,
        borderBottom: '1px solid var(--mantine-color-default-border)',
        outline: focused ? '2px solid var(--mantine-color-violet-6)' : undefined,
        outlineOffset: -2,
      }}
    >
      <div role="gridcell">
        <Checkbox
          size="xs"
          tabIndex={-1}
          aria-label={`Select ${title}`}
          checked={selected}
          onChange={() => store.getState().toggle(row.id)}
        />
      </div>
      <div role="gridcell" style={{ minWidth: 0 }}>
        <div title={title} style={TITLE} onClick={() => onOpen(row)}>
          {title}
        </div>
        <div style={outcome && !outcome.ok ? FAILED : SUBTITLE}>
          {outcome
            ? `${row.issue.shortId ?? ''} · ${outcomeText(outcome)}`
            : `${row.issue.shortId ?? ''} · ${row.issue.culprit ?? ''}${status}`}
        </div>
      </div>
      <SummaryCell entry={summary} />
      <div role="gridcell">
        <SparkCell issue={row.issue} period={period} />
      </div>
      <div role="gridcell">
        <ImpactBadge impact={row.impact} />
      </div>
      <div role="gridcell">
        <PriorityBadge priority={row.priority} />
      </div>
      <div role="gridcell" style={TEXT_SM}>
        {formatCount(row.events)}
      </div>
      <div role="gridcell" style={TEXT_SM}>
        {formatCount(row.users)}
      </div>
      <div role="gridcell" style={TEXT_XS}>
        {formatRelativeTime(row.firstSeen, now)}
      </div>
      <div role="gridcell" style={TEXT_XS}>
        {formatRelativeTime(row.lastSeen, now)}
      </div>
      <div role="gridcell">
        <LevelBadge level={row.issue.level} />
      </div>
      <div role="gridcell">
        <RowMenu row={row} actions={actions} />
      </div>
    </div>
  );
});
