import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { settingsSchema } from '@/lib/settings';
import { applyLlmOriginRule, llmHostAccess, originRuleActive, setOriginFix, type OriginFix } from './ollama-origin';

describe('applyLlmOriginRule', () => {
  const applied: (string | null)[] = [];
  const recording: OriginFix = { apply: async (url) => (applied.push(url), url !== null) };
  const previous = setOriginFix(recording);
  afterEach(() => {
    vi.restoreAllMocks();
    applied.length = 0;
  });
  afterAll(() => setOriginFix(previous));

  const grant = (origins: string[]) =>
    vi
      .spyOn(fakeBrowser.permissions, 'contains')
      .mockImplementation((async (p: { origins: string[] }) => p.origins.every((o) => origins.includes(o))) as never);

  it('applies the fix to the configured server once Dexter has access to its host and port', async () => {
    const contains = grant(['http://127.0.0.1:18080/*']);
    await applyLlmOriginRule(settingsSchema.parse({ llm: { provider: 'openai', url: 'http://127.0.0.1:18080/v1' } }));
    expect(contains).toHaveBeenCalledWith({ origins: ['http://127.0.0.1:18080/*'] });
    expect(applied).toEqual(['http://127.0.0.1:18080/v1']);
    expect([originRuleActive(), llmHostAccess()]).toEqual([true, true]);
  });

  it('takes the fix away where access was not granted (or was taken back)', async () => {
    grant(['http://127.0.0.1:11434/*']);
    await applyLlmOriginRule(settingsSchema.parse({ llm: { url: 'http://gpu-box.lan:11434' } }));
    expect(applied).toEqual([null]);
    expect([originRuleActive(), llmHostAccess()]).toEqual([false, false]);
  });

  it('says the fix is off when the browser refuses the rule', async () => {
    grant(['http://127.0.0.1:11434/*']);
    setOriginFix({
      apply: async () => {
        throw new Error('regexFilter too complex');
      },
    });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await applyLlmOriginRule(settingsSchema.parse({}));
    setOriginFix(recording);
    expect([originRuleActive(), llmHostAccess()]).toEqual([false, true]);
  });
});
