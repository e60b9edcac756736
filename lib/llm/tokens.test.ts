import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
// The exact tokenizer is a dev dependency: it checks the estimate here and in bench/prompt.ts, and ships nowhere.
import { countTokens as cl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { describe, expect, it } from 'vitest';
import { SENTRY_FIXTURES } from '@/tests/fixtures/sentry';
import { buildPrompt } from './prompt';
import {
  countChatTokens,
  countTokens,
  ESTIMATE_MARGIN,
  estimateTokens,
  MESSAGE_OVERHEAD_TOKENS,
  rawTokenEstimate,
} from './tokens';

const PLAIN = { disallowedSpecial: new Set<string>(), allowedSpecial: new Set<string>() };
const exact = (text: string) => cl100k(text, PLAIN);
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) =>
    statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : [path.join(dir, f)],
  );
const JSON_FIXTURES = files(SENTRY_FIXTURES)
  .filter((f) => f.endsWith('.json') && !/(openapi|dom-hooks)\.json$/.test(f))
  .map((f) => path.relative(SENTRY_FIXTURES, f));

/** Every event in the fixtures (API shape with `entries`, or ingest shape with `exception`). */
function fixtureEvents(): [string, unknown][] {
  const out: [string, unknown][] = [];
  const walk = (o: any, name: string) => {
    if (Array.isArray(o)) o.forEach((v) => walk(v, name));
    else if (o && typeof o === 'object') {
      if (Array.isArray(o.entries) || o.exception) out.push([name, o]);
      else Object.values(o).forEach((v) => walk(v, name));
    }
  };
  for (const f of JSON_FIXTURES) walk(JSON.parse(readFileSync(path.join(SENTRY_FIXTURES, f), 'utf8')), f);
  return out;
}

describe('the budget counter', () => {
  it('is the estimate with its margin, and counts the chat template overhead per message', () => {
    expect(countTokens).toBe(estimateTokens);
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('hello world')).toBe(Math.ceil(rawTokenEstimate('hello world') * ESTIMATE_MARGIN));
    expect(countChatTokens('hello world', 'hello world')).toBe(
      2 * estimateTokens('hello world') + 2 * MESSAGE_OVERHEAD_TOKENS,
    );
  });

  it('counts special-token strings as plain text', () => {
    expect(countTokens('a <|endoftext|> b')).toBeGreaterThan(3);
  });

  it('never counts fewer tokens than cl100k on a prompt built from the fixtures, nor 50% more', () => {
    const events = fixtureEvents();
    expect(events.length).toBeGreaterThan(5);
    for (const [name, event] of events) {
      const p = buildPrompt(event, { tokenBudget: 100_000 });
      const ratio = estimateTokens(p.user) / exact(p.user);
      expect(ratio, name).toBeGreaterThanOrEqual(1);
      expect(ratio, name).toBeLessThan(1.5);
    }
  });

  it.each(JSON_FIXTURES)('on the whole of %s: at least cl100k, at most 40% more', (file) => {
    const text = readFileSync(path.join(SENTRY_FIXTURES, file), 'utf8');
    const ratio = estimateTokens(text) / exact(text);
    expect(ratio).toBeGreaterThanOrEqual(1);
    expect(ratio).toBeLessThan(1.4);
  });
});

describe('the estimate before the margin, on texts that are hard for a character count', () => {
  const hard: Record<string, string> = {
    'indented code': '        if (order.total > limit) {\n            return reject(order);\n        }\n'.repeat(20),
    'a JWT':
      'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    base64: Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 7919 + ((i * i) % 13)) % 256)).toString('base64'),
    UUIDs: Array.from(
      { length: 20 },
      (_, i) => `${((i * 2654435761) >>> 0).toString(16).padStart(8, '0')}-4f1a-9b2c-${i}e3d-a1b2c3d4e5f6`,
    ).join(' '),
    'camelCase identifiers':
      'getUserById fetchOrderHistory DoesNotExist select_for_update XMLHttpRequest parseDeadlockReport '.repeat(10),
    'German server message':
      'FEHLER:  Verklemmung (Deadlock) entdeckt\nDETAIL:  Prozess 1234 wartet auf ShareLock-Sperre für Transaktion 5678; blockiert von Prozess 4321.',
    'Russian server message':
      'ОШИБКА:  обнаружена взаимоблокировка\nПОДРОБНОСТИ:  Процесс 1234 ожидает в режиме ShareLock блокировку "транзакция 5678"; заблокирован процессом 4321.',
    'Japanese server message':
      'エラー:  デッドロックを検出しました\n詳細: プロセス 1234 は ShareLock をトランザクション 5678 で待機していましたが、プロセス 4321 によってブロックされています。',
    emoji: '🔥 deploy failed 🚨🚨 rollback ✅ done 👍',
    URLs: 'https://acme.sentry.io/api/0/organizations/acme/issues/?query=is%3Aunresolved&statsPeriod=14d&cursor=0%3A100%3A0 '.repeat(
      10,
    ),
  };
  it.each(Object.keys(hard))('%s: within −25%…+50% of cl100k', (name) => {
    const text = hard[name]!;
    const ratio = rawTokenEstimate(text) / exact(text);
    expect(ratio).toBeGreaterThan(0.75);
    expect(ratio).toBeLessThan(1.5);
  });
});

describe('bundle hygiene', () => {
  const ROOT = path.resolve(import.meta.dirname, '../..');
  const sources = (dir: string): string[] =>
    (existsSync(dir) ? files(dir) : []).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));

  it('nothing the extension ships imports the exact tokenizer (its table was most of the background)', () => {
    const shipped = ['lib', 'entrypoints', 'components'].flatMap((d) => sources(path.join(ROOT, d)));
    expect(shipped.length).toBeGreaterThan(50);
    for (const f of shipped) expect(readFileSync(f, 'utf8'), f).not.toMatch(/from ['"]gpt-tokenizer/);
  });

  it('no content script imports lib/llm (the prompt code is background-only)', () => {
    const root = path.join(ROOT, 'entrypoints');
    const content = sources(root).filter((f) => /content/.test(path.relative(root, f)));
    expect(content.length).toBeGreaterThan(0);
    for (const f of content) expect(readFileSync(f, 'utf8'), f).not.toMatch(/lib\/llm\b|gpt-tokenizer/);
  });
});
