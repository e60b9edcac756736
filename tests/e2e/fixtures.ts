// Playwright fixtures: one world + one Chromium with the production build of Dexter per test file.
import { test as base, chromium, type BrowserContext, type Worker } from '@playwright/test';
import path from 'node:path';
import { chromiumWorldArgs, startWorld, type World } from '../world/world';
import { requirePart } from '../system.mjs';
import { LLM_HOST, NOT_SENTRY, SELF_HOSTED, WORLD_HOSTS } from '../scenarios/hosts';
/** Host names the world also answers for: a self-hosted Sentry, a site that is not Sentry at all, the address
 *  hostile payloads name (tests/scenarios/hosts.ts, shared with the Firefox driver). */
export { NOT_SENTRY, SELF_HOSTED };
export const EXTENSION_DIR = path.resolve(process.cwd(), '.output/chrome-mv3');

interface Ext {
  context: BrowserContext;
  sw: Worker;
  id: string;
}

export const test = base.extend<
  { ext: Ext },
  { world: World; worldExt: Ext; worldIssues: number | undefined; worldKey: string }
>({
  /** Issues per organization in the world (its default when unset); a spec sets it with test.use(). */
  worldIssues: [undefined, { option: true, scope: 'worker' }],
  /** A world of its own for the tests that set the same key (scenarios whose seeded data would change others'). */
  worldKey: ['shared', { option: true, scope: 'worker' }],
  world: [
    async ({ worldIssues, worldKey }, use) => {
      void worldKey;
      // DEXTER_TEST_OLLAMA_PORT lets specs that need no LLM run beside another world (the Explain specs need 11434).
      const world = await startWorld({
        ollamaPort: Number(process.env.DEXTER_TEST_OLLAMA_PORT) || undefined,
        issueCount: worldIssues,
      });
      await use(world);
      await world.close();
    },
    { scope: 'worker' },
  ],
  worldExt: [
    async ({ world }, use) => {
      // No Chromium: every test fails with the one line saying what to install or set.
      const executablePath = requirePart('chromium');
      // The LLM host keeps its port (the world's hosts all go to its HTTPS port).
      const args = chromiumWorldArgs(world, EXTENSION_DIR, WORLD_HOSTS).map((a) =>
        a.startsWith('--host-resolver-rules=') ? `${a}, MAP ${LLM_HOST} 127.0.0.1` : a,
      );
      const context = await chromium.launchPersistentContext('', { executablePath, headless: true, args });
      const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      const id = new URL(sw.url()).host;
      // The worker can be stopped and restarted (Chrome does it when idle; a test does it on purpose), so `sw`
      // always names the current one.
      await use({
        context,
        id,
        get sw() {
          return context.serviceWorkers().find((w) => w.url().includes(id)) ?? sw;
        },
      });
      await context.close();
    },
    { scope: 'worker' },
  ],
  ext: async ({ worldExt }, use) => {
    await use(worldExt);
    for (const p of worldExt.context.pages()) await p.close().catch(() => {});
  },
});

export { expect } from '@playwright/test';
import { readDown } from './read-down';

/** Scrolls down the whole page and back: Dexter draws rows as they come near, so afterwards every row is drawn
 *  (provided its data had arrived). */
export const readDownTheList = (page: import('@playwright/test').Page): Promise<void> => page.evaluate(readDown);

declare const chrome: any;

/** Runs protocol requests from an extension page, as the popup does (panel.html with no route loads nothing). */
export async function ask(ext: Ext, request: unknown): Promise<any> {
  const page = await ext.context.newPage();
  try {
    await page.goto(`chrome-extension://${ext.id}/panel.html`);
    return await page.evaluate((r) => chrome.runtime.sendMessage(r), request);
  } finally {
    await page.close();
  }
}
/** Signs Dexter in with a token, as a user does in settings (this also empties Dexter's cache). */
export async function setToken(ext: Ext, token: string, sentryUrl = 'https://sentry.io'): Promise<void> {
  const r = await ask(ext, { type: 'auth.set', token, sentryUrl });
  if (!r?.ok) throw new Error(`auth.set failed: ${JSON.stringify(r)}`);
}
export async function clearToken(ext: Ext): Promise<void> {
  const r = await ask(ext, { type: 'auth.clear' });
  if (!r?.ok) throw new Error(`auth.clear failed: ${JSON.stringify(r)}`);
}
export async function setSettings(ext: Ext, settings: unknown): Promise<void> {
  await ext.sw.evaluate(async (s) => {
    await chrome.storage.local.set({ settings: s });
  }, settings);
}
