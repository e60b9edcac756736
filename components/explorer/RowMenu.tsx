// Per-row actions in the Explorer table.
import { ActionIcon, Menu } from '@mantine/core';
import { useState } from 'react';
import type { IssueRow } from '../triage/rows';

export interface RowActions {
  link(id: string): string | null;
  open(url: string): void;
  copy(text: string): void;
  explain(row: IssueRow): void;
  setStatus(row: IssueRow, status: 'resolved' | 'ignored'): void;
}

/**
 * The "⋯" button; the Mantine menu (a popover with positioning hooks) is mounted on the first click only, since
 * every sort or filter keystroke brings new rows into view and each would otherwise set one up.
 */
export function RowMenu({ row, actions }: { row: IssueRow; actions: RowActions }) {
  // The row in a table slot changes on every sort: the menu belongs to the row it was opened for.
  const [usedFor, setUsedFor] = useState<string | null>(null);
  const [opened, setOpened] = useState(false);
  const used = usedFor === row.id;
  const title = row.issue.title || row.id;
  const button = (
    <ActionIcon
      variant="subtle"
      size="sm"
      aria-label={`Actions for ${title}`}
      tabIndex={-1}
      onClick={
        used
          ? undefined
          : () => {
              setUsedFor(row.id);
              setOpened(true);
            }
      }
    >
      ⋯
    </ActionIcon>
  );
  if (!used) return button;
  const url = actions.link(row.id);
  return (
    <Menu position="bottom-end" withinPortal opened={opened} onChange={setOpened}>
      <Menu.Target>{button}</Menu.Target>
      <Menu.Dropdown>
        <Menu.Item disabled={!url} onClick={() => url && actions.open(url)}>
          Open in Sentry
        </Menu.Item>
        <Menu.Item disabled={!url} onClick={() => url && actions.copy(url)}>
          Copy link
        </Menu.Item>
        <Menu.Item onClick={() => actions.explain(row)}>Explain with AI</Menu.Item>
        <Menu.Divider />
        <Menu.Item onClick={() => actions.setStatus(row, 'resolved')}>Resolve</Menu.Item>
        <Menu.Item onClick={() => actions.setStatus(row, 'ignored')}>Ignore</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
