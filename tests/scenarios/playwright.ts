// The Chromium driver: Playwright with Debian's Chromium and the production build (tests/e2e/fixtures.ts launches it).
import type { BrowserContext, Frame, Page, Worker } from '@playwright/test';
import type { World } from '../world/world';
import { check, type Driver, type DriverFrame, type DriverPage, type PageFn } from './driver';
import { markTarget, pageCall, retryAcrossNavigation } from './page-helpers';

let marks = 0;

function frameOps(target: Page | Frame): DriverFrame {
  const ops: DriverFrame = {
    // A navigation can replace the page's document between two steps: ask the new one (a user sees only that).
    evaluate: <A, R>(fn: PageFn<A, R>, arg: A) => retryAcrossNavigation(() => target.evaluate(pageCall(fn as (a: never) => unknown, arg)) as Promise<R>),
    async waitFor(fn, arg, opts = {}) {
      const until = Date.now() + (opts.timeoutMs ?? 15_000);
      for (;;) {
        const v = await ops.evaluate(fn, arg).catch(() => undefined);
        if (v) return v as NonNullable<typeof v>;
        if (Date.now() > until) throw new Error(`timed out waiting for ${opts.what ?? 'the page'}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async click(selector) {
      const [css, text] = selector.split(' :text=');
      const mark = String(++marks);
      const found = await ops.waitFor(markTarget, { selector: css!, text: text ?? null, mark }, { what: `a visible ${selector}` });
      check(found, `no ${selector}`);
      // Playwright's CSS engine pierces open shadow roots; its click is a real, trusted one.
      // Near its start, where a user's pointer lands on a link's text (a wide link's middle can sit under a cell).
      const el = target.locator(`[data-scenario-target="${mark}"]`);
      const box = await el.boundingBox();
      await el.click({ position: { x: Math.min(4, (box?.width ?? 8) / 2), y: Math.min(4, (box?.height ?? 8) / 2) } });
    },
  };
  return ops;
}

function driverPage(page: Page): DriverPage {
  const ops = frameOps(page);
  return {
    ...ops,
    async goto(url) {
      await page.goto(url);
    },
    url: async () => page.url(),
    type: (text) => page.keyboard.type(text),
    press: (key) => page.keyboard.press(key),
    async frame(prefix, opts = {}) {
      const until = Date.now() + (opts.timeoutMs ?? 15_000);
      for (;;) {
        const f = page.frames().find((x) => x.url().startsWith(prefix));
        if (f) return frameOps(f);
        if (Date.now() > until) throw new Error(`no frame at ${prefix}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => page.close(),
  };
}

export function playwrightDriver(ext: { context: BrowserContext; id: string; sw: Worker }, world: World): Driver {
  const opened: Page[] = [];
  const open = async () => {
    const p = await ext.context.newPage();
    opened.push(p);
    return p;
  };
  const d: Driver = {
    browser: 'chromium',
    world,
    extensionUrl: (path) => `chrome-extension://${ext.id}/${path}`,
    async page(url) {
      const p = await open();
      await p.goto(url);
      return driverPage(p);
    },
    async extensionPage(path) {
      const p = await open();
      await p.goto(d.extensionUrl(path));
      return driverPage(p);
    },
    async ask(message) {
      const p = await ext.context.newPage();
      try {
        await p.goto(d.extensionUrl('panel.html'));
        return await p.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<never> } } }).chrome.runtime.sendMessage(m), message);
      } finally {
        await p.close();
      }
    },
    async setStoredSettings(settings) {
      await ext.sw.evaluate(async (s) => {
        await (globalThis as unknown as { chrome: { storage: { local: { set(v: unknown): Promise<void> } } } }).chrome.storage.local.set({ settings: s });
      }, settings);
    },
    async closePages() {
      for (const p of opened.splice(0)) await p.close().catch(() => {});
    },
    async restartBackground() {
      const p = await ext.context.newPage();
      try {
        const cdp = await ext.context.newCDPSession(p);
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
      } finally {
        await p.close();
      }
      check((await d.ask({ type: 'ping' })).ok, 'the background did not start again');
    },
    async explainSelection(text) {
      const opened = ext.context.waitForEvent('page');
      await ext.sw.evaluate((t) => (globalThis as unknown as { dexterExplainSelection(t: string): Promise<string> }).dexterExplainSelection(t), text);
      const win = await opened;
      await win.waitForLoadState('domcontentloaded');
      return driverPage(win);
    },
  };
  return d;
}
