// Breadcrumbs as a timeline coloured by level; each crumb's data expands on click. Text may hold PII: masked.
import { Code, Collapse, Text, Timeline, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import type { BreadcrumbView } from './event';
import { Masked, type MaskSettings } from './Masked';

const COLOR: Record<string, string> = { fatal: 'red', error: 'red', warning: 'yellow', info: 'blue', debug: 'gray' };

function Crumb({ b, mask }: { b: BreadcrumbView; mask: MaskSettings }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Text size="xs"><Masked text={b.message || '(no message)'} mask={mask} /></Text>
      <Text size="xs" c="dimmed">{b.timestamp}</Text>
      {b.data && (
        <>
          <UnstyledButton onClick={() => setOpen(!open)} aria-expanded={open} style={{ fontSize: 11 }}>{open ? '▾ hide data' : '▸ data'}</UnstyledButton>
          <Collapse expanded={open}>
            <Code block><Masked text={JSON.stringify(b.data, null, 2)} mask={mask} /></Code>
          </Collapse>
        </>
      )}
    </>
  );
}

export function Breadcrumbs({ items, mask }: { items: readonly BreadcrumbView[]; mask: MaskSettings }) {
  if (!items.length) return <Text size="xs" c="dimmed">No breadcrumbs.</Text>;
  return (
    <Timeline bulletSize={12} lineWidth={2} active={items.length}>
      {items.map((b, i) => (
        <Timeline.Item key={i} color={COLOR[b.level] ?? 'gray'} title={<Text size="xs" fw={600}>{b.category} · {b.level}</Text>}>
          <Crumb b={b} mask={mask} />
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
