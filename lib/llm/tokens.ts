// Token counts for the prompt budget: an estimate shaped like cl100k's own pre-tokenisation, times a safety margin.
//
// Why not the exact tokenizer: cl100k's rank table (gpt-tokenizer) was 425 KB of the background's 503 KB (gzip -9),
// parsed at every service-worker start, and an MV3 service worker cannot import() it lazily (Chrome forbids dynamic
// import in service workers; only static chunks load). Measured against cl100k on the Sentry fixtures, the prompts
// built from them and 16 harder texts (tokens.test.ts, bench/prompt.ts): before the margin, this estimate is within
// −2%…+31% on the fixture prompts (+7% in total) and its median over all 49 texts is +2%; its worst cases are
// short German and French server messages (−23%, −9%) and URL-encoded query strings (−15%). The old estimate (one
// token per letter run, digit group or symbol) was off by up to −58% (a JWT) and −17% (indented code). With the
// 10% margin every fixture prompt counts more than cl100k (by 9% at least, 18% in total): a prompt this count keeps
// under the budget is under it in cl100k too, at the cost of prompts about a sixth smaller than the exact count allows.
// gpt-tokenizer stays a dev dependency: the tests and the benchmark check the estimate against it.
//
// Why cl100k is the reference for the local models Dexter targets: Llama 3's tokenizer is tiktoken-based and its
// 128k vocabulary starts with cl100k's 100k tokens (Meta's Llama 3 notes), so on English text and code the counts
// are nearly the same (the extra 28k tokens mostly help other languages, where Llama 3 counts fewer). SentencePiece
// models (Llama 2, Mistral 7B) can count ~10–20% more on code; the margin and the 4,000-token default budget leave
// room for that in their 8k+ contexts.

export type TokenCounter = (text: string) => number;

/** Tokens a chat template adds around each message (role markers, separators); Llama 3 uses 4–5, ChatML 4. */
export const MESSAGE_OVERHEAD_TOKENS = 6;

/** What the estimate is multiplied by for budgeting (see above for how it was chosen). */
export const ESTIMATE_MARGIN = 1.1;

// cl100k's pre-tokenisation pattern (tiktoken), without its possessive quantifiers, which JavaScript lacks:
// contractions, words with one leading non-letter, 1–3 digits, punctuation runs, newlines, other whitespace.
const PIECES =
  /'(?:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]|\s+(?!\S)|\s+/giu;
// Inside a word, cl100k's merges rarely cross a case change (getUserById → get·User·By·Id).
const SUBWORDS = /\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})|[^\p{Lu}\p{Ll}]+/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
// Random-looking strings split into very short tokens: hex ids and UUIDs about one a character, base64 (tokens,
// JWTs, hashes) about one per 1.4 characters.
const HEX = /\b[0-9a-f]{8,}(?:-[0-9a-f]{4,})*\b/gi;
const BASE64 = /[A-Za-z0-9+/_-]{16,}={0,2}/g;
const ASCII_PER_TOKEN = 7; // an ASCII sub-word: English words and code identifiers are mostly one token
const OTHER_LETTERS_PER_TOKEN = 1.7; // accented Latin, Cyrillic, Greek …
const PUNCT_PER_TOKEN = 3; // "));" "=>" "===" are one token each

function pieceTokens(piece: string): number {
  if (/\p{L}/u.test(piece)) {
    let n = 0;
    let word = piece;
    const lead = piece.match(/^[^\p{L}]/u)?.[0];
    if (lead) {
      word = piece.slice(lead.length);
      if (lead.charCodeAt(0) > 0x7f) n++;
    }
    for (const sub of word.match(SUBWORDS) ?? [word]) {
      const cjk = sub.match(CJK)?.length ?? 0;
      let ascii = 0;
      for (let i = 0; i < sub.length; i++) if (sub.charCodeAt(i) < 0x80) ascii++;
      const other = [...sub].length - ascii - cjk;
      n += Math.max(1, Math.ceil(ascii / ASCII_PER_TOKEN) + cjk + Math.ceil(other / OTHER_LETTERS_PER_TOKEN));
    }
    return n;
  }
  if (/^\s+$/u.test(piece) || /\p{N}/u.test(piece)) return 1;
  // Punctuation and symbols: emoji and other astral characters are ~3 tokens, other non-ASCII symbols ~2.
  let n = 0;
  for (const ch of piece.trim()) {
    const code = ch.codePointAt(0) ?? 0;
    n += code > 0xffff ? 3 : code > 0x7f ? 2 : 1 / PUNCT_PER_TOKEN;
  }
  return Math.max(1, Math.ceil(n));
}

/** The estimate of cl100k's count, before the margin (about as often above as below). */
export function rawTokenEstimate(text: string): number {
  if (!text) return 0;
  let n = 0;
  let rest = text.replace(HEX, (s) => (/\d/.test(s) && /[a-f]/i.test(s) ? ((n += s.length), ' ') : s));
  rest = rest.replace(BASE64, (s) =>
    /\d/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s) ? ((n += Math.ceil(s.length / 1.4)), ' ') : s,
  );
  for (const [piece] of rest.matchAll(PIECES)) n += pieceTokens(piece);
  return n;
}

/** Tokens of `text` for budgeting: the estimate with its safety margin, so it errs on the side of a smaller prompt. */
export function estimateTokens(text: string): number {
  return text ? Math.ceil(rawTokenEstimate(text) * ESTIMATE_MARGIN) : 0;
}

/** The counter the prompt budget uses. */
export const countTokens: TokenCounter = estimateTokens;

/** Tokens of a system + user chat, template overhead included. */
export function countChatTokens(system: string, user: string, count: TokenCounter = countTokens): number {
  return count(system) + count(user) + 2 * MESSAGE_OVERHEAD_TOKENS;
}
