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
 * Index of the next match of the global regex `re` at or after `from`, or -1. Scanners use it to jump to
 * candidate positions natively: each prefilter is a necessary condition of its rule (ASCII-only lookarounds,
 * bounded repeats), and the exact check still runs in JS at the candidate.
 */
export function nextMatch(re: RegExp, text: string, from: number): number {
  re.lastIndex = from;
  const m = re.exec(text);
  return m === null ? -1 : m.index;
}
