import { describe, expect, it } from 'vitest';
import { isLocalLlmUrl, ollamaOriginRule, ollamaOriginsFix } from './llm-origin';

describe('ollamaOriginRule', () => {
  it('is scoped to the configured host and port, to tab-less requests and to this extension', () => {
    const rule = ollamaOriginRule('http://127.0.0.1:11434', 'abcdef');
    const re = new RegExp(rule.condition.regexFilter);
    expect(re.test('http://127.0.0.1:11434/api/chat')).toBe(true);
    expect(re.test('http://127.0.0.1:11435/api/chat')).toBe(false);
    expect(re.test('http://127.0.0.1:1143/api/chat')).toBe(false);
    expect(re.test('http://127.0.0.10:11434/api/chat')).toBe(false);
    expect(re.test('http://evil.com/?http://127.0.0.1:11434/')).toBe(false);
    expect(rule.condition.tabIds).toEqual([-1]);
    expect(rule.condition.initiatorDomains).toEqual(['abcdef']);
    expect(rule.action.requestHeaders).toEqual([{ header: 'origin', operation: 'remove' }]);
  });
  it('handles localhost without a port', () => {
    const re = new RegExp(ollamaOriginRule('http://localhost', 'x').condition.regexFilter);
    expect(re.test('http://localhost/api/tags')).toBe(true);
    expect(re.test('http://localhost:80/api/tags')).toBe(true);
    expect(re.test('http://localhost:8080/api/tags')).toBe(false);
  });
  it('knows which URLs are local and gives the exact OLLAMA_ORIGINS fix', () => {
    expect(isLocalLlmUrl('http://localhost:11434')).toBe(true);
    expect(isLocalLlmUrl('http://gpu-box.lan:11434')).toBe(false);
    expect(isLocalLlmUrl('nonsense')).toBe(false);
    expect(ollamaOriginsFix()).toContain('OLLAMA_ORIGINS=chrome-extension://*,moz-extension://*');
  });
});
