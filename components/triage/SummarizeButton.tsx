// "✦ Summarize": turns one-line summaries of the rows in view on or off (a toggle: aria-pressed), says how many are
// waiting for the model, and the latest failure once (no model chosen, the server down) instead of on every row.
import { Button, Group, Text } from '@mantine/core';
import { STATUS_TEXT } from '../ui/theme';
import { useSummaries, useSummaryStore } from './summaryContext';

export function SummarizeButton() {
  const store = useSummaryStore();
  const on = useSummaries((s) => s.on);
  const waiting = useSummaries((s) => Object.values(s.entries).filter((e) => e.state === 'asking').length);
  const error = useSummaries((s) => s.error);
  if (!store) return null;
  return (
    <Group gap={6} wrap="nowrap">
      <Button
        size="compact-xs"
        variant={on ? 'filled' : 'light'}
        aria-pressed={on}
        title={
          on
            ? 'Stop summarising the rows in view'
            : 'Summarise the rows in view with your own model (personal data is scrubbed first)'
        }
        onClick={() => store.getState().setOn(!on)}
      >
        <span aria-hidden="true">✦</span>&nbsp;Summarize
      </Button>
      <Text size="xs" c={error && on ? STATUS_TEXT.error : 'dimmed'} aria-live="polite" lineClamp={2}>
        {on && error
          ? [error.message, error.nextStep].filter(Boolean).join(' ')
          : on && waiting
            ? `${waiting} waiting for your model`
            : ''}
      </Text>
    </Group>
  );
}
