// Every message's handler, by type: Sentry data in sentry.ts, the LLM in llm.ts, settings and auth here. `Handlers`
// requires one handler per message type, each returning its message's answer (lib/messages.ts `Answers`).
import { Refusal, type Handlers } from './router';
import { authItem, settingsItem } from './settings';
import { cache, resetSentryService } from './service';
import { sentryHandlers } from './sentry';
import { llmHandlers } from './llm';
import { parseSettings } from '@/lib/settings';
import { isAllowedApiBase } from '@/lib/sentry/policy';
import { apiBaseOf } from '@/lib/sentry/page';
import { onSettingsChanged } from './lifecycle';
import { pageReportHandlers } from './page-reports';
import { summaryHandlers } from './summaries';
import { similarHandlers } from './similar';
import { digestHandlers } from './digest';
import { trendHandlers } from './trends';

function merge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    const cur = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur)
        ? merge(cur as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

// settings.set, auth.set and auth.clear come only from Dexter's own pages: the router refuses them from the overlay.
export const handlers: Handlers = {
  ...sentryHandlers,
  ...llmHandlers,
  async ping() {
    return 'pong';
  },
  async 'settings.get'(_m, { service }) {
    return service.settings;
  },
  async 'settings.set'(m, { service }) {
    const next = parseSettings(merge(service.settings as unknown as Record<string, unknown>, m.patch));
    await settingsItem.setValue(next);
    resetSentryService();
    await onSettingsChanged(next);
    return next;
  },
  async 'auth.set'(m, { service }) {
    const sentryUrl = m.sentryUrl.replace(/\/+$/, '');
    if (!isAllowedApiBase(apiBaseOf(sentryUrl), service.settings.sentry.selfHostedBases)) {
      throw new Refusal(
        'forbidden-target',
        `${sentryUrl} is not sentry.io or a self-hosted Sentry you added.`,
        'Add your self-hosted Sentry URL first (Dexter asks the browser for access to it).',
      );
    }
    await authItem.setValue({ token: m.token, sentryUrl });
    resetSentryService();
    await cache.invalidate(() => true);
    return null;
  },
  async 'auth.clear'() {
    await authItem.setValue(null);
    resetSentryService();
    await cache.invalidate(() => true);
    return null;
  },
  // The PII scanner is a sixth of the content script's size, and only privacy mode on an issue page needs it: it is
  // injected into the asking frame (the same isolated world as the overlay) when asked, not on every Sentry page.
  async 'privacy.load'(_m, { sender }) {
    const tabId = sender.tab?.id;
    if (tabId === undefined)
      throw new Refusal('forbidden-sender', 'Only Dexter’s overlay in a Sentry tab loads the PII scanner.');
    await browser.scripting.executeScript({
      target: { tabId, frameIds: [sender.frameId ?? 0] },
      files: ['/privacy-scanner.js'],
    });
    return null;
  },
  ...pageReportHandlers,
  ...summaryHandlers,
  ...similarHandlers,
  ...digestHandlers,
  ...trendHandlers,
  async 'open.explorer'(m) {
    const url = `${browser.runtime.getURL('/explorer.html' as '/popup.html')}${m.query ? `#q=${encodeURIComponent(m.query)}` : ''}`;
    await browser.tabs.create({ url });
    return null;
  },
};
