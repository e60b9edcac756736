// Character classes with the meaning they have in Relay's Rust regexes (the `regex` crate is Unicode-aware:
// `\b`, `\w`, `\s` know non-ASCII letters and spaces), so boundaries fall where Relay's fall.

const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}\p{Pc}]/u;
const NON_ASCII_SPACE = /\s/u;

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

export function isAlnum(c: number): boolean {
  return isDigit(c) || isAsciiLetter(c);
}

export function isHex(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** `\w`: NaN (outside the text) is not a word character. */
export function isWordChar(c: number): boolean {
  if (c < 128) return isAlnum(c) || c === 95;
  if (Number.isNaN(c)) return false;
  return NON_ASCII_WORD.test(String.fromCharCode(c));
}

export function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  if (Number.isNaN(c)) return false;
  return NON_ASCII_SPACE.test(String.fromCharCode(c));
}

/** POSIX `[[:punct:]]`: the ASCII punctuation characters. */
export function isAsciiPunct(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

/** Regex `\b` at index i: a word character on exactly one side. */
export function isBoundary(text: string, i: number): boolean {
  return isWordChar(text.charCodeAt(i - 1)) !== isWordChar(text.charCodeAt(i));
}

/** Case-insensitive ASCII comparison of `word` (lower case) with text at `pos`, without allocating. */
export function hasWordAt(text: string, pos: number, word: string): boolean {
  if (pos < 0 || pos + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) {
    let c = text.charCodeAt(pos + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * A rule's prefilter: a regex that matches wherever the rule can (a necessary condition, checked exactly in JS
 * after), run natively so scanners jump to candidates instead of calling JS per character.
 */
export interface Prefilter {
  /** Finds whether a match lies ahead and where it ends; `test` allocates no match array. */
  any: RegExp;
  /** The same pattern as a zero-width lookahead: where that first match starts. */
  at: RegExp;
  /** End of the match `nextMatch` last returned. */
  end: number;
}

export function prefilter(pattern: string, flags = ''): Prefilter {
  return { any: new RegExp(pattern, `${flags}g`), at: new RegExp(`(?=${pattern})`, `${flags}g`), end: -1 };
}

/** Start of the next prefilter match at or after `from`, or -1; its end is left in `pf.end`. */
export function nextMatch(pf: Prefilter, text: string, from: number): number {
  pf.any.lastIndex = from;
  if (!pf.any.test(text)) return -1;
  pf.end = pf.any.lastIndex;
  // The lookahead only scans the gap up to the match `any` found: both take the leftmost match.
  pf.at.lastIndex = from;
  pf.at.test(text);
  return pf.at.lastIndex;
}
