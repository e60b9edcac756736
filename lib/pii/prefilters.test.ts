// The scanners jump to candidates with native regex prefilters that only know ASCII word characters, then apply
// the exact Unicode-aware rule. These pin the cases where the two differ, the order quirks the old per-character
// loops had, and dense adversarial input (every candidate a finding). No timing here: bench/pii.ts measures it.
import { describe, expect, it } from 'vitest';
import { findPii, scrubText } from './index';

const scrub = (text: string) => scrubText(text).text;

describe('prefilter candidates the exact rule still rejects', () => {
  it.each([
    'v 1.2.3.4é', // `\b` after the last octet is Unicode: é is a word character
    'v 10.0.0.12é', // and no shorter last octet ends at a boundary either
    'éa@x.io',
    'a@b.coé',
    'éBearer x',
    'ßBearer x',
    'card 4111111111111111é',
    'card é4111111111111111',
    'id 123456789012345\u0661', // Arabic-Indic digit: a word character
    'MAC 4a:00:04:10:9b:50é',
    'A 01234567890123456789012345678901é',
  ])('%j is left alone', (text) => {
    expect(scrub(text)).toBe(text);
  });

  it('a non-word non-ASCII character after an address is a boundary', () => {
    expect(scrub('v 1.2.3.4\u00a0x')).toBe('v [ip]\u00a0x');
  });
});

describe('order and overlap rules the old loops had', () => {
  it('IPv6 at the very start: the address after a leading separator wins over one at 0', () => {
    expect(scrub(':::1')).toBe(':[ip]');
    expect(scrub('::1 ::1')).toBe('[ip] [ip]');
  });

  it('IPv6 branches: mapped IPv4 and zone ids', () => {
    expect(scrub('at ::ffff:10.0.0.1 now')).toBe('at ::ffff:[ip] now');
    expect(scrub('x fe80:%eth0 y')).toBe('x [ip] y');
    expect(scrub('x fe80::1%eth0 y')).toBe('x [ip]%eth0 y');
  });

  it('user paths resume after the name just replaced', () => {
    expect(scrub('/home/a/home/b')).toBe('/home/[user]/home/[user]');
  });

  it('a key that starts inside a value cut at 4096 characters is still a key', () => {
    const text = `Cookie: ${'a '.repeat(2046)}bbtoken: v`;
    const spans = findPii(text).map((f) => [f.rule, f.start, f.end]);
    expect(spans).toEqual([
      ['password', 8, 8 + 4096],
      ['password', text.length - 1, text.length],
    ]);
  });

  it('quoted keys with spaces before the colon; unquoted `key = value` is code', () => {
    expect(scrub("{'token' : 'x'}")).toBe("{'token' : '[Filtered]'}");
    expect(scrub('"password"  : "x", token = y')).toBe('"password"  : "[Filtered]", token = y');
    expect(scrub('Xpassword=1')).toBe('Xpassword=[Filtered]');
  });
});

describe('dense adversarial input: every candidate is a finding', () => {
  it.each([
    ['1.', 'ip', '1.1.1.1', 8],
    ['/home', 'userpath', 'home', 10],
    ['Bearer ', 'bearer', 'Bearer Bearer', 14],
    ['12-', 'mac', '12-12-12-12-12-12', 18],
    ['a:', 'ip', 'a:a:a:a:a:a:a:a', 16],
    ['a@b.io ', 'email', 'a@b.io', 7],
  ])('%j × 2^18: one %s finding %j every %i characters', (unit, rule, first, stride) => {
    const text = unit.repeat(Math.ceil((1 << 18) / unit.length));
    const findings = findPii(text);
    expect(findings.length).toBeGreaterThan(text.length / stride - 2);
    expect(findings.length).toBeLessThanOrEqual(Math.ceil(text.length / stride));
    expect(findings.every((f) => f.rule === rule)).toBe(true);
    expect(text.slice(findings[0]?.start, findings[0]?.end)).toBe(first);
    expect(findings.slice(1).every((f, i) => f.start - (findings[i]?.start ?? 0) === stride)).toBe(true);
  });
});
