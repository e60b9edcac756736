// Tags, HTTP request and contexts of an event, every value masked per the privacy settings.
import { Table, Text } from '@mantine/core';
import type { SentryEvent } from '@/lib/sentry/schemas';
import { contextRows, request } from './event';
import { Masked, type MaskSettings } from './Masked';

function KeyValues({ rows, mask, label }: { rows: [string, string][]; mask: MaskSettings; label: string }) {
  if (!rows.length)
    return (
      <Text size="xs" c="dimmed">
        None.
      </Text>
    );
  return (
    <Table withRowBorders={false} verticalSpacing={2} fz="xs" aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Key</Table.Th>
          <Table.Th scope="col">Value</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(([k, v], i) => (
          <Table.Tr key={i}>
            <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>{k}</Table.Td>
            <Table.Td style={{ wordBreak: 'break-all' }}>
              <Masked text={v} mask={mask} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function TagsSection({ event, mask }: { event: SentryEvent; mask: MaskSettings }) {
  return <KeyValues label="Tags" rows={event.tags.map((t) => [t.key, t.value ?? ''])} mask={mask} />;
}

export function RequestSection({ event, mask }: { event: SentryEvent; mask: MaskSettings }) {
  const r = request(event);
  if (!r)
    return (
      <Text size="xs" c="dimmed">
        No HTTP request in this event.
      </Text>
    );
  const rows: [string, string][] = [
    ['Method', r.method],
    ['URL', r.url],
    ...(r.query ? [['Query', r.query] as [string, string]] : []),
    ...r.headers,
    ...(r.data ? [['Body', r.data] as [string, string]] : []),
  ];
  return <KeyValues label="HTTP request" rows={rows} mask={mask} />;
}

export function ContextsSection({ event, mask }: { event: SentryEvent; mask: MaskSettings }) {
  return <KeyValues label="Contexts" rows={contextRows(event).map(([c, k, v]) => [`${c}.${k}`, v])} mask={mask} />;
}
