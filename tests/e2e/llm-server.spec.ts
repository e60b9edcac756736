// The LLM past the demo: an OpenAI-compatible server on another port (with Ollama's 403 for extension origins and an
// API key), access asked from the Settings click, a model whose context is 2,048 tokens, and a storage that is full.
import type { Page } from '@playwright/test';
import { test, expect, setToken, ask } from './fixtures';
import { allowSiteOnExtensionsPage } from './host-access';
import { startOllamaServer, type OllamaServer } from '../world/ollama/server';
import { ingestEventToApi } from '../world/sentry/ingest';
import { buildPrompt } from '../../lib/llm/prompt';
import type { World } from '../world/world';

declare const chrome: any;
type Ext = Parameters<typeof ask>[0];

const KEY = 'sk-e2e-9f8e7d6c5b4a';
let openai: OllamaServer; // llama.cpp-like: --api-key, /props n_ctx 8192
let tiny: OllamaServer; // an Ollama on another port with TinyLlama (2,048-token context)

test.beforeAll(async () => {
  openai = await startOllamaServer({
    port: 18080,
    apiKey: KEY,
    llamaCppContext: 8192,
    models: ['qwen2.5-coder:7b'],
    chunkDelayMs: 5,
  });
  tiny = await startOllamaServer({ port: 18434, models: ['tinyllama:latest'], chunkDelayMs: 5 });
});
test.afterAll(async () => {
  await openai?.close();
  await tiny?.close();
});
test.beforeEach(async ({ ext, world }) => {
  await setToken(ext, world.sentry.tokens.readWrite);
  // Specs before this one may have left the shared world's Ollama in a fault mode or with a hostile answer.
  world.ollama.setMode('normal');
  world.ollama.setAnswer(undefined);
});

const contains = (ext: Ext, pattern: string) =>
  ext.sw.evaluate((p) => chrome.permissions.contains({ origins: [p] }), pattern);

async function openSettings(ext: Ext): Promise<Page> {
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.id}/popup.html`);
  await popup.getByRole('tab', { name: 'Settings' }).click();
  await expect(popup.getByLabel('Server URL')).toBeVisible();
  return popup;
}

/** Saves a server URL the way a user does: type it, press Save (the browser's access request comes from that click). */
async function useServer(popup: Page, url: string) {
  await popup.getByLabel('Server URL').fill(url);
  await popup.getByRole('button', { name: 'Save', exact: true }).click();
}

/** An event with a long stack and many breadcrumbs, added to the world's Sentry as an SDK would send it (the same
 *  issue each time: it groups by its stack). */
function bigIssue(world: World): { id: string; event: unknown } {
  const project = world.sentry.store.projects.find((p) => p.slug === 'payments')!;
  const frames = Array.from({ length: 80 }, (_, i) => ({
    filename: `src/checkout/step${i}.ts`,
    function: `step${i}`,
    lineno: 20 + i,
    colno: 7,
    in_app: true,
    pre_context: ['  const cart = await loadCart(id);'],
    context_line: '  return cart.shipping.address.city;',
    post_context: ['}'],
  }));
  const ingest = {
    event_id: '5c0ffee0000000000000000000000016',
    timestamp: new Date().toISOString(),
    platform: 'node',
    level: 'error',
    exception: {
      values: [
        {
          type: 'TypeError',
          value: "Cannot read properties of undefined (reading 'city') in checkout",
          stacktrace: { frames },
          mechanism: { type: 'onunhandledrejection', handled: false },
        },
      ],
    },
    breadcrumbs: {
      values: Array.from({ length: 40 }, (_, i) => ({
        timestamp: Date.now() / 1000 - 40 + i,
        category: 'http',
        type: 'http',
        data: { method: 'GET', url: `https://api.example.com/carts/${i}`, status_code: 200 },
      })),
    },
  };
  const event = ingestEventToApi(ingest, { projectId: project.id, groupId: '0', now: world.sentry.store.now() });
  const { issue } = world.sentry.store.addEvent(project.id, event);
  return { id: issue.id, event };
}

