// Vectors from Relay's own tests (getsentry/relay `relay-pii/src/builtin.rs` tests, `processor.rs` snapshots)
// plus look-alikes each rule must leave alone.
import { describe, expect, it } from 'vitest';
import { findPii, scrubText, type PiiRule } from './index';

const only = (rule: PiiRule, text: string) =>
  scrubText(text, { rules: Object.fromEntries([[rule, true], ...others(rule)]) }).text;
const others = (rule: PiiRule) =>
  (
    [
      'ip',
      'email',
      'creditcard',
      'iban',
      'mac',
      'uuid',
      'imei',
      'pemkey',
      'urlauth',
      'usssn',
      'userpath',
      'bearer',
      'password',
    ] as const
  )
    .filter((r) => r !== rule)
    .map((r) => [r, false] as const);

describe('Relay builtin.rs vectors', () => {
  it.each<[PiiRule, string, string]>([
    ['ip', 'before 127.0.0.1 after', 'before [ip] after'],
    ['ip', 'before ::1 after', 'before [ip] after'],
    ['ip', '[2001:0db8:85a3:0000:0000:8a2e:0370:7334]', '[[ip]]'],
    ['ip', 'before 2001:0db8:85a3:0000:0000:8a2e:0370:7334 after', 'before [ip] after'],
    ['imei', 'before 356938035643809 after', 'before [imei] after'],
    ['mac', 'ether 4a:00:04:10:9b:50', 'ether *****************'],
    ['uuid', 'user id ceee0822-ed8f-4622-b2a3-789e73e75cd1', 'user id ************************************'],
    ['email', 'John Appleseed <john@appleseed.com>', 'John Appleseed <[email]>'],
    ['iban', 'some iban: DE89370400440532013000!', 'some iban: [iban]!'],
    ['iban', 'some iban: NO9386011117945!', 'some iban: [iban]!'],
    ['iban', 'some iban: RU0204452560040702810412345678901!', 'some iban: [iban]!'],
    ['urlauth', 'https://username:password@example.com/', 'https://[auth]@example.com/'],
    ['usssn', "Hi I'm Hilda and my SSN is 078-05-1120", "Hi I'm Hilda and my SSN is ***********"],
    ['userpath', 'C:\\Users\\mitsuhiko\\Desktop', 'C:\\Users\\[user]\\Desktop'],
    ['userpath', 'export PATH=$PATH:$HOME/collectd_exporter\nlog', 'export PATH=$PATH:$HOME/[user]\nlog'],
    [
      'userpath',
      'File in /Users/mitsuhiko/Development/sentry-stripping',
      'File in /Users/[user]/Development/sentry-stripping',
    ],
    ['userpath', 'C:\\Windows\\Profiles\\Armin\\Temp', 'C:\\Windows\\Profiles\\[user]\\Temp'],
    ['userpath', 'at /home/alice/app/main.py', 'at /home/[user]/app/main.py'],
    [
      'bearer',
      'API request failed with Bearer abc.def-123 and other data',
      'API request failed with Bearer [token] and other data',
    ],
    ['bearer', 'authorization: bearer   eyJhbGciOi.x.y', 'authorization: Bearer [token]'],
  ])('@%s: %j', (rule, input, output) => {
    expect(only(rule, input)).toBe(output);
  });

  it('@iban: not inside a word, not one character short of Norway or long of Russia, not lower case', () => {
    for (const text of [
      'fooNO9386011117945bar',
      'some iban: NO938601111794!',
      'RU02044525600407028104123456789010!',
      'some iban: N19386011117945!',
      'de89370400440532013000',
    ]) {
      expect(only('iban', text)).toBe(text);
    }
  });

  it('@ip: `foo::1` is not an address (Relay test)', () => {
    expect(only('ip', 'foo::1')).toBe('foo::1');
  });

  it('@pemkey replaces only the key body, markers stay (Relay test)', () => {
    const body =
      'MIHbAgEBBEFbLvIaAaez3q0u6BQYMHZ28B7iSdMPPaODUMGkdorl3ShgTbYmzqGL\nfojr3jkJIxFS07AoLQpsawOFZipxSQHieaAHBgUrgQQAI6GBiQOBhgAEAdaBHsBo';
    const input = `This is a comment I left on my key\n\n            -----BEGIN EC PRIVATE KEY-----\n${body}\n-----END EC PRIVATE KEY-----`;
    const out = only('pemkey', input);
    expect(out).toBe(
      'This is a comment I left on my key\n\n            -----BEGIN EC PRIVATE KEY-----\n[pemkey]\n-----END EC PRIVATE KEY-----',
    );
    const [f] = findPii(input, { rules: { password: false } });
    expect(f && input.slice(f.start, f.end)).toBe(body);
  });

  it('@pemkey also covers PUBLIC and ENCRYPTED PRIVATE keys, not certificates', () => {
    expect(only('pemkey', '-----BEGIN PUBLIC KEY-----\nMIIC\n-----END PUBLIC KEY-----')).toBe(
      '-----BEGIN PUBLIC KEY-----\n[pemkey]\n-----END PUBLIC KEY-----',
    );
    expect(
      only('pemkey', '-----BEGIN ENCRYPTED PRIVATE KEY-----\r\nMIIJ\r\n-----END ENCRYPTED PRIVATE KEY-----'),
    ).toContain('-----\r\n[pemkey]\r\n-----END');
    const cert = '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----';
    expect(only('pemkey', cert)).toBe(cert);
  });

  it('findings index the original text', () => {
    const text = 'mail a@b.io from 10.1.2.3';
    const findings = findPii(text);
    expect(findings.map((f) => [f.rule, text.slice(f.start, f.end), f.replacement])).toEqual([
      ['email', 'a@b.io', '[email]'],
      ['ip', '10.1.2.3', '[ip]'],
    ]);
  });
});

