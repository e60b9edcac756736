// Ollama through the official `ollama` browser client (NDJSON streaming), with an injected fetch.
import { Ollama } from 'ollama/browser';
import { type LlmError, llmErrors } from './errors';
import { contextFromOllamaShow } from './context';
import {
  type FetchLike,
  type LlmProvider,
  type ResolvedConfig,
  classify,
  hasModel,
  watchdog,
  withSignal,
} from './transport';

export function ollamaProvider(cfg: ResolvedConfig): LlmProvider {
  // An Ollama behind a reverse proxy (or Ollama's cloud) wants the key as a Bearer token, like the OpenAI routes.
  const headers = cfg.apiKey ? { Authorization: `Bearer ${cfg.apiKey}` } : undefined;
  const client = (f: FetchLike = cfg.fetch) => new Ollama({ host: cfg.url, fetch: f as typeof fetch, headers });
  const none = { stalled: false, cancelled: false };

  async function listModels(signal?: AbortSignal): Promise<string[]> {
    try {
      const r = await client(signal ? withSignal(cfg.fetch, signal) : cfg.fetch).list();
      return (r.models ?? []).map((m) => m.name);
    } catch (e) {
      throw classify(e, cfg.url, { stalled: false, cancelled: !!signal?.aborted }, cfg.stallSeconds);
    }
  }

  async function modelMissing(model: string): Promise<LlmError> {
    return llmErrors.modelMissing(model, await listModels().catch(() => []));
  }

  return {
    listModels,
    async checkConnection(model) {
      try {
        const models = await listModels();
        // POST /api/show is cheap (no model load) and carries the Origin header that a real chat would.
        const probe = model || models[0] || 'dexter-connection-probe';
        await client()
          .show({ model: probe })
          .catch((e: unknown) => {
            const status = (e as { status_code?: number }).status_code;
            if (status === 404 && !model && !models.length) return; // probe name unknown, but the POST got through
            throw status === 404 ? llmErrors.modelMissing(probe, models) : e;
          });
        if (!models.length || (model && !hasModel(models, model)))
          return { ok: false, error: llmErrors.modelMissing(model ?? '', models) };
        return { ok: true, models, model: probe };
      } catch (e) {
        return { ok: false, error: classify(e, cfg.url, none, cfg.stallSeconds) };
      }
    },
    async contextLength(model) {
      return client()
        .show({ model })
        .then(contextFromOllamaShow, () => null);
    },
    async streamChat({ model, system, user, signal, onToken, numCtx }) {
      const dog = watchdog(signal, cfg.stallSeconds * 1000);
      let text = '';
      try {
        const stream = await client(withSignal(cfg.fetch, dog.signal)).chat({
          model,
          stream: true,
          ...(numCtx ? { options: { num_ctx: numCtx } } : {}),
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: user },
          ],
        });
        for await (const chunk of stream) {
          dog.progress();
          const piece = chunk.message?.content ?? '';
          if (piece) {
            text += piece;
            onToken(piece);
          }
        }
        return text;
      } catch (e) {
        const status = (e as { status_code?: number }).status_code;
        if (status === 404 && !dog.why.cancelled) throw await modelMissing(model);
        // ollama-js throws a plain Error for an {"error": …} line after the stream began → 'stream-error'.
        throw classify(e, cfg.url, dog.why, cfg.stallSeconds);
      } finally {
        dog.stop();
      }
    },
  };
}
