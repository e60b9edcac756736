// An Ollama-compatible HTTP server for tests: the native /api/* routes (NDJSON streaming) and the
// OpenAI-compatible /v1/* routes (SSE) that Ollama, LM Studio, llama.cpp and vLLM all serve,
// with Ollama's real CORS behaviour (403, empty body, for extension origins unless allowed).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerFor, chunkAnswer, tokenCount, type AnswerContext, type AnswerSource } from './answer.ts';
import { checkOrigin, defaultAllowedOrigins, isAllowedHost } from './cors.ts';
import { DEFAULT_MODELS, describeModel, fullName, showModel } from './models.ts';
import { openAiChat, openAiError, openAiModels } from './openai.ts';
import { structuredAnswer, type StructuredMode } from './structured.ts';
import { EMBED_MODELS, embedder, inputsOf } from './embed.ts';
import {
  chatTokens,
  effectiveNumCtx,
  truncateChat,
  modelTokens,
  type ChatMessage,
  type ContextLog,
} from './context.ts';

export type OllamaMode = 'normal' | 'slow-first-token' | 'error-mid-stream' | 'stall' | 'down';

export interface OllamaRequestLog {
  method: string;
  path: string;
  origin: string | undefined;
  body: any;
  status?: number;
  /** The Authorization header the request carried (tests check where an API key went). */
  auth: string | undefined;
  /** Chat and generate: the context the model ran with, and whether the prompt was cut or the context shifted. */
  context?: ContextLog;
}

export interface OllamaServer {
  url: string;
  port: number;
  requests: OllamaRequestLog[];
  setMode(mode: OllamaMode): void;
  setAnswer(answer: AnswerSource | undefined): void;
  /** Whether answers to a `format`/`response_format` request follow the schema (issue #17). */
  setStructured(mode: StructuredMode): void;
  close(): Promise<void>;
}

export interface OllamaServerOptions {
  port?: number;
  host?: string;
  models?: string[];
  /** Like OLLAMA_ORIGINS: added to Ollama's built-in local origins. */
  allowedOrigins?: string[];
  /** Pause between streamed chunks, and before the first one in 'slow-first-token' mode. */
  chunkDelayMs?: number;
  firstTokenDelayMs?: number;
  version?: string;
  /** Like vLLM's or llama.cpp's --api-key: the /v1 routes and /props want `Authorization: Bearer <key>`. */
  apiKey?: string;
  /** Like OLLAMA_CONTEXT_LENGTH: the context of a request that does not say num_ctx (4,096). */
  defaultNumCtx?: number;
  /** Serve llama.cpp's GET /props with this n_ctx, the context every model on this server then has. */
  llamaCppContext?: number;
}

export const MID_STREAM_ERROR = 'an error was encountered while running the model: unexpected EOF';

export interface StreamPlan {
  mode: OllamaMode;
  chunkDelayMs: number;
  firstTokenDelayMs: number;
  structured: StructuredMode;
}

