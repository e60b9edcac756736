// Scanners for Relay's `@email`, `@ip`, `@mac` and `@urlauth` (regexes in getsentry/relay
// `relay-pii/src/regexes.rs`, redactions in `relay-pii/src/builtin.rs`). Each one walks the text once instead of
// running the regex, so no input can make it backtrack; each comment gives the regex it reproduces.
import type { Finding } from '../types';
import {
  isAlnum,
  isAsciiLetter,
  isAsciiPunct,
  isBoundary,
  isDigit,
  isHex,
  isSpace,
  isWordChar,
  nextMatch,
  prefilter,
} from '../chars';

// Prefilters (see `nextMatch`): each regex matches wherever its rule can, and is checked exactly in JS after.
// `(?<!W)`/`(?!W)` use ASCII word characters only, a weaker condition than the Unicode `\b` the JS check applies.
const W = '[0-9A-Za-z_]';
const EMAIL_AT_CANDIDATE = prefilter(
  "(?<=[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-])@[a-zA-Z0-9-]+\\.(?:[a-zA-Z0-9.-]*\\.)?[a-zA-Z]{2}",
);
const MAC_CANDIDATE = prefilter(`(?<!${W})(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}(?!${W})`);
const URLAUTH_CANDIDATE = prefilter(
  "//(?:[a-zA-Z0-9%_.-]+(?::[a-zA-Z0-9%_.!$&'()*+,;=~-]+)?|:[a-zA-Z0-9%_.!$&'()*+,;=~-]+)@",
);

const EMAIL_LOCAL = new Set(".!#$%&'*+/=?^_`{|}~-".split('').map((ch) => ch.charCodeAt(0)));
const isLocalChar = (c: number) => isAlnum(c) || EMAIL_LOCAL.has(c);
const isLabelChar = (c: number) => isAlnum(c) || c === 45; // [a-zA-Z0-9-]

/**
 * `\b[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*\.[a-zA-Z]{2,}\b` → `[email]`.
 * The domain ends after the last label whose leading letters (two or more) are followed by a boundary.
 */
export function findEmails(text: string): Finding[] {
  const out: Finding[] = [];
  let from = 0;
  for (let at = nextMatch(EMAIL_AT_CANDIDATE, text, 0); at !== -1; at = nextMatch(EMAIL_AT_CANDIDATE, text, at + 1)) {
    if (at < from) continue;
    let runStart = at;
    while (runStart > from && isLocalChar(text.charCodeAt(runStart - 1))) runStart--;
    let start = -1;
    for (let s = runStart; s < at; s++) {
      if (isBoundary(text, s)) {
        start = s;
        break;
      }
    }
    if (start === -1) continue;
    const end = domainEnd(text, at + 1);
    if (end === -1) continue;
    out.push({ rule: 'email', start, end, replacement: '[email]' });
    from = end;
    at = end - 1;
  }
  return out;
}

/** End of the longest `label(.label)*.letters{2,}\b` at `pos`, or -1. */
function domainEnd(text: string, pos: number): number {
  let best = -1;
  let i = pos;
  let label = 0;
  for (;;) {
    const labelStart = i;
    while (isLabelChar(text.charCodeAt(i))) i++;
    if (i === labelStart) break;
    if (label > 0) {
      let letters = labelStart;
      while (isAsciiLetter(text.charCodeAt(letters))) letters++;
      if (letters - labelStart >= 2 && !isWordChar(text.charCodeAt(letters))) best = letters;
    }
    label++;
    if (text.charCodeAt(i) !== 46) break; // '.'
    i++;
  }
  return best;
}

// Scratch space for the octet ends of the four levels of ipv4End, so the hot loop allocates nothing.
const OCTET_ENDS = [new Int32Array(3), new Int32Array(3), new Int32Array(3), new Int32Array(3)];

/**
 * One IPv4 octet, `25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?`: writes the ends it can take, in the regex's order of
 * preference, into `ends` and returns how many.
 */
