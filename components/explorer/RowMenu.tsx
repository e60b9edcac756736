// Per-row actions in the Explorer table.
import { ActionIcon, Menu } from '@mantine/core';
import type { IssueRow } from '../triage/rows';

export interface RowActions {
  link(id: string): string | null;
  open(url: string): void;
  copy(text: string): void;
  explain(row: IssueRow): void;
  setStatus(row: IssueRow, status: 'resolved' | 'ignored'): void;
}

export function RowMenu({ row, actions }: { row: IssueRow; actions: RowActions }) {
  const url = actions.link(row.id);
  const title = row.issue.title || row.id;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" size="sm" aria-label={`Actions for ${title}`} tabIndex={-1}>⋯</ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item disabled={!url} onClick={() => url && actions.open(url)}>Open in Sentry</Menu.Item>
        <Menu.Item disabled={!url} onClick={() => url && actions.copy(url)}>Copy link</Menu.Item>
        <Menu.Item onClick={() => actions.explain(row)}>Explain with AI</Menu.Item>
        <Menu.Divider />
        <Menu.Item onClick={() => actions.setStatus(row, 'resolved')}>Resolve</Menu.Item>
        <Menu.Item onClick={() => actions.setStatus(row, 'ignored')}>Ignore</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
