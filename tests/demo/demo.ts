// `npm run demo`: start the built-in world (Sentry-compatible HTTPS server answering for sentry.io and
// *.sentry.io, Ollama-compatible server on 127.0.0.1:11434), open Chromium with the production build of Dexter on
// the replica Sentry, and show the overlay, the Explain panel, the popup and the Explorer. Without a display it
// runs headless, saves screenshots and prints where.
// `npm run demo -- --store` also saves the store listings' screenshots (1280×800, the size both stores take) to
// store/screenshots/: the list overlay, Explain with AI, the deadlock panel, the popup over the list, the Explorer.
import { chromium, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromiumWorldArgs, startWorld } from '../world/world';
import { requireOrExit } from '../system.mjs';

const extensionDir = path.resolve('.output/chrome-mv3');
const outDir = path.resolve('demo-screenshots');
const storeDir = path.resolve('store/screenshots');
const store = process.argv.includes('--store');
const headless = !process.env.DISPLAY || process.env.DEMO_HEADLESS === '1';
const viewport = store ? { width: 1280, height: 800 } : { width: 1400, height: 900 };

const { chromium: executablePath } = requireOrExit(['chromium'], 'npm run demo');
const world = await startWorld({ issueCount: 120 });
console.log(
  `Sentry-compatible server: ${world.sentry.url} (answers for https://sentry.io and https://*.sentry.io in the demo browser)`,
);
console.log(`Ollama-compatible server: ${world.ollama.url}`);
const context = await chromium.launchPersistentContext('', {
  executablePath,
  headless,
  viewport,
  args: chromiumWorldArgs(world, extensionDir),
});
const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extId = new URL(sw.url()).host;
await sw.evaluate(
  async ([token]) => {
    const c = (globalThis as any).chrome;
    await c.storage.local.set({
      sentryAuth: { token, sentryUrl: 'https://sentry.io' },
      settings: { llm: { model: 'llama3.2:latest' }, sentry: { org: 'acme' } },
    });
  },
  [world.sentry.tokens.readWrite] as const,
);

const shots: string[] = [];
async function shot(page: Page, name: string, storeName?: string) {
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  shots.push(file);
  if (store && storeName) {
    mkdirSync(storeDir, { recursive: true });
    const storeFile = path.join(storeDir, `${storeName}.png`);
    await page.screenshot({ path: storeFile, fullPage: false });
    shots.push(storeFile);
  }
}

const list = await context.newPage();
await list.goto('https://acme.sentry.io/issues/');
// Hosts come first (with a placeholder), badges when Sentry's answer is in.
await list
  .waitForFunction(
    () => document.querySelector('dexter-row')?.shadowRoot?.querySelector('[data-slot] .chip'),
    undefined,
    { timeout: 30_000 },
  )
  .catch(() => console.warn('No Dexter badges appeared on the list.'));
await list.waitForTimeout(800);
await shot(list, '1-issue-list-overlay', '1-issue-list');

const issueHref = await list.locator('a[data-issue-title-link]').first().getAttribute('href');
if (issueHref) {
  await list.goto(new URL(issueHref, 'https://acme.sentry.io').toString());
  await list.waitForTimeout(1500);
  await shot(list, '2-issue-page');
  const explain = list.getByRole('button', { name: /Explain with AI/i });
  if (await explain.count()) {
    await explain.first().click();
    await list.waitForTimeout(4000);
    await shot(list, '3-explain-with-ai', '2-explain-with-ai');
  }
}

// A PostgreSQL deadlock issue: the deadlock panel opens by itself.
await list.goto('https://acme.sentry.io/issues/?query=DeadlockDetected');
const deadlockHref = await list
  .locator('a[data-issue-title-link]')
  .first()
  .getAttribute('href')
  .catch(() => null);
if (deadlockHref) {
  await list.goto(new URL(deadlockHref, 'https://acme.sentry.io').toString());
  await list
    .locator('dexter-panel iframe')
    .first()
    .waitFor({ timeout: 20_000 })
    .catch(() => {});
  await list.waitForTimeout(2500);
  await list
    .locator('dexter-panel')
    .last()
    .scrollIntoViewIfNeeded()
    .catch(() => {});
  await shot(list, '2b-deadlock-panel', '3-deadlock-panel');
}

const popup = await context.newPage();
await popup.setViewportSize({ width: 440, height: 640 });
await popup.goto(`chrome-extension://${extId}/popup.html`);
await popup.waitForTimeout(2000);
await shot(popup, '4-popup');
if (store) {
  // The popup opens over the page under the toolbar button: the same picture, drawn from the two screenshots.
  const under = await context.newPage();
  await under.setViewportSize(viewport);
  await under.goto('https://acme.sentry.io/issues/');
  await under
    .waitForFunction(
      () => document.querySelector('dexter-row')?.shadowRoot?.querySelector('[data-slot] .chip'),
      undefined,
      { timeout: 30_000 },
    )
    .catch(() => {});
  await under.waitForTimeout(800);
  const background = (await under.screenshot()).toString('base64');
  const front = readFileSync(path.join(outDir, '4-popup.png')).toString('base64');
  await under.setContent(`<body style="margin:0;width:${viewport.width}px;height:${viewport.height}px;background:url(data:image/png;base64,${background}) no-repeat">
    <img src="data:image/png;base64,${front}" style="position:absolute;top:8px;right:16px;border-radius:8px;box-shadow:0 8px 28px rgba(0,0,0,.35),0 0 0 1px rgba(0,0,0,.15)"></body>`);
  await shot(under, '4b-popup-over-list', '4-popup');
  await under.close();
}

const explorer = await context.newPage();
await explorer.goto(
  `chrome-extension://${extId}/explorer.html#${new URLSearchParams({ apiBase: 'https://acme.sentry.io/api/0', org: 'acme' })}`,
);
await explorer.waitForTimeout(2500);
await shot(explorer, '5-explorer', '5-explorer');

if (headless) {
  console.log(`\nNo display: Dexter ran headless. Screenshots saved to ${outDir}:`);
  for (const s of shots) console.log(`  ${s}`);
  await context.close();
  await world.close();
} else {
  console.log(
    `\nChromium is open with Dexter on the replica Sentry (https://acme.sentry.io/issues/). Screenshots in ${outDir}. Press Ctrl+C to stop.`,
  );
  await list.goto('https://acme.sentry.io/issues/');
  process.on('SIGINT', async () => {
    await context.close().catch(() => {});
    await world.close();
    process.exit(0);
  });
}
