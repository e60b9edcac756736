// Scanners for Relay's `@creditcard`, `@iban`, `@imei`, `@usssn` and `@uuid` (regexes in getsentry/relay
// `relay-pii/src/regexes.rs`, redactions in `relay-pii/src/builtin.rs`), each a single pass over the text.
import type { Finding } from '../types';
import { isAlnum, isDigit, isSpace, isUpper, isWordChar, nextMatch, prefilter } from '../chars';

// Prefilters (see `nextMatch`): each regex matches wherever its rule can, and is checked exactly in JS after.
// `(?<!W)`/`(?!W)` use ASCII word characters only, a weaker condition than the Unicode `\b` the JS check applies.
const W = '[0-9A-Za-z_]';
const CARD_CANDIDATE = prefilter(
  `(?<!${W})(?:3[47][0-9]|4[0-9]{3}|5[1-5][0-9]{2}|65[0-9]{2}|6011)(?:[-\\s]?[0-9]){12}(?!${W})`,
);
const IBAN_CANDIDATE = prefilter(`(?<!${W})[A-Z]{2}[0-9]{2}[A-Za-z0-9]{11,29}(?!${W})`);
const IMEI_CANDIDATE = prefilter(`(?<!${W})[0-9]{2}-?[0-9]{6}-?[0-9]{6}-?[0-9]{1,2}(?!${W})`);
const SSN_CANDIDATE = prefilter(`(?<!${W})[0-9]{3}-[0-9]{2}-[0-9]{4}(?!${W})`);
const UUID_CANDIDATE = prefilter(`(?<!${W})[A-Za-z0-9]{8}(?:-?[A-Za-z0-9]{4}){3}-?[A-Za-z0-9]{12}(?!${W})`);

/** A match may only start where `\b` holds before a word character: the previous character is not a word char. */
const startsWord = (text: string, p: number) => !isWordChar(text.charCodeAt(p - 1));

/** Length of the card prefix at p: `3[47]\d | 4\d{3} | 5[1-5]\d\d | 65\d\d | 6011`, or 0. */
function cardPrefix(text: string, p: number): number {
  const d = (k: number) => text.charCodeAt(p + k);
  const a = d(0);
  const b = d(1);
  if (a === 51 && (b === 52 || b === 55) && isDigit(d(2))) return 3;
  if (a === 52 && isDigit(b) && isDigit(d(2)) && isDigit(d(3))) return 4;
  if (a === 53 && b >= 49 && b <= 53 && isDigit(d(2)) && isDigit(d(3))) return 4;
  if (a === 54 && b === 53 && isDigit(d(2)) && isDigit(d(3))) return 4;
  if (a === 54 && b === 48 && d(2) === 49 && d(3) === 49) return 4;
  return 0;
}

/** Luhn checksum over the digits of `text` (other characters are skipped). */
export function luhnValid(text: string): boolean {
  let sum = 0;
  let k = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    let v = text.charCodeAt(i) - 48;
    if (v < 0 || v > 9) continue;
    if (k % 2 === 1) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
    k++;
  }
  return k > 0 && sum % 10 === 0;
}

/**
 * `\b((?:prefix)([-\s]?\d){12})\b` → `[creditcard]`. Dexter also asks for a valid Luhn checksum unless
 * `luhn` is false (Relay has none: its own test number 4571234567890111 fails Luhn).
 */
export function findCreditCards(text: string, luhn: boolean): Finding[] {
  const out: Finding[] = [];
  for (let p = nextMatch(CARD_CANDIDATE, text, 0); p !== -1; p = nextMatch(CARD_CANDIDATE, text, p + 1)) {
    if (!isDigit(text.charCodeAt(p)) || !startsWord(text, p)) continue;
    const len = cardPrefix(text, p);
    if (len === 0) continue;
    let i = p + len;
    let n = 0;
    for (; n < 12; n++) {
      const c = text.charCodeAt(i);
      if ((c === 45 || isSpace(c)) && isDigit(text.charCodeAt(i + 1))) i++;
      if (!isDigit(text.charCodeAt(i))) break;
      i++;
    }
    if (n < 12 || isWordChar(text.charCodeAt(i))) continue;
    if (luhn && !luhnValid(text.slice(p, i))) continue;
    out.push({ rule: 'creditcard', start: p, end: i, replacement: '[creditcard]' });
    p = i - 1;
  }
  return out;
}

// regexes.rs IBAN_REGEX country list, verbatim; the match is case-sensitive.
const IBAN_COUNTRIES = new Set(
  (
    'AT AD AE AL AZ BA BE BG BH BR BY CH CR CY CZ DE DK DO EE EG ES FI FO FR GB GE GI GL GR GT HR HU IE IL IQ IS IT ' +
    'JO KW KZ LB LC LI LT LU LV LY MC MD ME MK MR MT MU NL NO PK PL PS PT QA RO RU RS SA SC SE SI SK SM ST SV TL TN ' +
    'TR UA VA VG XK DZ AO BJ BF BI CV CM CF TD KM CG CI DJ GQ GA GW HN IR MG ML MA MZ NI NE SN TG'
  ).split(' '),
);

