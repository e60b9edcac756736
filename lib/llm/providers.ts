// One interface over Ollama (through the `ollama` browser client) and OpenAI-compatible servers.
// Background-only: it owns the network and the stall timer. Errors are LlmError with kind, message and next step.
import { ollamaProvider } from './ollama';
import { openAiProvider } from './openai';
import type { FetchLike, LlmProvider } from './transport';

export { LlmError, ORIGIN_FIX, OLLAMA_ORIGINS_VALUE, type LlmErrorKind } from './errors';
export { hasModel, type ChatRequest, type ConnectionStatus, type FetchLike, type LlmProvider } from './transport';

export interface ProviderConfig {
  provider: 'ollama' | 'openai';
  /** Server base, e.g. http://127.0.0.1:11434 (Ollama) or http://127.0.0.1:8080 (OpenAI-compatible, with or without /v1). */
  url: string;
  apiKey?: string;
  /** Injected for tests and so the background can route through its own fetch. */
  fetch?: FetchLike;
  /** No token for this many seconds → 'stalled' (settings.llm.stallSeconds, default 90). */
  stallSeconds?: number;
}

export function createProvider(cfg: ProviderConfig): LlmProvider {
  const resolved = {
    url: cfg.url.replace(/\/+$/, ''),
    stallSeconds: cfg.stallSeconds ?? 90,
    fetch: cfg.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    apiKey: cfg.apiKey,
  } satisfies Parameters<typeof ollamaProvider>[0];
  return cfg.provider === 'ollama' ? ollamaProvider(resolved) : openAiProvider(resolved);
}
