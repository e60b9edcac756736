import type { Settings } from '@/lib/settings';
import { isLocalLlmUrl, ollamaOriginRule, OLLAMA_ORIGIN_RULE_ID } from '@/lib/llm-origin';

let active = false;
export const originRuleActive = () => active;

/** Installs (or removes) the session rule that strips Origin from Dexter's own requests to a local LLM server. */
export async function applyOllamaOriginRule(settings: Settings): Promise<void> {
  const dnr = browser.declarativeNetRequest;
  if (!dnr?.updateSessionRules) return;
  const addRules = isLocalLlmUrl(settings.llm.url) ? [ollamaOriginRule(settings.llm.url, browser.runtime.id)] : [];
  try {
    await dnr.updateSessionRules({ removeRuleIds: [OLLAMA_ORIGIN_RULE_ID], addRules: addRules as never });
    active = addRules.length > 0;
  } catch (error) {
    active = false;
    console.warn('[Dexter] could not install the Ollama Origin rule; OLLAMA_ORIGINS is then needed:', error);
  }
}
