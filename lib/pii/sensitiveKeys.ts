// Which keys hold secrets, and Relay's `@password` rule applied to `key=value` text.
//
// Sources: getsentry/relay `relay-pii/src/regexes.rs` (`PASSWORD_KEY_REGEX`, `TOKEN_KEY_REGEX`),
// `relay-pii/src/convert.rs` (`SENSITIVE_COOKIES`), getsentry/sentry `src/sentry/constants.py`
// (`DEFAULT_SCRUBBED_FIELDS`) and sentry-python `sentry_sdk/scrubber.py` (`DEFAULT_DENYLIST`).
import type { Finding } from './types';
import type { Prefilter } from './chars';
import { isAlnum, isSpace, nextMatch, prefilter } from './chars';

/** `PASSWORD_KEY_REGEX` and `TOKEN_KEY_REGEX`: case-insensitive substrings, so `a_password_here` and `author` count. */
const KEY_SUBSTRINGS = [
  'password',
  'secret',
  'passwd',
  'api-key',
  'api_key',
  'apikey',
  'auth',
  'credentials',
  'mysql_pwd',
  'privatekey',
  'private-key',
  'private_key',
  'token',
];

/** Whole key names, compared lower-cased with `-` read as `_`: session ids, CSRF tokens, cookies. */
const KEY_NAMES = new Set([
  'otp',
  'two_factor',
  'card[number]',
  // Relay SENSITIVE_COOKIES
  'sentrysid',
  'sudo',
  'su',
  'session',
  '__session',
  'sessionid',
  'user_session',
  'symfony',
  'phpsessid',
  'fasthttpsessionid',
  'mysession',
  'irissessionid',
  'csrf',
  'xsrf',
  '_xsrf',
  '_csrf',
  'csrf_token',
  'xsrf_token',
  'fastcsrf',
  '_iris_csrf',
  // sentry-python DEFAULT_DENYLIST
  'csrftoken',
  'x_csrftoken',
  'x_forwarded_for',
  'set_cookie',
  'cookie',
  'aiohttp_session',
  'connect.sid',
  '_csrf_token',
  '_session',
  // the brief's session ids
  'session_id',
  'sid',
]);

/** Keys whose unquoted text value runs to the end of the line (HTTP header values hold spaces and `;`). */
const LINE_VALUE_KEYS = new Set(['authorization', 'proxy_authorization', 'cookie', 'set_cookie']);

export function isSensitiveKey(key: string, extra: readonly string[] = []): boolean {
  const lower = key.toLowerCase();
  if (KEY_SUBSTRINGS.some((s) => lower.includes(s))) return true;
  if (KEY_NAMES.has(lower.replaceAll('-', '_'))) return true;
  return extra.some((s) => s.trim() !== '' && lower.includes(s.trim().toLowerCase()));
}

export const FILTERED = '[Filtered]';

/** Values Relay never scrubs (`processor.rs` `process_string`), plus Dexter's own redactions so a rerun is a no-op. */
const KEEP_VALUES = new Set(['', 'true', 'false', 'null', 'undefined', FILTERED]);

export function isKeptValue(value: string): boolean {
  return KEEP_VALUES.has(value.trim()) || /^(?:\*+|\[[a-z-]+\]|Bearer \[token\])$/.test(value);
}

/** Authorization schemes: `token: Bearer abc` filters `Bearer abc`, not just the scheme word. */
const AUTH_SCHEMES = new Set(['bearer', 'basic', 'token', 'digest', 'negotiate', 'apikey', 'ntlm']);

const isKeyChar = (c: number) => isAlnum(c) || c === 95 || c === 45 || c === 46 || c === 91 || c === 93; // _ - . [ ]
const QUOTE_DQ = 34;
const QUOTE_SQ = 39;
const MAX_KEY = 64;
const MAX_VALUE = 4096;
const VALUE_STOP = new Set([38, 59, 44, 34, 39, 60, 62, 41, 125]); // & ; , " ' < > ) }

/**
 * `@password` in free text: the value after a sensitive key in `key=value`, `key: value`, `"key": "value"` or
 * `'key': 'value'` becomes `[Filtered]`. Relay would filter the whole string once a key name appears in it
 * (`KeyValue` patterns); Dexter keeps the rest of the message. `key = value` with spaces is code, not data,
 * and is left alone.
 */
export function findKeyValueSecrets(text: string, extraKeys: readonly string[] = []): Finding[] {
  const out: Finding[] = [];
  const candidates = sensitiveKeyCandidates(extraKeys);
  let bound = 0; // separators before the end of the last value are inside it
  let next = 0;
  for (let r = nextMatch(candidates, text, 0); r !== -1; r = nextMatch(candidates, text, next)) {
    next = r + 1;
    const i = separatorAfterKey(text, r);
    if (i < bound) continue;
    const value = secretAt(text, i, extraKeys);
    if (value === undefined) continue;
    out.push({ rule: 'password', start: value.start, end: value.end, replacement: FILTERED });
    bound = value.end;
    // A key may begin inside the value just filtered and end after it (a value cut at MAX_VALUE, a quoted one).
    next = Math.max(r + 1, keyStartBefore(text, value.end));
  }
  return out;
}

