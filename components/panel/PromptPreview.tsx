// "Preview prompt": exactly the system and user text Dexter will send, its size against the budget, the
// sections dropped to fit, and what each PII rule scrubbed.
import { Alert, Badge, Button, Code, Group, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { DexterError, PromptPreview as Preview, Target } from '@/lib/messages';
import { send } from '../api';
import { ErrorPanel } from './ErrorPanel';

type Loaded =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ok'; preview: Preview }
  | { status: 'error'; error: DexterError };

export function PromptPreviewButton({
  target,
  issueId,
  eventId,
}: {
  target: Target;
  issueId: string;
  eventId: string;
}) {
  const [opened, setOpened] = useState(false);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'idle' });

  const load = async () => {
    setLoaded({ status: 'loading' });
    const res = await send({ type: 'prompt.preview', target, issueId, eventId });
    setLoaded(res.ok ? { status: 'ok', preview: res.data } : { status: 'error', error: res.error });
  };
  const open = () => {
    setOpened(true);
    void load();
  };

  return (
    <>
      <Button size="xs" variant="default" onClick={open}>
        Preview prompt
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="What Dexter will send to the model" size="xl">
        {loaded.status === 'loading' && (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm">Building the prompt from the latest event…</Text>
          </Group>
        )}
        {loaded.status === 'error' && (
          <ErrorPanel error={loaded.error} onRetry={() => void load()} title="Could not build the prompt" />
        )}
        {loaded.status === 'ok' && <PreviewBody preview={loaded.preview} />}
      </Modal>
    </>
  );
}

export function PreviewBody({ preview }: { preview: Preview }) {
  const over = preview.tokens > preview.budget;
  const scrubs = Object.entries(preview.scrubReport).filter(([, n]) => n > 0);
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Badge
          color={over ? 'red' : 'gray'}
          variant="light"
          data-testid="token-count"
          title="Estimated, with a 10% safety margin (lib/llm/tokens.ts)"
        >
          ≈ {preview.tokens} / {preview.budget} tokens
        </Badge>
        <Text size="xs" c="dimmed">
          prompt version {preview.version}
        </Text>
      </Group>
      {preview.dropped.length > 0 && (
        <Alert color="yellow" p="xs" title="Left out to fit the token budget">
          <Text size="sm">{preview.dropped.join(', ')}</Text>
        </Alert>
      )}
      <div>
        <Text size="sm" fw={600}>
          Scrubbed before sending
        </Text>
        {scrubs.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing matched a PII rule.
          </Text>
        ) : (
          <Table withTableBorder data-testid="scrub-report">
            <Table.Tbody>
              {scrubs.map(([rule, n]) => (
                <Table.Tr key={rule}>
                  <Table.Td>{rule}</Table.Td>
                  <Table.Td>{n}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </div>
      <PromptText label="System" text={preview.system} />
      <PromptText label="User" text={preview.user} />
    </Stack>
  );
}

function PromptText({ label, text }: { label: string; text: string }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Code block style={{ whiteSpace: 'pre-wrap', maxHeight: 300, overflow: 'auto' }}>
        {text}
      </Code>
    </div>
  );
}
