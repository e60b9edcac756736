// The API key of an OpenAI-compatible server (vLLM's or llama.cpp's --api-key, a proxy in front of Ollama). It goes
// to the background once; the screen only ever learns whether one is set for the server in settings.
import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useSettings, useSettingsStore } from './context';

const STATE_TEXT = {
  set: 'An API key is set for this server.',
  'other-server': 'The stored API key belongs to another server, so Dexter does not send it here.',
} as const;

export function LlmKeyField() {
  const store = useSettingsStore();
  const state = useSettings((s) => s.llm?.apiKey ?? 'none');
  const busy = useSettings((s) => s.busy.llm);
  const [key, setKey] = useState('');
  return (
    <Stack gap={4}>
      <Group align="end" gap="xs">
        <PasswordInput
          label="API key"
          description="Only if the server asks for one; sent to this server alone, as a Bearer token"
          value={key}
          onChange={(e) => setKey(e.currentTarget.value)}
          style={{ flex: 1 }}
          autoComplete="off"
        />
        <Button
          size="sm"
          variant="light"
          loading={busy}
          disabled={!key.trim()}
          onClick={() =>
            void store
              .getState()
              .saveLlmKey(key)
              .then((ok) => ok && setKey(''))
          }
        >
          Save key
        </Button>
      </Group>
      {state !== 'none' && (
        <Group gap="xs">
          <Text size="xs" role="status">
            {STATE_TEXT[state]}
          </Text>
          <Button size="compact-xs" variant="subtle" color="red" onClick={() => void store.getState().clearLlmKey()}>
            Remove key
          </Button>
        </Group>
      )}
    </Stack>
  );
}