/** The value filtered for the `=`/`:` at i, or undefined when its key is not sensitive or nothing is worth it. */
function secretAt(text: string, i: number, extraKeys: readonly string[]): { start: number; end: number } | undefined {
  const c = text.charCodeAt(i);
  if (c !== 61 && c !== 58) return undefined; // '=' ':'
  const key = keyBefore(text, i, c === 58);
  if (key === undefined || !isSensitiveKey(key.name, extraKeys)) return undefined;
  if (c === 61 && text.charCodeAt(i + 1) === 61) return undefined; // `==`
  if (c === 58 && (text.charCodeAt(i + 1) === 58 || text.charCodeAt(i + 1) === 47)) return undefined; // `::`, `://`
  return valueAfter(text, i + 1, c === 58, LINE_VALUE_KEYS.has(key.name.toLowerCase().replaceAll('-', '_')));
}

const KEY_CLASS = '[A-Za-z0-9_.\\[\\]-]'; // isKeyChar
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
let cachedCandidates: { extra: string; pf: Prefilter } | undefined;

/**
 * Prefilter for `findKeyValueSecrets`: the start of a key-character run of at most MAX_KEY characters that is
 * followed by an optional quote, spaces and `=`/`:`, and holds a sensitive substring or is a sensitive name.
 * A necessary condition of `isSensitiveKey` on the key `keyBefore` finds; the exact checks follow in JS.
 */
function sensitiveKeyCandidates(extraKeys: readonly string[]): Prefilter {
  const extra = extraKeys.map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  const cacheKey = extra.join('\n');
  if (cachedCandidates?.extra === cacheKey) return cachedCandidates.pf;
  const substrings = [...KEY_SUBSTRINGS, ...extra].map(escapeRegex).join('|');
  const names = [...KEY_NAMES].map((n) => escapeRegex(n).replaceAll('_', '[_-]')).join('|');
  const pf = prefilter(
    `(?<!${KEY_CLASS})(?=${KEY_CLASS}{1,${MAX_KEY}}["']?[ \\t]*[=:])(?:${KEY_CLASS}*?(?:${substrings})|(?:${names})(?!${KEY_CLASS}))`,
    'i',
  );
  cachedCandidates = { extra: cacheKey, pf };
  return pf;
}

/** The `=`/`:` a key starting at r would belong to: after the key, an optional closing quote and spaces. */
function separatorAfterKey(text: string, r: number): number {
  let i = r;
  while (isKeyChar(text.charCodeAt(i))) i++;
  const q = text.charCodeAt(i);
  if (q === QUOTE_DQ || q === QUOTE_SQ) i++;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return i;
}

/** Walks back from `end` over spaces, a quote and key characters: where a key reaching past `end` would start. */
function keyStartBefore(text: string, end: number): number {
  let p = end;
  while (p > 0 && (text.charCodeAt(p - 1) === 32 || text.charCodeAt(p - 1) === 9)) p--;
  if (text.charCodeAt(p - 1) === QUOTE_DQ || text.charCodeAt(p - 1) === QUOTE_SQ) p--;
  for (let n = 0; p > 0 && n <= MAX_KEY && isKeyChar(text.charCodeAt(p - 1)); n++) p--;
  return p;
}

/** The key that ends right before the separator at i (an optional closing quote between), or undefined. */
function keyBefore(text: string, i: number, colon: boolean): { name: string } | undefined {
  let end = i;
  if (colon) while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  const quote = text.charCodeAt(end - 1);
  const quoted = quote === QUOTE_DQ || quote === QUOTE_SQ;
  if (quoted) end--;
  if (!quoted && end !== i && colon) return undefined; // `word : x` is prose
  let start = end;
  while (start > 0 && end - start <= MAX_KEY && isKeyChar(text.charCodeAt(start - 1))) start--;
  if (start === end || end - start > MAX_KEY) return undefined;
  if (quoted && text.charCodeAt(start - 1) !== quote) return undefined;
  return { name: text.slice(start, end) };
}

/** The value span after a separator; undefined when there is nothing worth filtering. */
function valueAfter(
  text: string,
  from: number,
  colon: boolean,
  toLineEnd: boolean,
): { start: number; end: number } | undefined {
  let start = from;
  if (colon) while (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9) start++;
  const open = text.charCodeAt(start);
  let end: number;
  if (open === QUOTE_DQ || open === QUOTE_SQ) {
    start++;
    end = start;
    while (end < text.length && end - start < MAX_VALUE) {
      const ch = text.charCodeAt(end);
      if (ch === open || ch === 10 || ch === 13) break;
      end += ch === 92 ? 2 : 1; // skip the escaped character
    }
    end = Math.min(end, text.length);
  } else {
    if (open === 123 || open === 91) {
      // `{…}`/`[…]` is a nested structure (or an earlier redaction): only an exact redaction is skipped here.
      if (open === 91 && !text.startsWith(FILTERED, start)) return undefined;
      if (open === 123) return undefined;
    }
    end = start;
    while (end < text.length && end - start < MAX_VALUE) {
      const ch = text.charCodeAt(end);
      if (ch === 10 || ch === 13) break;
      if (!toLineEnd && (isSpace(ch) || VALUE_STOP.has(ch))) break;
      end++;
    }
    if (!toLineEnd && AUTH_SCHEMES.has(text.slice(start, end).toLowerCase())) {
      let next = end;
      while (text.charCodeAt(next) === 32) next++;
      if (next > end && next < text.length && !isSpace(text.charCodeAt(next))) {
        end = next;
        while (end < text.length && end - start < MAX_VALUE && !isSpace(text.charCodeAt(end))) end++;
      }
    }
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  }
  if (end <= start || isKeptValue(text.slice(start, end))) return undefined;
  return { start, end };
}
