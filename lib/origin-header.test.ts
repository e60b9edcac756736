import { describe, expect, it } from 'vitest';
import { serverKey, serverUrlFilter, stripsOrigin } from './origin-header';

const ext = 'moz-extension://0b1c2d3e-aaaa-bbbb-cccc-123456789abc/';
const opts = { llmUrl: 'http://127.0.0.1:11434', extensionBase: ext };

describe('the Origin fix in Firefox', () => {
  it('removes Origin only from Dexter’s own requests to the configured server’s host and port', () => {
    expect(stripsOrigin({ url: 'http://127.0.0.1:11434/api/chat', originUrl: `${ext}_generated_background_page.html`, tabId: -1 }, opts)).toBe(true);
    expect(stripsOrigin({ url: 'http://127.0.0.1:11434/api/tags', originUrl: `${ext}panel.html#view=explain`, tabId: 7 }, opts)).toBe(true);
    // Another port, host or scheme; a web page; another extension; no initiator.
    expect(stripsOrigin({ url: 'http://127.0.0.1:11435/api/chat', originUrl: ext, tabId: -1 }, opts)).toBe(false);
    expect(stripsOrigin({ url: 'http://127.0.0.10:11434/api/chat', originUrl: ext, tabId: -1 }, opts)).toBe(false);
    expect(stripsOrigin({ url: 'https://127.0.0.1:11434/api/chat', originUrl: ext, tabId: -1 }, opts)).toBe(false);
    expect(stripsOrigin({ url: 'http://127.0.0.1:11434/api/chat', originUrl: 'https://acme.sentry.io/issues/', tabId: 3 }, opts)).toBe(false);
    expect(stripsOrigin({ url: 'http://127.0.0.1:11434/api/chat', originUrl: 'moz-extension://other-uuid/page.html', tabId: -1 }, opts)).toBe(false);
    expect(stripsOrigin({ url: 'http://127.0.0.1:11434/api/chat', tabId: -1 }, opts)).toBe(false);
  });
  it('works for any server the user configured, default ports written out', () => {
    expect(stripsOrigin({ url: 'http://gpu-box.lan/v1/chat/completions', originUrl: ext, tabId: -1 }, { ...opts, llmUrl: 'http://gpu-box.lan:80/' })).toBe(true);
    expect(serverKey('https://llm.example')).toBe('https://llm.example:443');
    expect(serverKey('ftp://x')).toBeNull();
    expect(serverUrlFilter('http://127.0.0.1:1234/v1')).toBe('http://127.0.0.1/*');
    expect(serverUrlFilter('nonsense')).toBeNull();
  });
});
