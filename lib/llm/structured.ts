// Structured output from the user's own model: the answer's shape is a zod schema, sent as a JSON Schema (zod 4's
// z.toJSONSchema) in Ollama's `format` or OpenAI's `response_format: json_schema`; the answer is checked with the
// same zod schema and asked for once more when it does not fit (small models slip). No streaming: one short JSON
// object, so the stall timer covers the whole call.
import { Ollama } from 'ollama/browser';
import { z } from 'zod';
import { llmErrors } from './errors';
import { classify, watchdog, withSignal } from './transport';
import type { ProviderConfig } from './providers';

export interface StructuredRequest<T> {
  model: string;
  system: string;
  user: string;
  schema: z.ZodType<T>;
  /** The schema's name for OpenAI-compatible servers. */
  name: string;
  signal?: AbortSignal;
  /** Attempts in all (default 2: the first answer and one retry). */
  attempts?: number;
  /** Ollama's context window to load the model with (lib/llm context plan), so the prompt is never cut. */
  numCtx?: number;
  /** An OpenAI-compatible server's answer length, where its context is known. */
  maxTokens?: number;
}

export type StructuredResult<T> =
  | { ok: true; value: T; attempts: number; modelMs: number }
  | { ok: false; reason: string; attempts: number; modelMs: number };

const schemas = new WeakMap<z.ZodType, Record<string, unknown>>();
/** The JSON Schema of a zod schema (made once per schema). */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  let js = schemas.get(schema);
  if (!js) {
    const { $schema: _drop, ...rest } = z.toJSONSchema(schema) as Record<string, unknown>;
    js = rest;
    schemas.set(schema, js);
  }
  return js;
}

/** Parses the model's text against the schema; a code fence around the JSON is tolerated. */
export function readAnswer<T>(
  text: string,
  schema: z.ZodType<T>,
): { ok: true; value: T } | { ok: false; reason: string } {
  const body = text.trim().replace(/^```(?:json)?\s*|\s*```$/g, '');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: `not JSON: ${body.slice(0, 60)}` };
  }
  const r = schema.safeParse(json);
  return r.success
    ? { ok: true, value: r.data }
    : {
        ok: false,
        reason: r.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
          .join('; '),
      };
}

/** One model call returning the answer's text. */
async function callOnce(
  cfg: Required<Pick<ProviderConfig, 'provider' | 'url'>> & ProviderConfig,
  req: StructuredRequest<unknown>,
  signal: AbortSignal,
): Promise<string> {
  const fetchImpl = withSignal(cfg.fetch ?? ((i, init) => globalThis.fetch(i, init)), signal);
  const messages = [
    { role: 'system', content: req.system },
    { role: 'user', content: req.user },
  ];
  const schema = jsonSchemaOf(req.schema);
  if (cfg.provider === 'ollama') {
    const client = new Ollama({ host: cfg.url.replace(/\/+$/, ''), fetch: fetchImpl as typeof fetch });
    const r = await client.chat({
      model: req.model,
      stream: false,
      format: schema,
      messages,
      options: { temperature: 0, ...(req.numCtx ? { num_ctx: req.numCtx } : {}) },
    });
    return r.message?.content ?? '';
  }
  const base = `${cfg.url.replace(/\/+$/, '').replace(/\/v1$/, '')}/v1`;
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (cfg.apiKey) headers.Authorization = `Bearer ${cfg.apiKey}`;
  const res = await fetchImpl(`${base}/chat/completions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      model: req.model,
      stream: false,
      temperature: 0,
      messages,
      ...(req.maxTokens ? { max_tokens: req.maxTokens } : {}),
      response_format: { type: 'json_schema', json_schema: { name: req.name, schema, strict: true } },
    }),
  });
  const text = await res.text();
  if (res.status === 403) throw llmErrors.originBlocked(cfg.url);
  if (res.status === 404) throw llmErrors.modelMissing(req.model, []);
  if (!res.ok) throw llmErrors.http(cfg.url, res.status, text.slice(0, 200));
  const j = JSON.parse(text) as { choices?: { message?: { content?: string } }[] };
  return j.choices?.[0]?.message?.content ?? '';
}

/** Asks for a structured answer; network and server failures throw (LlmError), an answer that never fits does not. */
export async function structuredChat<T>(cfg: ProviderConfig, req: StructuredRequest<T>): Promise<StructuredResult<T>> {
  const attempts = req.attempts ?? 2;
  const stallMs = (cfg.stallSeconds ?? 90) * 1000;
  let reason = '';
  let modelMs = 0;
  for (let i = 1; i <= attempts; i++) {
    const dog = watchdog(req.signal, stallMs);
    const t0 = performance.now();
    let text: string;
    try {
      text = await callOnce(cfg, req as StructuredRequest<unknown>, dog.signal);
    } catch (e) {
      const status = (e as { status_code?: number }).status_code;
      if (status === 404 && !dog.why.cancelled) throw llmErrors.modelMissing(req.model, []);
      throw classify(e, cfg.url, dog.why, cfg.stallSeconds ?? 90);
    } finally {
      dog.stop();
      modelMs += performance.now() - t0;
    }
    const r = readAnswer(text, req.schema);
    if (r.ok) return { ok: true, value: r.value, attempts: i, modelMs };
    reason = r.reason;
  }
  return {
    ok: false,
    reason: `the model's answer did not fit the schema ${attempts} times (${reason})`,
    attempts,
    modelMs,
  };
}
