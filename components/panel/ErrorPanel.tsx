// An error as text: what went wrong, the next step (with a copy button — it is often a command such as the
// OLLAMA_ORIGINS fix) and Retry.
import { Alert, Button, CopyButton, Group, Stack, Text } from '@mantine/core';
import type { DexterError } from '@/lib/messages';

export function ErrorPanel({
  error,
  onRetry,
  title = 'Dexter could not explain this',
}: {
  error: DexterError;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <Alert color={error.kind === 'rate-limited' ? 'yellow' : 'red'} title={title} role="alert" p="xs">
      <Stack gap={6}>
        <Text size="sm">{error.message}</Text>
        {error.nextStep && (
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap', flex: 1 }} data-testid="next-step">
              {error.nextStep}
            </Text>
            <CopyButton value={error.nextStep}>
              {({ copied, copy }) => (
                <Button size="compact-xs" variant="light" onClick={copy}>
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
        )}
        {onRetry && (
          <Group>
            <Button size="xs" onClick={onRetry}>
              Retry
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
