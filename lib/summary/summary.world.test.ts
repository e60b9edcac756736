// The one-line summary's model call against the world's Ollama-compatible server: a JSON Schema in `format`
// (OpenAI: response_format), the answer checked by the same zod schema, one retry, then "unknown".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOllamaServer, type OllamaServer } from '../../tests/world/ollama/server';
import { jsonSchemaOf, readAnswer, structuredChat } from '../llm/structured';
import { embedTexts } from '../llm/embed';
import { summarySchema } from './schema';
import { buildSummaryPrompt } from './prompt';
import { estimateTokens } from '../llm/tokens';
import { scrubText } from '../pii';

let server: OllamaServer;
beforeAll(async () => {
  server = await startOllamaServer({ chunkDelayMs: 1 });
});
afterAll(() => server?.close());

const event = {
  entries: [
    {
      type: 'exception',
      data: {
        values: [
          {
            type: 'TypeError',
            value: "Cannot read properties of undefined (reading 'total') for jane@example.com",
            stacktrace: { frames: [{ function: 'computeTotal', filename: 'app/cart.ts', lineNo: 40, inApp: true }] },
          },
        ],
      },
    },
  ],
};
const prompt = buildSummaryPrompt(event, { scrub: (t) => scrubText(t), countTokens: estimateTokens });

describe('structured summaries', () => {
  it('sends the zod schema as JSON Schema in Ollama’s format and reads a valid answer', async () => {
    server.setStructured('follow');
    const r = await structuredChat(
      { provider: 'ollama', url: server.url },
      { model: 'llama3.2', name: 'summary', schema: summarySchema, ...prompt },
    );
    expect(r).toMatchObject({ ok: true, attempts: 1, value: { cause: 'code-defect' } });
    const sent = server.requests.filter((q) => q.path === '/api/chat').at(-1)!.body;
    expect(sent.format).toEqual(jsonSchemaOf(summarySchema));
    expect(sent.stream).toBe(false);
    // The prompt was scrubbed before it left: no email reached the server.
    expect(JSON.stringify(sent.messages)).not.toContain('jane@example.com');
  });

  it('retries once when the answer breaks the schema, then gives up without throwing', async () => {
    server.setStructured('break-once');
    const once = await structuredChat(
      { provider: 'ollama', url: server.url },
      { model: 'llama3.2', name: 'summary', schema: summarySchema, ...prompt },
    );
    expect(once).toMatchObject({ ok: true, attempts: 2 });
    server.setStructured('break');
    const never = await structuredChat(
      { provider: 'ollama', url: server.url },
      { model: 'llama3.2', name: 'summary', schema: summarySchema, ...prompt },
    );
    expect(never).toMatchObject({ ok: false, attempts: 2 });
    server.setStructured('follow');
  });

  it('speaks response_format json_schema to OpenAI-compatible servers', async () => {
    const r = await structuredChat(
      { provider: 'openai', url: server.url },
      { model: 'llama3.2', name: 'summary', schema: summarySchema, ...prompt },
    );
    expect(r.ok).toBe(true);
    const sent = server.requests.filter((q) => q.path === '/v1/chat/completions').at(-1)!.body;
    expect(sent.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'summary', strict: true } });
  });

  it('names the fault: a missing model, a server error, a stall', async () => {
    await expect(
      structuredChat(
        { provider: 'ollama', url: server.url },
        { model: 'nope', name: 's', schema: summarySchema, ...prompt },
      ),
    ).rejects.toMatchObject({ kind: 'model-missing' });
    server.setMode('error-mid-stream');
    await expect(
      structuredChat(
        { provider: 'ollama', url: server.url },
        { model: 'llama3.2', name: 's', schema: summarySchema, ...prompt },
      ),
    ).rejects.toMatchObject({ kind: expect.stringMatching(/http-error|stream-error/) });
    server.setMode('stall');
    await expect(
      structuredChat(
        { provider: 'ollama', url: server.url, stallSeconds: 0.3 },
        { model: 'llama3.2', name: 's', schema: summarySchema, ...prompt },
      ),
    ).rejects.toMatchObject({ kind: 'stalled' });
    server.setMode('normal');
  });

  it('reads fenced JSON and refuses what does not fit', () => {
    expect(readAnswer('```json\n{"summary":"x broke","cause":"network","confidence":0.5}\n```', summarySchema).ok).toBe(
      true,
    );
    expect(
      readAnswer('{"summary":"' + 'x'.repeat(101) + '","cause":"network","confidence":0.5}', summarySchema).ok,
    ).toBe(false);
    expect(readAnswer('{"summary":"fine","cause":"cosmic rays","confidence":0.5}', summarySchema).ok).toBe(false);
  });
});

describe('embeddings', () => {
  it('embeds a batch in one /api/embed call, and one text the same alone or in a batch', async () => {
    const before = server.requests.length;
    const [a, b, c] = await embedTexts({ provider: 'ollama', url: server.url }, 'universal-sentence-encoder', [
      'TypeError: x is undefined',
      'TypeError: y is undefined',
      'deadlock detected',
    ]);
    expect(server.requests.slice(before).filter((r) => r.path === '/api/embed')).toHaveLength(1);
    expect(a).toHaveLength(512);
    const cos = (x: number[], y: number[]) =>
      x.reduce((s, v, i) => s + v * y[i]!, 0) / Math.hypot(...x) / Math.hypot(...y);
    expect(cos(a!, b!)).toBeGreaterThan(cos(a!, c!));
    const [alone] = await embedTexts({ provider: 'openai', url: server.url }, 'universal-sentence-encoder', [
      'TypeError: x is undefined',
    ]);
    expect(cos(a!, alone!)).toBeGreaterThan(0.999);
  }, 60_000);

  it('has chat’s faults: a missing model, an error, a stall', async () => {
    await expect(embedTexts({ provider: 'ollama', url: server.url }, 'nomic-embed-text', ['x'])).rejects.toMatchObject({
      kind: 'model-missing',
    });
    server.setMode('error-mid-stream');
    await expect(
      embedTexts({ provider: 'ollama', url: server.url }, 'universal-sentence-encoder', ['x']),
    ).rejects.toBeTruthy();
    server.setMode('stall');
    await expect(
      embedTexts({ provider: 'ollama', url: server.url, stallSeconds: 0.3 }, 'universal-sentence-encoder', ['x']),
    ).rejects.toMatchObject({ kind: 'stalled' });
    server.setMode('normal');
  }, 60_000);
});
