// The local (or OpenAI-compatible) model Dexter explains with, and whether it can actually be used.
import { Button, Fieldset, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { LlmStatus } from '@/lib/messages';
import { ErrorNote } from '../ui/ErrorNote';
import { useSettings, useSettingsStore } from './context';
import { STATUS_TEXT } from '../ui/theme';
import { checkLlmUrl, llmPermissionFor } from '@/lib/llm-origin';
import { LlmKeyField } from './LlmKeyField';
import { LlmLimits } from './LlmLimits';

export function LlmStatusLine({ llm }: { llm: LlmStatus | null }) {
  if (!llm) return null;
  // Without host access the browser's CORS rules stand between Dexter and the server: that is the thing to fix.
  if (llm.hostAccess === false && !(llm.reachable && llm.postAllowed))
    return (
      <Text size="sm" c={STATUS_TEXT.error} role="status">
        Dexter has no access to {llm.url} yet: press Save beside the server URL and allow it.
      </Text>
    );
  if (!llm.reachable)
    return (
      <Text size="sm" c={STATUS_TEXT.error} role="status">
        Cannot reach {llm.url}.{llm.provider === 'ollama' ? ' Is Ollama running (ollama serve)?' : ''}
      </Text>
    );
  const refused = (llm.error?.detail as { kind?: string } | undefined)?.kind === 'origin-blocked';
  if (!llm.postAllowed && refused)
    return (
      <Text size="sm" c={STATUS_TEXT.error} role="status">
        Reachable, but requests from Dexter are refused (403). Allow the extension origin, e.g.
        OLLAMA_ORIGINS=chrome-extension://*
      </Text>
    );
  if (!llm.postAllowed)
    return (
      <Text size="sm" c={STATUS_TEXT.error} role="status">
        Reachable, but the server refused Dexter’s test request.
      </Text>
    );
  if (!llm.models.length)
    return (
      <Text size="sm" c={STATUS_TEXT.warning} role="status">
        Reachable, but no models are installed (ollama pull llama3.2).
      </Text>
    );
  if (llm.modelMissing)
    return (
      <Text size="sm" c={STATUS_TEXT.warning} role="status">
        Model “{llm.model || '(none)'}” is not installed. Available: {llm.models.join(', ')}
      </Text>
    );
  return (
    <Text size="sm" c={STATUS_TEXT.ok} role="status">
      Ready: {llm.model} at {llm.url}
    </Text>
  );
}

export function LlmSection() {
  const store = useSettingsStore();
  const settings = useSettings((s) => s.settings);
  const llm = useSettings((s) => s.llm);
  const error = useSettings((s) => s.errors.llm);
  const busy = useSettings((s) => s.busy.llm);
  const [url, setUrl] = useState(settings?.llm.url ?? '');
  const [urlNote, setUrlNote] = useState<string | null>(null);
  if (!settings) return null;
  const models = llm?.models ?? [];
  const save = async (values: Record<string, unknown>) => {
    if (await store.getState().patch('llm', values)) await store.getState().refreshLlm();
  };
  const saveUrl = () => {
    const check = checkLlmUrl(url);
    if (!check.ok) return setUrlNote(check.reason);
    const pattern = llmPermissionFor(check.url)!;
    // The browser shows its prompt only from a user's click, so the request goes out before any await.
    void browser.permissions.request({ origins: [pattern] }).then(
      async (granted) => {
        if (!granted)
          return setUrlNote(
            `Dexter needs access to ${check.origin} to talk to the model; the browser did not grant it.`,
          );
        setUrl(check.url);
        setUrlNote(null);
        await save({ url: check.url });
      },
      (e: unknown) =>
        setUrlNote(
          `The browser refused to ask for access to ${check.origin}: ${e instanceof Error ? e.message : String(e)}`,
        ),
    );
  };

  return (
    <Fieldset legend="AI model">
      <Stack gap="xs">
        <NativeSelect
          label="Provider"
          value={settings.llm.provider}
          onChange={(e) => void save({ provider: e.currentTarget.value })}
          data={[
            { value: 'ollama', label: 'Ollama' },
            { value: 'openai', label: 'OpenAI-compatible' },
          ]}
        />
        <Group align="end" gap="xs">
          <TextInput
            label="Server URL"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button size="sm" variant="light" onClick={saveUrl}>
            Save
          </Button>
        </Group>
        {urlNote && (
          <Text size="xs" role="status">
            {urlNote}
          </Text>
        )}
        {(settings.llm.provider === 'openai' || (llm?.apiKey ?? 'none') !== 'none') && <LlmKeyField />}
        <NativeSelect
          label="Model"
          value={settings.llm.model}
          onChange={(e) => void save({ model: e.currentTarget.value })}
          data={[
            { value: '', label: models.length ? 'Choose a model' : 'No models found' },
            ...[...new Set([...(settings.llm.model ? [settings.llm.model] : []), ...models])].map((m) => ({
              value: m,
              label: m,
            })),
          ]}
        />
        <Group gap="xs">
          <LlmStatusLine llm={llm} />
          <Button size="compact-xs" variant="subtle" loading={busy} onClick={() => void store.getState().refreshLlm()}>
            Check again
          </Button>
        </Group>
        <ErrorNote error={llm?.error ?? error} />
        <LlmLimits />
      </Stack>
    </Fieldset>
  );
}
