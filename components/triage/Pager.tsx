// Previous/next page of Sentry results (cursor pagination), shared by the popup and the Explorer.
import { Button, Group, Text } from '@mantine/core';
import { memo } from 'react';
import { useTriage, useTriageStore } from './context';

// Memoised: the Explorer re-renders its page as the local filter narrows; this part does not depend on it.
export const Pager = memo(function Pager() {
  const store = useTriageStore();
  const nextCursor = useTriage((s) => s.nextCursor);
  const prevCursor = useTriage((s) => s.prevCursor);
  const loading = useTriage((s) => s.loading);
  const hits = useTriage((s) => s.hits);
  return (
    <Group justify="space-between" role="navigation" aria-label="Pages">
      <Button size="compact-sm" variant="default" disabled={!prevCursor || loading} onClick={() => void store.getState().prevPage()}>Previous</Button>
      {hits !== null && <Text size="xs" c="dimmed">{hits.toLocaleString()} matching in Sentry</Text>}
      <Button size="compact-sm" variant="default" disabled={!nextCursor || loading} onClick={() => void store.getState().nextPage()}>Next</Button>
    </Group>
  );
});