function octetEnds(text: string, p: number, ends: Int32Array): number {
  const d0 = text.charCodeAt(p);
  const d1 = text.charCodeAt(p + 1);
  const d2 = text.charCodeAt(p + 2);
  let n = 0;
  if (d0 === 50 && d1 === 53 && d2 >= 48 && d2 <= 53) n = addEnd(ends, n, p + 3);
  if (d0 === 50 && d1 >= 48 && d1 <= 52 && isDigit(d2)) n = addEnd(ends, n, p + 3);
  if ((d0 === 48 || d0 === 49) && isDigit(d1)) {
    if (isDigit(d2)) n = addEnd(ends, n, p + 3);
    n = addEnd(ends, n, p + 2);
  }
  if (isDigit(d0)) {
    if (isDigit(d1)) n = addEnd(ends, n, p + 2);
    n = addEnd(ends, n, p + 1);
  }
  return n;
}

/** Appends `e` to the first `n` ends unless already there; returns the new count. */
function addEnd(ends: Int32Array, n: number, e: number): number {
  for (let k = 0; k < n; k++) if (ends[k] === e) return n;
  ends[n] = e;
  return n + 1;
}

/** End of `octet\.octet\.octet\.octet\b` at p, trying octet lengths in the regex's order; -1 if none. */
function ipv4End(text: string, p: number, octet = 0): number {
  const ends = OCTET_ENDS[octet] ?? new Int32Array(3);
  const n = octetEnds(text, p, ends);
  for (let k = 0; k < n; k++) {
    const e = ends[k] ?? 0;
    if (octet === 3) {
      if (isBoundary(text, e)) return e;
    } else if (text.charCodeAt(e) === 46) {
      const end = ipv4End(text, e + 1, octet + 1);
      if (end !== -1) return end;
    }
  }
  return -1;
}

/**
 * `@ip` is two regexes (regexes.rs `IPV4_REGEX`, `IPV6_REGEX`), both → `[ip]`.
 * IPv4 `\b(octet)\.(octet)\.(octet)\.(octet)\b`: like Relay, a four-part version such as `1.2.3.4` is an IP.
 */
export function findIpv4(text: string): Finding[] {
  const out: Finding[] = [];
  for (let p = nextMatch(IPV4_CANDIDATE, text, 0); p !== -1; p = nextMatch(IPV4_CANDIDATE, text, p + 1)) {
    if (!isDigit(text.charCodeAt(p)) || isWordChar(text.charCodeAt(p - 1))) continue;
    // The prefilter tries octet lengths in the same order; its ASCII `(?!W)` only differs from `\b` before a
    // non-ASCII character, where the exact walk decides.
    const matchEnd = IPV4_CANDIDATE.end;
    const end = text.charCodeAt(matchEnd) < 128 || matchEnd >= text.length ? matchEnd : ipv4End(text, p);
    if (end === -1) continue;
    out.push({ rule: 'ip', start: p, end, replacement: '[ip]' });
    p = end - 1;
  }
  return out;
}

