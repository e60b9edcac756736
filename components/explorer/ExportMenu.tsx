// The Explorer's export menu: the selected issues, or else the shown ones, as CSV, JSON or a Markdown report, with
// each row's one-line summary where it has one.
import { Button, Menu } from '@mantine/core';
import { memo } from 'react';
import { useTriage } from '../triage/context';
import { useSummaryStore } from '../triage/summaryContext';
import type { IssueRow } from '../triage/rows';
import { download, toCsv, toExportRow, toJson, toMarkdown } from './export';

export interface ExportMenuProps {
  /** The loaded rows in table order and the ones the filter shows, read when an export is chosen. */
  rows(): { sorted: readonly IssueRow[]; shown: readonly IssueRow[] };
  org: string;
  link(id: string): string | null;
}

// Memoised, and reads the rows only when used: sorting and filtering do not re-render the menu.
export const ExportMenu = memo(function ExportMenu({ rows, org, link }: ExportMenuProps) {
  const selected = useTriage((s) => s.selected);
  const summaries = useSummaryStore();
  const exportAs = (kind: 'csv' | 'json' | 'md') => {
    const { sorted, shown } = rows();
    const chosen = sorted.filter((r) => selected.has(r.id));
    const entries = summaries?.getState().entries ?? {};
    const out = (chosen.length ? chosen : shown).map((r) => toExportRow(r, link, entries[r.id]));
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    if (kind === 'csv') download(`dexter-issues-${stamp}.csv`, toCsv(out), 'text/csv');
    else if (kind === 'json') download(`dexter-issues-${stamp}.json`, toJson(out), 'application/json');
    else download(`dexter-issues-${stamp}.md`, toMarkdown(out, { title: `Sentry issues — ${org}` }), 'text/markdown');
  };
  return (
    <Menu>
      <Menu.Target>
        <Button variant="light" size="sm">
          Export {selected.size ? `${selected.size} selected` : 'shown'}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => exportAs('csv')}>CSV</Menu.Item>
        <Menu.Item onClick={() => exportAs('json')}>JSON</Menu.Item>
        <Menu.Item onClick={() => exportAs('md')}>Markdown report</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
});
