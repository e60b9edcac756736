import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SENTRY_FIXTURES } from '@/tests/fixtures/sentry';
import { countChatTokens, countTokens, estimateTokens, MESSAGE_OVERHEAD_TOKENS } from './tokens';

const FIX = SENTRY_FIXTURES;

describe('countTokens', () => {
  it('counts with cl100k', () => {
    expect(countTokens('hello world')).toBe(2);
    expect(countTokens('')).toBe(0);
  });
  it('counts special-token strings as plain text instead of throwing', () => {
    expect(countTokens('a <|endoftext|> b')).toBeGreaterThan(3);
  });
  it('adds the chat template overhead per message', () => {
    expect(countChatTokens('hello world', 'hello world')).toBe(4 + 2 * MESSAGE_OVERHEAD_TOKENS);
  });
});

describe('estimateTokens', () => {
  it.each(['openapi-examples/issue-event-javascript.json', 'sentry-mcp/event-javascript-cloudflare.json', 'sentry-samples/java.ingest.json', 'postgres-deadlock-messages.json'])(
    'is within -5%…+25% of cl100k on %s',
    (file) => {
      const text = readFileSync(path.join(FIX, file), 'utf8');
      const ratio = estimateTokens(text) / countTokens(text);
      expect(ratio).toBeGreaterThan(0.95);
      expect(ratio).toBeLessThan(1.25);
    },
  );
});

describe('bundle hygiene', () => {
  it('no content script imports lib/llm (the tokenizer table is background-only)', () => {
    const root = path.resolve(import.meta.dirname, '../../entrypoints');
    if (!existsSync(root)) return;
    const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : [path.join(dir, f)]));
    const content = files(root).filter((f) => /content/.test(path.relative(root, f)) && /\.tsx?$/.test(f) && !/\.test\./.test(f));
    for (const f of content) expect(readFileSync(f, 'utf8'), f).not.toMatch(/lib\/llm\b|gpt-tokenizer/);
  });
});
