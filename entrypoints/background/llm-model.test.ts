import { describe, expect, it, vi } from 'vitest';
import type { LlmProvider } from '@/lib/llm/providers';
import { settingsSchema } from '@/lib/settings';
import { chatLimits, contextPlan } from './llm-model';

const provider = (answers: ({ tokens: number; source: 'ollama-model' } | null)[]) => {
  const contextLength = vi.fn(async () => answers.shift() ?? null);
  return { p: { contextLength } as unknown as LlmProvider, contextLength };
};

describe('the context plan in the background', () => {
  it('asks the server once per model, asks again after a failure or when told to, and plans from the answer', async () => {
    const s = settingsSchema.parse({ llm: { model: 'tinyllama', url: 'http://127.0.0.1:11434' } });
    const { p, contextLength } = provider([
      null,
      { tokens: 2048, source: 'ollama-model' },
      { tokens: 4096, source: 'ollama-model' },
    ]);
    expect((await contextPlan(s, p)).context).toBeNull(); // server down: the plan without a context…
    expect(await contextPlan(s, p)).toMatchObject({ promptBudget: 853, numCtx: 2048 }); // …and asked again
    expect(await contextPlan(s, p)).toMatchObject({ promptBudget: 853 });
    expect(contextLength).toHaveBeenCalledTimes(2);
    expect((await contextPlan(s, p, { fresh: true })).numCtx).toBe(4096);
  });

  it('tells Ollama its num_ctx, and caps an OpenAI-compatible answer only where the context is known', async () => {
    const plan = {
      context: { tokens: 2048, source: 'vllm' as const },
      promptBudget: 853,
      answerReserve: 1024,
      numCtx: 2048,
      capped: false,
    };
    expect(chatLimits(settingsSchema.parse({}), plan)).toEqual({ numCtx: 2048 });
    expect(chatLimits(settingsSchema.parse({ llm: { provider: 'openai' } }), plan)).toEqual({ maxTokens: 1024 });
    expect(chatLimits(settingsSchema.parse({ llm: { provider: 'openai' } }), { ...plan, context: null })).toEqual({});
  });
});
