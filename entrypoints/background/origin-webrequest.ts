// The Origin fix where the browser's rule engine cannot scope a rule to Dexter (Firefox: lib/origin-header.ts says
// why): a blocking webRequest listener for the configured LLM server, replaced when the settings change.
import { serverUrlFilter, stripsOrigin } from '@/lib/origin-header';
import type { Settings } from '@/lib/settings';
import type { Browser } from 'wxt/browser';

type Details = Browser.webRequest.OnBeforeSendHeadersDetails & { originUrl?: string };
let listener: ((d: Details) => Browser.webRequest.BlockingResponse | undefined) | null = null;
let active = false;
export const webRequestFixActive = () => active;

/** Only where blocking webRequest exists (Firefox, MV2 and MV3); elsewhere the declarativeNetRequest rule does it. */
export function applyWebRequestOriginFix(settings: Settings): void {
  const wr = browser.webRequest as (typeof browser.webRequest & { onBeforeSendHeaders?: unknown }) | undefined;
  if (!import.meta.env.FIREFOX || !wr?.onBeforeSendHeaders) return;
  if (listener) wr.onBeforeSendHeaders.removeListener(listener as never);
  listener = null;
  active = false;
  const filter = serverUrlFilter(settings.llm.url);
  if (!filter) return;
  const extensionBase = browser.runtime.getURL('/');
  listener = (d) => {
    if (!stripsOrigin({ url: d.url, originUrl: d.originUrl, tabId: d.tabId }, { llmUrl: settings.llm.url, extensionBase })) return undefined;
    return { requestHeaders: (d.requestHeaders ?? []).filter((h) => h.name.toLowerCase() !== 'origin') };
  };
  try {
    wr.onBeforeSendHeaders.addListener(listener as never, { urls: [filter] }, ['blocking', 'requestHeaders']);
    active = true;
  } catch (error) {
    console.warn('[Dexter] could not install the Origin fix for the LLM server; OLLAMA_ORIGINS is then needed:', error);
  }
}
