// Request handlers, by message type. Sentry data goes through sentry.ts; the LLM through llm.ts.
import type { Handlers } from './router';
import { getSettings } from './settings';

export const handlers: Handlers = {
  async ping() {
    return { ok: true, data: 'pong' };
  },
  async 'settings.get'() {
    return { ok: true, data: await getSettings() };
  },
  async 'open.explorer'(req) {
    const url = browser.runtime.getURL('/explorer.html') + (req.query ? `#q=${encodeURIComponent(req.query)}` : '');
    await browser.tabs.create({ url });
    return { ok: true, data: null };
  },
};