// Relay's IPv6 pattern, built exactly as regexes.rs concatenates it, including its quirks: an extra ':' in the
// `{1,5}`…`{1,2}` branches and no `|` between the `fe80:` and `::ffff:` branches, so Relay misses compressed
// forms like `2001:db8::1`. Dexter appends the textbook branches after Relay's, so where Relay matches, the
// span is Relay's, and Dexter also catches what Relay's typo lets through. Only bounded repeats separated by
// ':' so the engine's backtracking per start is constant.
const V4S = '(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)';
const V4A = `${V4S}\\.${V4S}\\.${V4S}\\.${V4S}`;
const H = '[0-9a-fA-F]{1,4}';
const RELAY_V6 = [
  `(?:${H}:){7}${H}`,
  `(?:${H}:){1,7}:`,
  `(?:${H}:){1,6}::${H}`,
  `(?:${H}:){1,5}:(?::${H}){1,2}`,
  `(?:${H}:){1,4}:(?::${H}){1,3}`,
  `(?:${H}:){1,3}:(?::${H}){1,4}`,
  `(?:${H}:){1,2}:(?::${H}){1,5}`,
  `${H}:(?:(?::${H}){1,6})`,
  `:(?:(?::${H}){1,7}|:)`,
  `fe80:(?::${H}){0,4}%[0-9a-zA-Z]{1,}::(?:ffff(?::0{1,4}){0,1}:){0,1}${V4A}`,
  `(?:${H}:){1,4}:${V4A}`,
];
const DEXTER_V6 = [
  `(?:${H}:){1,6}:${H}`,
  `(?:${H}:){1,5}(?::${H}){1,2}`,
  `(?:${H}:){1,4}(?::${H}){1,3}`,
  `(?:${H}:){1,3}(?::${H}){1,4}`,
  `(?:${H}:){1,2}(?::${H}){1,5}`,
  `fe80:(?::${H}){0,4}%[0-9a-zA-Z]{1,64}`,
  `::(?:ffff(?::0{1,4}){0,1}:){0,1}${V4A}`,
];
// Relay consumes the character after the address (`([\s]|[[:punct:]]|$)`); a lookahead finds the same first
// address and also the second of `::1 ::1`, which keeps scrubbing idempotent.
const IPV6_BODY = `(?:${[...RELAY_V6, ...DEXTER_V6].join('|')})(?=[\\s!-\\/:-@\\[-\`{-~]|$)`;
const IPV6 = new RegExp(IPV6_BODY, 'iy');
// The same address after a space or punctuation character, searched natively instead of tried at every one.
// Every branch but `fe80:…%zone` opens with two ':' each after at most four hex digits: a cheap first test.
const IPV6_CANDIDATE = prefilter(`(?<=[\\s!-\\/:-@\\[-\`{-~])(?=[0-9a-f]{0,4}:[0-9a-f]{0,4}:|fe80:)${IPV6_BODY}`, 'i');
const IPV4_CANDIDATE = prefilter(`(?<!${W})${V4A}(?!${W})`);

/** IPv6: `(?:[\s]|[[:punct:]]|^)(address)…`, only the address (group 1) is replaced. */
export function findIpv6(text: string): Finding[] {
  const out: Finding[] = [];
  let from = 0;
  const tryAt = (g: number): boolean => {
    if (!couldStartIpv6(text, g)) return false;
    IPV6.lastIndex = g;
    const m = IPV6.exec(text);
    if (!m || m[0].length === 0) return false;
    out.push({ rule: 'ip', start: g, end: g + m[0].length, replacement: '[ip]' });
    from = g + m[0].length;
    return true;
  };
  if (text.length === 0) return out;
  // At the very start, the address after a leading separator is tried before one that begins at 0.
  const c0 = text.charCodeAt(0);
  if (!((isSpace(c0) || isAsciiPunct(c0)) && tryAt(1))) tryAt(0);
  // Past that, an address may start right after any space or punctuation character outside an earlier address.
  for (
    let g = nextMatch(IPV6_CANDIDATE, text, Math.max(2, from + 1));
    g !== -1;
    g = nextMatch(IPV6_CANDIDATE, text, Math.max(g + 1, from + 1))
  ) {
    const c = text.charCodeAt(g - 1);
    if (g - 1 >= from && (isSpace(c) || isAsciiPunct(c))) tryAt(g);
  }
  return out;
}

/** Every branch starts with a hex digit or ':' and has a ':' within its first five characters. */
function couldStartIpv6(text: string, g: number): boolean {
  const c = text.charCodeAt(g);
  if (c !== 58 && !isHex(c)) return false;
  for (let k = g; k < g + 5; k++) if (text.charCodeAt(k) === 58) return true;
  return false;
}

const MAC_MASK = '*'.repeat(17);