/** `\b(country)\d{2}[a-zA-Z0-9]{11,29}\b` → `[iban]`; no checksum, exactly like Relay. */
export function findIbans(text: string): Finding[] {
  const out: Finding[] = [];
  for (let p = nextMatch(IBAN_CANDIDATE, text, 0); p !== -1; p = nextMatch(IBAN_CANDIDATE, text, p + 1)) {
    if (p + 15 > text.length || !isUpper(text.charCodeAt(p)) || !startsWord(text, p)) continue;
    if (!IBAN_COUNTRIES.has(text.slice(p, p + 2))) continue;
    if (!isDigit(text.charCodeAt(p + 2)) || !isDigit(text.charCodeAt(p + 3))) continue;
    let i = p + 4;
    while (i - (p + 4) <= 29 && isAlnum(text.charCodeAt(i))) i++;
    const len = i - (p + 4);
    if (len < 11 || len > 29 || isWordChar(text.charCodeAt(i))) continue;
    out.push({ rule: 'iban', start: p, end: i, replacement: '[iban]' });
    p = i - 1;
  }
  return out;
}

/** Skips `count` digits from i; -1 if they are not all there. */
function digitsEnd(text: string, i: number, count: number): number {
  for (let k = 0; k < count; k++) if (!isDigit(text.charCodeAt(i + k))) return -1;
  return i + count;
}

const skipDash = (text: string, i: number) => (text.charCodeAt(i) === 45 ? i + 1 : i);

/** `\b(\d{2}-?\d{6}-?\d{6}-?\d{1,2})\b` → `[imei]`: so every plain 15- or 16-digit number is an IMEI to Relay. */
export function findImeis(text: string): Finding[] {
  const out: Finding[] = [];
  for (let p = nextMatch(IMEI_CANDIDATE, text, 0); p !== -1; p = nextMatch(IMEI_CANDIDATE, text, p + 1)) {
    if (!isDigit(text.charCodeAt(p)) || !startsWord(text, p)) continue;
    let i = digitsEnd(text, p, 2);
    if (i !== -1) i = digitsEnd(text, skipDash(text, i), 6);
    if (i !== -1) i = digitsEnd(text, skipDash(text, i), 6);
    if (i !== -1) {
      i = digitsEnd(text, skipDash(text, i), 1);
      if (i !== -1 && isDigit(text.charCodeAt(i))) i++;
    }
    if (i === -1 || isWordChar(text.charCodeAt(i))) continue;
    out.push({ rule: 'imei', start: p, end: i, replacement: '[imei]' });
    p = i - 1;
  }
  return out;
}

/** `\b([0-9]{3}-[0-9]{2}-[0-9]{4})\b` → masked with `*` (`@usssn` is `@usssn:mask`). */
export function findUsSsns(text: string): Finding[] {
  const out: Finding[] = [];
  for (let p = nextMatch(SSN_CANDIDATE, text, 0); p !== -1; p = nextMatch(SSN_CANDIDATE, text, p + 1)) {
    if (p + 11 > text.length || !isDigit(text.charCodeAt(p)) || !startsWord(text, p)) continue;
    let i = digitsEnd(text, p, 3);
    if (i !== -1) i = text.charCodeAt(i) === 45 ? digitsEnd(text, i + 1, 2) : -1;
    if (i !== -1) i = text.charCodeAt(i) === 45 ? digitsEnd(text, i + 1, 4) : -1;
    if (i === -1 || isWordChar(text.charCodeAt(i))) continue;
    out.push({ rule: 'usssn', start: p, end: i, replacement: '*'.repeat(i - p) });
    p = i - 1;
  }
  return out;
}

const UUID_GROUPS = [8, 4, 4, 4, 12];

/**
 * `(?i)\b[a-z0-9]{8}-?[a-z0-9]{4}-?[a-z0-9]{4}-?[a-z0-9]{4}-?[a-z0-9]{12}\b` → masked with `*` (`@uuid` is
 * `@uuid:mask`). Any letters, not just hex, and dashes optional: every standalone 32-character alphanumeric word
 * (an MD5, a Sentry event id, a trace id) is a UUID to Relay too. 40-char git SHAs are not.
 */
export function findUuids(text: string): Finding[] {
  const out: Finding[] = [];
  for (let p = nextMatch(UUID_CANDIDATE, text, 0); p !== -1; p = nextMatch(UUID_CANDIDATE, text, p + 1)) {
    if (p + 32 > text.length || !isAlnum(text.charCodeAt(p)) || !startsWord(text, p)) continue;
    let i = p;
    let ok = true;
    for (let k = 0; k < UUID_GROUPS.length && ok; k++) {
      if (k > 0) i = skipDash(text, i);
      const len = UUID_GROUPS[k] ?? 0;
      for (let n = 0; n < len && ok; n++, i++) ok = isAlnum(text.charCodeAt(i));
    }
    if (!ok || isWordChar(text.charCodeAt(i))) continue;
    out.push({ rule: 'uuid', start: p, end: i, replacement: '*'.repeat(i - p) });
    p = i - 1;
  }
  return out;
}