describe('@creditcard', () => {
  it('replaces Luhn-valid numbers of each network, plain, spaced or dashed', () => {
    for (const card of [
      '4111111111111111',
      '4111 1111 1111 1111',
      '5500-0000-0000-0004',
      '378282246310005',
      '6011111111111117',
      '6500000000000002',
    ]) {
      expect(only('creditcard', `card ${card}!`)).toBe('card [creditcard]!');
    }
  });

  it("Relay's own test number fails Luhn: by default it survives the card rule; with creditcardLuhn false it is a card", () => {
    const text = 'John Appleseed 4571234567890111!';
    expect(only('creditcard', text)).toBe(text);
    expect(scrubText(text, { creditcardLuhn: false, rules: { imei: false } }).text).toBe(
      'John Appleseed [creditcard]!',
    );
    // With every rule on, Relay's @imei (any 15–16 digit number) still takes it.
    expect(scrubText(text).text).toBe('John Appleseed [imei]!');
  });

  it('leaves wrong prefixes and runs inside longer numbers', () => {
    for (const text of ['7111111111111111', '41111111111111112', 'x4111111111111111', '4111_1111111111111']) {
      expect(only('creditcard', text)).toBe(text);
    }
  });
});

describe('@password in text', () => {
  it.each([
    ['GET /login?user=bob&password=hunter2&next=/', 'GET /login?user=bob&password=[Filtered]&next=/'],
    ['{"api_key": "sk_live_123", "name": "x"}', '{"api_key": "[Filtered]", "name": "x"}'],
    ["{'secret': 'abc', 'ok': 1}", "{'secret': '[Filtered]', 'ok': 1}"],
    ['Authorization: Basic dXNlcjpwYXNz\nHost: x', 'Authorization: [Filtered]\nHost: x'],
    ['Cookie: sessionid=abc; csrftoken=def\nnext', 'Cookie: [Filtered]\nnext'],
    ['retry with access_token=AAA.BBB later', 'retry with access_token=[Filtered] later'],
    ['MYSQL_PWD=root123 ./run', 'MYSQL_PWD=[Filtered] ./run'],
    ['sessionid=xyz&sid=42', 'sessionid=[Filtered]&sid=[Filtered]'],
    ['X-CSRFToken: t0k3n', 'X-CSRFToken: [Filtered]'],
  ])('%j', (input, output) => {
    expect(only('password', input)).toBe(output);
  });

  it('leaves code assignments, URLs, comparisons, booleans and the bare word', () => {
    for (const text of [
      'const token = getToken();',
      'see https://auth.example.com/login',
      'if token == expected',
      'remember_password=true',
      'User password is secret123 for authentication',
      'Authentication failed, token expired!',
      'std::auth::check',
    ]) {
      expect(only('password', text)).toBe(text);
    }
  });

  it('extra sensitive keys are case-insensitive substrings', () => {
    expect(scrubText('ssn_last4=1234 other=1', { sensitiveKeys: ['SSN'] }).text).toBe('ssn_last4=[Filtered] other=1');
  });
});

describe('connection URLs and grouped card numbers (issue #16)', () => {
  it.each([
    ['redis://user:secret@cache:6379/0', 'redis://[auth]@cache:6379/0'],
    ['amqp://guest:guest@rabbit:5672/vhost', 'amqp://[auth]@rabbit:5672/vhost'],
    ['postgres://app:s3cr3t@db.internal:5432/prod', 'postgres://[auth]@db.internal:5432/prod'],
    ['postgresql+psycopg2://app:s3cr3t@db/prod', 'postgresql+psycopg2://[auth]@db/prod'],
    ['mongodb+srv://admin:hunter2@cluster0.x.net/db', 'mongodb+srv://[auth]@cluster0.x.net/db'],
    ['mysql://root:pa$$w0rd!@127.0.0.1:3306/shop', 'mysql://[auth]@127.0.0.1:3306/shop'],
    ['redis://:onlypassword@cache:6379', 'redis://[auth]@cache:6379'],
    ['rediss://default:Zm9v+YmFy=@eu1.cache.example:6380', 'rediss://[auth]@eu1.cache.example:6380'],
    ['connecting to amqps://svc:tok~en@mq.internal failed', 'connecting to amqps://[auth]@mq.internal failed'],
  ])('@urlauth: %s', (input, output) => {
    expect(only('urlauth', input)).toBe(output);
  });
  it('@urlauth leaves URLs without credentials alone', () => {
    for (const text of ['redis://cache:6379/0', 'https://example.com/a:b', 'see //:@', 'mailto:a@b.c'])
      expect(only('urlauth', text)).toBe(text);
  });
  it.each([
    ['card 4111 1111 1111 1111 ok', 'card [creditcard] ok'],
    ['card 4111-1111-1111-1111 ok', 'card [creditcard] ok'],
    ['card 5555 5555 5555 4444.', 'card [creditcard].'],
    ['amex 3782 822463 10005 x', 'amex [creditcard] x'],
    ['amex 3782-822463-10005 x', 'amex [creditcard] x'],
  ])('@creditcard in groups: %s', (input, output) => {
    expect(only('creditcard', input)).toBe(output);
  });
});
