// Scanners for Relay's `@pemkey`, `@bearer` and `@userpath` (regexes in getsentry/relay `relay-pii/src/regexes.rs`,
// redactions in `relay-pii/src/builtin.rs`), each a single pass over the text.
import type { Finding } from '../types';
import { hasWordAt, isBoundary, isSpace, isWordChar, nextMatch, prefilter } from '../chars';

// Prefilters (see `nextMatch`): each regex matches wherever its rule can, and is checked exactly in JS after.
const BEARER_CANDIDATE = prefilter('(?<![0-9A-Za-z_])bearer\\s+\\S', 'i');
/** A user-directory keyword, its separator and a first character of the name; the match ends after the separator. */
const USERDIR_CANDIDATE = prefilter('(?:users|home|documents and settings|profiles)[/\\\\](?=[^/\\\\\\r\\n\\0])', 'i');

const BEGIN = '-----BEGIN';
const END = '-----END';

/** After `-----BEGIN`/`-----END` at m: `[A-Z ]+(?:PRIVATE|PUBLIC) KEY-----`; returns the end or -1. */
function keyLabelEnd(text: string, m: number): number {
  let i = m;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (!(c === 32 || (c >= 65 && c <= 90))) break;
    i++;
  }
  if (!text.startsWith('-----', i)) return -1;
  for (const tail of ['PRIVATE KEY', 'PUBLIC KEY']) {
    // `[A-Z ]+` needs at least one character of its own before the tail.
    if (i - m > tail.length && text.startsWith(tail, i - tail.length)) return i + 5;
  }
  return -1;
}

/**
 * `(?s)-----BEGIN[A-Z ]+(?:PRIVATE|PUBLIC) KEY-----[\t ]*\r?\n?(.+?)\r?\n?-----END[A-Z ]+(?:PRIVATE|PUBLIC) KEY-----`
 * → the key body (group 1) becomes `[pemkey]`, markers stay. END markers are listed once so that many BEGINs
 * without an END stay linear.
 */
export function findPemKeys(text: string): Finding[] {
  const out: Finding[] = [];
  const ends: number[] = [];
  for (let e = text.indexOf(END); e !== -1; e = text.indexOf(END, e + 1)) {
    if (keyLabelEnd(text, e + END.length) !== -1) ends.push(e);
  }
  if (ends.length === 0) return out;
  let next = 0;
  for (let b = text.indexOf(BEGIN); b !== -1; b = text.indexOf(BEGIN, b + 1)) {
    const headerEnd = keyLabelEnd(text, b + BEGIN.length);
    if (headerEnd === -1) continue;
    let bodyStart = headerEnd;
    while (text.charCodeAt(bodyStart) === 32 || text.charCodeAt(bodyStart) === 9) bodyStart++;
    if (text.charCodeAt(bodyStart) === 13) bodyStart++;
    if (text.charCodeAt(bodyStart) === 10) bodyStart++;
    while (next < ends.length && bodyEnd(text, ends[next] ?? 0, bodyStart) <= bodyStart) next++;
    const e = ends[next];
    if (e === undefined) break;
    const end = bodyEnd(text, e, bodyStart);
    out.push({ rule: 'pemkey', start: bodyStart, end, replacement: '[pemkey]' });
    b = keyLabelEnd(text, e + END.length) - 1;
  }
  return out;
}

/** The lazy body stops before an optional `\r?\n?` in front of END, but keeps at least one character. */
function bodyEnd(text: string, e: number, bodyStart: number): number {
  let i = e;
  if (text.charCodeAt(i - 1) === 10 && i - 1 > bodyStart) i--;
  if (text.charCodeAt(i - 1) === 13 && i - 1 > bodyStart) i--;
  return i;
}

/**
 * `(?i)\b(Bearer\s+)([^\s]+)` → the whole match becomes `Bearer [token]` (Relay's snapshot
 * `logentry_formatted_bearer_token_scrubbing`: "failed with Bearer [token] and other data").
 */
export function findBearerTokens(text: string): Finding[] {
  const out: Finding[] = [];
  for (let p = nextMatch(BEARER_CANDIDATE, text, 0); p !== -1; p = nextMatch(BEARER_CANDIDATE, text, p + 1)) {
    const c = text.charCodeAt(p) | 32;
    if (c !== 98 || !hasWordAt(text, p, 'bearer') || isWordChar(text.charCodeAt(p - 1))) continue;
    let i = p + 6;
    while (isSpace(text.charCodeAt(i))) i++;
    if (i === p + 6) continue;
    const tokenStart = i;
    while (i < text.length && !isSpace(text.charCodeAt(i))) i++;
    if (i === tokenStart) continue;
    out.push({ rule: 'bearer', start: p, end: i, replacement: 'Bearer [token]' });
    p = i - 1;
  }
  return out;
}

const isSep = (c: number) => c === 47 || c === 92; // '/' '\'

/**
 * `(?i)(?:\b(?:[a-z]:[\\/])?(?:users|home|documents and settings|[^/\\]+[/\\]profiles)[\\/]|/(?:home|users)/)`
 * `([^/\\\r\n\x00]+)` → the user name (group 1) becomes `[user]`. Like Relay, the name runs to the next
 * separator or line end, spaces included, and `$HOME/x` counts (`x` → `[user]`, Relay's own test).
 */
export function findUserPaths(text: string): Finding[] {
  const out: Finding[] = [];
  let from = 0;
  let next = 0;
  for (let k = nextMatch(USERDIR_CANDIDATE, text, 0); k !== -1; k = nextMatch(USERDIR_CANDIDATE, text, next)) {
    // Keywords hold no separator, so each candidate names the one separator `s` the keyword ends at.
    const s = USERDIR_CANDIDATE.end - 1;
    next = k + 1;
    if (!isSep(text.charCodeAt(s))) continue;
    const keyword = userDirBefore(text, s, from);
    if (keyword === -1) continue;
    let i = s + 1;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (isSep(c) || c === 13 || c === 10 || c === 0) break;
      i++;
    }
    if (i === s + 1) continue;
    out.push({ rule: 'userpath', start: s + 1, end: i, replacement: '[user]' });
    from = i;
    next = i;
  }
  return out;
}

/** Start of a user-directory keyword that ends at the separator s (and begins at or after `from`), or -1. */
function userDirBefore(text: string, s: number, from: number): number {
  for (const word of ['users', 'home', 'documents and settings']) {
    const k = s - word.length;
    if (k < from || !hasWordAt(text, k, word)) continue;
    // `/(?:home|users)/` adds nothing: a separator before the word already makes the `\b`.
    if (isBoundary(text, k)) return k;
  }
  const k = s - 'profiles'.length;
  if (k - 1 <= from || !hasWordAt(text, k, 'profiles') || !isSep(text.charCodeAt(k - 1))) return -1;
  // `[^/\\]+` before `\profiles` must start at a `\b`: true when that segment holds any word character.
  for (let j = k - 2; j >= from && !isSep(text.charCodeAt(j)); j--) {
    if (isWordChar(text.charCodeAt(j))) return k;
  }
  return -1;
}
