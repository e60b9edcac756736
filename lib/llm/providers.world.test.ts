// providers.ts against the Ollama-compatible world server (tests/world/ollama/server.ts), over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOllamaServer, type OllamaServer } from '../../tests/world/ollama/server';
import { createProvider, type FetchLike, LlmError } from './providers';
import { planContext } from './context';
import { buildPrompt } from './prompt';

/** Like a browser extension's background: POSTs carry the extension Origin, GETs carry none. */
const extensionFetch: FetchLike = (input, init = {}) =>
  fetch(
    input,
    init.method === 'POST'
      ? {
          ...init,
          headers: { ...(init.headers as Record<string, string>), Origin: 'chrome-extension://abcdefghijklmnop' },
        }
      : init,
  );

let blocked: OllamaServer;
let allowed: OllamaServer;
beforeAll(async () => {
  blocked = await startOllamaServer({ chunkDelayMs: 2 });
  allowed = await startOllamaServer({ chunkDelayMs: 2, allowedOrigins: ['chrome-extension://*', 'moz-extension://*'] });
});
afterAll(async () => {
  await blocked?.close();
  await allowed?.close();
});

describe('providers against the world Ollama server', () => {
  it('GET /api/tags works but the POST is 403 without OLLAMA_ORIGINS', async () => {
    const p = createProvider({ provider: 'ollama', url: blocked.url, fetch: extensionFetch });
    expect((await p.listModels()).length).toBeGreaterThan(0);
    const status = await p.checkConnection();
    expect(status.ok).toBe(false);
    if (!status.ok) expect(status.error.kind).toBe('origin-blocked');
  });

  it('streams an answer once origins are allowed', async () => {
    allowed.setMode('normal');
    const p = createProvider({ provider: 'ollama', url: allowed.url, fetch: extensionFetch });
    const [model] = await p.listModels();
    expect(await p.checkConnection(model)).toMatchObject({ ok: true });
    const tokens: string[] = [];
    const text = await p.streamChat({
      model: model!,
      system: 'sys',
      user: 'Explain: TypeError',
      onToken: (t) => tokens.push(t),
    });
    expect(tokens.length).toBeGreaterThan(1);
    expect(text).toBe(tokens.join(''));
  });

  it('reports the mid-stream error, the missing model and a stall', async () => {
    const p = createProvider({ provider: 'ollama', url: allowed.url, fetch: extensionFetch, stallSeconds: 0.5 });
    const [model] = await p.listModels();
    const kind = (e: unknown) => (e instanceof LlmError ? e.kind : String(e));
    allowed.setMode('error-mid-stream');
    expect(await p.streamChat({ model: model!, system: 's', user: 'u', onToken: () => {} }).catch(kind)).toBe(
      'stream-error',
    );
    allowed.setMode('normal');
    expect(await p.streamChat({ model: 'no-such-model', system: 's', user: 'u', onToken: () => {} }).catch(kind)).toBe(
      'model-missing',
    );
    allowed.setMode('stall');
    expect(await p.streamChat({ model: model!, system: 's', user: 'u', onToken: () => {} }).catch(kind)).toBe(
      'stalled',
    );
    allowed.setMode('normal');
  });

  it('streams through the OpenAI-compatible endpoint too', async () => {
    const p = createProvider({ provider: 'openai', url: allowed.url, fetch: extensionFetch });
    const [model] = await p.listModels();
    const tokens: string[] = [];
    await p.streamChat({ model: model!, system: 's', user: 'Explain: TypeError', onToken: (t) => tokens.push(t) });
    expect(tokens.length).toBeGreaterThan(1);
  });
});

describe('the prompt always fits the model’s context (a 2,048-token TinyLlama that truncates like Ollama)', () => {
  let server: OllamaServer;
  beforeAll(async () => {
    server = await startOllamaServer({
      chunkDelayMs: 0,
      models: ['tinyllama:latest'],
      allowedOrigins: ['chrome-extension://*'],
    });
  });
  afterAll(() => server?.close());

  // A busy production event: a chained exception, 120 in-app frames with source context, 50 breadcrumbs.
  const frames = Array.from({ length: 120 }, (_, i) => ({
    function: `handle${i}`,
    filename: `src/orders/step${i}.ts`,
    lineNo: 10 + i,
    colNo: 3,
    inApp: true,
    context: [
      [9 + i, `  const order = await load(${i});`],
      [10 + i, '  return order.shipping.address.city;'],
      [11 + i, '}'],
    ],
  }));
  const event = {
    title: "TypeError: Cannot read properties of undefined (reading 'city')",
    entries: [
      {
        type: 'exception',
        data: {
          values: [
            {
              type: 'TypeError',
              value: "Cannot read properties of undefined (reading 'city')",
              stacktrace: { frames },
            },
          ],
        },
      },
      {
        type: 'breadcrumbs',
        data: {
          values: Array.from({ length: 50 }, (_, i) => ({
            timestamp: '2025-05-14T09:21:37Z',
            category: 'http',
            message: `GET /api/orders/${i} → 200 in ${i * 7} ms`,
          })),
        },
      },
    ],
  };
  const explain = async (budget: number | 'auto', sendNumCtx = true) => {
    const p = createProvider({ provider: 'ollama', url: server.url, fetch: extensionFetch });
    const plan = planContext(await p.contextLength('tinyllama'), budget);
    const built = buildPrompt(event, { tokenBudget: plan.promptBudget });
    const text = await p.streamChat({
      model: 'tinyllama',
      system: built.system,
      user: built.user,
      numCtx: sendNumCtx ? plan.numCtx : undefined,
      onToken: () => {},
    });
    return { plan, built, text, log: server.requests.filter((r) => r.path === '/api/chat').at(-1)! };
  };

  it('derives the budget from the context and sends num_ctx: nothing is cut, the answer has room', async () => {
    const { plan, built, text, log } = await explain('auto');
    expect(plan).toMatchObject({ context: { tokens: 2048, source: 'ollama-model' }, promptBudget: 853, numCtx: 2048 });
    expect(built.tokens).toBeLessThanOrEqual(853);
    expect(log.body.options).toEqual({ num_ctx: 2048 });
    expect(log.context).toMatchObject({ numCtx: 2048, truncated: false, shifted: false });
    expect(text).toContain('`TypeError`');
  });

  it('caps a user’s larger budget by the context', async () => {
    const { plan, log } = await explain(4000);
    expect(plan).toMatchObject({ promptBudget: 853, capped: true });
    expect(log.context).toMatchObject({ truncated: false, shifted: false });
  });

  it('(control) the old way — 4,000 tokens and no num_ctx — is cut silently by the server', async () => {
    const p = createProvider({ provider: 'ollama', url: server.url, fetch: extensionFetch });
    const built = buildPrompt(event, { tokenBudget: 4000 });
    const text = await p.streamChat({ model: 'tinyllama', system: built.system, user: built.user, onToken: () => {} });
    expect(server.requests.at(-1)!.context).toMatchObject({ numCtx: 2048, truncated: true });
    expect(text).not.toContain('`TypeError`');
  });
});
