import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { handleMessage, type Handlers } from './router';

describe('background router', () => {
  beforeEach(() => fakeBrowser.reset());
  const ext = () => browser.runtime.getURL('/');
  const handlers: Handlers = {
    ping: async () => ({ ok: true, data: 'pong' }),
    'issues.update': vi.fn(async () => ({ ok: true, data: 'done' })) as never,
  };
  const update = { type: 'issues.update', target: { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' }, ids: ['1'], status: 'resolved' };

  it('answers Dexter’s pages and its content script on Sentry', async () => {
    expect(await handleMessage({ type: 'ping' }, { id: browser.runtime.id, url: `${ext()}popup.html` }, handlers)).toEqual({ ok: true, data: 'pong' });
    expect(await handleMessage({ type: 'ping' }, { id: browser.runtime.id, url: 'https://acme.sentry.io/issues/', tab: { id: 3 } as never }, handlers)).toEqual({ ok: true, data: 'pong' });
  });
  it('refuses other extensions and unknown pages', async () => {
    const r1 = await handleMessage({ type: 'ping' }, { id: 'someone-else', url: 'chrome-extension://someone-else/x.html' }, handlers);
    const r2 = await handleMessage({ type: 'ping' }, { id: browser.runtime.id, url: 'https://evil.example/', tab: { id: 3 } as never }, handlers);
    expect(r1.ok || r2.ok).toBe(false);
    if (!r1.ok) expect(r1.error.kind).toBe('forbidden-sender');
  });
  it('lets only Dexter’s own pages change Sentry data, never the overlay inside Sentry’s page', async () => {
    const fromOverlay = await handleMessage(update, { id: browser.runtime.id, url: 'https://acme.sentry.io/issues/', tab: { id: 3 } as never }, handlers);
    expect(fromOverlay.ok).toBe(false);
    if (!fromOverlay.ok) expect(fromOverlay.error.kind).toBe('forbidden-sender');
    expect(handlers['issues.update']).not.toHaveBeenCalled();
    const fromPopup = await handleMessage(update, { id: browser.runtime.id, url: `${ext()}popup.html` }, handlers);
    expect(fromPopup).toEqual({ ok: true, data: 'done' });
  });
  it('rejects malformed messages with a readable error', async () => {
    const r = await handleMessage({ type: 'issues.update', ids: 'all' }, { id: browser.runtime.id, url: `${ext()}popup.html` }, handlers);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('invalid-request');
  });
});
