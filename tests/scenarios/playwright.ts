// The Chromium driver: Playwright with Debian's Chromium and the production build (tests/e2e/fixtures.ts launches it).
import { readFile } from 'node:fs/promises';
import type { BrowserContext, ConsoleMessage, Dialog, Frame, Page, WebError, Worker } from '@playwright/test';
import type { World } from '../world/world';
import { allowSiteOnExtensionsPage } from '../e2e/host-access';
import { check, type Driver, type DriverFrame, type DriverPage, type Watch } from './driver';
import { frameOps, pageCall } from './page-helpers';

// Playwright's CSS engine pierces open shadow roots; its click is a real, trusted one.
function frameOf(target: Page | Frame): DriverFrame {
  return frameOps(
    (code) => target.evaluate(code),
    (mark, at) => target.locator(`[data-scenario-target="${mark}"]`).click({ position: at }),
  );
}

function driverPage(page: Page): DriverPage {
  const ops = frameOf(page);
  return {
    ...ops,
    async goto(url) {
      await page.goto(url);
    },
    async reload() {
      await page.reload();
    },
    url: async () => page.url(),
    type: (text) => page.keyboard.type(text),
    press: (key) => page.keyboard.press(key),
    clickAt: (x, y) => page.mouse.click(x, y),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    frames: async () => page.frames().map((f) => frameOf(f)),
    async download(trigger) {
      const [file] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), trigger()]);
      const saved = await file.path();
      return { name: file.suggestedFilename(), text: await readFile(saved, 'utf8') };
    },
    async frame(prefix, opts = {}) {
      const until = Date.now() + (opts.timeoutMs ?? 15_000);
      for (;;) {
        const f = page.frames().find((x) => x.url().startsWith(prefix));
        if (f) return frameOf(f);
        if (Date.now() > until) throw new Error(`no frame at ${prefix}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => page.close(),
  };
}

declare const chrome: {
  runtime: { sendMessage(m: unknown): Promise<never> };
  storage: { local: { set(v: unknown): Promise<void> } };
};

export function playwrightDriver(ext: { context: BrowserContext; id: string; sw: Worker }, world: World): Driver {
  const opened: Page[] = [];
  const open = async () => {
    const p = await ext.context.newPage();
    opened.push(p);
    return p;
  };
  const inPanel = async <T>(fn: (p: Page) => Promise<T>): Promise<T> => {
    const p = await ext.context.newPage();
    try {
      await p.goto(d.extensionUrl('panel.html'));
      return await fn(p);
    } finally {
      await p.close();
    }
  };
  const d: Driver = {
    browser: 'chromium',
    world,
    extensionUrl: (path) => `chrome-extension://${ext.id}/${path}`,
    async page(url, opts = {}) {
      const p = await open();
      if (opts.viewport) await p.setViewportSize(opts.viewport);
      if (opts.init) await p.addInitScript(pageCall(opts.init as (a: never) => unknown, null));
      await p.goto(url);
      return driverPage(p);
    },
    async extensionPage(path) {
      const p = await open();
      await p.goto(d.extensionUrl(path));
      return driverPage(p);
    },
    ask: (message) => inPanel((p) => p.evaluate((m) => chrome.runtime.sendMessage(m), message)),
    inExtension: (fn, arg) => inPanel((p) => p.evaluate(pageCall(fn as (a: never) => unknown, arg))) as never,
    watch() {
      const w: Watch = { dialogs: [], errors: [], warnings: [], contentConsole: true, stop: () => {} };
      const onDialog = (dialog: Dialog) => {
        w.dialogs.push(dialog.message());
        void dialog.dismiss().catch(() => {});
      };
      const onError = (e: WebError) => w.errors.push(String(e.error()));
      const onConsole = (m: ConsoleMessage) => {
        if (m.type() === 'warning') w.warnings.push(m.text());
      };
      ext.context.on('dialog', onDialog);
      ext.context.on('weberror', onError);
      ext.context.on('console', onConsole);
      w.stop = () => {
        ext.context.off('dialog', onDialog);
        ext.context.off('weberror', onError);
        ext.context.off('console', onConsole);
      };
      return w;
    },
    allowHost: (origin) => allowSiteOnExtensionsPage(ext.context, ext.id, `${origin}/*`),
    clearCookies: () => ext.context.clearCookies(),
    async setStoredSettings(settings) {
      await ext.sw.evaluate(async (s) => {
        await chrome.storage.local.set({ settings: s });
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
      const win = ext.context.waitForEvent('page');
      await ext.sw.evaluate(
        (t) =>
          (globalThis as unknown as { dexterExplainSelection(t: string): Promise<string> }).dexterExplainSelection(t),
        text,
      );
      const p = await win;
      opened.push(p);
      await p.waitForLoadState('domcontentloaded');
      return driverPage(p);
    },
  };
  return d;
}
