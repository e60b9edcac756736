// Playwright fixtures: one world + one Chromium with the production build of Dexter per test file.
import { test as base, chromium, type BrowserContext, type Worker } from '@playwright/test';
import path from 'node:path';
import { chromiumWorldArgs, startWorld, type World } from '../world/world';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
export const EXTENSION_DIR = path.resolve(process.cwd(), '.output/chrome-mv3');

interface Ext { context: BrowserContext; sw: Worker; id: string }

export const test = base.extend<{ ext: Ext }, { world: World; worldExt: Ext }>({
  world: [
    async ({}, use) => {
      const world = await startWorld();
      await use(world);
      await world.close();
    },
    { scope: 'worker' },
  ],
  worldExt: [
    async ({ world }, use) => {
      const context = await chromium.launchPersistentContext('', { executablePath: CHROMIUM, headless: true, args: chromiumWorldArgs(world, EXTENSION_DIR) });
      const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      const id = new URL(sw.url()).host;
      await use({ context, sw, id });
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

declare const chrome: any;
/** Signs Dexter in with a token, as a user does in settings. */
export async function setToken(ext: Ext, token: string, sentryUrl = 'https://sentry.io'): Promise<void> {
  await ext.sw.evaluate(async ([t, u]) => {
    await chrome.storage.local.set({ sentryAuth: { token: t, sentryUrl: u } });
  }, [token, sentryUrl] as const);
}
export async function setSettings(ext: Ext, settings: unknown): Promise<void> {
  await ext.sw.evaluate(async (s) => { await chrome.storage.local.set({ settings: s }); }, settings);
}
