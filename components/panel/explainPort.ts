// The long-lived Explain port to the background. Tests swap the connector with setExplainConnector().
import { EXPLAIN_PORT, type ExplainClientMessage, type ExplainServerMessage } from '@/lib/messages';

export interface ExplainPort {
  post(message: ExplainClientMessage): void;
  onMessage(listener: (message: ExplainServerMessage) => void): void;
  onDisconnect(listener: () => void): void;
  disconnect(): void;
}

export type ExplainConnector = () => ExplainPort;

function runtimeConnect(): ExplainPort {
  const port = browser.runtime.connect({ name: EXPLAIN_PORT });
  return {
    post: (message) => port.postMessage(message),
    onMessage: (listener) => port.onMessage.addListener((m: unknown) => listener(m as ExplainServerMessage)),
    onDisconnect: (listener) => port.onDisconnect.addListener(() => listener()),
    disconnect: () => port.disconnect(),
  };
}

let current: ExplainConnector = runtimeConnect;

export function connectExplain(): ExplainPort {
  return current();
}

/** Replaces the connector (tests); returns a function that restores the previous one. */
export function setExplainConnector(fn: ExplainConnector): () => void {
  const previous = current;
  current = fn;
  return () => {
    current = previous;
  };
}
