// The configured model server as the LLM code uses it: its provider (with the API key only where it belongs) and
// the context plan — how long the prompt may be and what num_ctx Ollama runs the model with (lib/llm/context.ts).
import { createProvider, type LlmProvider } from '@/lib/llm/providers';
import { apiKeyFor } from '@/lib/llm/apiKey';
import { planContext, type ContextPlan, type ModelContext } from '@/lib/llm/context';
import type { Settings } from '@/lib/settings';
import { llmKeyItem } from './llm-key';

export async function providerFor(s: Settings): Promise<LlmProvider> {
  const apiKey = apiKeyFor(s.llm.url, await llmKeyItem.getValue());
  return createProvider({ provider: s.llm.provider, url: s.llm.url, stallSeconds: s.llm.stallSeconds, apiKey });
}

/** A model's context per server and model, for the worker's life (one /api/show, not one per Explain). Only
 *  answers are kept: a server that was down is asked again next time. */
const known = new Map<string, ModelContext>();

/** `fresh`: ask the server again (the settings screen's check: a model may have been re-created). */
export async function contextPlan(s: Settings, provider: LlmProvider, { fresh = false } = {}): Promise<ContextPlan> {
  const key = `${s.llm.provider} ${s.llm.url} ${s.llm.model}`;
  let context = fresh ? undefined : known.get(key);
  if (!context && s.llm.model) {
    const told = await provider.contextLength(s.llm.model).catch(() => null);
    if (told) known.set(key, (context = told));
  }
  return planContext(context ?? null, s.llm.promptBudget);
}

/** What the chat request carries for the plan: num_ctx for Ollama, a cap on the answer where the context is fixed. */
export function chatLimits(s: Settings, plan: ContextPlan): { numCtx?: number; maxTokens?: number } {
  if (s.llm.provider === 'ollama') return { numCtx: plan.numCtx };
  return plan.context ? { maxTokens: plan.answerReserve } : {};
}
