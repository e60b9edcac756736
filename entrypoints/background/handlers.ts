// Request handlers, by message type: Sentry data in sentry.ts, the LLM in llm.ts, settings and auth here.
import type { Handlers } from './router';
import { authItem, getSettings, settingsItem } from './settings';
import { sentryHandlers, cache } from './sentry';
import { llmHandlers } from './llm';
import { parseSettings } from '@/lib/settings';
import { isAllowedApiBase } from '@/lib/policy';
import { onSettingsChanged } from './lifecycle';

function merge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    const cur = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur) ? merge(cur as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

export const handlers: Handlers = {
  ...sentryHandlers,
  ...llmHandlers,
  async ping() {
    return { ok: true, data: 'pong' };
  },
  async 'settings.get'() {
    return { ok: true, data: await getSettings() };
  },
  async 'settings.set'(req, sender) {
    if (sender.tab && !sender.url?.startsWith(browser.runtime.getURL('/'))) return { ok: false, error: { kind: 'forbidden-sender', message: 'Only Dexter’s own pages change settings.' } };
    const next = parseSettings(merge((await getSettings()) as unknown as Record<string, unknown>, req.patch));
    await settingsItem.setValue(next);
    await onSettingsChanged(next);
    return { ok: true, data: next };
  },
  async 'auth.set'(req, sender) {
    if (sender.tab && !sender.url?.startsWith(browser.runtime.getURL('/'))) return { ok: false, error: { kind: 'forbidden-sender', message: 'Only Dexter’s own pages handle the token.' } };
    const sentryUrl = req.sentryUrl.replace(/\/+$/, '');
    const settings = await getSettings();
    if (!isAllowedApiBase(`${sentryUrl}/api/0`, settings.sentry.selfHostedBases)) {
      return { ok: false, error: { kind: 'forbidden-target', message: `${sentryUrl} is not sentry.io or a self-hosted Sentry you added.`, nextStep: 'Add your self-hosted Sentry URL first (Dexter asks the browser for access to it).' } };
    }
    await authItem.setValue({ token: req.token, sentryUrl });
    await cache.invalidate(() => true);
    return { ok: true, data: null };
  },
  async 'auth.clear'(_req, sender) {
    if (sender.tab && !sender.url?.startsWith(browser.runtime.getURL('/'))) return { ok: false, error: { kind: 'forbidden-sender', message: 'Only Dexter’s own pages handle the token.' } };
    await authItem.setValue(null);
    await cache.invalidate(() => true);
    return { ok: true, data: null };
  },
  // The PII scanner is a sixth of the content script's size, and only privacy mode on an issue page needs it: it is
  // injected into the asking frame (the same isolated world as the overlay) when asked, not on every Sentry page.
  async 'privacy.load'(_req, sender) {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return { ok: false, error: { kind: 'forbidden-sender', message: 'Only Dexter’s overlay in a Sentry tab loads the PII scanner.' } };
    await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: ['/privacy-scanner.js'] });
    return { ok: true, data: null };
  },
  async 'open.explorer'(req) {
    const url = `${browser.runtime.getURL('/explorer.html' as '/popup.html')}${req.query ? `#q=${encodeURIComponent(req.query)}` : ''}`;
    await browser.tabs.create({ url });
    return { ok: true, data: null };
  },
};
