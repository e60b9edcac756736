import { describe, expect, it } from 'vitest';
import { checkLlmUrl, llmHostPermission, llmOriginRule, llmServerOrigin, ollamaOriginsFix } from './llm-origin';

describe('llmOriginRule', () => {
  it('is scoped to the configured host and port, to tab-less requests and to this extension', () => {
    const rule = llmOriginRule('http://127.0.0.1:11434', 'abcdef');
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
  it('works for any server: LM Studio, llama.cpp, vLLM, an Ollama on another machine', () => {
    for (const [url, hit, miss] of [
      ['http://127.0.0.1:1234', 'http://127.0.0.1:1234/v1/chat/completions', 'http://127.0.0.1:11434/api/chat'],
      ['http://localhost:8080/v1', 'http://localhost:8080/v1/models', 'http://localhost:8081/v1/models'],
      ['https://gpu-box.lan:8000', 'https://gpu-box.lan:8000/v1/models', 'http://gpu-box.lan:8000/v1/models'],
      ['http://192.168.1.20:11434', 'http://192.168.1.20:11434/api/chat', 'http://192.168.1.2:11434/api/chat'],
      ['http://[::1]:11434', 'http://[::1]:11434/api/chat', 'http://[::1]:1143/api/chat'],
    ] as const) {
      const re = new RegExp(llmOriginRule(url, 'x').condition.regexFilter);
      expect([url, re.test(hit), re.test(miss)]).toEqual([url, true, false]);
    }
  });
  it('handles a server without a port', () => {
    const re = new RegExp(llmOriginRule('http://localhost', 'x').condition.regexFilter);
    expect(re.test('http://localhost/api/tags')).toBe(true);
    expect(re.test('http://localhost:80/api/tags')).toBe(true);
    expect(re.test('http://localhost:8080/api/tags')).toBe(false);
  });
  it('gives the exact OLLAMA_ORIGINS fix', () => {
    expect(ollamaOriginsFix()).toContain('OLLAMA_ORIGINS=chrome-extension://*,moz-extension://*');
  });
});

describe('the server URL and its permission', () => {
  it('normalises what the user typed and refuses the rest with why', () => {
    expect(checkLlmUrl(' http://127.0.0.1:8080/v1/ ')).toEqual({
      ok: true,
      url: 'http://127.0.0.1:8080/v1',
      origin: 'http://127.0.0.1:8080',
    });
    expect(checkLlmUrl('http://gpu-box.lan:11434')).toEqual({
      ok: true,
      url: 'http://gpu-box.lan:11434',
      origin: 'http://gpu-box.lan:11434',
    });
    expect(checkLlmUrl('127.0.0.1:1234').ok).toBe(false);
    expect(checkLlmUrl('ftp://x').ok).toBe(false);
    expect(checkLlmUrl('http://user:key@host:8000').ok).toBe(false);
    expect(checkLlmUrl('http://host:8000/?key=1').ok).toBe(false);
    expect(llmServerOrigin('nonsense')).toBeNull();
  });
  it('asks for one host and port in Chrome, the whole host in Firefox (its patterns cannot carry a port)', () => {
    expect(llmHostPermission('http://127.0.0.1:18080/v1', { withPort: true })).toBe('http://127.0.0.1:18080/*');
    expect(llmHostPermission('https://llm.corp.example', { withPort: true })).toBe('https://llm.corp.example/*');
    expect(llmHostPermission('http://127.0.0.1:18080/v1', { withPort: false })).toBe('http://127.0.0.1/*');
    expect(llmHostPermission('javascript:alert(1)', { withPort: true })).toBeNull();
  });
});
