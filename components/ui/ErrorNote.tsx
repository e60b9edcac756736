// Every background error reads the same way: what went wrong, what to do next, and a live retry countdown.
import { Alert, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { DexterError } from '@/lib/messages';

/** "retrying in 12 s" while a rate limit lasts; null once the time has passed. */
export function retryText(retryAt: number | undefined, now: number): string | null {
  if (!retryAt || !Number.isFinite(retryAt)) return null;
  const seconds = Math.ceil((retryAt - now) / 1000);
  return seconds > 0 ? `retrying in ${seconds} s` : null;
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now()); // the clock may be stale from before the error arrived
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [active]);
  return now;
}

export function ErrorNote({ error, title }: { error: DexterError | null | undefined; title?: string }) {
  const now = useNow(Boolean(error?.retryAt));
  if (!error) return null;
  const retry = retryText(error.retryAt, now);
  return (
    <Alert color={error.kind === 'rate-limited' ? 'yellow' : 'red'} title={title} role="alert" p="xs">
      <Text size="sm">{error.message}</Text>
      {error.nextStep && (
        <Text size="sm" c="dimmed">
          {error.nextStep}
        </Text>
      )}
      {retry && (
        <Text size="sm" c="dimmed">
          {retry}
        </Text>
      )}
    </Alert>
  );
}
