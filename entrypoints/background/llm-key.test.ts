import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { settingsSchema } from '@/lib/settings';
import { llmKeyHandlers, llmKeyItem } from './llm-key';
import { createSentryService } from './service';

const ctx = (url: string) => ({
  sender: {},
  service: createSentryService(settingsSchema.parse({ llm: { provider: 'openai', url } }), null),
});

describe('the LLM API key in the background', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is stored under its own key, bound to the origin of the server in settings, apart from settings', async () => {
    await llmKeyHandlers['llm.key.set'](
      { type: 'llm.key.set', apiKey: 'sk-local-123' },
      ctx('http://127.0.0.1:18080/v1'),
    );
    expect(await llmKeyItem.getValue()).toEqual({ apiKey: 'sk-local-123', origin: 'http://127.0.0.1:18080' });
    const all = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(all)).toEqual(['llmAuth']);
    await llmKeyHandlers['llm.key.clear']();
    expect(await llmKeyItem.getValue()).toBeNull();
  });

  it('refuses a key while the server URL is not a valid one', async () => {
    await expect(llmKeyHandlers['llm.key.set']({ type: 'llm.key.set', apiKey: 'k' }, ctx('not a url'))).rejects.toThrow(
      /valid server URL/,
    );
  });
});
