// Property tests (fast-check): scrubbing never throws, removes planted PII, is idempotent, leaves PII-free text
// alone, and finishes on 1 MB adversarial inputs (no timing asserted: bench/pii.ts measures that).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPii, scrubText } from './index';

const planted = fc.constantFrom(
  'jane.doe+tag@example.co.uk',
  '192.168.10.42',
  '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
  '4111 1111 1111 1111',
  '5500000000000004',
  'DE89370400440532013000',
  '4a:00:04:10:9b:50',
  'ceee0822-ed8f-4622-b2a3-789e73e75cd1',
  '356938035643809',
  '078-05-1120',
);
const secretPairs = fc.constantFrom(
  ['password=', 'hunter2', '&next=1'],
  ['"api_key": "', 'sk_live_abc', '"'],
  ['https://bob:', 'pa55word', '@db.example.com/x'],
  ['Authorization: Bearer ', 'eyJhbGciOiJIUzI1NiJ9.e30.sig', ''],
  ['token: Bearer ', 'abc123secret', ''],
  ['/home/', 'alice', '/app.py'],
  ['C:\\Users\\', 'mallory', '\\Desktop'],
);
const word = fc.constantFrom(
  'error',
  'at',
  'failed',
  'user',
  'Process',
  'waits',
  'for',
  'on',
  'line',
  'the',
  'handler',
  'in',
  'DB',
);
// `#` between numbers: several numbers in a row can spell a valid card number (`37721 64330 35802` is one).
const number = fc.integer({ min: 0, max: 99999 }).map((n) => `#${n}`);
const filler = fc.array(fc.oneof(word, number), { maxLength: 6 }).map((w) => w.join(' '));
const seps = fc.constantFrom(' ', '\n', ' (', ') ', ', ', ': ', ' | ');

describe('scrubText properties', () => {
  it('never throws on any string and returns sorted, in-range, non-overlapping findings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const findings = findPii(text);
        let last = 0;
        for (const f of findings) {
          expect(f.start).toBeGreaterThanOrEqual(last);
          expect(f.end).toBeGreaterThan(f.start);
          expect(f.end).toBeLessThanOrEqual(text.length);
          last = f.end;
        }
        expect(typeof scrubText(text).text).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });

  it('removes every planted value and the secret after every planted key', () => {
    fc.assert(
      fc.property(filler, planted, seps, secretPairs, seps, filler, (a, pii, s1, [key, secret, after], s2, b) => {
        const out = scrubText(`${a}${s1}${pii}${s2}${key}${secret}${after}\n${b}`).text;
        expect(out).not.toContain(pii);
        expect(out).not.toContain(secret);
        expect(out).toContain(a.split(' ')[0] ?? '');
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent', () => {
    const mixed = fc.array(
      fc.oneof(
        filler,
        planted,
        secretPairs.map(([k, v, after]) => k + v + after),
        fc.string({ maxLength: 20 }),
      ),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(mixed, seps, (parts, sep) => {
        const once = scrubText(parts.join(sep)).text;
        expect(scrubText(once).text).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves text without PII unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(filler, seps), { maxLength: 10 }), (parts) => {
        const text = parts.map(([f, s]) => f + s).join('');
        expect(scrubText(text).text).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('1 MB adversarial inputs complete', () => {
  const MB = 1 << 20;
  const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
  it.each([
    ['a@', fill('a@')],
    ['1.', fill('1.')],
    ['digits', fill('4')],
    ['BEGIN without END', fill('-----BEGIN PRIVATE KEY-----\n')],
    ['BEGIN then bad END', fill('-----BEGIN RSA PRIVATE KEY-----x-----END NOT A KEY-----')],
    ['colons', fill('a:')],
    ['hex colons', fill(' ff:')],
    ['password=', fill('password=')],
    ['quotes', fill('"token": "')],
    ['slashes', fill('//a:')],
    ['home', fill('/home')],
    ['dashes', fill('12-')],
    ['bearer', fill('Bearer ')],
    ['word chars', fill('x')],
  ])('%s', (_name, text) => {
    const { text: out } = scrubText(text);
    expect(out.length).toBeGreaterThan(0);
  });
});