async function explainOnIssuePage(ext: Ext, issueId: string) {
  const page = await ext.context.newPage();
  await page.goto(`https://acme.sentry.io/issues/${issueId}/`);
  const button = page.getByRole('button', { name: 'Explain with AI' }).first();
  await expect(button).toBeVisible({ timeout: 20_000 });
  await button.click();
  return { page, frame: page.frameLocator('dexter-panel iframe').first() };
}

test('an OpenAI-compatible server on another port: access from the Save click, the Origin rule there, the key only there', async ({
  ext,
  world,
}) => {
  const pattern = 'http://127.0.0.1:18080/*';
  // Without access the server sees Dexter's extension Origin and refuses it, as Ollama does; the status says why.
  await ask(ext, {
    type: 'settings.set',
    patch: {
      llm: { provider: 'openai', url: 'http://127.0.0.1:18080/v1', model: '', promptBudget: 'auto', stallSeconds: 90 },
    },
  });
  const before = (await ask(ext, { type: 'llm.status' })).data;
  expect(before).toMatchObject({ hostAccess: false, originRuleActive: false, postAllowed: false });
  expect(openai.requests.at(-1)).toMatchObject({ origin: `chrome-extension://${ext.id}`, status: 403 });

  await allowSiteOnExtensionsPage(ext.context, ext.id, pattern);
  expect(await contains(ext, pattern)).toBe(false);
  const popup = await openSettings(ext);
  await useServer(popup, 'http://127.0.0.1:18080/v1/');
  await expect.poll(() => contains(ext, pattern)).toBe(true);
  // Reached now, but the server wants its key.
  await expect(popup.getByText('Reachable, but the server refused Dexter’s test request.')).toBeVisible();
  await expect(popup.getByText(/answered 401: Invalid API Key/)).toBeVisible();

  await popup.getByLabel('API key').fill(KEY);
  await popup.getByRole('button', { name: 'Save key' }).click();
  await expect(popup.getByText('An API key is set for this server.')).toBeVisible();
  await expect(popup.getByLabel('API key')).toHaveValue('');
  await popup.getByLabel('Model', { exact: true }).selectOption('qwen2.5-coder:7b');
  await expect(popup.getByText('Ready: qwen2.5-coder:7b at http://127.0.0.1:18080/v1')).toBeVisible();
  await expect(popup.getByTestId('llm-context')).toHaveText(
    'Model context: 8,192 tokens (from llama.cpp); prompt budget 5,120, 2,048 kept for the answer',
  );
  expect(await popup.content()).not.toContain(KEY);
  const status = (await ask(ext, { type: 'llm.status' })).data;
  expect(status).toMatchObject({ hostAccess: true, originRuleActive: true, apiKey: 'set' });
  expect(JSON.stringify(status)).not.toContain(KEY);

  const since = openai.requests.length;
  const { frame } = await explainOnIssuePage(ext, bigIssue(world).id);
  await expect(frame.locator('h2', { hasText: 'What happened' })).toBeVisible({ timeout: 30_000 });
  const chat = openai.requests.slice(since).find((r) => r.path === '/v1/chat/completions' && r.body?.stream)!;
  expect(chat).toMatchObject({ auth: `Bearer ${KEY}`, origin: undefined });
  expect(chat.body.max_tokens).toBe(2048);
  expect(JSON.stringify(chat.body)).not.toContain(KEY);
  // The key went to 18080 only: never to the world's Ollama, never to Sentry, never into settings.
  expect(world.ollama.requests.some((r) => r.auth?.includes(KEY))).toBe(false);
  expect(openai.requests.filter((r) => r.auth && r.auth !== `Bearer ${KEY}`)).toEqual([]);
  const stored = await ext.sw.evaluate(() => chrome.storage.local.get(null));
  expect(stored.llmAuth).toEqual({ apiKey: KEY, origin: 'http://127.0.0.1:18080' });
  expect(JSON.stringify({ ...stored, llmAuth: null })).not.toContain(KEY);
});

