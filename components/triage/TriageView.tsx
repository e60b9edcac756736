// The popup's Triage tab: the org/project of the active tab, its issues ranked by priority over the whole set
// (up to the rank limit), a page at a time, with bulk actions and keys.
import { Button, Checkbox, Group, Loader, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { send } from '../api';
import { ErrorNote } from '../ui/ErrorNote';
import { openTab } from '../ui/open';
import { BulkBar } from './BulkBar';
import { useTriage, useTriageStore } from './context';
import { FilterBar } from './FilterBar';
import { IssueList, rowDomId } from './IssueList';
import { Pager } from './Pager';
import { SetStatus } from './SetStatus';
import { handleTriageKey, isGridKey } from './keys';
import { buildQuery, sortRows, type IssueRow } from './rows';
import { explorerUrl, sentryLink, type Place } from './target';
import { rowsInView } from './inView';
import { SummarizeButton } from './SummarizeButton';
import { useRowsInView, useSummaries } from './summaryContext';

export function TriageView({ place }: { place: Place }) {
  const store = useTriageStore();
  const rows = useTriage((s) => s.rows);
  const sort = useTriage((s) => s.sort);
  const offset = useTriage((s) => s.offset);
  const pageSize = useTriage((s) => s.pageSize);
  const ranking = useTriage((s) => s.set !== null);
  const loading = useTriage((s) => s.loading);
  const error = useTriage((s) => s.error);
  const selected = useTriage((s) => s.selected);
  const focus = useTriage((s) => s.focus);
  const searchRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  // A ranked set is paged here; a Sentry page is shown whole.
  const sorted = useMemo(() => {
    const all = sortRows(rows, sort);
    return ranking ? all.slice(offset, offset + pageSize) : all;
  }, [rows, sort, ranking, offset, pageSize]);
  const allOnPage = sorted.length > 0 && sorted.every((r) => selected.has(r.id));

  // Summaries: the rows the list shows now, then the rest of the page; again after a scroll or another page.
  const summarizing = useSummaries((s) => s.on);
  const reportView = useRowsInView(true);
  const reportRows = useCallback(() => {
    const grid = gridRef.current;
    if (!grid) return;
    const { view, near } = rowsInView(
      grid,
      sorted.map((r) => ({ id: r.id, el: document.getElementById(rowDomId(r.id)) })),
    );
    reportView(view, near);
  }, [sorted, reportView]);
  useEffect(() => reportRows(), [reportRows, summarizing]);

  const open = (row: IssueRow) => {
    const url = sentryLink(place.link, row.id);
    if (url) void openTab(url);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.metaKey || e.ctrlKey || e.altKey || !isGridKey(e.target, gridRef.current, e.key)) return;
    if (handleTriageKey(e.key, store.getState(), sorted, { open, focusSearch: () => searchRef.current?.focus() }))
      e.preventDefault();
  };
  const openExplorer = () => {
    const s = store.getState();
    const query = buildQuery(s.status, s.keyword);
    // open.explorer carries only the query; for the tab's own org the Explorer needs apiBase/org/projects too.
    if (place.source === 'tab' && place.target) void openTab(explorerUrl(query, place.target, place.projects));
    else void send({ type: 'open.explorer', query });
  };

  if (!place.target) {
    return (
      <ErrorNote
        error={{
          kind: 'invalid-request',
          message: 'This tab is not a Sentry issue list and no organization is set.',
          nextStep: 'Open Sentry in this tab, or choose an organization in Settings.',
        }}
      />
    );
  }
  const focused = sorted[focus];
  return (
    <Stack gap="xs" onKeyDown={onKeyDown}>
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          <b>{place.target.org}</b>{' '}
          <Text span c="dimmed" size="xs">
            ({place.source === 'tab' ? 'from this tab' : 'from Settings'})
          </Text>
        </Text>
        <Button size="compact-sm" variant="light" onClick={openExplorer}>
          Open Explorer
        </Button>
      </Group>
      <FilterBar searchRef={searchRef} />
      <BulkBar />
      <SetStatus />
      <ErrorNote error={error} />
      <Group gap="xs">
        <Checkbox
          size="xs"
          label="Select all on page"
          checked={allOnPage}
          onChange={(e) =>
            store.getState().selectAll(
              sorted.map((r) => r.id),
              e.currentTarget.checked,
            )
          }
        />
        {loading && <Loader size="xs" aria-label="Loading issues" />}
        <SummarizeButton />
      </Group>
      <div
        ref={gridRef}
        role="grid"
        aria-label="Issues (j/k move, x select, Enter open, r resolve, i ignore, / search)"
        aria-rowcount={sorted.length}
        aria-activedescendant={focused ? rowDomId(focused.id) : undefined}
        tabIndex={0}
        onScroll={reportRows}
        style={{ maxHeight: 340, overflowY: 'auto' }}
      >
        <IssueList rows={sorted} link={place.link} />
      </div>
      <Pager local={ranking} />
    </Stack>
  );
}