/** `\b([[:xdigit:]]{2}[:-]){5}[[:xdigit:]]{2}\b` → masked with `*` (`@mac` is `@mac:mask`). */
export function findMacs(text: string): Finding[] {
  const out: Finding[] = [];
  for (let p = nextMatch(MAC_CANDIDATE, text, 0); p !== -1; p = nextMatch(MAC_CANDIDATE, text, p + 1)) {
    if (p + 17 > text.length || !isHex(text.charCodeAt(p)) || isWordChar(text.charCodeAt(p - 1))) continue;
    let ok = true;
    for (let k = 0; k < 6 && ok; k++) {
      const o = p + k * 3;
      ok = isHex(text.charCodeAt(o)) && isHex(text.charCodeAt(o + 1));
      if (ok && k < 5) ok = text.charCodeAt(o + 2) === 58 || text.charCodeAt(o + 2) === 45;
    }
    if (!ok || isWordChar(text.charCodeAt(p + 17))) continue;
    out.push({ rule: 'mac', start: p, end: p + 17, replacement: MAC_MASK });
    p += 16;
  }
  return out;
}

const isSchemeChar = (c: number) => (c >= 97 && c <= 122) || isDigit(c) || c === 43 || c === 45; // [a-z0-9+-]
const USERINFO_EXTRA = new Set([37, 95, 46, 45]); // % _ . -
const isUserinfoChar = (c: number) => isAlnum(c) || USERINFO_EXTRA.has(c);
// A password may hold any of RFC 3986's userinfo characters (sub-delims `!$&'()*+,;=` and `~`), which Relay's class
// leaves out: `redis://app:pa$$w0rd!@cache` keeps its password there. Dexter takes them, and an empty user before a
// password (`redis://:secret@cache`, Redis's own form), so connection URLs of every scheme lose their secret.
const PASSWORD_EXTRA = new Set([33, 36, 38, 39, 40, 41, 42, 43, 44, 59, 61, 126]);
const isPasswordChar = (c: number) => isUserinfoChar(c) || PASSWORD_EXTRA.has(c);

/**
 * `\b(?:(?:[a-z0-9+-]+:)?//([a-zA-Z0-9%_.-]+(?::[a-zA-Z0-9%_.-]+)?))@` → the user[:password] group becomes
 * `[auth]`, widened as said above. The scheme is lower case only, as in Relay, so `HTTPS://u:p@h` is left alone.
 */
export function findUrlAuth(text: string): Finding[] {
  const out: Finding[] = [];
  for (let s = nextMatch(URLAUTH_CANDIDATE, text, 0); s !== -1; s = nextMatch(URLAUTH_CANDIDATE, text, s + 1)) {
    if (!urlAuthCanStart(text, s)) continue;
    const u1 = s + 2;
    let i = u1;
    while (isUserinfoChar(text.charCodeAt(i))) i++;
    if (i === u1 && text.charCodeAt(i) !== 58) continue;
    if (text.charCodeAt(i) === 58) {
      const u2 = i + 1;
      let j = u2;
      while (isPasswordChar(text.charCodeAt(j))) j++;
      if (j === u2 || text.charCodeAt(j) !== 64) continue;
      i = j;
    } else if (text.charCodeAt(i) !== 64) {
      continue;
    }
    out.push({ rule: 'urlauth', start: u1, end: i, replacement: '[auth]' });
    s = i;
  }
  return out;
}

/** A `\b` before `//` itself, or before a scheme `[a-z0-9+-]+:` that ends right at it. */
function urlAuthCanStart(text: string, s: number): boolean {
  if (isBoundary(text, s)) return true;
  if (text.charCodeAt(s - 1) !== 58) return false;
  let r = s - 1;
  while (r > 0 && isSchemeChar(text.charCodeAt(r - 1))) r--;
  for (let k = r; k < s - 1; k++) if (isBoundary(text, k)) return true;
  return false;
}
