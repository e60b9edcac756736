// digest.build against the world's Sentry and an OpenAI-compatible server started with an API key (llama.cpp's or
// vLLM's --api-key): the narrative is asked with the key stored for that server, and its citations are checked.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { startSentryServer, type SentryServer } from '@/tests/world/sentry/server.ts';
import { startOllamaServer, type OllamaServer } from '@/tests/world/ollama/server.ts';
import { parseMessage, type MessageOf } from '@/lib/messages';
import { settingsSchema } from '@/lib/settings';
import { digestHandlers } from './digest';
import { llmKeyItem } from './llm-key';
import { createSentryService } from './service';

let sentry: SentryServer;
let llm: OllamaServer;
beforeAll(async () => {
  [sentry, llm] = await Promise.all([
    startSentryServer({ issueCount: 40 }),
    startOllamaServer({ apiKey: 'sk-local-7' }),
  ]);
});
afterAll(() => Promise.all([sentry?.close(), llm?.close()]));
beforeEach(() => fakeBrowser.reset());

function ask(hours = 24) {
  const settings = settingsSchema.parse({
    sentry: { selfHostedBases: [sentry.url] },
    llm: { provider: 'openai', url: `${llm.url}/v1`, model: 'llama3.2:latest' },
  });
  const service = createSentryService(settings, { token: sentry.tokens.readWrite, sentryUrl: sentry.url });
  const parsed = parseMessage({
    type: 'digest.build',
    target: { apiBase: `${sentry.url}/api/0`, org: 'acme' },
    hours,
    narrative: true,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return digestHandlers['digest.build'](parsed.message as MessageOf<'digest.build'>, { sender: {}, service });
}

describe('digest.build with a narrative', () => {
  it('sends the key stored for the model’s server, and keeps only statements citing issues of the digest', async () => {
    await llmKeyItem.setValue({ apiKey: 'sk-local-7', origin: new URL(llm.url).origin });
    const r = await ask();
    expect(r.narrativeError).toBeUndefined();
    const chat = llm.requests.filter((q) => q.path === '/v1/chat/completions').at(-1)!;
    expect(chat.auth).toBe('Bearer sk-local-7');
    expect(r.narrative!.statements.length).toBeGreaterThan(0);
    for (const s of r.narrative!.statements) for (const id of s.cites) expect(r.digest.issues[id]).toBeTruthy();
  });

  it('says why there is no narrative when the server refuses (no key stored)', async () => {
    const r = await ask();
    expect(r.narrative).toBeNull();
    expect(r.narrativeError?.message).toBeTruthy();
    expect(r.digest.totals.issues).toBeGreaterThan(0);
  });
});
