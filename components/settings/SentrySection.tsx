// Which Sentry, the token for it, and the organization/project Dexter falls back to outside Sentry's pages.
import { Button, Fieldset, Group, NativeSelect, PasswordInput, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ErrorNote } from '../ui/ErrorNote';
import { AuthLine } from './AuthLine';
import { useSettings, useSettingsStore } from './context';
import { checkSentryUrl } from './sentryUrl';

export function SentrySection() {
  const store = useSettingsStore();
  const settings = useSettings((s) => s.settings);
  const auth = useSettings((s) => s.auth);
  const orgs = useSettings((s) => s.orgs);
  const projects = useSettings((s) => s.projects);
  const errors = useSettings((s) => s.errors);
  const busy = useSettings((s) => s.busy);
  const [url, setUrl] = useState(auth?.sentryUrl ?? settings?.sentry.selfHostedBases[0] ?? 'https://sentry.io');
  const [urlNote, setUrlNote] = useState<string | null>(null);
  const [token, setToken] = useState('');
  if (!settings) return null;
  const check = checkSentryUrl(url);

  const useUrl = () => {
    if (!check.ok) return setUrlNote(check.reason);
    if (!check.selfHosted) return setUrlNote('Using sentry.io.');
    // The permission prompt must be opened straight from the click, before any await.
    void browser.permissions.request({ origins: [`${check.base}/*`] }).then(async (granted) => {
      if (!granted) return setUrlNote(`Dexter needs access to ${check.base} to read it; the browser did not grant it.`);
      const bases = [...new Set([...settings.sentry.selfHostedBases, check.base])];
      const saved = await store.getState().patch('sentry', { selfHostedBases: bases });
      setUrlNote(saved ? `Access granted to ${check.base}.` : null);
    });
  };

  return (
    <Fieldset legend="Sentry">
      <Stack gap="xs">
        <Group align="end" gap="xs">
          <TextInput
            label="Sentry URL"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            error={check.ok ? undefined : check.reason}
            style={{ flex: 1 }}
          />
          <Button size="sm" variant="light" onClick={useUrl}>
            Use
          </Button>
        </Group>
        {urlNote && (
          <Text size="xs" role="status">
            {urlNote}
          </Text>
        )}
        <Group align="end" gap="xs">
          <PasswordInput
            label="Auth token"
            description="Needs event:read, org:read, project:read; event:write to resolve"
            value={token}
            onChange={(e) => setToken(e.currentTarget.value)}
            style={{ flex: 1 }}
            autoComplete="off"
          />
          <Button
            size="sm"
            loading={busy.auth}
            disabled={token.trim().length < 8 || !check.ok}
            onClick={() =>
              check.ok &&
              void store
                .getState()
                .saveToken(token, check.base)
                .then(() => setToken(''))
            }
          >
            Save token
          </Button>
        </Group>
        {auth?.via === 'token' && (
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            onClick={() => void store.getState().clearToken()}
            w="fit-content"
          >
            Remove token
          </Button>
        )}
        <AuthLine auth={auth} />
        <Switch
          label="Read through my sentry.io session when no token is set"
          description="Reads only, with the cookies of the Sentry tab you are signed in to; changes need a token."
          checked={settings.sentry.useSession}
          onChange={(e) => void store.getState().patch('sentry', { useSession: e.currentTarget.checked })}
        />
        <ErrorNote error={errors.auth} />
        <NativeSelect
          label="Organization"
          value={settings.sentry.org}
          onChange={(e) => {
            const org = e.currentTarget.value;
            void store
              .getState()
              .patch('sentry', { org, project: '' })
              .then(() => {
                if (org) void store.getState().loadProjects(org);
              });
          }}
          data={[
            { value: '', label: orgs.length ? 'From the page' : 'No organizations loaded' },
            ...orgs.map((o) => ({ value: o.slug, label: o.name })),
          ]}
        />
        <ErrorNote error={errors.orgs} />
        <NativeSelect
          label="Project"
          disabled={!settings.sentry.org}
          value={settings.sentry.project}
          onChange={(e) => void store.getState().patch('sentry', { project: e.currentTarget.value })}
          data={[{ value: '', label: 'All projects' }, ...projects.map((p) => ({ value: p.id, label: p.name }))]}
        />
        <ErrorNote error={errors.projects} />
      </Stack>
    </Fieldset>
  );
}
