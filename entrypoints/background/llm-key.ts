// The LLM server's API key: stored like the Sentry token (its own key in storage.local, read by the background
// only), bound to the origin of the server URL it was entered for, and never part of settings, status or a log.
import { storage } from '#imports';
import { KEYS, type LlmAuth } from '@/lib/storage-keys';
import { llmServerOrigin } from '@/lib/llm-origin';
import { Refusal, type Handlers } from './router';

export const llmKeyItem = storage.defineItem<LlmAuth | null>(KEYS.llmAuth, { fallback: null });

// Only Dexter's own pages may send these (router.ts PAGE_ONLY).
export const llmKeyHandlers = {
  async 'llm.key.set'(m, { service }) {
    const origin = llmServerOrigin(service.settings.llm.url);
    if (!origin) throw new Refusal('invalid-request', 'Save a valid server URL before its API key.');
    await llmKeyItem.setValue({ apiKey: m.apiKey, origin });
    return null;
  },
  async 'llm.key.clear'() {
    await llmKeyItem.setValue(null);
    return null;
  },
} satisfies Partial<Handlers>;
