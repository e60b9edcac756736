import { describe, expect, it } from 'vitest';
import { apiKeyFor, apiKeyState } from './apiKey';

const auth = { apiKey: 'sk-local-123', origin: 'http://127.0.0.1:18080' };

describe('the LLM API key', () => {
  it('goes to the origin it was entered for, whatever the path', () => {
    expect(apiKeyFor('http://127.0.0.1:18080', auth)).toBe('sk-local-123');
    expect(apiKeyFor('http://127.0.0.1:18080/v1', auth)).toBe('sk-local-123');
    expect(apiKeyState('http://127.0.0.1:18080/v1', auth)).toBe('set');
  });
  it('goes nowhere else: another port, host or scheme, or no key at all', () => {
    for (const url of [
      'http://127.0.0.1:11434',
      'http://localhost:18080',
      'https://127.0.0.1:18080',
      'http://127.0.0.1:18080.evil.example',
      'nonsense',
    ]) {
      expect([url, apiKeyFor(url, auth)]).toEqual([url, undefined]);
    }
    expect(apiKeyState('http://127.0.0.1:11434', auth)).toBe('other-server');
    expect(apiKeyState('http://127.0.0.1:18080', null)).toBe('none');
    expect(apiKeyFor('http://127.0.0.1:18080', { apiKey: '', origin: 'http://127.0.0.1:18080' })).toBeUndefined();
  });
});