test('a model whose context is 2,048 tokens: the prompt is cut to fit and Ollama is told num_ctx, so nothing is truncated', async ({
  ext,
  world,
}) => {
  const { id, event } = bigIssue(world);
  // The whole event would not fit: without the plan the server would cut its start silently.
  expect(buildPrompt(event, { tokenBudget: 100_000 }).tokens).toBeGreaterThan(2048);

  await allowSiteOnExtensionsPage(ext.context, ext.id, 'http://127.0.0.1:18434/*');
  await ask(ext, {
    type: 'settings.set',
    patch: {
      llm: { provider: 'ollama', url: 'http://127.0.0.1:11434', model: '', promptBudget: 4000, stallSeconds: 90 },
    },
  });
  const popup = await openSettings(ext);
  await useServer(popup, 'http://127.0.0.1:18434');
  await expect.poll(() => contains(ext, 'http://127.0.0.1:18434/*')).toBe(true);
  await popup.getByLabel('Model', { exact: true }).selectOption('tinyllama:latest');
  await expect(popup.getByTestId('llm-context')).toHaveText(
    'Model context: 2,048 tokens (from the model); prompt budget 853 — your 4,000 does not fit, 1,024 kept for the answer',
  );

  const since = tiny.requests.length;
  const { frame } = await explainOnIssuePage(ext, id);
  await expect(frame.locator('h2', { hasText: 'What happened' })).toBeVisible({ timeout: 30_000 });
  await expect(frame.getByTestId('answer')).toContainText('TypeError');
  const chat = tiny.requests.slice(since).find((r) => r.path === '/api/chat')!;
  expect(chat.origin).toBeUndefined(); // the Origin rule follows the server to its port
  expect(chat.body.options).toEqual({ num_ctx: 2048 });
  expect(chat.context).toMatchObject({ numCtx: 2048, truncated: false, shifted: false });
  expect(chat.context!.promptTokens).toBeLessThan(2048 - 1024);
});

test('a full storage never loses an answer: it is shown, with a quiet note that it was not kept', async ({
  ext,
  world,
}) => {
  await ask(ext, {
    type: 'settings.set',
    patch: {
      llm: {
        provider: 'ollama',
        url: 'http://127.0.0.1:11434',
        model: 'llama3.2:latest',
        promptBudget: 'auto',
        stallSeconds: 90,
      },
    },
  });
  // Another writer took all of Chrome's 10 MB, and whatever Dexter evicts, the explanation still does not fit: the
  // worker's storage.local refuses every write of an explanation with Chrome's own quota error (what Chrome 156 says
  // when storage.local is full). Evicting Dexter's cached answers would make room for real; this keeps the test about
  // what Dexter does when even that is not enough.
  await ext.sw.evaluate(() => {
    const local = chrome.storage.local;
    const set = local.set.bind(local);
    (globalThis as any).__set = set;
    local.set = (items: Record<string, unknown>, ...rest: unknown[]) =>
      Object.keys(items).some((k) => k.startsWith('dexter-explain:'))
        ? Promise.reject(new Error('Resource::kQuotaBytes quota exceeded'))
        : set(items, ...rest);
  });
  try {
    const { frame } = await explainOnIssuePage(ext, bigIssue(world).id);
    await expect(frame.locator('h2', { hasText: 'How to fix' })).toBeVisible({ timeout: 30_000 });
    await expect(frame.getByTestId('phase')).toHaveText(
      /Fresh answer\..*Not kept for next time: Dexter’s storage is full\./,
    );
    await expect(frame.getByRole('alert')).toHaveCount(0);
  } finally {
    await ext.sw.evaluate(() => {
      chrome.storage.local.set = (globalThis as any).__set;
    });
  }
});
