// Bulk Resolve / Ignore / Unresolve for the selected issues, with progress, the outcome, and Undo.
import { Button, Group, Modal, Progress, Text } from '@mantine/core';
import { memo, useState } from 'react';
import { useTriage } from './context';
import type { BulkStatus } from './store';

const VERB: Record<BulkStatus, string> = { resolved: 'Resolve', ignored: 'Ignore', unresolved: 'Unresolve' };

// Memoised: the Explorer re-renders its page as the local filter narrows; this part does not depend on it.
export const BulkBar = memo(function BulkBar({ confirmAbove = Infinity }: { confirmAbove?: number }) {
  const selected = useTriage((s) => s.selected);
  const progress = useTriage((s) => s.progress);
  const outcome = useTriage((s) => s.outcome);
  const canUndo = useTriage((s) => Object.keys(s.previous).length > 0);
  const bulk = useTriage((s) => s.bulk);
  const undo = useTriage((s) => s.undo);
  const clear = useTriage((s) => s.clearSelection);
  const [asking, setAsking] = useState<BulkStatus | null>(null);
  const count = selected.size;

  const act = (status: BulkStatus) => {
    if (count > confirmAbove) setAsking(status);
    else void bulk(status);
  };

  return (
    <div role="region" aria-label="Bulk actions">
      <Group gap="xs" wrap="wrap">
        <Text size="sm" aria-live="polite">{count} selected</Text>
        {(['resolved', 'ignored', 'unresolved'] as const).map((s) => (
          <Button key={s} size="compact-sm" variant="light" disabled={!count || !!progress} onClick={() => act(s)}>
            {VERB[s]}
          </Button>
        ))}
        {count > 0 && <Button size="compact-sm" variant="subtle" onClick={clear}>Clear</Button>}
        {canUndo && !progress && <Button size="compact-sm" variant="outline" onClick={() => void undo()}>Undo</Button>}
      </Group>
      {progress && (
        <div>
          <Text size="xs">{progress.undo ? 'Undoing' : VERB[progress.status]}: {progress.done} of {progress.total}</Text>
          <Progress value={progress.total ? (100 * progress.done) / progress.total : 0} aria-label="Bulk action progress" size="sm" />
        </div>
      )}
      {outcome && !progress && (
        <Text size="xs" role="status" c={outcome.failed ? 'red' : 'dimmed'}>
          {outcome.undo ? `Undone for ${outcome.updated}` : `${VERB[outcome.status]}d ${outcome.updated}`}
          {outcome.failed ? ` · ${outcome.failed} failed (kept selected, reason shown on each)` : ''}
        </Text>
      )}
      <Modal opened={asking !== null} onClose={() => setAsking(null)} title="Change many issues?">
        <Text size="sm">{asking && `${VERB[asking]} ${count} issues? You can undo it afterwards.`}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setAsking(null)}>Cancel</Button>
          <Button
            onClick={() => {
              const s = asking;
              setAsking(null);
              if (s) void bulk(s);
            }}
          >
            {asking && `${VERB[asking]} ${count}`}
          </Button>
        </Group>
      </Modal>
    </div>
  );
});
