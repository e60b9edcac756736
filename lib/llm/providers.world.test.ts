// providers.ts against the Ollama-compatible world server (tests/world/ollama/server.ts), over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOllamaServer, type OllamaServer } from '../../tests/world/ollama/server';
import { createProvider, type FetchLike, LlmError } from './providers';

/** Like a browser extension's background: POSTs carry the extension Origin, GETs carry none. */
const extensionFetch: FetchLike = (input, init = {}) =>
  fetch(input, init.method === 'POST' ? { ...init, headers: { ...(init.headers as Record<string, string>), Origin: 'chrome-extension://abcdefghijklmnop' } } : init);

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
    const text = await p.streamChat({ model: model!, system: 'sys', user: 'Explain: TypeError', onToken: (t) => tokens.push(t) });
    expect(tokens.length).toBeGreaterThan(1);
    expect(text).toBe(tokens.join(''));
  });

  it('reports the mid-stream error, the missing model and a stall', async () => {
    const p = createProvider({ provider: 'ollama', url: allowed.url, fetch: extensionFetch, stallSeconds: 0.5 });
    const [model] = await p.listModels();
    const kind = (e: unknown) => (e instanceof LlmError ? e.kind : String(e));
    allowed.setMode('error-mid-stream');
    expect(await p.streamChat({ model: model!, system: 's', user: 'u', onToken: () => {} }).catch(kind)).toBe('stream-error');
    allowed.setMode('normal');
    expect(await p.streamChat({ model: 'no-such-model', system: 's', user: 'u', onToken: () => {} }).catch(kind)).toBe('model-missing');
    allowed.setMode('stall');
    expect(await p.streamChat({ model: model!, system: 's', user: 'u', onToken: () => {} }).catch(kind)).toBe('stalled');
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
