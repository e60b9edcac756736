// OpenAI-compatible servers (llama.cpp server, LM Studio, vLLM, Ollama's /v1): GET /v1/models and
// POST /v1/chat/completions with Server-Sent Events streaming.
import { llmErrors } from './errors';
import { contextFromLlamaCppProps, contextFromLmStudio, contextFromVllmModels } from './context';
import { type LlmProvider, type ResolvedConfig, classify, watchdog, withSignal } from './transport';

/** Yields the payload of each `data:` line of an SSE body. */
async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('data:')) yield line.slice(5).trimStart();
      }
    }
    if (buffer.startsWith('data:')) yield buffer.slice(5).trimStart();
  } finally {
    reader.cancel().catch(() => {});
  }
}

function errorText(body: string): string {
  try {
    const j = JSON.parse(body) as { error?: string | { message?: string } };
    return typeof j.error === 'string' ? j.error : (j.error?.message ?? body);
  } catch {
    return body;
  }
}

export function openAiProvider(cfg: ResolvedConfig): LlmProvider {
  const base = `${cfg.url.replace(/\/+$/, '').replace(/\/v1$/, '')}/v1`;
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (cfg.apiKey) headers.Authorization = `Bearer ${cfg.apiKey}`;
  const none = { stalled: false, cancelled: false };

  async function failure(res: Response, model: string) {
    const detail = errorText(await res.text().catch(() => ''));
    if (res.status === 403) return llmErrors.originBlocked(cfg.url);
    if (res.status === 404) return llmErrors.modelMissing(model, await listModels().catch(() => []));
    return llmErrors.http(cfg.url, res.status, detail);
  }

  async function listModels(signal?: AbortSignal): Promise<string[]> {
    let res: Response;
    try {
      res = await cfg.fetch(`${base}/models`, { headers, signal });
    } catch (e) {
      throw classify(e, cfg.url, { stalled: false, cancelled: !!signal?.aborted }, cfg.stallSeconds);
    }
    if (res.status === 403) throw llmErrors.originBlocked(cfg.url);
    if (!res.ok) throw llmErrors.http(cfg.url, res.status, errorText(await res.text().catch(() => '')));
    const j = (await res.json().catch(() => ({}))) as { data?: { id?: unknown }[] };
    return (j.data ?? []).map((m) => m.id).filter((id): id is string => typeof id === 'string');
  }

  const chatBody = (model: string, system: string, user: string, stream: boolean, maxTokens?: number) =>
    JSON.stringify({
      model,
      stream,
      ...(maxTokens ? { max_tokens: maxTokens } : {}),
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ],
    });

  /** GET a JSON document beside the OpenAI routes; null when the server has no such route. */
  async function getJson(url: string): Promise<unknown> {
    const res = await cfg.fetch(url, { headers }).catch(() => null);
    return res?.ok ? res.json().catch(() => null) : null;
  }

  return {
    listModels,
    async contextLength(model) {
      // Each server says it elsewhere: vLLM in /v1/models, llama.cpp in /props, LM Studio in /api/v0/models.
      const root = base.replace(/\/v1$/, '');
      return (
        contextFromVllmModels(await getJson(`${base}/models`), model) ??
        contextFromLlamaCppProps(await getJson(`${root}/props`)) ??
        contextFromLmStudio(await getJson(`${root}/api/v0/models`), model)
      );
    },
    async checkConnection(model) {
      try {
        const models = await listModels();
        const probe = model || models[0];
        if (!probe || (model && models.length && !models.includes(model)))
          return { ok: false, error: llmErrors.modelMissing(model ?? '', models) };
        // A one-token completion: the smallest POST that proves origin, auth and model all work.
        const res = await cfg.fetch(`${base}/chat/completions`, {
          method: 'POST',
          headers,
          body: chatBody(probe, '', 'ping', false, 1),
        });
        if (!res.ok) return { ok: false, error: await failure(res, probe) };
        return { ok: true, models, model: probe };
      } catch (e) {
        return { ok: false, error: classify(e, cfg.url, none, cfg.stallSeconds) };
      }
    },
    async streamChat({ model, system, user, signal, onToken, maxTokens }) {
      const dog = watchdog(signal, cfg.stallSeconds * 1000);
      const fetchImpl = withSignal(cfg.fetch, dog.signal);
      let text = '';
      try {
        const res = await fetchImpl(`${base}/chat/completions`, {
          method: 'POST',
          headers: { ...headers, Accept: 'text/event-stream' },
          body: chatBody(model, system, user, true, maxTokens),
        });
        if (!res.ok) throw await failure(res, model);
        if (!res.body) throw llmErrors.streamError('the server sent no body');
        for await (const data of sseData(res.body)) {
          dog.progress();
          if (data === '[DONE]') break;
          let chunk: { error?: string | { message?: string }; choices?: { delta?: { content?: string } }[] };
          try {
            chunk = JSON.parse(data);
          } catch {
            throw llmErrors.streamError(`unreadable stream line: ${data.slice(0, 80)}`);
          }
          if (chunk.error)
            throw llmErrors.streamError(
              typeof chunk.error === 'string' ? chunk.error : (chunk.error.message ?? 'unknown error'),
            );
          const piece = chunk.choices?.[0]?.delta?.content ?? '';
          if (piece) {
            text += piece;
            onToken(piece);
          }
        }
        return text;
      } catch (e) {
        throw classify(e, cfg.url, dog.why, cfg.stallSeconds);
      } finally {
        dog.stop();
      }
    },
  };
}
