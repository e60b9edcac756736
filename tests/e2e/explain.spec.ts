// Explain with AI (the flows that run in every browser are in tests/scenarios/explain.scenario.ts), against the Ollama-compatible server that (like real Ollama) answers
// 403 to extension origins: Dexter's Origin rule must make the POST pass without OLLAMA_ORIGINS.
import { test, expect, setToken, setSettings } from './fixtures';


test.beforeEach(async ({ ext, world }) => {
  await setToken(ext, world.sentry.tokens.readWrite);
  await setSettings(ext, { llm: { model: 'llama3.2:latest', url: 'http://127.0.0.1:11434' } });
  world.ollama.setMode('normal');
  world.ollama.setAnswer(undefined);
});

test('a web page cannot use Dexter\'s Origin rule to reach Ollama', async ({ ext, world }) => {
  const page = await ext.context.newPage();
  await page.goto('https://acme.sentry.io/issues/');
  const before = world.ollama.requests.length;
  const result = await page.evaluate(async () => {
    try {
      const r = await fetch('http://127.0.0.1:11434/api/chat', { method: 'POST', body: JSON.stringify({ model: 'llama3.2:latest', messages: [{ role: 'user', content: 'hi' }], stream: false }) });
      return `status ${r.status}`;
    } catch (e) {
      return `blocked: ${e}`;
    }
  });
  // Either the browser blocks it (CORS / private network access) or Ollama sees the page's Origin and refuses.
  expect(result.startsWith('status 200')).toBe(false);
  const seen = world.ollama.requests.slice(before).filter((r: any) => r.path === '/api/chat');
  for (const r of seen) expect(r.origin).toBe('https://acme.sentry.io');
});
