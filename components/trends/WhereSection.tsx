// "Where users are hit" in the Explorer's detail panel and the issue page's panel (issue #18): users and events by
// country (lib/trends/geo.ts: events from the `geo.country_code` tag's values, users from Discover) as a world map and
// a list with shares, and the issue's browsers, OSes and releases as small bars. An issue without the tag says so.
import { Group, Loader, Stack, Table, Text } from '@mantine/core';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { DexterError, Target, WhereAnswer } from '@/lib/messages';
import type { Bar } from '@/lib/trends/geo';
import { send } from '../api';
import { ErrorNote } from '../ui/ErrorNote';

const WorldMap = lazy(() => import('./WorldMap'));
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`);
const n = (x: number | null) => (x === null ? '—' : x.toLocaleString('en-US'));
const LIST = 12;

function Bars({ label, bars, total }: { label: string; bars: Bar[] | null; total: number }) {
  return (
    <Stack gap={2} data-breakdown={label} style={{ minWidth: 130, flex: 1 }}>
      <Text size="xs" fw={600}>
        {label}
      </Text>
      {bars === null ? (
        <Text size="xs" c="dimmed">
          No event carries this tag.
        </Text>
      ) : (
        bars.map((b) => (
          <div
            key={b.value}
            title={`${b.value}: ${n(b.count)} of ${n(total)} events (${pct(b.share)})`}
            style={{ fontSize: 'var(--mantine-font-size-xs)' }}
          >
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 4 }}>
              <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{b.value}</span>
              <span>{pct(b.share)}</span>
            </div>
            <div style={{ height: 4, background: 'var(--mantine-color-default-border)', borderRadius: 2 }}>
              <div
                style={{
                  width: `${Math.max(2, b.share * 100)}%`,
                  height: 4,
                  background: 'var(--mantine-color-violet-6)',
                  borderRadius: 2,
                }}
              />
            </div>
          </div>
        ))
      )}
    </Stack>
  );
}

export function WhereSection({ target, issueId }: { target: Target; issueId: string }) {
  const [state, setState] = useState<{ data: WhereAnswer | null; error: DexterError | null } | null>(null);
  useEffect(() => {
    let live = true;
    void send({ type: 'issue.where', target, issueId }).then(
      (r) => live && setState(r.ok ? { data: r.data, error: null } : { data: null, error: r.error }),
    );
    return () => {
      live = false;
    };
  }, [target, issueId]);
  if (!state) return <Loader size="xs" aria-label="Loading where users are hit" />;
  if (state.error || !state.data) return <ErrorNote error={state.error} />;
  const { countries, breakdowns, eventsWithCountry, usersKnown } = state.data;
  return (
    <Stack gap="xs" aria-label="Where users are hit" data-section="where">
      {countries === null ? (
        <Text size="xs" c="dimmed" data-no-country>
          No event of this issue has a country (geo.country_code): Sentry sets it from the user’s IP address, and these
          events carry none.
        </Text>
      ) : (
        <>
          <Suspense fallback={<Loader size="xs" aria-label="Loading the map" />}>
            <WorldMap rows={countries} />
          </Suspense>
          <Text size="xs" c="dimmed">
            {usersKnown
              ? 'Users per country: Discover, last 90 days. '
              : 'Users per country: Discover did not answer. '}
            Events per country: the issue’s geo.country_code tag ({n(eventsWithCountry)} events with a country).
          </Text>
          <Table fz="xs" verticalSpacing={1} data-countries>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Country</Table.Th>
                <Table.Th ta="right">Users</Table.Th>
                <Table.Th ta="right">Share</Table.Th>
                <Table.Th ta="right">Events</Table.Th>
                <Table.Th ta="right">Share</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {countries.slice(0, LIST).map((c) => (
                <Table.Tr key={c.code} data-code={c.code}>
                  <Table.Td title={c.name}>
                    {c.code} {c.name.length > 24 ? `${c.name.slice(0, 23)}…` : c.name}
                  </Table.Td>
                  <Table.Td ta="right">{n(c.users)}</Table.Td>
                  <Table.Td ta="right">{pct(c.userShare)}</Table.Td>
                  <Table.Td ta="right">{n(c.events)}</Table.Td>
                  <Table.Td ta="right">{pct(c.eventShare)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {countries.length > LIST && (
            <Text size="xs" c="dimmed">
              and {countries.length - LIST} more countries
            </Text>
          )}
        </>
      )}
      <Group gap="md" align="flex-start">
        {breakdowns.map((b) => (
          <Bars key={b.key} label={b.label} bars={b.bars} total={b.total} />
        ))}
      </Group>
    </Stack>
  );
}
