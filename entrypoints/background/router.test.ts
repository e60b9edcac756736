import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { handleMessage as route, type Handlers } from './router';
import { createSentryService } from './service';
import { DEFAULT_SETTINGS } from '@/lib/settings';

describe('background router', () => {
  beforeEach(() => fakeBrowser.reset());
  const ext = () => browser.runtime.getURL('/');
  const update = vi.fn(async () => ({
    status: 'resolved' as const,
    updated: ['1'],
    failed: [],
    previous: {},
    prior: [],
    after: [],
  }));
  // Only the two handlers these tests reach; the rest of the map is never called.
  const handlers = { ping: async () => 'pong' as const, 'issues.update': update } as Partial<Handlers> as Handlers;
  const service = Promise.resolve(createSentryService(DEFAULT_SETTINGS, null));
  const handleMessage = (raw: unknown, sender: Parameters<typeof route>[1], h: Handlers) =>
    route(raw, sender, h, service);
  const updateMessage = {
    type: 'issues.update',
    target: { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' },
    ids: ['1'],
    status: 'resolved',
  };

  it('answers Dexter’s pages and its content script on Sentry', async () => {
    expect(
      await handleMessage({ type: 'ping' }, { id: browser.runtime.id, url: `${ext()}popup.html` }, handlers),
    ).toEqual({ ok: true, data: 'pong' });
    expect(
      await handleMessage(
        { type: 'ping' },
        { id: browser.runtime.id, url: 'https://acme.sentry.io/issues/', tab: { id: 3 } as never },
        handlers,
      ),
    ).toEqual({ ok: true, data: 'pong' });
  });
  it('refuses other extensions and unknown pages', async () => {
    const r1 = await handleMessage(
      { type: 'ping' },
      { id: 'someone-else', url: 'chrome-extension://someone-else/x.html' },
      handlers,
    );
    const r2 = await handleMessage(
      { type: 'ping' },
      { id: browser.runtime.id, url: 'https://evil.example/', tab: { id: 3 } as never },
      handlers,
    );
    expect(r1.ok || r2.ok).toBe(false);
    if (!r1.ok) expect(r1.error.kind).toBe('forbidden-sender');
  });
  it('lets only Dexter’s own pages change Sentry data, never the overlay inside Sentry’s page', async () => {
    const fromOverlay = await handleMessage(
      updateMessage,
      { id: browser.runtime.id, url: 'https://acme.sentry.io/issues/', tab: { id: 3 } as never },
      handlers,
    );
    expect(fromOverlay.ok).toBe(false);
    if (!fromOverlay.ok) expect(fromOverlay.error.kind).toBe('forbidden-sender');
    expect(update).not.toHaveBeenCalled();
    const fromPopup = await handleMessage(
      updateMessage,
      { id: browser.runtime.id, url: `${ext()}popup.html` },
      handlers,
    );
    expect(fromPopup).toEqual({
      ok: true,
      data: { status: 'resolved', updated: ['1'], failed: [], previous: {}, prior: [], after: [] },
    });
  });
  it('takes the LLM API key only from Dexter’s own pages', async () => {
    const setKey = vi.fn(async () => null);
    const h = { ...handlers, 'llm.key.set': setKey, 'llm.key.clear': setKey } as Handlers;
    for (const m of [{ type: 'llm.key.set', apiKey: 'sk-from-a-page' }, { type: 'llm.key.clear' }]) {
      const r = await handleMessage(
        m,
        { id: browser.runtime.id, url: 'https://acme.sentry.io/issues/', tab: { id: 3 } as never },
        h,
      );
      expect(r.ok ? 'ok' : r.error.kind).toBe('forbidden-sender');
    }
    expect(setKey).not.toHaveBeenCalled();
    expect(
      await handleMessage(
        { type: 'llm.key.set', apiKey: 'sk-local-123' },
        { id: browser.runtime.id, url: `${ext()}popup.html` },
        h,
      ),
    ).toEqual({ ok: true, data: null });
  });
  it('rejects malformed messages with a readable error', async () => {
    const r = await handleMessage(
      { type: 'issues.update', ids: 'all' },
      { id: browser.runtime.id, url: `${ext()}popup.html` },
      handlers,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('invalid-request');
  });
});
