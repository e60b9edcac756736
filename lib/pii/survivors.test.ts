// What makes an error understandable must survive scrubbing with every rule on; where Relay's own rule is
// aggressive enough to eat something, the test pins down exactly what happens.
import { readSentryFixture } from '@/tests/fixtures/sentry';
import { describe, expect, it } from 'vitest';
import { scrubText } from './index';

const unchanged = (text: string) => expect(scrubText(text).text).toBe(text);

describe('look-alikes that survive every rule', () => {
  it.each([
    'Issue DEXTER-3K2 (id 4711081234) regressed',
    'commit 3f786850e387550fdab836ed7e6dc881de23001b', // 40-hex git SHA
    'sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'short sha 3f78685 and cf-ray 92d4c7266c8f48c9',
    'release 1.2.3, node v20.19.1, django 5.0.6-rc1',
    '2024-05-01T12:34:56.789Z and 2024-05-01 12:34:56+02:00, epoch 1714566896789',
    'at handler (src/app.ts:123:45) and app.js:10:5',
    'connect to localhost:5432 and example.com:8443 failed',
    'HTTP 404, then 500 Internal Server Error, then 429',
    'TypeError: Cannot read properties of undefined (reading "email")',
    'std::vector<int>::size() and <T as core::fmt::Debug>::fmt',
    'user@ mention and @scope/package and foo@bar',
    'price 1234.56 EUR, 3 items, ratio 0.75',
  ])('%j', unchanged);

  it('PostgreSQL deadlock details keep their process ids, transactions and tuples', () => {
    unchanged(
      'ERROR:  deadlock detected\nDETAIL:  Process 12345 waits for ShareLock on transaction 67890; blocked by process 12346.\n' +
        'Process 12346 waits for ShareLock on transaction 67891; blocked by process 12345.\n' +
        'HINT:  See server log for query details.\nCONTEXT:  while updating tuple (0,8) in relation "accounts"',
    );
    unchanged(
      'Process 1691295 waits for ExclusiveLock on tuple (0,8) of relation 16385 of database 16384; blocked by process 1691297.',
    );
  });

  it('every deadlock message in the fixtures keeps its pids, transactions, tuples and relations', () => {
    const file = readSentryFixture('postgres-deadlock-messages.json') as {
      messages: { text: string }[];
    };
    expect(file.messages.length).toBeGreaterThan(5);
    const found: string[] = [];
    for (const { text } of file.messages) {
      const { text: out, findings } = scrubText(text);
      const facts = text.match(/(?:[Pp]rocess|transaction|relation|database) \d+|tuple \(\d+,\d+\)/g) ?? [];
      expect(facts.length).toBeGreaterThan(0);
      for (const fact of facts) expect(out).toContain(fact);
      found.push(...findings.map((f) => `${f.rule}:${text.slice(f.start, f.end)}`));
    }
    // The one finding: a Nix store hash, 32 alphanumerics, which Relay's @uuid masks as well.
    expect(found).toEqual(['uuid:129hj3i7lafa1p3bm5v5vhvpda8wivkx']);
  });
});

describe("Relay's aggressive rules, pinned", () => {
  it('@ip: a four-part version is an IP to Relay too; three parts survive; ports survive', () => {
    expect(scrubText('version 1.2.3.4 vs 1.2.3').text).toBe('version [ip] vs 1.2.3');
    expect(scrubText('10.0.0.1:5432').text).toBe('[ip]:5432');
    expect(scrubText('1.2.3.4.5').text).toBe('[ip].5');
    expect(scrubText('999.1.1.1 and 256.0.0.1').text).toBe('999.1.1.1 and 256.0.0.1');
  });

  it('@uuid: any standalone 32-character alphanumeric word (event id, trace id, MD5) is masked', () => {
    expect(scrubText('event 9fac2ceed9344f2bbfdd1fdacb0ed9b1 done').text).toBe(`event ${'*'.repeat(32)} done`);
    expect(scrubText('md5 d41d8cd98f00b204e9800998ecf8427e').text).toBe(`md5 ${'*'.repeat(32)}`);
    expect(scrubText('word abcdefghijklmnopqrstuvwxyz123456').text).toBe(`word ${'*'.repeat(32)}`);
    expect(scrubText('event 9fac2ceed9344f2bbfdd1fdacb0ed9b1', { rules: { uuid: false } }).text).toBe(
      'event 9fac2ceed9344f2bbfdd1fdacb0ed9b1',
    );
  });

  it('@imei: every plain 15- or 16-digit number; 13-digit millisecond timestamps survive', () => {
    expect(scrubText('id 123456789012345').text).toBe('id [imei]');
    expect(scrubText('ts 1714566896789').text).toBe('ts 1714566896789');
  });

  it('@iban: two capitals of a country, two digits and 11–29 letters or digits, no checksum', () => {
    expect(scrubText('ES2015CompatibilityLayer').text).toBe('[iban]');
  });

  it('@userpath: the name runs to the next separator or line end, spaces included', () => {
    expect(scrubText('open /home/alice failed: no such file\nnext').text).toBe('open /home/[user]\nnext');
  });

  it('@bearer: the word followed by anything is a token', () => {
    expect(scrubText('the Bearer token is invalid').text).toBe('the Bearer [token] is invalid');
  });

  it('preserve keeps chosen literals whatever rule would take them', () => {
    const text = 'pid 123456789012345 and 10.0.0.1';
    expect(scrubText(text, { preserve: ['123456789012345'] }).text).toBe('pid 123456789012345 and [ip]');
  });
});
