// A set being loaded (the popup's ranking, the Explorer's stream): its progress with Stop while pages come, then
// one line that says what the list holds out of how many Sentry matched, and "Load the rest" after a stop or a
// failed page.
import { Button, Group, Progress, Text } from '@mantine/core';
import { memo } from 'react';
import { summaryLine } from '@/lib/triage/summary';
import { useTriage, useTriageStore } from './context';
import { ORDER_WORDS, serverSort } from './rows';
import { isRanked } from './store';

export const SetStatus = memo(function SetStatus() {
  const store = useTriageStore();
  const set = useTriage((s) => s.set);
  const sort = useTriage((s) => s.sort);
  const status = useTriage((s) => s.status);
  const keyword = useTriage((s) => s.keyword);
  const period = useTriage((s) => s.settings.list.statsPeriod);
  if (!set) return null;
  const ranked = isRanked(sort);
  const line = summaryLine({
    ...set,
    ranked,
    status,
    keyword: keyword.trim() !== '',
    period,
    order: ORDER_WORDS[serverSort(sort)],
  });
  const loading = set.state === 'loading';
  return (
    <div role="status" aria-label={ranked ? 'Ranking' : 'Loading'}>
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Text size="xs" c={set.state === 'failed' ? 'red' : 'dimmed'}>
          {line}
        </Text>
        {loading && (
          <Button size="compact-xs" variant="default" onClick={() => store.getState().stop()}>
            Stop
          </Button>
        )}
        {!loading && set.resume && (
          <Button size="compact-xs" variant="light" onClick={() => void store.getState().resume()}>
            Load the rest
          </Button>
        )}
      </Group>
      {loading && (
        <Progress
          value={set.limit ? (100 * set.loaded) / set.limit : 0}
          size="xs"
          aria-label={ranked ? 'Issues fetched to rank' : 'Issues loaded'}
        />
      )}
    </div>
  );
});
