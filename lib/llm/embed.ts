// Embeddings from the user's own server: Ollama's POST /api/embed (a batch of inputs in one call) or an
// OpenAI-compatible POST /v1/embeddings. Only a signature's text is sent (lib/similar/signature.ts), scrubbed.
import { Ollama } from 'ollama/browser';
import { llmErrors } from './errors';
import { classify, watchdog, withSignal } from './transport';
import type { ProviderConfig } from './providers';

export async function embedTexts(
  cfg: ProviderConfig,
  model: string,
  texts: string[],
  signal?: AbortSignal,
): Promise<number[][]> {
  if (!texts.length) return [];
  const dog = watchdog(signal, (cfg.stallSeconds ?? 90) * 1000);
  const fetchImpl = withSignal(cfg.fetch ?? ((i, init) => globalThis.fetch(i, init)), dog.signal);
  try {
    if (cfg.provider === 'ollama') {
      const r = await new Ollama({ host: cfg.url.replace(/\/+$/, ''), fetch: fetchImpl as typeof fetch }).embed({
        model,
        input: texts,
      });
      return r.embeddings;
    }
    const base = `${cfg.url.replace(/\/+$/, '').replace(/\/v1$/, '')}/v1`;
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (cfg.apiKey) headers.Authorization = `Bearer ${cfg.apiKey}`;
    const res = await fetchImpl(`${base}/embeddings`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ model, input: texts }),
    });
    if (res.status === 404) throw llmErrors.modelMissing(model, []);
    if (!res.ok) throw llmErrors.http(cfg.url, res.status, (await res.text()).slice(0, 200));
    const j = (await res.json()) as { data?: { index: number; embedding: number[] }[] };
    return (j.data ?? []).sort((a, b) => a.index - b.index).map((d) => d.embedding);
  } catch (e) {
    const status = (e as { status_code?: number }).status_code;
    if (status === 404 && !dog.why.cancelled) throw llmErrors.modelMissing(model, []);
    throw classify(e, cfg.url, dog.why, cfg.stallSeconds ?? 90);
  } finally {
    dog.stop();
  }
}
