// The digest's data, no model involved: totals, the top issues by Dexter's priority, the new, escalating and regressed
// ones, and the totals per project and release. Titles and release names are event data: rendered as text.
import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { Digest, DigestIssue } from '@/lib/digest/build';
import { formatCount, formatExact } from '@/lib/scoring/format';
import { sentryLink, type Place } from '../target';

/** Where the issues read reached the background's cap (5 pages of 100, most events first). */
const READ_CAP = 500;

function Item({ issue, link }: { issue: DigestIssue; link: Place['link'] }) {
  const url = sentryLink(link, issue.id);
  return (
    <li style={{ minWidth: 0 }}>
      <Group gap={6} wrap="nowrap">
        {url ? (
          <Anchor href={url} target="_blank" rel="noopener noreferrer" size="xs" fw={600} style={{ flexShrink: 0 }}>
            {issue.shortId}
          </Anchor>
        ) : (
          <Text size="xs" fw={600} style={{ flexShrink: 0 }}>
            {issue.shortId}
          </Text>
        )}
        <Text size="xs" truncate="end" title={issue.title} style={{ flex: 1 }}>
          {issue.title}
        </Text>
        <Text
          size="xs"
          c="dimmed"
          style={{ flexShrink: 0 }}
          title={`${formatExact(issue.events)} events, ${formatExact(issue.users)} users, priority ${issue.priority}`}
        >
          {formatCount(issue.events)} ev · {formatCount(issue.users)} users · P{issue.priority}
        </Text>
      </Group>
    </li>
  );
}

function Section({ title, issues, link }: { title: string; issues: readonly DigestIssue[]; link: Place['link'] }) {
  return (
    <section aria-label={title}>
      <Title order={4} size="h6">
        {title}{' '}
        <Text span size="xs" c="dimmed">
          ({issues.length})
        </Text>
      </Title>
      {issues.length ? (
        <ul style={{ margin: 0, paddingLeft: 16 }}>
          {issues.map((i) => (
            <Item key={i.id} issue={i} link={link} />
          ))}
        </ul>
      ) : (
        <Text size="xs" c="dimmed">
          None.
        </Text>
      )}
    </section>
  );
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function DigestLists({ digest, link }: { digest: Digest; link: Place['link'] }) {
  const t = digest.totals;
  return (
    <Stack gap="xs">
      <Text size="sm" role="status">
        {formatExact(t.issues)} issues seen, {formatExact(t.events)} events, {formatExact(t.users)} users (summed per
        issue), {when(digest.from)} – {when(digest.to)}.
        {t.issues >= READ_CAP && (
          <Text span size="xs" c="dimmed">
            {' '}
            The {READ_CAP} issues with the most events were read.
          </Text>
        )}
      </Text>
      <Section title="Top by Dexter’s priority" issues={digest.top} link={link} />
      <Section title="New" issues={digest.newIssues} link={link} />
      <Section title="Escalating" issues={digest.escalating} link={link} />
      <Section title="Regressed" issues={digest.regressed} link={link} />
      <section aria-label="By project and release">
        <Title order={4} size="h6">
          By project and release
        </Title>
        <Table fz="xs" verticalSpacing={2} horizontalSpacing={4} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Project</Table.Th>
              <Table.Th>Release</Table.Th>
              <Table.Th ta="right">Issues</Table.Th>
              <Table.Th ta="right">Events</Table.Th>
              <Table.Th ta="right">Users</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {digest.groups.map((g) => (
              <Table.Tr key={`${g.project}\u0000${g.release ?? ''}`}>
                <Table.Td>{g.project}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-all' }}>{g.release ?? '—'}</Table.Td>
                <Table.Td ta="right">{formatExact(g.issues)}</Table.Td>
                <Table.Td ta="right">{formatCount(g.events)}</Table.Td>
                <Table.Td ta="right">{formatCount(g.users)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {!digest.groups.length && (
          <Text size="xs" c="dimmed">
            No issue was seen in this period.
          </Text>
        )}
      </section>
    </Stack>
  );
}
