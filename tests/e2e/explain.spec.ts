// Explain with AI (the flows that run in every browser are in tests/scenarios/explain.scenario.ts), against the Ollama-compatible server that (like real Ollama) answers
// 403 to extension origins: Dexter's Origin rule must make the POST pass without OLLAMA_ORIGINS.
import { test, expect, setToken, setSettings } from './fixtures';

declare const chrome: any;

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

test('the context-menu path explains a selected deadlock text in a window', async ({ ext, world }) => {
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.id}/popup.html`);
  await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'settings.set', patch: { llm: { model: 'llama3.2:latest' } } }));
  const text = 'ERROR:  deadlock detected\nDETAIL:  Process 4242 waits for ShareLock on transaction 9001; blocked by process 4343.\nProcess 4343 waits for ShareLock on transaction 9000; blocked by process 4242.\nuser jane@example.com';
  const before = world.ollama.requests.length;
  const windowPage = ext.context.waitForEvent('page');
  await ext.sw.evaluate((t) => (globalThis as any).dexterExplainSelection(t), text);
  const win = await windowPage;
  await expect(win.locator('body')).toContainText(/What happened|deadlock/i, { timeout: 30_000 });
  // The window shows the parsed deadlock before it asks the LLM: wait for the ask itself.
  await expect.poll(() => world.ollama.requests.slice(before).some((r: any) => r.path === '/api/chat'), { timeout: 30_000 }).toBe(true);
  const chat = world.ollama.requests.slice(before).find((r: any) => r.path === '/api/chat');
  const sent = JSON.stringify(chat?.body ?? '');
  expect(sent).toContain('4242');
  expect(sent).not.toContain('jane@example.com');
});
