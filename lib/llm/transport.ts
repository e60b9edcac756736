// Shared pieces of the LLM providers: the provider interface, error classification and the stall watchdog.
import { LlmError, llmErrors } from './errors';
import type { ModelContext } from './context';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface ChatRequest {
  model: string;
  system: string;
  user: string;
  signal?: AbortSignal;
  onToken: (text: string) => void;
  /** Ollama: the context to run the model with (options.num_ctx); without it Ollama uses its 4,096 default. */
  numCtx?: number;
  /** The most the answer may take (OpenAI max_tokens), so prompt and answer fit a server's fixed context. */
  maxTokens?: number;
}

export type ConnectionStatus = { ok: true; models: string[]; model?: string } | { ok: false; error: LlmError };

export interface LlmProvider {
  listModels(signal?: AbortSignal): Promise<string[]>;
  /** A real POST, because Ollama lets GET /api/tags through but answers 403 to extension-origin POSTs. */
  checkConnection(model?: string): Promise<ConnectionStatus>;
  /** Streams the answer to onToken; resolves with the whole text. */
  streamChat(req: ChatRequest): Promise<string>;
  /** The model's context as the server tells it (lib/llm/context.ts), or null where it does not; never throws. */
  contextLength(model: string): Promise<ModelContext | null>;
}

/** Model names match with or without Ollama's implicit ":latest" tag. */
export function hasModel(models: string[], model: string): boolean {
  const norm = (m: string) => (m.includes(':') ? m : `${m}:latest`);
  return models.some((m) => norm(m) === norm(model));
}

/** Maps any thrown thing to an LlmError, using what the stall/cancel watcher knows about why we aborted. */
export function classify(
  e: unknown,
  url: string,
  why: { stalled: boolean; cancelled: boolean },
  stallSeconds: number,
): LlmError {
  if (why.cancelled) return llmErrors.cancelled();
  if (why.stalled) return llmErrors.stalled(stallSeconds);
  if (e instanceof LlmError) return e;
  const status =
    typeof (e as { status_code?: unknown })?.status_code === 'number'
      ? (e as { status_code: number }).status_code
      : undefined;
  const message = e instanceof Error ? e.message : String(e);
  if (status === 403) return llmErrors.originBlocked(url);
  if (status !== undefined) return llmErrors.http(url, status, message);
  if (e instanceof TypeError || /fetch failed|network|ECONNREFUSED|Failed to fetch/i.test(message))
    return llmErrors.unreachable(url, e);
  return llmErrors.streamError(message);
}

/** Aborts on caller cancel or after `stallMs` without progress; `progress()` resets the clock. */
export function watchdog(signal: AbortSignal | undefined, stallMs: number) {
  const controller = new AbortController();
  const why = { stalled: false, cancelled: false };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const progress = () => {
    clearTimeout(timer);
    timer = setTimeout(() => ((why.stalled = true), controller.abort()), stallMs);
  };
  const onCancel = () => ((why.cancelled = true), controller.abort());
  if (signal?.aborted) onCancel();
  signal?.addEventListener('abort', onCancel, { once: true });
  progress();
  const stop = () => (clearTimeout(timer), signal?.removeEventListener('abort', onCancel));
  return { signal: controller.signal, why, progress, stop };
}

/** fetch that also aborts with our watchdog, whatever signal the library passes. */
export function withSignal(fetchImpl: FetchLike, extra: AbortSignal): FetchLike {
  return (input, init = {}) =>
    fetchImpl(input, { ...init, signal: init.signal ? AbortSignal.any([init.signal, extra]) : extra });
}

export type ResolvedConfig = { url: string; stallSeconds: number; fetch: FetchLike; apiKey?: string };
