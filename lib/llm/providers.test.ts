import { describe, expect, it } from 'vitest';
import { createProvider, type FetchLike, LlmError, ORIGIN_FIX, hasModel } from './providers';

type Step = { text: string; delayMs?: number } | { hang: true };

/** A streamed body that honours the request's AbortSignal like a real fetch does. */
function streamBody(steps: Step[], signal?: AbortSignal | null): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    async start(controller) {
      const abort = () => controller.error(new DOMException('This operation was aborted', 'AbortError'));
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort, { once: true });
      for (const s of steps) {
        if ('hang' in s) return; // never closes: only the abort ends it
        await new Promise((r) => setTimeout(r, s.delayMs ?? 1));
        if (signal?.aborted) return;
        controller.enqueue(enc.encode(s.text));
      }
      signal?.removeEventListener('abort', abort);
      controller.close();
    },
  });
}

interface Route {
  status?: number;
  json?: unknown;
  steps?: Step[];
  contentType?: string;
}
type Log = { method: string; path: string; body: any; auth?: string | null }[];
function fakeFetch(routes: Record<string, Route | ((body: any) => Route)>, log: Log = []): FetchLike {
  return async (input, init = {}) => {
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    log.push({ method, path: url.pathname, body, auth: new Headers(init.headers).get('authorization') });
    if (url.hostname === 'down.invalid') throw new TypeError('fetch failed');
    const r = routes[`${method} ${url.pathname}`];
    const route = typeof r === 'function' ? r(body) : r;
    if (!route)
      return new Response(JSON.stringify({ error: 'not found' }), {
        status: 404,
        headers: { 'content-type': 'application/json' },
      });
    if (route.steps)
      return new Response(streamBody(route.steps, init.signal), {
        status: route.status ?? 200,
        headers: { 'content-type': route.contentType ?? 'application/x-ndjson' },
      });
    return new Response(route.json === undefined ? '' : JSON.stringify(route.json), {
      status: route.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  };
}

const nd = (o: unknown) => ({ text: `${JSON.stringify(o)}\n` });
const tags = { 'GET /api/tags': { json: { models: [{ name: 'llama3.2:latest' }, { name: 'qwen2.5-coder:7b' }] } } };
const ollamaChunks = (words: string[]): Step[] => [
  ...words.map((w) => nd({ model: 'llama3.2', message: { role: 'assistant', content: w }, done: false })),
  nd({ model: 'llama3.2', message: { role: 'assistant', content: '' }, done: true }),
];
const chat = (model = 'llama3.2') => ({ model, system: 'sys', user: 'explain', onToken: () => {} });

async function failure(p: Promise<unknown>): Promise<LlmError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(LlmError);
  return e as LlmError;
}

describe('Ollama provider (fake fetch, NDJSON)', () => {
  it('streams tokens in order and returns the whole text', async () => {
    const log: { method: string; path: string; body: any }[] = [];
    const p = createProvider({
      provider: 'ollama',
      url: 'http://127.0.0.1:11434/',
      fetch: fakeFetch(
        { ...tags, 'POST /api/chat': { steps: ollamaChunks(['## What', ' happened', '\nIt broke.']) } },
        log,
      ),
    });
    const seen: string[] = [];
    const text = await p.streamChat({ ...chat(), onToken: (t) => seen.push(t) });
    expect(seen).toEqual(['## What', ' happened', '\nIt broke.']);
    expect(text).toBe('## What happened\nIt broke.');
    expect(log[0]).toMatchObject({
      method: 'POST',
      path: '/api/chat',
      body: {
        model: 'llama3.2',
        stream: true,
        messages: [
          { role: 'system', content: 'sys' },
          { role: 'user', content: 'explain' },
        ],
      },
    });
  });

  it('turns an {"error": …} line mid-stream into stream-error, keeping the tokens already shown', async () => {
    const steps = [
      ...ollamaChunks(['partial']).slice(0, 1),
      nd({ error: 'an error was encountered while running the model: unexpected EOF' }),
    ];
    const p = createProvider({
      provider: 'ollama',
      url: 'http://h',
      fetch: fakeFetch({ 'POST /api/chat': { steps } }),
    });
    const seen: string[] = [];
    const e = await failure(p.streamChat({ ...chat(), onToken: (t) => seen.push(t) }));
    expect(e.kind).toBe('stream-error');
    expect(e.message).toContain('unexpected EOF');
    expect(seen).toEqual(['partial']);
  });

  it('reports a missing model (404) with the installed models', async () => {
    const p = createProvider({
      provider: 'ollama',
      url: 'http://h',
      fetch: fakeFetch({ ...tags, 'POST /api/chat': { status: 404, json: { error: "model 'nope' not found" } } }),
    });
    const e = await failure(p.streamChat(chat('nope')));
    expect(e.kind).toBe('model-missing');
    expect(e.availableModels).toEqual(['llama3.2:latest', 'qwen2.5-coder:7b']);
    expect(e.nextStep).toContain('llama3.2:latest');
  });

  it('classifies 403 as origin-blocked with the OLLAMA_ORIGINS fix for each OS', async () => {
    const p = createProvider({
      provider: 'ollama',
      url: 'http://h',
      fetch: fakeFetch({ ...tags, 'POST /api/chat': { status: 403 }, 'POST /api/show': { status: 403 } }),
    });
    const e = await failure(p.streamChat(chat()));
    expect(e.kind).toBe('origin-blocked');
    expect(e.nextStep).toBe(ORIGIN_FIX);
    for (const s of ['OLLAMA_ORIGINS=chrome-extension://*,moz-extension://*', 'systemctl', 'launchctl setenv', 'setx'])
      expect(e.nextStep).toContain(s);
    // GET /api/tags slips through, so only the POST reveals it:
    const status = await p.checkConnection('llama3.2');
    expect(status).toMatchObject({ ok: false, error: { kind: 'origin-blocked' } });
  });

  it('checkConnection succeeds with a real POST and lists models', async () => {
    const log: { method: string; path: string; body: any }[] = [];
    const p = createProvider({
      provider: 'ollama',
      url: 'http://h',
      fetch: fakeFetch({ ...tags, 'POST /api/show': { json: { modelfile: '' } } }, log),
    });
    expect(await p.checkConnection('llama3.2')).toEqual({
      ok: true,
      models: ['llama3.2:latest', 'qwen2.5-coder:7b'],
      model: 'llama3.2',
    });
    expect(log.some((r) => r.method === 'POST' && r.path === '/api/show')).toBe(true);
    expect(await p.checkConnection('missing')).toMatchObject({ ok: false, error: { kind: 'model-missing' } });
  });

  it('sends an API key to Ollama too (behind a proxy), only when there is one', async () => {
    const log: Log = [];
    const p = createProvider({
      provider: 'ollama',
      url: 'http://gpu-box.lan:11434',
      apiKey: 'proxy-key',
      fetch: fakeFetch({ ...tags, 'POST /api/chat': { steps: ollamaChunks(['ok']) } }, log),
    });
    await p.streamChat(chat());
    expect(log.at(-1)!.auth).toBe('Bearer proxy-key');
  });

  it('reads the context from /api/show and runs the chat with the num_ctx it is given', async () => {
    const log: Log = [];
    const show = {
      parameters: 'stop "</s>"',
      model_info: { 'general.architecture': 'llama', 'llama.context_length': 2048 },
    };
    const p = createProvider({
      provider: 'ollama',
      url: 'http://127.0.0.1:11434',
      fetch: fakeFetch(
        { ...tags, 'POST /api/show': { json: show }, 'POST /api/chat': { steps: ollamaChunks(['ok']) } },
        log,
      ),
    });
    expect(await p.contextLength('tinyllama')).toEqual({ tokens: 2048, source: 'ollama-model' });
    await p.streamChat({ ...chat(), numCtx: 2048 });
    expect(log.at(-1)!.body.options).toEqual({ num_ctx: 2048 });
    await p.streamChat(chat());
    expect(log.at(-1)!.body.options).toBeUndefined();
    const down = createProvider({ provider: 'ollama', url: 'http://down.invalid', fetch: fakeFetch({}) });
    expect(await down.contextLength('tinyllama')).toBeNull();
  });

  it('says unreachable when nothing listens', async () => {
    const p = createProvider({ provider: 'ollama', url: 'http://down.invalid:11434', fetch: fakeFetch({}) });
    expect((await failure(p.streamChat(chat()))).kind).toBe('unreachable');
    expect((await failure(p.listModels())).kind).toBe('unreachable');
  });

  it('stops with stalled when no token arrives in time', async () => {
    const steps: Step[] = [...ollamaChunks(['one']).slice(0, 1), { hang: true }];
    const p = createProvider({
      provider: 'ollama',
      url: 'http://h',
      stallSeconds: 0.2,
      fetch: fakeFetch({ 'POST /api/chat': { steps } }),
    });
    const seen: string[] = [];
    const e = await failure(p.streamChat({ ...chat(), onToken: (t) => seen.push(t) }));
    expect(e.kind).toBe('stalled');
    expect(e.message).toContain('0.2 s');
    expect(seen).toEqual(['one']);
  });

  it('cancels through the AbortSignal', async () => {
    const p = createProvider({
      provider: 'ollama',
      url: 'http://h',
      stallSeconds: 30,
      fetch: fakeFetch({ 'POST /api/chat': { steps: [...ollamaChunks(['a']).slice(0, 1), { hang: true }] } }),
    });
    const ac = new AbortController();
    const run = p.streamChat({ ...chat(), signal: ac.signal, onToken: () => ac.abort() });
    expect((await failure(run)).kind).toBe('cancelled');
  });
});

const sse = (o: unknown) => ({ text: `data: ${typeof o === 'string' ? o : JSON.stringify(o)}\n\n` });
const delta = (content: string) => sse({ choices: [{ index: 0, delta: { content } }] });

describe('OpenAI-compatible provider (fake fetch, SSE)', () => {
  const models = {
    'GET /v1/models': { json: { object: 'list', data: [{ id: 'qwen2.5-coder' }, { id: 'llama-3.1-8b' }] } },
  };

  it('streams deltas in order, across split chunks, until [DONE]', async () => {
    const steps: Step[] = [
      delta('Hel'),
      { text: 'data: {"choices":[{"delta":{"con' },
      { text: 'tent":"lo"}}]}\n\n' },
      sse({ choices: [{ delta: {} }] }),
      delta(' world'),
      sse('[DONE]'),
      delta('ignored'),
    ];
    const log: { method: string; path: string; body: any }[] = [];
    const p = createProvider({
      provider: 'openai',
      url: 'http://llm:8080/v1/',
      apiKey: 'k',
      fetch: fakeFetch({ 'POST /v1/chat/completions': { steps, contentType: 'text/event-stream' } }, log),
    });
    const seen: string[] = [];
    expect(await p.streamChat({ ...chat('qwen2.5-coder'), onToken: (t) => seen.push(t) })).toBe('Hello world');
    expect(seen).toEqual(['Hel', 'lo', ' world']);
    expect(log[0]!.body).toMatchObject({ model: 'qwen2.5-coder', stream: true });
  });

  it('lists models from /v1/models', async () => {
    const p = createProvider({ provider: 'openai', url: 'http://llm:8080', fetch: fakeFetch(models) });
    expect(await p.listModels()).toEqual(['qwen2.5-coder', 'llama-3.1-8b']);
  });

  it('maps a mid-stream error event, a 404 and a 403', async () => {
    const errSteps: Step[] = [delta('x'), sse({ error: { message: 'context length exceeded' } })];
    const p1 = createProvider({
      provider: 'openai',
      url: 'http://llm',
      fetch: fakeFetch({ 'POST /v1/chat/completions': { steps: errSteps } }),
    });
    const e1 = await failure(p1.streamChat(chat('m')));
    expect([e1.kind, e1.message.includes('context length exceeded')]).toEqual(['stream-error', true]);

    const p2 = createProvider({
      provider: 'openai',
      url: 'http://llm',
      fetch: fakeFetch({
        ...models,
        'POST /v1/chat/completions': { status: 404, json: { error: { message: 'model not found' } } },
      }),
    });
    const e2 = await failure(p2.streamChat(chat('gpt-x')));
    expect(e2.kind).toBe('model-missing');
    expect(e2.availableModels).toEqual(['qwen2.5-coder', 'llama-3.1-8b']);

    const p3 = createProvider({
      provider: 'openai',
      url: 'http://llm',
      fetch: fakeFetch({ ...models, 'POST /v1/chat/completions': { status: 403 } }),
    });
    expect((await failure(p3.streamChat(chat('m')))).kind).toBe('origin-blocked');
    expect(await p3.checkConnection()).toMatchObject({ ok: false, error: { kind: 'origin-blocked' } });
  });

  it('sends the API key as a Bearer token on every request, and none without one', async () => {
    const routes = {
      ...models,
      'POST /v1/chat/completions': { steps: [delta('ok'), sse('[DONE]')], contentType: 'text/event-stream' },
    };
    const log: Log = [];
    const p = createProvider({
      provider: 'openai',
      url: 'http://llm:8080/v1',
      apiKey: 'sk-local-123',
      fetch: fakeFetch(routes, log),
    });
    await p.checkConnection('qwen2.5-coder');
    await p.streamChat(chat('qwen2.5-coder'));
    expect(log.map((r) => `${r.method} ${r.path} ${r.auth}`)).toEqual([
      'GET /v1/models Bearer sk-local-123',
      'POST /v1/chat/completions Bearer sk-local-123',
      'POST /v1/chat/completions Bearer sk-local-123',
    ]);
    const bare: Log = [];
    await createProvider({ provider: 'openai', url: 'http://llm:8080', fetch: fakeFetch(routes, bare) }).listModels();
    expect(bare[0]!.auth).toBeNull();
  });

  it('finds the context where vLLM, llama.cpp or LM Studio put it, and caps the answer to fit', async () => {
    const vllm = createProvider({
      provider: 'openai',
      url: 'http://gpu:8000/v1',
      fetch: fakeFetch({ 'GET /v1/models': { json: { data: [{ id: 'Qwen/Qwen2.5-7B', max_model_len: 32768 }] } } }),
    });
    expect(await vllm.contextLength('Qwen/Qwen2.5-7B')).toEqual({ tokens: 32768, source: 'vllm' });
    const llamaCpp = createProvider({
      provider: 'openai',
      url: 'http://127.0.0.1:8080',
      fetch: fakeFetch({ ...models, 'GET /props': { json: { default_generation_settings: { n_ctx: 4096 } } } }),
    });
    expect(await llamaCpp.contextLength('qwen2.5-coder')).toEqual({ tokens: 4096, source: 'llama.cpp' });
    const lms = createProvider({
      provider: 'openai',
      url: 'http://127.0.0.1:1234/v1',
      fetch: fakeFetch({
        ...models,
        'GET /api/v0/models': { json: { data: [{ id: 'qwen2.5-coder', loaded_context_length: 8192 }] } },
      }),
    });
    expect(await lms.contextLength('qwen2.5-coder')).toEqual({ tokens: 8192, source: 'lm-studio' });
    expect(
      await createProvider({ provider: 'openai', url: 'http://llm', fetch: fakeFetch(models) }).contextLength(
        'qwen2.5-coder',
      ),
    ).toBeNull();
    const log: Log = [];
    const p = createProvider({
      provider: 'openai',
      url: 'http://llm',
      fetch: fakeFetch({ 'POST /v1/chat/completions': { steps: [delta('ok'), sse('[DONE]')] } }, log),
    });
    await p.streamChat({ ...chat('m'), maxTokens: 1024 });
    expect(log[0]!.body.max_tokens).toBe(1024);
  });

  it('says a 401 is about the API key', async () => {
    const p = createProvider({
      provider: 'openai',
      url: 'http://llm',
      fetch: fakeFetch({
        'GET /v1/models': {
          status: 401,
          json: { error: { code: 401, message: 'Invalid API Key', type: 'authentication_error' } },
        },
      }),
    });
    const r = await p.checkConnection();
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect([r.error.kind, r.error.status, r.error.message.includes('Invalid API Key'), r.error.nextStep]).toEqual([
        'http-error',
        401,
        true,
        "Check the API key in Dexter's settings.",
      ]);
  });

  it('stalls after silence', async () => {
    const p = createProvider({
      provider: 'openai',
      url: 'http://llm',
      stallSeconds: 0.2,
      fetch: fakeFetch({ 'POST /v1/chat/completions': { steps: [delta('a'), { hang: true }] } }),
    });
    expect((await failure(p.streamChat(chat('m')))).kind).toBe('stalled');
  });
});

describe('hasModel', () => {
  it('treats a bare name as :latest', () => {
    expect(hasModel(['llama3.2:latest'], 'llama3.2')).toBe(true);
    expect(hasModel(['llama3.2:1b'], 'llama3.2')).toBe(false);
  });
});
