// What the token can do, in words: which scopes it has, which it lacks, or that Dexter reads via the login.
import { Badge, Group, Stack, Text } from '@mantine/core';
import type { AuthStatus } from '@/lib/messages';
import { ErrorNote } from '../ui/ErrorNote';
import { STATUS_TEXT } from '../ui/theme';

export function AuthLine({ auth }: { auth: AuthStatus | null }) {
  if (!auth) return null;
  if (auth.via === 'session') {
    return (
      <Text size="sm" role="status">
        Reading through your sentry.io login{auth.user?.email ? ` (${auth.user.email})` : ''}. Add a token to resolve or
        ignore from Dexter.
      </Text>
    );
  }
  if (auth.via === null)
    return (
      <Text size="sm" role="status" c="dimmed">
        Not signed in: add a token, or log in to sentry.io in this browser.
      </Text>
    );
  if (!auth.valid) {
    return (
      <Stack gap={4} role="status">
        <Text size="sm" c={STATUS_TEXT.error}>
          The token is invalid or expired{auth.sentryUrl ? ` for ${auth.sentryUrl}` : ''}.
        </Text>
        <ErrorNote error={auth.error} />
      </Stack>
    );
  }
  return (
    <Stack gap={4} role="status">
      <Text size="sm" c={STATUS_TEXT.ok}>
        Token works for {auth.sentryUrl}
        {auth.user?.email ? ` as ${auth.user.email}` : ''}.
      </Text>
      <Group gap={4} aria-label="Scopes the token has">
        {auth.scopes.map((s) => (
          <Badge key={s} size="xs" variant="light">
            {s}
          </Badge>
        ))}
      </Group>
      {auth.missingRead.length > 0 && (
        <Text size="sm" c={STATUS_TEXT.error}>
          Missing for reading issues: {auth.missingRead.join(', ')}
        </Text>
      )}
      {auth.missingWrite.length > 0 && (
        <Text size="sm" c={STATUS_TEXT.warning}>
          Cannot resolve or ignore — missing: {auth.missingWrite.join(' or ')}
        </Text>
      )}
    </Stack>
  );
}
