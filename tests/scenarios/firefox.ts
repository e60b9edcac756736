// The Firefox driver: Firefox ESR over WebDriver BiDi (puppeteer-core), the built add-on installed temporarily,
// Sentry's real host names sent to the world's server by DNS prefs (docs: real URLs in Firefox).
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { randomUUID } from 'node:crypto';
import type { World } from '../world/world';
import { check, type Driver, type DriverFrame, type DriverPage, type PageFn } from './driver';
import { markTarget } from './page-helpers';

export const GECKO_ID = 'dexter@dexter-sentry.dev';
let marks = 0;

function frameOps(target: Page | Frame): DriverFrame {
  const ops: DriverFrame = {
    evaluate: <A, R>(fn: PageFn<A, R>, arg: A) => (target.evaluate as (f: unknown, a: unknown) => Promise<unknown>).call(target, fn, arg) as Promise<R>,
    async waitFor(fn, arg, opts = {}) {
      const until = Date.now() + (opts.timeoutMs ?? 15_000);
      for (;;) {
        const v = await ops.evaluate(fn, arg).catch(() => undefined);
        if (v) return v;
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
      await el.click();
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
        const f = page.frames().find((x) => x.url().startsWith(prefix));
        if (f) return frameOps(f);
        if (Date.now() > until) throw new Error(`no frame at ${prefix}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => page.close(),
  };
}

/** BiDi reports no load for moz-extension:// pages (toolchain notes): a short goto, then wait for the page's API. */
async function gotoExtensionPage(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 3000 }).catch(() => {});
  await page.waitForFunction(() => typeof (globalThis as { browser?: { runtime?: unknown } }).browser?.runtime !== 'undefined', { timeout: 15_000 });
}

export interface FirefoxRun { browser: Browser; driver: Driver; close(): Promise<void> }

export async function launchFirefox(dir: string, world: World, opts: { orgHosts?: string[]; extraHosts?: string[] } = {}): Promise<FirefoxRun> {
  const uuid = randomUUID();
  const hosts = ['sentry.io', 'us.sentry.io', 'de.sentry.io', ...(opts.orgHosts ?? ['acme']).map((o) => `${o}.sentry.io`), ...(opts.extraHosts ?? [])];
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.dns.localDomains': hosts.join(','),
      'network.socket.forcePort': `443=${world.sentry.port}`,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    },
  });
  const id = await browser.installExtension(dir);
  if (id !== GECKO_ID) throw new Error(`the add-on installed as ${id}, not ${GECKO_ID}`);
  const opened: Page[] = [];
  const open = async () => {
    const p = await browser.newPage();
    opened.push(p);
    return p;
  };
  const driver: Driver = {
    browser: 'firefox',
    world,
    extensionUrl: (path) => `moz-extension://${uuid}/${path}`,
    async page(url) {
      const p = await open();
      await p.goto(url, { waitUntil: 'load' });
      return driverPage(p);
    },
    async extensionPage(path) {
      const p = await open();
      await gotoExtensionPage(p, driver.extensionUrl(path));
      return driverPage(p);
    },
    async ask(message) {
      const p = await browser.newPage();
      try {
        await gotoExtensionPage(p, driver.extensionUrl('panel.html'));
        return await p.evaluate((m) => (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<never> } } }).browser.runtime.sendMessage(m), message);
      } finally {
        await p.close();
      }
    },
    async setStoredSettings(settings) {
      const p = await browser.newPage();
      try {
        await gotoExtensionPage(p, driver.extensionUrl('panel.html'));
        await p.evaluate(async (s) => {
          await (globalThis as unknown as { browser: { storage: { local: { set(v: unknown): Promise<void> } } } }).browser.storage.local.set({ settings: s });
        }, settings);
      } finally {
        await p.close();
      }
    },
    async closePages() {
      for (const p of opened.splice(0)) await p.close().catch(() => {});
    },
  };
  return { browser, driver, close: () => browser.close().catch(() => {}) };
}
