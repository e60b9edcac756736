// The digest view's export menu in the Explorer: the same three formats as the issue exports.
import { Button, Menu } from '@mantine/core';
import type { DigestAnswer } from '@/lib/messages';
import { exportDigest } from './digestExport';

export function DigestExportMenu({ answer, link }: { answer: DigestAnswer; link(id: string): string | null }) {
  return (
    <Menu>
      <Menu.Target>
        <Button size="compact-xs" variant="light">
          Export digest
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => exportDigest('csv', answer, link)}>CSV</Menu.Item>
        <Menu.Item onClick={() => exportDigest('json', answer, link)}>JSON</Menu.Item>
        <Menu.Item onClick={() => exportDigest('md', answer, link)}>Markdown report</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
