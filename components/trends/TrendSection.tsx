// "Trend" in the Explorer's detail panel and the issue page's panel (issue #18): chips from the issue itself (first
// seen in, regressed in, resolved in, started after a deploy), Sentry's escalation rule with its numbers and Sentry's
// own state, and the week by the hour with today's forecast as a line and the release and deploy ticks.
import { Badge, Group, Loader, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { Target } from '@/lib/messages';
import { escalationText } from '@/lib/trends/forecast';
import { ErrorNote } from '../ui/ErrorNote';
import { TrendChart } from './TrendChart';
import { weekView } from './trendData';
import { useIssueTrend } from './useIssueTrend';

const STATE_COLOR = { escalating: 'red', steady: 'gray', young: 'yellow', unknown: 'gray' } as const;
const STATE_TEXT = {
  escalating: 'escalating',
  steady: 'not escalating',
  young: 'under a day old',
  unknown: 'forecast unknown',
} as const;

export function TrendSection({ target, issueId }: { target: Target; issueId: string }) {
  const { data, error } = useIssueTrend(target, issueId);
  const view = useMemo(() => (data ? weekView(data, false) : null), [data]);
  if (error) return <ErrorNote error={error} />;
  if (!data || !view) return <Loader size="xs" aria-label="Loading the trend" />;
  const e = data.escalation;
  return (
    <Stack gap={4} aria-label="Trend" data-section="trend">
      <Group gap={4}>
        <Badge
          size="sm"
          variant="light"
          color={STATE_COLOR[e.state]}
          title={escalationText(e, data.sentry)}
          data-state={e.state}
        >
          {STATE_TEXT[e.state]}
          {e.forecast !== null ? ` · ${e.thisHour ?? '?'} of ${e.forecast}/h` : ''}
        </Badge>
        {data.sentry === 'escalating' && (
          <Badge size="sm" variant="outline" color="red" title="Sentry’s own substatus for this issue">
            Sentry: escalating
          </Badge>
        )}
        {data.chips.map((c) => (
          <Badge key={c.kind} size="sm" variant="light" color="violet" title={c.title} data-chip={c.kind}>
            {c.text}
          </Badge>
        ))}
      </Group>
      <Text size="xs" c="dimmed">
        {escalationText(e, data.sentry)}
      </Text>
      <TrendChart data={view} width={320} height={90} />
      {data.releases !== 'ok' && (
        <Text size="xs" c="dimmed">
          {data.releases === 'none'
            ? 'Sentry has no releases for this project, so there are no release or deploy markers.'
            : 'Sentry did not give this project’s releases, so there are no release or deploy markers.'}
        </Text>
      )}
    </Stack>
  );
}
