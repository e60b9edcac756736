import { describe, expect, it } from 'vitest';
import {
  answerReserve,
  contextFromLlamaCppProps,
  contextFromLmStudio,
  contextFromOllamaShow,
  contextFromVllmModels,
  planContext,
  TOKENIZER_MARGIN,
} from './context';

// Shapes from the servers' own answers (Ollama 0.9 /api/show, vLLM 0.9 /v1/models, llama.cpp b5000 /props,
// LM Studio 0.3 /api/v0/models), cut to the fields that matter.
const show = (info: Record<string, unknown>, parameters = 'stop "<|eot_id|>"') => ({
  parameters,
  model_info: info,
  details: { family: 'llama' },
});

describe('reading the context', () => {
  it('from Ollama: the architecture’s context_length, or the Modelfile’s num_ctx when set', () => {
    expect(
      contextFromOllamaShow(
        show({ 'general.architecture': 'llama', 'llama.context_length': 131072, 'llama.embedding_length': 3072 }),
      ),
    ).toEqual({ tokens: 131072, source: 'ollama-model' });
    expect(
      contextFromOllamaShow(
        show(
          { 'general.architecture': 'qwen2', 'qwen2.context_length': 32768 },
          'num_ctx                        8192\nstop "<|im_end|>"',
        ),
      ),
    ).toEqual({ tokens: 8192, source: 'ollama-num_ctx' });
    expect(contextFromOllamaShow(show({ 'gemma3.context_length': 131072 }))).toEqual({
      tokens: 131072,
      source: 'ollama-model',
    });
    expect(contextFromOllamaShow(show({ 'general.architecture': 'llama' }))).toBeNull();
    expect(contextFromOllamaShow('nonsense')).toBeNull();
  });
  it('from vLLM, llama.cpp and LM Studio where each says it, and nothing otherwise', () => {
    const vllm = { object: 'list', data: [{ id: 'Qwen/Qwen2.5-7B-Instruct', object: 'model', max_model_len: 32768 }] };
    expect(contextFromVllmModels(vllm, 'Qwen/Qwen2.5-7B-Instruct')).toEqual({ tokens: 32768, source: 'vllm' });
    expect(contextFromVllmModels(vllm, 'other')).toBeNull();
    expect(contextFromVllmModels({ data: [{ id: 'm' }] }, 'm')).toBeNull(); // Ollama's /v1, LM Studio's /v1
    expect(
      contextFromLlamaCppProps({ default_generation_settings: { n_ctx: 4096, params: {} }, total_slots: 1 }),
    ).toEqual({ tokens: 4096, source: 'llama.cpp' });
    expect(contextFromLlamaCppProps({ n_ctx: 8192 })).toEqual({ tokens: 8192, source: 'llama.cpp' });
    const lms = {
      data: [
        { id: 'qwen2.5-7b-instruct', state: 'loaded', max_context_length: 32768, loaded_context_length: 4096 },
        { id: 'idle', state: 'not-loaded', max_context_length: 32768 },
      ],
    };
    expect(contextFromLmStudio(lms, 'qwen2.5-7b-instruct')).toEqual({ tokens: 4096, source: 'lm-studio' });
    expect(contextFromLmStudio(lms, 'idle')).toBeNull();
  });
});

describe('planning prompt and answer into the context', () => {
  it('keeps a quarter for the answer, between 1,024 and 2,048 tokens, never more than half', () => {
    expect([2048, 4096, 8192, 131072, 1024].map(answerReserve)).toEqual([1024, 1024, 2048, 2048, 512]);
  });

  it('fits the prompt (in a model’s own, larger count) and the answer into every context', () => {
    for (const tokens of [1024, 2048, 4096, 8192, 32768, 131072]) {
      for (const budget of ['auto', 500, 4000, 100_000] as const) {
        const plan = planContext({ tokens, source: 'ollama-model' }, budget);
        expect(plan.numCtx).toBeLessThanOrEqual(tokens);
        expect(Math.ceil(plan.promptBudget * TOKENIZER_MARGIN) + plan.answerReserve).toBeLessThanOrEqual(plan.numCtx);
      }
    }
  });

  it('derives the budget from a 2,048-token model, and caps a user’s larger one', () => {
    expect(planContext({ tokens: 2048, source: 'ollama-model' }, 'auto')).toMatchObject({
      promptBudget: 853,
      answerReserve: 1024,
      numCtx: 2048,
      capped: false,
    });
    expect(planContext({ tokens: 2048, source: 'ollama-model' }, 4000)).toMatchObject({
      promptBudget: 853,
      numCtx: 2048,
      capped: true,
    });
    expect(planContext({ tokens: 8192, source: 'ollama-num_ctx' }, 'auto')).toMatchObject({
      promptBudget: 5120,
      numCtx: 8192,
    });
  });

  it('asks a big model for no more context than the prompt needs (a 128k KV cache would not fit a laptop)', () => {
    expect(planContext({ tokens: 131072, source: 'ollama-model' }, 'auto')).toMatchObject({
      promptBudget: 6000,
      numCtx: 9248,
      capped: false,
    });
    expect(planContext({ tokens: 131072, source: 'ollama-model' }, 20_000)).toMatchObject({
      promptBudget: 20_000,
      numCtx: 26_048,
    });
  });

  it('without a known context: the setting or 4,000, and a num_ctx that still holds both', () => {
    expect(planContext(null, 'auto')).toMatchObject({ promptBudget: 4000, numCtx: 6848 });
    expect(planContext(null, 12_000)).toMatchObject({ promptBudget: 12_000, numCtx: 16_448 });
  });
});
