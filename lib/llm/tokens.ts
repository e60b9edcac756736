// Token counts for the prompt budget. Background-only: cl100k's rank table is ~1.2 MB of source, so no content
// script or page may import lib/llm (tokens.test.ts checks the entrypoints for it).
//
// Why cl100k is a fair estimate for the local models Dexter targets: Llama 3's tokenizer is tiktoken-based and its
// 128k vocabulary starts with cl100k's 100k tokens (Meta's Llama 3 notes), so on English text and code the counts
// are nearly the same (the extra 28k tokens mostly help other languages, where Llama 3 counts fewer). SentencePiece
// models (Llama 2, Mistral 7B) can count ~10–20% more on code; the 4,000-token default budget leaves far more room
// than that in their 8k+ contexts. Measured here on the Sentry fixtures: o200k differs from cl100k by < 3%.
import { countTokens as cl100kCount } from 'gpt-tokenizer/encoding/cl100k_base';

export type TokenCounter = (text: string) => number;

/** Tokens a chat template adds around each message (role markers, separators); Llama 3 uses 4–5, ChatML 4. */
export const MESSAGE_OVERHEAD_TOKENS = 6;

// Special-token strings ("<|endoftext|>") inside event data are plain text to us, never control tokens.
const PLAIN_TEXT = { disallowedSpecial: new Set<string>(), allowedSpecial: new Set<string>() };

/**
 * Cheap estimate: one token per letter run, per 1–3 digits and per symbol, plus 10%. On the Sentry fixtures it
 * lands within −3%…+12% of cl100k before the 10%, so it errs on the side of a smaller prompt.
 */
export function estimateTokens(text: string): number {
  if (!text) return 0;
  const pieces = text.match(/[A-Za-z]+|\d{1,3}|[^\sA-Za-z\d]/g)?.length ?? 0;
  return Math.ceil(pieces * 1.1);
}

/** Exact cl100k count; falls back to the estimate if the tokenizer fails on some input. */
export function countTokens(text: string): number {
  if (!text) return 0;
  try {
    return cl100kCount(text, PLAIN_TEXT);
  } catch {
    return estimateTokens(text);
  }
}

/** Tokens of a system + user chat, template overhead included. */
export function countChatTokens(system: string, user: string, count: TokenCounter = countTokens): number {
  return count(system) + count(user) + 2 * MESSAGE_OVERHEAD_TOKENS;
}
