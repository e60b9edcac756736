// How much the model reads and writes at once (its context), and the prompt budget that follows from it.
// Ollama runs every model with a 4,096-token context unless a request says num_ctx, and truncates a longer prompt
// silently ("truncating input prompt" in its log), so Dexter reads the model's context and sends num_ctx itself.
// OpenAI-compatible servers fix the context when they load the model; each says it somewhere else, if at all.
import { DEFAULT_TOKEN_BUDGET } from './prompt';

export type ContextSource = 'ollama-num_ctx' | 'ollama-model' | 'vllm' | 'llama.cpp' | 'lm-studio';
export interface ModelContext {
  tokens: number;
  source: ContextSource;
}

/** Without a user's budget the prompt stays below this even in a 128k model: prompt reading takes time on a laptop. */
export const AUTO_BUDGET_MAX = 6000;
/** Dexter counts cl100k tokens; SentencePiece models (Llama 2, Mistral, TinyLlama) count up to ~20% more on code. */
export const TOKENIZER_MARGIN = 1.2;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const positive = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null);

/** POST /api/show: the Modelfile's num_ctx when set (a deliberate choice, often for memory), else the trained length. */
export function contextFromOllamaShow(show: unknown): ModelContext | null {
  if (!isObj(show)) return null;
  const param = typeof show.parameters === 'string' ? /^num_ctx\s+(\d+)\s*$/m.exec(show.parameters) : null;
  if (param && positive(Number(param[1]))) return { tokens: Number(param[1]), source: 'ollama-num_ctx' };
  const info = isObj(show.model_info) ? show.model_info : {};
  const arch = typeof info['general.architecture'] === 'string' ? info['general.architecture'] : '';
  const key =
    arch && `${arch}.context_length` in info
      ? `${arch}.context_length`
      : Object.keys(info).find((k) => k.endsWith('.context_length'));
  const tokens = key ? positive(info[key]) : null;
  return tokens ? { tokens, source: 'ollama-model' } : null;
}

const listed = (models: unknown, model: string): Obj | undefined =>
  isObj(models) && Array.isArray(models.data) ? models.data.filter(isObj).find((m) => m.id === model) : undefined;

/** vLLM's GET /v1/models names each model's max_model_len (the context it was started with). */
export function contextFromVllmModels(models: unknown, model: string): ModelContext | null {
  const tokens = positive(listed(models, model)?.max_model_len);
  return tokens ? { tokens, source: 'vllm' } : null;
}

/** llama.cpp server's GET /props: default_generation_settings.n_ctx (older builds: n_ctx at the top). */
export function contextFromLlamaCppProps(props: unknown): ModelContext | null {
  if (!isObj(props)) return null;
  const settings = isObj(props.default_generation_settings) ? props.default_generation_settings : {};
  const tokens = positive(settings.n_ctx) ?? positive(props.n_ctx);
  return tokens ? { tokens, source: 'llama.cpp' } : null;
}

/** LM Studio's GET /api/v0/models: loaded_context_length of a loaded model (max_context_length is only what it could). */
export function contextFromLmStudio(models: unknown, model: string): ModelContext | null {
  const tokens = positive(listed(models, model)?.loaded_context_length);
  return tokens ? { tokens, source: 'lm-studio' } : null;
}

export interface ContextPlan {
  context: ModelContext | null;
  /** Tokens the prompt may take (Dexter's count). */
  promptBudget: number;
  /** Tokens kept free for the answer. */
  answerReserve: number;
  /** Ollama's options.num_ctx: the prompt (in the model's own count) and the answer both fit. */
  numCtx: number;
  /** The user's own budget was lowered to fit the context. */
  capped: boolean;
}

/** A quarter of the context for the answer, between 1,024 and 2,048 tokens, and never more than half of it. */
export function answerReserve(contextTokens: number): number {
  return Math.min(Math.floor(contextTokens / 2), Math.max(1024, Math.min(2048, Math.floor(contextTokens / 4))));
}

/** The prompt budget and num_ctx for a model; `userBudget` is the setting ('auto', or the user's override). */
export function planContext(context: ModelContext | null, userBudget: number | 'auto'): ContextPlan {
  if (!context) {
    const promptBudget = userBudget === 'auto' ? DEFAULT_TOKEN_BUDGET : userBudget;
    return {
      context,
      promptBudget,
      answerReserve: 2048,
      numCtx: Math.ceil(promptBudget * TOKENIZER_MARGIN) + 2048,
      capped: false,
    };
  }
  const reserve = answerReserve(context.tokens);
  const room = Math.max(0, Math.floor((context.tokens - reserve) / TOKENIZER_MARGIN));
  const wanted = userBudget === 'auto' ? AUTO_BUDGET_MAX : userBudget;
  const promptBudget = Math.min(wanted, room);
  const numCtx = Math.min(context.tokens, Math.ceil(promptBudget * TOKENIZER_MARGIN) + reserve);
  return { context, promptBudget, answerReserve: reserve, numCtx, capped: userBudget !== 'auto' && userBudget > room };
}
