// The model's context as Ollama runs it: OLLAMA_CONTEXT_LENGTH (4,096) unless the request says options.num_ctx, and
// never more than the model was trained for (llm/server.go caps it). A longer prompt is truncated silently — the
// runner logs "truncating input prompt", keeps num_keep (4) tokens at the start and drops what follows, so the system
// prompt goes first — and an answer that outgrows the rest shifts the context. The world does the same and says so
// in its request log, so a test can prove Dexter never lets it happen.
import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';

export const OLLAMA_DEFAULT_NUM_CTX = 4096;
export const NUM_KEEP = 4;
/** Role markers and separators a chat template adds per message (Llama 3: 4–5). */
const TEMPLATE_TOKENS = 5;

export interface ChatMessage {
  role: string;
  content: string;
}
export interface ContextLog {
  numCtx: number;
  promptTokens: number;
  truncated: boolean;
  shifted: boolean;
}

const PLAIN = { disallowedSpecial: new Set<string>(), allowedSpecial: new Set<string>() };
/** Tokens as the model counts them: cl100k (Llama 3's tokenizer starts with it) times its tokenizer's factor. */
export function modelTokens(text: string, factor = 1): number {
  return Math.ceil(countTokens(text, PLAIN) * factor);
}

export function chatTokens(messages: ChatMessage[], factor = 1): number {
  return messages.reduce((a, m) => a + modelTokens(m.content, factor) + TEMPLATE_TOKENS, 0);
}

export function effectiveNumCtx(
  requested: unknown,
  modelContext: number,
  defaultNumCtx = OLLAMA_DEFAULT_NUM_CTX,
): number {
  const asked = typeof requested === 'number' && requested > 0 ? Math.floor(requested) : defaultNumCtx;
  return Math.min(asked, modelContext);
}

/** The chat as the model sees it under `numCtx`: unchanged when it fits, else cut after the first NUM_KEEP tokens. */
export function truncateChat(
  messages: ChatMessage[],
  numCtx: number,
  factor = 1,
): { messages: ChatMessage[]; promptTokens: number; truncated: boolean } {
  const promptTokens = chatTokens(messages, factor);
  if (promptTokens <= numCtx) return { messages, promptTokens, truncated: false };
  let drop = promptTokens - numCtx;
  let kept = NUM_KEEP;
  const out = messages.map((m) => {
    const tokens = modelTokens(m.content, factor);
    if (drop <= 0 || tokens === 0) return m;
    const keepHere = Math.min(kept, tokens);
    kept -= keepHere;
    const cut = Math.min(drop, tokens - keepHere);
    drop -= cut;
    const chars = (n: number) => Math.round((n / tokens) * m.content.length);
    return { ...m, content: m.content.slice(0, chars(keepHere)) + m.content.slice(chars(keepHere + cut)) };
  });
  return { messages: out, promptTokens, truncated: true };
}