export async function startOllamaServer(opts: OllamaServerOptions = {}): Promise<OllamaServer> {
  const models = (opts.models ?? DEFAULT_MODELS).map(fullName);
  const allowed = defaultAllowedOrigins(opts.allowedOrigins ?? []);
  const requests: OllamaRequestLog[] = [];
  let mode: OllamaMode = 'normal';
  let answer: AnswerSource | undefined;
  let structured: StructuredMode = 'follow';
  const plan = (): StreamPlan => ({
    mode,
    chunkDelayMs: opts.chunkDelayMs ?? 15,
    firstTokenDelayMs: opts.firstTokenDelayMs ?? 1500,
    structured,
  });
  const findModel = (name: unknown) =>
    typeof name === 'string' && name ? models.find((m) => m === fullName(name)) : undefined;

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://ollama');
    const origin = req.headers.origin;
    const raw = await readBody(req);
    let body: any = undefined;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const log: OllamaRequestLog = {
      method: req.method ?? 'GET',
      path: url.pathname,
      origin,
      body,
      auth: req.headers.authorization,
    };
    requests.push(log);
    res.on('finish', () => {
      log.status = res.statusCode;
    });

    if (mode === 'down') {
      req.socket.destroy();
      return;
    } // the connection drops, as with a crashed server

    const verdict = checkOrigin(origin, req.headers.host, allowed);
    if (verdict === 'forbidden') {
      res.writeHead(403, { 'content-length': '0' }).end();
      return;
    }
    if (verdict === 'allowed') {
      res.setHeader('Access-Control-Allow-Origin', origin!);
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS' && verdict === 'allowed') {
      res
        .writeHead(204, {
          'Access-Control-Allow-Methods': 'GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS',
          'Access-Control-Allow-Headers': 'Authorization,Content-Type,User-Agent,Accept,X-Requested-With',
          'Access-Control-Max-Age': '43200',
        })
        .end();
      return;
    }
    if (!isAllowedHost(req.headers.host)) {
      res.writeHead(403, { 'content-length': '0' }).end();
      return;
    }
    if (
      opts.apiKey &&
      (url.pathname.startsWith('/v1/') || url.pathname === '/props') &&
      req.headers.authorization !== `Bearer ${opts.apiKey}`
    ) {
      return sendJson(res, 401, { error: { code: 401, message: 'Invalid API Key', type: 'authentication_error' } });
    }
    const contextOf = (model: string) => opts.llamaCppContext ?? describeModel(model).context;

    const route = `${req.method} ${url.pathname.replace(/\/+$/, '') || '/'}`;
    switch (route) {
      case 'GET /':
      case 'HEAD /':
        return sendText(res, 200, 'Ollama is running');
      case 'GET /api/version':
        return sendJson(res, 200, { version: opts.version ?? '0.9.6' });
      case 'GET /api/tags':
        return sendJson(res, 200, {
          models: models.map((m) => {
            const { context: _c, tokenFactor: _t, ...info } = describeModel(m);
            return info;
          }),
        });
      case 'GET /api/ps':
        return sendJson(res, 200, { models: [] });
      case 'POST /api/show': {
        const name = body?.model ?? body?.name;
        if (!name) return sendJson(res, 400, { error: 'model is required' });
        if (!findModel(name)) return sendJson(res, 404, { error: `model '${name}' not found` });
        return sendJson(res, 200, showModel(name));
      }
      case 'POST /api/chat':
      case 'POST /api/generate': {
        if (typeof body !== 'object' || body === null) return sendJson(res, 400, { error: 'invalid request body' });
        if (!body.model) return sendJson(res, 400, { error: 'model is required' });
        const model = findModel(body.model);
        if (!model) return sendJson(res, 404, { error: `model "${body.model}" not found, try pulling it first` });
        return nativeCompletion(
          res,
          route === 'POST /api/chat' ? 'chat' : 'generate',
          body,
          model,
          answer,
          plan(),
          log,
          opts.defaultNumCtx,
        );
      }
      case 'POST /api/embed':
      case 'POST /v1/embeddings':
        return embed(res, route === 'POST /v1/embeddings', body, plan());
      case 'GET /v1/models':
        return sendJson(res, 200, openAiModels(models));
      case 'GET /props':
        return opts.llamaCppContext
          ? sendJson(res, 200, {
              default_generation_settings: { n_ctx: opts.llamaCppContext, params: { n_predict: -1 } },
              total_slots: 1,
              model_path: `/models/${models[0]}.gguf`,
            })
          : sendText(res, 404, '404 page not found');
      case 'POST /v1/chat/completions': {
        if (typeof body !== 'object' || body === null)
          return sendJson(res, 400, openAiError(400, 'invalid request body'));
        const model = findModel(body.model);
        if (!model)
          return sendJson(res, 404, openAiError(404, `model "${body.model}" not found, try pulling it first`));
        const ctx = answerContext(body, model, 'openai');
        const schema =
          body.response_format?.type === 'json_schema'
            ? body.response_format.json_schema?.schema
            : body.response_format?.type === 'json_object'
              ? 'json'
              : undefined;
        // vLLM (and OpenAI) refuse what cannot fit instead of cutting it.
        const asked = chatTokens(ctx.messages, describeModel(model).tokenFactor) + (Number(body.max_tokens) || 0);
        if (asked > contextOf(model))
          return sendJson(
            res,
            400,
            openAiError(
              400,
              `This model's maximum context length is ${contextOf(model)} tokens. However, you requested ${asked} tokens. Please reduce the length of the messages or completion.`,
            ),
          );
        return openAiChat(
          res,
          body,
          model,
          schema && !answer ? structuredAnswer(schema, ctx.prompt, structured) : answerFor(answer, ctx),
          ctx,
          plan(),
        );
      }
      default:
        return sendText(res, 404, '404 page not found');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setMode: (m) => {
      mode = m;
    },
    setAnswer: (a) => {
      answer = a;
    },
    setStructured: (m) => {
      structured = m;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answerContext(body: any, model: string, endpoint: string): AnswerContext {
  const messages = Array.isArray(body.messages)
    ? body.messages.map((m: any) => ({ role: String(m?.role ?? 'user'), content: contentText(m?.content) }))
    : [];
  const prompt = [body.system, body.prompt, ...messages.map((m: { content: string }) => m.content)]
    .filter(Boolean)
    .join('\n\n');
  return { model, prompt, messages, endpoint };
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p?.text === 'string' ? p.text : '')).join('');
  return '';
}

async function nativeCompletion(
  res: http.ServerResponse,
  kind: 'chat' | 'generate',
  body: any,
  model: string,
  answer: AnswerSource | undefined,
  plan: StreamPlan,
  log: OllamaRequestLog,
  defaultNumCtx?: number,
) {
  const { context: modelContext, tokenFactor } = describeModel(model);
  const numCtx = effectiveNumCtx(body.options?.num_ctx, modelContext, defaultNumCtx);
  const asked: ChatMessage[] =
    kind === 'chat'
      ? answerContext(body, model, kind).messages
      : [{ role: 'user', content: [body.system, body.prompt].filter(Boolean).join('\n\n') }];
  const seen = truncateChat(asked, numCtx, tokenFactor);
  // The model answers what survived the cut, as Ollama's would.
  const ctx: AnswerContext = {
    model,
    prompt: seen.messages.map((m) => m.content).join('\n\n'),
    messages: seen.messages,
    endpoint: kind,
  };
  const started = process.hrtime.bigint();
  const created = () => new Date().toISOString();
  const piece = (text: string) =>
    kind === 'chat' ? { message: { role: 'assistant', content: text } } : { response: text };
  // An empty chat/prompt only loads the model (Ollama answers done_reason "load").
  if ((kind === 'chat' && ctx.messages.length === 0) || (kind === 'generate' && !body.prompt)) {
    return sendJson(res, 200, {
      model: body.model,
      created_at: created(),
      ...piece(''),
      done_reason: 'load',
      done: true,
    });
  }
  const text =
    body.format && !answer ? structuredAnswer(body.format, ctx.prompt, plan.structured) : answerFor(answer, ctx);
  const promptTokens = chatTokens(seen.messages, tokenFactor);
  log.context = {
    numCtx,
    promptTokens: seen.promptTokens,
    truncated: seen.truncated,
    shifted: promptTokens + modelTokens(text, tokenFactor) > numCtx,
  };
  const final = () => {
    const total = Number(process.hrtime.bigint() - started);
    return {
      model: body.model,
      created_at: created(),
      ...piece(''),
      done_reason: 'stop',
      done: true,
      ...(kind === 'generate' ? { context: [128006, 882, 128007] } : {}),
      total_duration: total + 1_000_000,
      load_duration: 21_345_000,
      prompt_eval_count: promptTokens,
      prompt_eval_duration: 48_000_000,
      eval_count: tokenCount(text),
      eval_duration: Math.max(total, 1_000_000),
    };
  };
  const stream = body.stream !== false; // Ollama streams unless told not to
  if (!stream) {
    if (plan.mode === 'error-mid-stream') return sendJson(res, 500, { error: MID_STREAM_ERROR });
    if (plan.mode === 'stall') return; // never answers
    if (plan.mode === 'slow-first-token') await sleep(plan.firstTokenDelayMs);
    return sendJson(res, 200, { ...final(), ...piece(text) });
  }
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
  const chunks = chunkAnswer(text);
  if (plan.mode === 'slow-first-token') await sleep(plan.firstTokenDelayMs);
  for (const [i, chunk] of chunks.entries()) {
    if (res.destroyed) return;
    if ((plan.mode === 'error-mid-stream' || plan.mode === 'stall') && i === Math.min(2, chunks.length - 1)) {
      if (plan.mode === 'stall') return; // headers and a few chunks, then silence
      res.end(`${JSON.stringify({ error: MID_STREAM_ERROR })}\n`);
      return;
    }
    res.write(`${JSON.stringify({ model: body.model, created_at: created(), ...piece(chunk), done: false })}\n`);
    await sleep(plan.chunkDelayMs);
  }
  res.end(`${JSON.stringify(final())}\n`);
}

/** Embeddings of a batch; the faults are chat's: a missing model, an error, a stall. */
async function embed(res: http.ServerResponse, openai: boolean, body: any, plan: StreamPlan) {
  const fail = (status: number, message: string) =>
    sendJson(res, status, openai ? openAiError(status, message) : { error: message });
  const texts = inputsOf(body?.input);
  if (!body?.model) return fail(400, 'model is required');
  if (!texts) return fail(400, 'invalid input type');
  if (!EMBED_MODELS.includes(fullName(String(body.model))))
    return fail(404, `model "${body.model}" not found, try pulling it first`);
  if (plan.mode === 'stall') return;
  if (plan.mode === 'error-mid-stream') return fail(500, MID_STREAM_ERROR);
  const started = process.hrtime.bigint();
  const { embed: run, backend } = await embedder();
  const vectors = texts.length ? await run(texts) : [];
  res.setHeader('x-dexter-embed-backend', backend);
  if (openai)
    return sendJson(res, 200, {
      object: 'list',
      model: body.model,
      data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
      usage: { prompt_tokens: tokenCount(texts.join(' ')), total_tokens: tokenCount(texts.join(' ')) },
    });
  return sendJson(res, 200, {
    model: body.model,
    embeddings: vectors,
    total_duration: Number(process.hrtime.bigint() - started),
    load_duration: 1_000_000,
    prompt_eval_count: tokenCount(texts.join(' ')),
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

function sendText(res: http.ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(text);
}
