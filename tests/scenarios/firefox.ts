// The Firefox driver: Firefox ESR over WebDriver BiDi (puppeteer-core), the built add-on installed temporarily,
// Sentry's real host names sent to the world's server by DNS prefs (docs: real URLs in Firefox).
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { World } from '../world/world';
import { requirePart } from '../system.mjs';
import { check, type Driver, type DriverFrame, type DriverPage, type PageFn } from './driver';
import { markTarget, pageCall, retryAcrossNavigation } from './page-helpers';

export const GECKO_ID = 'dexter@dexter-sentry.dev';
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
      const el = await target.$(`pierce/[data-scenario-target="${mark}"]`);
      check(el, `lost ${selector}`);
      // Near its start, where a user's pointer lands on a link's text (a wide link's middle can sit under a cell).
      const box = await el.boundingBox();
      await el.click({ offset: { x: Math.min(4, (box?.width ?? 8) / 2), y: Math.min(4, (box?.height ?? 8) / 2) } });
    },
  };
  return ops;
}

function driverPage(page: Page): DriverPage {
  const ops = frameOps(page);
  return {
    ...ops,
    async goto(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    url: async () => page.url(),
    type: (text) => page.keyboard.type(text),
    press: (key) => page.keyboard.press(key as never),
    async frame(prefix, opts = {}) {
      const until = Date.now() + (opts.timeoutMs ?? 15_000);
      for (;;) {
        const f = await findByHref(page.frames(), prefix);
        if (f) return frameOps(f);
        if (Date.now() > until) throw new Error(`no frame at ${prefix} (frames: ${page.frames().map((x) => x.url()).join(', ')})`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => page.close(),
  };
}

/** BiDi names a moz-extension:// document "about:blank" (it reports no load for it): ask the document itself. */
async function findByHref<T extends Page | Frame>(targets: T[], prefix: string): Promise<T | undefined> {
  for (const t of targets) {
    if (t.url().startsWith(prefix)) return t;
    const href = await t.evaluate(() => location.href).catch(() => '');
    if (href.startsWith(prefix)) return t;
  }
  return undefined;
}

/** BiDi reports no load for moz-extension:// pages (toolchain notes): a short goto, then wait for the page's API. */
async function gotoExtensionPage(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 3000 }).catch(() => {});
  await page.waitForFunction(() => typeof (globalThis as { browser?: { runtime?: unknown } }).browser?.runtime !== 'undefined', { timeout: 15_000 });
}

export interface FirefoxRun { driver: Driver; close(): Promise<void> }

/**
 * Firefox with Dexter installed in its profile (an extension proxy file naming the build folder; ESR accepts the
 * unsigned add-on with xpinstall.signatures.required off), not as a temporary add-on: a temporary one is gone when
 * the browser restarts, and a restart is how a Firefox MV2 background starts again.
 */
export async function launchFirefox(dir: string, world: World, opts: { orgHosts?: string[]; extraHosts?: string[] } = {}): Promise<FirefoxRun> {
  const uuid = randomUUID();
  const profile = mkdtempSync(path.join(tmpdir(), 'dexter-firefox-'));
  mkdirSync(path.join(profile, 'extensions'));
  writeFileSync(path.join(profile, 'extensions', GECKO_ID), path.resolve(dir));
  const hosts = ['sentry.io', 'us.sentry.io', 'de.sentry.io', ...(opts.orgHosts ?? ['acme']).map((o) => `${o}.sentry.io`), ...(opts.extraHosts ?? [])];
  const launch = () => puppeteer.launch({
    browser: 'firefox',
    executablePath: requirePart('firefox'),
    headless: true,
    acceptInsecureCerts: true,
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.dns.localDomains': hosts.join(','),
      'network.socket.forcePort': `443=${world.sentry.port}`,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      'xpinstall.signatures.required': false,
      'extensions.autoDisableScopes': 0,
      'extensions.enabledScopes': 15,
    },
  });
  let browser: Browser = await launch();
  const opened: Page[] = [];
  const open = async () => {
    const p = await browser.newPage();
    opened.push(p);
    return p;
  };
  const withExtensionPage = async <T>(fn: (p: Page) => Promise<T>): Promise<T> => {
    const p = await browser.newPage();
    try {
      await gotoExtensionPage(p, driver.extensionUrl('panel.html'));
      return await fn(p);
    } finally {
      await p.close();
    }
  };
  const driver: Driver = {
    browser: 'firefox',
    world,
    extensionUrl: (file) => `moz-extension://${uuid}/${file}`,
    async page(url) {
      const p = await open();
      await p.goto(url, { waitUntil: 'load' });
      return driverPage(p);
    },
    async extensionPage(file) {
      const p = await open();
      await gotoExtensionPage(p, driver.extensionUrl(file));
      return driverPage(p);
    },
    ask: (message) => withExtensionPage((p) => p.evaluate((m) => (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<never> } } }).browser.runtime.sendMessage(m), message)),
    setStoredSettings: (settings) => withExtensionPage((p) => p.evaluate(async (s) => {
      await (globalThis as unknown as { browser: { storage: { local: { set(v: unknown): Promise<void> } } } }).browser.storage.local.set({ settings: s });
    }, settings)),
    async closePages() {
      for (const p of opened.splice(0)) await p.close().catch(() => {});
    },
    async restartBackground() {
      opened.length = 0;
      await browser.close();
      browser = await launch();
      check((await driver.ask({ type: 'ping' })).ok, 'the background did not start again');
    },
    async explainSelection(text) {
      const before = new Set(await browser.pages());
      // The background page's own function, reached from an extension page (MV2: runtime.getBackgroundPage).
      await withExtensionPage((p) => p.evaluate(async (t) => {
        const bg = await (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<{ dexterExplainSelection(t: string): Promise<string> }> } } }).browser.runtime.getBackgroundPage();
        await bg.dexterExplainSelection(t);
      }, text));
      for (const until = Date.now() + 15_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
        const win = await findByHref((await browser.pages()).filter((p) => !before.has(p)), driver.extensionUrl('panel.html'));
        if (win) {
          opened.push(win);
          await win.waitForFunction(() => document.readyState !== 'loading', { timeout: 15_000 });
          return driverPage(win);
        }
      }
      throw new Error('the selection window did not open');
    },
  };
  return { driver, close: () => browser.close().catch(() => {}) };
}
