// The popup's compact issue list: one row per issue, a checkbox each, the focused row outlined.
import { Anchor, Checkbox, Group, Stack, Text } from '@mantine/core';
import { formatCount, formatRelativeTime } from '@/lib/scoring/format';
import { ImpactBadge, PriorityBadge } from '../ui/badges';
import type { IssueRow } from './rows';
import { useTriage } from './context';
import type { IssueOutcome } from './store';
import { sentryLink, type Place } from './target';
import { STATUS_TEXT } from '../ui/theme';
import type { SummaryEntry } from './summaries';
import { useSummaries } from './summaryContext';
import { SummaryLine } from './SummaryLine';

/** What the last bulk action or undo did to an issue, as its row says it. */
export function outcomeText(o: IssueOutcome): string {
  return o.ok ? `✓ ${o.text}` : `Not changed: ${o.text}`;
}

export function rowDomId(id: string): string {
  return `issue-row-${id}`;
}

function Row({
  row,
  focused,
  selected,
  outcome,
  summary,
  now,
  link,
}: {
  row: IssueRow;
  focused: boolean;
  selected: boolean;
  outcome?: IssueOutcome;
  summary?: SummaryEntry;
  now: number;
  link: Place['link'];
}) {
  const toggle = useTriage((s) => s.toggle);
  const title = row.issue.title || row.issue.shortId || row.id;
  const url = sentryLink(link, row.id);
  return (
    <div
      role="row"
      id={rowDomId(row.id)}
      aria-selected={selected}
      data-focused={focused || undefined}
      style={{
        padding: '4px 6px',
        borderBottom: '1px solid var(--mantine-color-default-border)',
        outline: focused ? '2px solid var(--mantine-color-violet-6)' : undefined,
        outlineOffset: -2,
      }}
    >
      <Group gap={6} wrap="nowrap" align="flex-start">
        <div role="gridcell">
          <Checkbox
            size="xs"
            checked={selected}
            onChange={() => toggle(row.id)}
            aria-label={`Select ${title}`}
            tabIndex={-1}
          />
        </div>
        <Stack gap={0} role="gridcell" style={{ minWidth: 0, flex: 1 }}>
          {url ? (
            <Anchor
              href={url}
              target="_blank"
              rel="noopener noreferrer"
              size="sm"
              fw={500}
              truncate="end"
              title={`Open in Sentry: ${title}`}
              tabIndex={-1}
            >
              {title}
            </Anchor>
          ) : (
            <Text size="sm" fw={500} truncate="end" title={title}>
              {title}
            </Text>
          )}
          <SummaryLine entry={summary} />
          <Text size="xs" c="dimmed" truncate="end">
            {row.issue.culprit ?? ''}
          </Text>
          {outcome && (
            <Text size="xs" c={outcome.ok ? 'dimmed' : STATUS_TEXT.error}>
              {outcomeText(outcome)}
            </Text>
          )}
        </Stack>
        <Stack gap={2} align="flex-end" role="gridcell">
          <Group gap={4} wrap="nowrap">
            <PriorityBadge priority={row.priority} />
            <ImpactBadge impact={row.impact} />
          </Group>
          <Text size="xs" c="dimmed">
            {formatCount(row.events)} ev · {formatRelativeTime(row.lastSeen, now)}
            {row.issue.status && row.issue.status !== 'unresolved' ? ` · ${row.issue.status}` : ''}
          </Text>
        </Stack>
      </Group>
    </div>
  );
}

export function IssueList({ rows, link }: { rows: readonly IssueRow[]; link: Place['link'] }) {
  const focus = useTriage((s) => s.focus);
  const selected = useTriage((s) => s.selected);
  const outcomes = useTriage((s) => s.outcomes);
  const summaries = useSummaries((s) => s.entries);
  const now = Date.now();
  if (!rows.length)
    return (
      <Text size="sm" c="dimmed" p="sm">
        No issues match.
      </Text>
    );
  return (
    <>
      {rows.map((r, i) => (
        <Row
          key={r.id}
          row={r}
          focused={i === focus}
          selected={selected.has(r.id)}
          outcome={outcomes[r.id]}
          summary={summaries[r.id]}
          now={now}
          link={link}
        />
      ))}
    </>
  );
}
