// Bulk Resolve / Ignore / Unresolve for the selected issues, with progress, the outcome, Undo, and the question a
// change must ask first: many issues at once, or issues whose state could not be set back by Undo.
import { Button, Group, List, Modal, Progress, Text } from '@mantine/core';
import { memo } from 'react';
import { useTriage } from './context';
import type { BulkStatus, PendingChange } from './store';

const VERB: Record<BulkStatus, string> = { resolved: 'Resolve', ignored: 'Ignore', unresolved: 'Unresolve' };
const SHOWN_REASONS = 8;

function Confirm({ pending }: { pending: PendingChange }) {
  const confirm = useTriage((s) => s.confirm);
  const issues = useTriage((s) => s.issues);
  const n = pending.ids.length;
  const verb = VERB[pending.status];
  const titles = new Map(issues.map((i) => [i.id, i.shortId || i.title || i.id]));
  const { noUndo } = pending;
  return (
    <Modal
      opened
      onClose={() => void confirm(false)}
      title={n === 1 ? `${verb} this issue?` : `${verb} ${n.toLocaleString()} issues?`}
    >
      {noUndo.length > 0 ? (
        <>
          <Text size="sm" fw={600}>
            No undo for{' '}
            {noUndo.length === n ? (n === 1 ? 'it' : `any of them`) : `${noUndo.length.toLocaleString()} of them`}:
          </Text>
          <List size="xs" mt={4}>
            {noUndo.slice(0, SHOWN_REASONS).map((f) => (
              <List.Item key={f.id}>
                {titles.get(f.id) ?? f.id}: {f.reason}
              </List.Item>
            ))}
          </List>
          {noUndo.length > SHOWN_REASONS && (
            <Text size="xs" c="dimmed">
              …and {(noUndo.length - SHOWN_REASONS).toLocaleString()} more.
            </Text>
          )}
          {noUndo.length < n && (
            <Text size="sm" mt="xs">
              You can undo the others afterwards.
            </Text>
          )}
        </>
      ) : (
        <Text size="sm">{`${verb} ${n.toLocaleString()} issues? You can undo it afterwards.`}</Text>
      )}
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={() => void confirm(false)}>
          Cancel
        </Button>
        <Button onClick={() => void confirm(true)}>
          {noUndo.length ? `${verb} without undo` : `${verb} ${n.toLocaleString()}`}
        </Button>
      </Group>
    </Modal>
  );
}

// Memoised: the Explorer re-renders its page as the local filter narrows; this part does not depend on it.
export const BulkBar = memo(function BulkBar() {
  const selected = useTriage((s) => s.selected);
  const progress = useTriage((s) => s.progress);
  const outcome = useTriage((s) => s.outcome);
  const pending = useTriage((s) => s.pending);
  const canUndo = useTriage((s) => !!s.undoable);
  const bulk = useTriage((s) => s.bulk);
  const undo = useTriage((s) => s.undo);
  const clear = useTriage((s) => s.clearSelection);
  const count = selected.size;
  const busy = !!progress || !!pending;

  return (
    <div role="region" aria-label="Bulk actions">
      <Group gap="xs" wrap="wrap">
        <Text size="sm" aria-live="polite">
          {count.toLocaleString()} selected
        </Text>
        {(['resolved', 'ignored', 'unresolved'] as const).map((s) => (
          <Button key={s} size="compact-sm" variant="light" disabled={!count || busy} onClick={() => void bulk(s)}>
            {VERB[s]}
          </Button>
        ))}
        {count > 0 && (
          <Button size="compact-sm" variant="subtle" onClick={clear}>
            Clear
          </Button>
        )}
        {canUndo && !busy && (
          <Button size="compact-sm" variant="outline" onClick={() => void undo()}>
            Undo
          </Button>
        )}
      </Group>
      {progress && (
        <div>
          <Text size="xs">
            {progress.checking
              ? `Reading ${progress.total.toLocaleString()} issues before changing them…`
              : `${progress.undo ? 'Undoing' : VERB[progress.status]}: ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}`}
          </Text>
          <Progress
            value={progress.total ? (100 * progress.done) / progress.total : 0}
            aria-label="Bulk action progress"
            size="sm"
          />
        </div>
      )}
      {outcome && !progress && (
        <Text size="xs" role="status" c={outcome.failed ? 'red' : 'dimmed'}>
          {outcome.undo
            ? `Undone for ${outcome.updated.toLocaleString()}`
            : `${VERB[outcome.status]}d ${outcome.updated.toLocaleString()}`}
          {outcome.failed
            ? ` · ${outcome.failed.toLocaleString()} not changed (kept selected, the reason is on each)`
            : ''}
          {outcome.noUndo ? ` · ${outcome.noUndo.toLocaleString()} without undo` : ''}
        </Text>
      )}
      {pending && <Confirm pending={pending} />}
    </div>
  );
});
