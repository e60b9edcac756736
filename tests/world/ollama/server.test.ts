import { Ollama } from 'ollama';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chunkAnswer, defaultAnswer, namedException } from './answer.ts';
import { checkOrigin, defaultAllowedOrigins } from './cors.ts';
import { MID_STREAM_ERROR, startOllamaServer, type OllamaServer } from './server.ts';

const PROMPT =
  "Explain this Sentry issue.\nTypeError: Cannot read properties of undefined (reading 'city')\n  at shippingLabel (orders.ts:17)";

describe('fake Ollama with the real ollama client', () => {
  let server: OllamaServer;
  let ollama: Ollama;
  beforeAll(async () => {
    server = await startOllamaServer({ chunkDelayMs: 2, firstTokenDelayMs: 300 });
    ollama = new Ollama({ host: server.url });
  });
  afterAll(() => server.close());
  afterEach(() => {
    server.setMode('normal');
    server.setAnswer(undefined);
  });

  it('lists models with Ollama’s fields', async () => {
    const { models } = await ollama.list();
    expect(models.map((m) => m.name)).toEqual(['llama3.2:latest', 'qwen2.5-coder:7b', 'mistral:latest']);
    const llama = models[0]!;
    expect(llama.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(llama.size).toBeGreaterThan(1e9);
    expect(llama.details).toMatchObject({
      format: 'gguf',
      family: 'llama',
      parameter_size: '3.2B',
      quantization_level: 'Q4_K_M',
    });
    expect(new Date(String(llama.modified_at)).getTime()).not.toBeNaN();
  });

  it('answers version and show, and show 404s unknown models', async () => {
    expect((await ollama.version()).version).toMatch(/^\d+\.\d+\.\d+$/);
    const show = await ollama.show({ model: 'llama3.2' });
    expect(show.details.family).toBe('llama');
    expect((show.model_info as any)['llama.context_length']).toBe(131072);
    await expect(ollama.show({ model: 'nope' })).rejects.toMatchObject({
      status_code: 404,
      error: "model 'nope' not found",
    });
  });

  it('streams a chat answer in several chunks ending with Ollama’s final fields', async () => {
    const stream = await ollama.chat({
      model: 'llama3.2',
      messages: [{ role: 'user', content: PROMPT }],
      stream: true,
    });
    const parts: any[] = [];
    for await (const part of stream) parts.push(part);
    expect(parts.length).toBeGreaterThan(5);
    const text = parts.map((p) => p.message.content).join('');
    expect(text).toContain('## What happened');
    expect(text).toContain("`TypeError`: Cannot read properties of undefined (reading 'city')");
    expect(text).toContain('orders.ts:17');
    const last = parts.at(-1);
    expect(last).toMatchObject({ done: true, done_reason: 'stop', model: 'llama3.2' });
    for (const key of [
      'total_duration',
      'load_duration',
      'prompt_eval_count',
      'prompt_eval_duration',
      'eval_count',
      'eval_duration',
    ]) {
      expect(last[key]).toBeGreaterThan(0);
    }
    expect(parts.slice(0, -1).every((p) => p.done === false)).toBe(true);
  });

  it('answers non-streamed chat and generate with the set answer', async () => {
    server.setAnswer('<img src=x onerror=alert(1)> **bold**');
    const chat = await ollama.chat({ model: 'qwen2.5-coder:7b', messages: [{ role: 'user', content: 'hi' }] });
    expect(chat.message.content).toBe('<img src=x onerror=alert(1)> **bold**');
    expect(chat.done_reason).toBe('stop');
    server.setAnswer((ctx) => `echo:${ctx.endpoint}:${ctx.prompt}`);
    const gen = await ollama.generate({ model: 'mistral', prompt: 'ping', stream: false });
    expect(gen.response).toBe('echo:generate:ping');
    expect(gen.context.length).toBeGreaterThan(0);
    const body = server.requests.at(-1)!.body;
    expect(body).toMatchObject({ model: 'mistral', prompt: 'ping', stream: false });
  });

  it('streams generate', async () => {
    server.setAnswer('one two three four five six seven eight nine ten');
    const parts: string[] = [];
    for await (const p of await ollama.generate({ model: 'llama3.2', prompt: 'count', stream: true }))
      parts.push(p.response ?? '');
    expect(parts.join('')).toBe('one two three four five six seven eight nine ten');
    expect(parts.length).toBeGreaterThan(2);
  });

  it('404s a missing model as Ollama does', async () => {
    await expect(ollama.chat({ model: 'llama9', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      status_code: 404,
      error: 'model "llama9" not found, try pulling it first',
    });
  });

  it('surfaces a mid-stream error as a thrown error after some chunks', async () => {
    server.setMode('error-mid-stream');
    const got: string[] = [];
    const run = async () => {
      for await (const p of await ollama.chat({
        model: 'llama3.2',
        messages: [{ role: 'user', content: PROMPT }],
        stream: true,
      }))
        got.push(p.message.content);
    };
    await expect(run()).rejects.toThrow(MID_STREAM_ERROR);
    expect(got.length).toBe(2);
  });

  it('stalls after a few chunks until the client aborts', async () => {
    server.setMode('stall');
    const stream = await ollama.chat({
      model: 'llama3.2',
      messages: [{ role: 'user', content: PROMPT }],
      stream: true,
    });
    const it = stream[Symbol.asyncIterator]();
    await it.next();
    await it.next();
    const third = it.next();
    const outcome = await Promise.race([
      third.then(
        () => 'chunk',
        () => 'error',
      ),
      new Promise((r) => setTimeout(() => r('silent'), 200)),
    ]);
    expect(outcome).toBe('silent');
    stream.abort();
    await expect(third).rejects.toThrow();
  });

  it('holds the first token back in slow-first-token mode while the server stays responsive', async () => {
    server.setMode('slow-first-token');
    server.setAnswer('a b c d e f g h');
    const seen: string[] = [];
    let versionDone = false;
    let versionBeforeFirstToken: boolean | undefined;
    const streaming = (async () => {
      for await (const p of await ollama.chat({
        model: 'llama3.2',
        messages: [{ role: 'user', content: 'x' }],
        stream: true,
      })) {
        versionBeforeFirstToken ??= versionDone;
        seen.push(p.message.content);
      }
    })();
    await ollama.version();
    versionDone = true;
    await streaming;
    expect(versionBeforeFirstToken).toBe(true);
    expect(seen.join('')).toBe('a b c d e f g h');
  });

  it('drops connections in down mode', async () => {
    server.setMode('down');
    await expect(ollama.list()).rejects.toThrow();
  });

  it('loads the model for an empty chat, like Ollama', async () => {
    const res = await ollama.chat({ model: 'llama3.2', messages: [] });
    expect(res).toMatchObject({ done: true, done_reason: 'load' });
  });
});

describe('Ollama’s origin check', () => {
  let server: OllamaServer;
  beforeAll(async () => {
    server = await startOllamaServer();
  });
  afterAll(() => server.close());

  const post = (s: OllamaServer, origin?: string) =>
    fetch(`${s.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
      body: JSON.stringify({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }], stream: false }),
    });

  it('answers 403 with an empty body to extension origins, for POST and GET alike', async () => {
    for (const origin of [
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
      'moz-extension://0b1c2d3e-aaaa-bbbb-cccc-123456789abc',
      'safari-web-extension://ABC',
    ]) {
      const res = await post(server, origin);
      expect(res.status).toBe(403);
      expect(await res.text()).toBe('');
      const get = await fetch(`${server.url}/api/tags`, { headers: { origin } });
      expect(get.status).toBe(403);
    }
    expect(server.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/api/tags',
      origin: 'safari-web-extension://ABC',
      status: 403,
    });
  });

  it('lets requests without Origin and local web origins through', async () => {
    expect((await post(server)).status).toBe(200);
    const local = await post(server, 'http://localhost:5173');
    expect(local.status).toBe(200);
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect((await post(server, 'https://evil.example.com')).status).toBe(403);
  });

  it('allows extension origins when configured, like OLLAMA_ORIGINS=chrome-extension://*', async () => {
    const open = await startOllamaServer({ allowedOrigins: ['chrome-extension://*'] });
    try {
      const res = await post(open, 'chrome-extension://abcdefghijklmnopabcdefghijklmnop');
      expect(res.status).toBe(200);
      expect((await res.json()).message.role).toBe('assistant');
      expect((await post(open, 'moz-extension://0b1c2d3e')).status).toBe(403);
      const pre = await fetch(`${open.url}/api/chat`, {
        method: 'OPTIONS',
        headers: { origin: 'chrome-extension://abc', 'access-control-request-method': 'POST' },
      });
      expect(pre.status).toBe(204);
    } finally {
      await open.close();
    }
  });

  it('matches gin-contrib/cors wildcard rules', () => {
    const allowed = defaultAllowedOrigins();
    expect(checkOrigin('http://127.0.0.1:3000', '127.0.0.1:11434', allowed)).toBe('allowed');
    expect(checkOrigin('app://obsidian.md', undefined, allowed)).toBe('allowed');
    expect(checkOrigin('http://127.0.0.1:11434', '127.0.0.1:11434', allowed)).toBe('not-cors');
    expect(checkOrigin('chrome-extension://x', '127.0.0.1:11434', allowed)).toBe('forbidden');
    expect(checkOrigin('chrome-extension://x', undefined, defaultAllowedOrigins(['*']))).toBe('allowed');
  });
});

describe('OpenAI-compatible endpoints', () => {
  let server: OllamaServer;
  beforeAll(async () => {
    server = await startOllamaServer({ chunkDelayMs: 1 });
  });
  afterAll(() => server.close());

  it('lists models', async () => {
    const body = await (await fetch(`${server.url}/v1/models`)).json();
    expect(body.object).toBe('list');
    expect(body.data[0]).toMatchObject({ id: 'llama3.2:latest', object: 'model', owned_by: 'library' });
  });

  it('streams SSE chunks ending with [DONE]', async () => {
    const res = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'llama3.2', stream: true, messages: [{ role: 'user', content: PROMPT }] }),
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const events = (await res.text())
      .split('\n\n')
      .filter(Boolean)
      .map((e) => e.replace(/^data: /, ''));
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks.at(-1).choices[0].finish_reason).toBe('stop');
    expect(chunks.map((c) => c.choices[0].delta.content).join('')).toContain('## Likely cause');
  });

  it('answers non-streamed and 404s unknown models in OpenAI’s error shape', async () => {
    const ok = await (
      await fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ model: 'mistral', messages: [{ role: 'user', content: 'hi' }] }),
      })
    ).json();
    expect(ok).toMatchObject({
      object: 'chat.completion',
      choices: [{ message: { role: 'assistant' }, finish_reason: 'stop' }],
    });
    expect(ok.usage.total_tokens).toBe(ok.usage.prompt_tokens + ok.usage.completion_tokens);
    const missing = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'gpt-4o', messages: [] }),
    });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatchObject({
      type: 'not_found_error',
      message: 'model "gpt-4o" not found, try pulling it first',
    });
  });
});

describe('the model’s context, as Ollama runs it', () => {
  let server: OllamaServer;
  let ollama: Ollama;
  beforeAll(async () => {
    server = await startOllamaServer({ chunkDelayMs: 0, models: ['llama3.2:latest', 'tinyllama:latest'] });
    ollama = new Ollama({ host: server.url });
  });
  afterAll(() => server.close());
  // About 3,000 tokens: the exception first, then a long stack (the system prompt comes before it).
  const long = `TypeError: Cannot read properties of undefined (reading 'city')\n${Array.from({ length: 150 }, (_, i) => `  at frame${i} (src/orders/handler${i}.ts:${i + 10}:5)`).join('\n')}`;
  const chat = (model: string, options?: { num_ctx: number }) =>
    ollama.chat({
      model,
      stream: false,
      options,
      messages: [
        { role: 'system', content: 'Answer with four Markdown sections.' },
        { role: 'user', content: long },
      ],
    });

  it('shows a model with a 2,048-token context', async () => {
    const show = await ollama.show({ model: 'tinyllama' });
    expect(show.model_info).toMatchObject({ 'general.architecture': 'llama', 'llama.context_length': 2048 });
  });

  it('truncates a prompt longer than the context silently: the answer is a 200 that lost the start', async () => {
    const r = await chat('tinyllama');
    const log = server.requests.at(-1)!;
    expect(log.context).toMatchObject({ numCtx: 2048, truncated: true });
    expect(log.context!.promptTokens).toBeGreaterThan(2048);
    expect(r.done_reason).toBe('stop');
    expect(r.message.content).not.toContain('TypeError'); // the exception was cut away with the system prompt
  });

  it('runs with the num_ctx a request asks for, up to the model’s trained context', async () => {
    await chat('llama3.2');
    expect(server.requests.at(-1)!.context).toMatchObject({ numCtx: 4096, truncated: false });
    await chat('llama3.2', { num_ctx: 8192 });
    expect(server.requests.at(-1)!.context).toMatchObject({ numCtx: 8192, truncated: false, shifted: false });
    await chat('tinyllama', { num_ctx: 8192 });
    expect(server.requests.at(-1)!.context).toMatchObject({ numCtx: 2048, truncated: true });
  });

  it('counts like a SentencePiece tokenizer for TinyLlama: more tokens than cl100k for the same text', async () => {
    await chat('llama3.2', { num_ctx: 8192 });
    const llama = server.requests.at(-1)!.context!.promptTokens;
    await chat('tinyllama', { num_ctx: 2048 });
    expect(server.requests.at(-1)!.context!.promptTokens).toBeGreaterThan(llama * 1.1);
  });
});

describe('a llama.cpp- or vLLM-like server on another port, with an API key', () => {
  let server: OllamaServer;
  const key = 'sk-world-123';
  beforeAll(async () => {
    server = await startOllamaServer({
      chunkDelayMs: 0,
      apiKey: key,
      llamaCppContext: 2048,
      models: ['qwen2.5-coder:7b'],
    });
  });
  afterAll(() => server.close());
  const get = (path: string, auth?: string) =>
    fetch(`${server.url}${path}`, { headers: auth ? { authorization: auth } : {} });

  it('wants the key on its OpenAI routes and /props, and answers 401 without it', async () => {
    for (const path of ['/v1/models', '/props']) {
      expect((await get(path)).status).toBe(401);
      expect((await get(path, 'Bearer wrong')).status).toBe(401);
      expect((await get(path, `Bearer ${key}`)).status).toBe(200);
    }
    expect((await (await get('/v1/models')).json()).error).toMatchObject({ code: 401, type: 'authentication_error' });
    expect(server.requests.at(-1)!.auth).toBeUndefined();
  });

  it('says its context in /props, and refuses (400) a chat that cannot fit, as vLLM does', async () => {
    expect(await (await get('/props', `Bearer ${key}`)).json()).toMatchObject({
      default_generation_settings: { n_ctx: 2048 },
    });
    const post = (content: string, max_tokens?: number) =>
      fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}` },
        body: JSON.stringify({ model: 'qwen2.5-coder:7b', max_tokens, messages: [{ role: 'user', content }] }),
      });
    expect((await post('hello', 1024)).status).toBe(200);
    const tooLong = await post('word '.repeat(1500), 1024);
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).error.message).toMatch(/^This model's maximum context length is 2048 tokens/);
  });
});

describe('answer text', () => {
  it('names the exception the prompt names and joins back exactly', () => {
    expect(namedException('boom\nio.sentry.example.ApiException: Authentication failed')).toEqual({
      type: 'ApiException',
      value: 'Authentication failed',
    });
    const text = defaultAnswer({
      model: 'm',
      prompt: 'ERROR: deadlock detected\nDETAIL: Process 1 waits',
      messages: [],
      endpoint: 'chat',
    });
    expect(text).toContain('40P01');
    expect(chunkAnswer(text).join('')).toBe(text);
    expect(chunkAnswer('  lead and trail  ').join('')).toBe('  lead and trail  ');
  });
});
