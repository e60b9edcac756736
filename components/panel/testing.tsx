// Test helpers for the panel: a fake Explain port the test drives by hand, and a Mantine render wrapper.
import { MantineProvider } from '@mantine/core';
import { act, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { ExplainClientMessage, ExplainServerMessage, LlmStatus } from '@/lib/messages';
import { setExplainConnector, type ExplainPort } from './explainPort';

export interface FakePort {
  sent: ExplainClientMessage[];
  disconnected: boolean;
  emit(message: ExplainServerMessage): void;
  drop(): void;
}

/** Installs a connector whose ports are recorded in `ports` (newest last). */
export function fakeExplainPorts() {
  const ports: FakePort[] = [];
  const restore = setExplainConnector((): ExplainPort => {
    const messageListeners: ((m: ExplainServerMessage) => void)[] = [];
    const disconnectListeners: (() => void)[] = [];
    const fake: FakePort = {
      sent: [],
      disconnected: false,
      emit: (m) => act(() => messageListeners.forEach((l) => l(m))),
      drop: () => act(() => disconnectListeners.forEach((l) => l())),
    };
    ports.push(fake);
    return {
      post: (m) => {
        if (fake.disconnected) throw new Error('Attempting to use a disconnected port object');
        fake.sent.push(m);
      },
      onMessage: (l) => messageListeners.push(l),
      onDisconnect: (l) => disconnectListeners.push(l),
      disconnect: () => {
        fake.disconnected = true;
      },
    };
  });
  return { ports, restore, last: () => ports[ports.length - 1] };
}

export function renderPanel(ui: ReactElement) {
  return render(<MantineProvider>{ui}</MantineProvider>);
}

/** A reachable LLM with `model` chosen, as `llm.status` answers it. */
export function llmStatus(model: string): LlmStatus {
  return {
    provider: 'ollama',
    url: 'http://127.0.0.1:11434',
    reachable: true,
    postAllowed: true,
    models: [model],
    model,
    modelMissing: false,
    originRuleActive: true,
  };
}
