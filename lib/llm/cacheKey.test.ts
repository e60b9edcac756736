import { describe, expect, it } from 'vitest';
import { explanationCacheKey } from './cacheKey';
import { PROMPT_VERSION } from './prompt';

describe('explanationCacheKey', () => {
  const base = { issueId: '123', eventId: 'abc', model: 'llama3.2:latest' };
  it('includes every part and the current prompt version', () => {
    expect(explanationCacheKey(base)).toBe(`explain:123:abc:llama3.2%3Alatest:${PROMPT_VERSION}`);
  });
  it('differs when any part differs, and cannot be confused by colons', () => {
    const keys = new Set([
      explanationCacheKey(base),
      explanationCacheKey({ ...base, eventId: 'abd' }),
      explanationCacheKey({ ...base, model: 'mistral' }),
      explanationCacheKey({ ...base, promptVersion: 'explain-v0' }),
      explanationCacheKey({ issueId: '123:abc', eventId: 'llama3.2', model: 'latest' }),
    ]);
    expect(keys.size).toBe(5);
  });
  it('refuses empty parts', () => expect(() => explanationCacheKey({ ...base, model: '' })).toThrow(/model/));
});
