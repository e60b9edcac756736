// The Origin fix for the user's LLM server (see lib/llm-origin.ts), behind one interface so another browser can
// bring another mechanism. Today's is a declarativeNetRequest session rule; Firefox has the same API (with its
// extension UUID as the initiator), and could use a blocking webRequest listener instead if its DNR falls short.
import type { Settings } from '@/lib/settings';
import { llmOriginRule, llmPermissionFor, LLM_ORIGIN_RULE_ID } from '@/lib/llm-origin';

export interface OriginFix {
  /** Lets Dexter's own requests to this server through its Origin check; null takes the fix away. */
  apply(serverUrl: string | null): Promise<boolean>;
}

const dnrSessionRule: OriginFix = {
  async apply(serverUrl) {
    const dnr = browser.declarativeNetRequest;
    if (!dnr?.updateSessionRules) return false;
    const extensionHost = new URL(browser.runtime.getURL('/')).host;
    const addRules = serverUrl ? [llmOriginRule(serverUrl, extensionHost)] : [];
    await dnr.updateSessionRules({ removeRuleIds: [LLM_ORIGIN_RULE_ID], addRules: addRules as never });
    return addRules.length > 0;
  },
};

let fix: OriginFix = dnrSessionRule;
let state: { active: boolean; hostAccess: boolean } = { active: false, hostAccess: false };
export const originRuleActive = () => state.active;
export const llmHostAccess = () => state.hostAccess;

/** Tests swap the mechanism; returns the previous one. */
export function setOriginFix(next: OriginFix): OriginFix {
  const previous = fix;
  fix = next;
  return previous;
}

/** Installs the fix for the configured server once the user granted Dexter access to it, removes it otherwise. */
export async function applyLlmOriginRule(settings: Settings): Promise<void> {
  const pattern = llmPermissionFor(settings.llm.url);
  const hostAccess = !!pattern && (await browser.permissions.contains({ origins: [pattern] }).catch(() => false));
  try {
    state = { active: await fix.apply(hostAccess ? settings.llm.url : null), hostAccess };
  } catch (error) {
    state = { active: false, hostAccess };
    console.warn('[Dexter] could not install the LLM Origin rule; OLLAMA_ORIGINS is then needed:', error);
  }
}
