// The OpenAI-compatible surface Ollama serves under /v1 (also spoken by LM Studio, llama.cpp and vLLM).
import type http from 'node:http';
import { randomBytes } from 'node:crypto';
import { chunkAnswer, tokenCount, type AnswerContext } from './answer.ts';
import { MID_STREAM_ERROR, sendJson, sleep, type StreamPlan } from './server.ts';

export function openAiModels(models: string[]) {
  return {
    object: 'list',
    data: models.map((id) => ({ id, object: 'model', created: 1747207297, owned_by: 'library' })),
  };
}

/** Ollama's openai middleware error body; the type follows the status. */
export function openAiError(status: number, message: string) {
  const type = status === 404 ? 'not_found_error' : status === 400 ? 'invalid_request_error' : 'api_error';
  return { error: { message, type, param: null, code: null } };
}

export async function openAiChat(
  res: http.ServerResponse,
  body: any,
  model: string,
  text: string,
  ctx: AnswerContext,
  plan: StreamPlan,
) {
  const id = `chatcmpl-${randomBytes(3).readUIntBE(0, 3) % 1000}`;
  const created = Math.floor(Date.now() / 1000);
  const usage = {
    prompt_tokens: tokenCount(ctx.prompt),
    completion_tokens: tokenCount(text),
    total_tokens: tokenCount(ctx.prompt) + tokenCount(text),
  };
  const base = { id, created, model: body.model ?? model, system_fingerprint: 'fp_ollama' };
  if (!body.stream) {
    if (plan.mode === 'error-mid-stream') return sendJson(res, 500, openAiError(500, MID_STREAM_ERROR));
    if (plan.mode === 'stall') return;
    if (plan.mode === 'slow-first-token') await sleep(plan.firstTokenDelayMs);
    return sendJson(res, 200, {
      ...base,
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
      usage,
    });
  }
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
  const send = (data: unknown) => res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
  const chunk = (delta: object, finish: string | null) => ({
    ...base,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const chunks = chunkAnswer(text);
  if (plan.mode === 'slow-first-token') await sleep(plan.firstTokenDelayMs);
  for (const [i, piece] of chunks.entries()) {
    if (res.destroyed) return;
    if ((plan.mode === 'error-mid-stream' || plan.mode === 'stall') && i === Math.min(2, chunks.length - 1)) {
      if (plan.mode === 'stall') return;
      send(openAiError(500, MID_STREAM_ERROR));
      res.end();
      return;
    }
    send(chunk({ role: 'assistant', content: piece }, null));
    await sleep(plan.chunkDelayMs);
  }
  send(chunk({ role: 'assistant', content: '' }, 'stop'));
  if (body.stream_options?.include_usage) send({ ...base, object: 'chat.completion.chunk', choices: [], usage });
  send('[DONE]');
  res.end();
}
