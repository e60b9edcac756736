// Previous/next page: through a set ranked here (the popup sorted by priority), or through Sentry's results with
// its Link cursors (Sentry's own orders, and the Explorer's next set).
import { Button, Group, Text } from '@mantine/core';
import { memo } from 'react';
import { useTriage, useTriageStore } from './context';

// Memoised: the Explorer re-renders its page as the local filter narrows; this part does not depend on it.
export const Pager = memo(function Pager({ local }: { local: boolean }) {
  const store = useTriageStore();
  const nextCursor = useTriage((s) => s.nextCursor);
  const prevCursor = useTriage((s) => s.prevCursor);
  const loading = useTriage((s) => s.loading);
  const hits = useTriage((s) => s.hits);
  const offset = useTriage((s) => s.offset);
  const pageSize = useTriage((s) => s.pageSize);
  const total = useTriage((s) => s.rows.length);
  const prev = local ? offset > 0 : !!prevCursor && !loading;
  const next = local ? offset + pageSize < total : !!nextCursor && !loading;
  const text = local
    ? total
      ? `${(offset + 1).toLocaleString()}–${Math.min(total, offset + pageSize).toLocaleString()} of ${total.toLocaleString()}`
      : null
    : hits !== null
      ? `${hits.toLocaleString()} matching in Sentry`
      : null;
  return (
    <Group justify="space-between" role="navigation" aria-label="Pages">
      <Button size="compact-sm" variant="default" disabled={!prev} onClick={() => void store.getState().prevPage()}>
        Previous
      </Button>
      {text && (
        <Text size="xs" c="dimmed">
          {text}
        </Text>
      )}
      <Button size="compact-sm" variant="default" disabled={!next} onClick={() => void store.getState().nextPage()}>
        Next
      </Button>
    </Group>
  );
});
