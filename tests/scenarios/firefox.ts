// The Firefox driver: Firefox ESR over WebDriver BiDi (puppeteer-core), the built add-on installed temporarily,
// Sentry's real host names sent to the world's server by DNS prefs (docs: real URLs in Firefox).
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { World } from '../world/world';
import { requirePart } from '../system.mjs';
import { check, type Driver, type DriverFrame, type DriverPage, type Watch } from './driver';
import { LLM_HOST, WORLD_HOSTS } from './hosts';
import { frameOps, pageCall } from './page-helpers';

export const GECKO_ID = 'dexter@dexter-sentry.dev';

function frameOf(target: Page | Frame): DriverFrame {
  return frameOps(
    (code) => target.evaluate(code),
    async (mark, at) => {
      const el = await target.$(`pierce/[data-scenario-target="${mark}"]`);
      check(el, `lost the element marked ${mark}`);
      await el.click({ offset: at });
    },
  );
}

function driverPage(page: Page, downloads: string): DriverPage {
  const ops = frameOf(page);
  return {
    ...ops,
    async goto(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    async reload() {
      await page.reload({ waitUntil: 'load' });
    },
    url: async () => page.url(),
    type: (text) => page.keyboard.type(text),
    press: (key) => page.keyboard.press(key as never),
    clickAt: (x, y) => page.mouse.click(x, y),
    setViewport: (width, height) => page.setViewport({ width, height }),
    frames: async () => page.frames().map((f) => frameOf(f)),
    // Firefox saves downloads straight into the profile's download folder (prefs below): the new file is the one.
    async download(trigger) {
      const before = new Set(readdirSync(downloads));
      await trigger();
      for (const until = Date.now() + 15_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
        const name = readdirSync(downloads).find((f) => !before.has(f) && !f.endsWith('.part'));
        if (!name) continue;
        const file = path.join(downloads, name);
        const size = statSync(file).size;
        await new Promise((r) => setTimeout(r, 150));
        if (
          statSync(file).size !== size ||
          readdirSync(downloads).some((f) => f.startsWith(name) && f.endsWith('.part'))
        )
          continue;
        return { name, text: readFileSync(file, 'utf8') };
      }
      throw new Error(`no download landed in ${downloads}`);
    },
    async frame(prefix, opts = {}) {
      const until = Date.now() + (opts.timeoutMs ?? 15_000);
      for (;;) {
        const f = await findByHref(page.frames(), prefix);
        if (f) return frameOf(f);
        if (Date.now() > until)
          throw new Error(
            `no frame at ${prefix} (frames: ${page
              .frames()
              .map((x) => x.url())
              .join(', ')})`,
          );
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

/** BiDi reports no load for moz-extension:// pages (toolchain notes), so a goto would wait out its timeout: start the
 *  navigation and ask the document itself until it is this page, parsed, with the extension API. */
async function gotoExtensionPage(page: Page, url: string): Promise<void> {
  void page.goto(url, { waitUntil: 'domcontentloaded', timeout: 15_000 }).catch(() => {});
  const bare = url.split('#')[0]!;
  for (const until = Date.now() + 15_000; ; await new Promise((r) => setTimeout(r, 50))) {
    const ready = await page
      .evaluate(
        (u) =>
          location.href.startsWith(u) &&
          document.readyState !== 'loading' &&
          typeof (globalThis as { browser?: { runtime?: unknown } }).browser?.runtime !== 'undefined',
        bare,
      )
      .catch(() => false);
    if (ready) return;
    if (Date.now() > until) throw new Error(`${url} did not load`);
  }
}

export interface FirefoxRun {
  driver: Driver;
  close(): Promise<void>;
}

/**
 * Firefox with Dexter installed in its profile (an extension proxy file naming the build folder; ESR accepts the
 * unsigned add-on with xpinstall.signatures.required off), not as a temporary add-on: a temporary one is gone when
 * the browser restarts, and a restart is how a Firefox MV2 background starts again.
 */
export async function launchFirefox(
  dir: string,
  world: World,
  opts: { orgHosts?: string[]; extraHosts?: string[] } = {},
): Promise<FirefoxRun> {
  const uuid = randomUUID();
  const profile = mkdtempSync(path.join(tmpdir(), 'dexter-firefox-'));
  mkdirSync(path.join(profile, 'extensions'));
  writeFileSync(path.join(profile, 'extensions', GECKO_ID), path.resolve(dir));
  const downloads = mkdtempSync(path.join(tmpdir(), 'dexter-firefox-downloads-'));
  // Every name goes to the loopback; port 443 is the world's HTTPS server, any other port stays (the LLM host).
  const hosts = [
    'sentry.io',
    'us.sentry.io',
    'de.sentry.io',
    ...(opts.orgHosts ?? ['acme']).map((o) => `${o}.sentry.io`),
    ...WORLD_HOSTS,
    LLM_HOST,
    ...(opts.extraHosts ?? []),
  ];
  const launch = () =>
    puppeteer.launch({
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
        // An optional permission requested from a click is granted without the doorhanger a test cannot click.
        'extensions.webextOptionalPermissionPrompts': false,
        // Downloads go straight to a folder the driver reads.
        'browser.download.folderList': 2,
        'browser.download.dir': downloads,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.start_downloads_in_tmp_dir': false,
      },
    });
  let browser: Browser = await launch();
  const opened: Page[] = [];
  const watches = new Set<Watch>();
  // Every page the driver opens reports to the watches running; a dialog is always dismissed (it would block).
  const observe = (p: Page) => {
    p.on('dialog', (dialog) => {
      for (const w of watches) w.dialogs.push(dialog.message());
      void dialog.dismiss().catch(() => {});
    });
    p.on('pageerror', (e) => {
      for (const w of watches) w.errors.push(String(e));
    });
    p.on('console', (m) => {
      if (m.type() === 'warn') for (const w of watches) w.warnings.push(m.text());
    });
  };
  const open = async () => {
    const p = await browser.newPage();
    observe(p);
    opened.push(p);
    return p;
  };
  // One of Dexter's pages kept open for protocol messages and storage (a page per message would cost a navigation).
  let service: Promise<Page> | null = null;
  const servicePage = () =>
    (service ??= (async () => {
      const p = await browser.newPage();
      await gotoExtensionPage(p, driver.extensionUrl('panel.html'));
      return p;
    })());
  const withExtensionPage = async <T>(fn: (p: Page) => Promise<T>): Promise<T> => {
    const p = await servicePage().catch((error: unknown) => {
      service = null;
      throw error;
    });
    try {
      return await fn(p);
    } catch (error) {
      if (p.isClosed() || /closed|detached|destroyed|Target/i.test(String(error))) service = null;
      throw error;
    }
  };
  const driver: Driver = {
    browser: 'firefox',
    world,
    extensionUrl: (file) => `moz-extension://${uuid}/${file}`,
    async page(url, opts = {}) {
      const p = await open();
      if (opts.viewport) await p.setViewport(opts.viewport);
      if (opts.init) await p.evaluateOnNewDocument(pageCall(opts.init as (a: never) => unknown, null));
      await p.goto(url, { waitUntil: 'load' });
      // The page a user looks at is the selected tab: Firefox throttles animation frames and observers in others.
      await p.bringToFront();
      return driverPage(p, downloads);
    },
    async extensionPage(file) {
      const p = await open();
      await gotoExtensionPage(p, driver.extensionUrl(file));
      return driverPage(p, downloads);
    },
    inExtension: (fn, arg) => withExtensionPage((p) => p.evaluate(pageCall(fn as (a: never) => unknown, arg))) as never,
    watch() {
      const w: Watch = {
        dialogs: [],
        errors: [],
        warnings: [],
        contentConsole: false,
        stop: () => void watches.delete(w),
      };
      watches.add(w);
      return w;
    },
    // extensions.webextOptionalPermissionPrompts is off (launch prefs): Firefox grants the request from the click.
    allowHost: async () => {},
    async clearCookies() {
      const all = await browser.cookies();
      if (all.length) await browser.deleteCookie(...all);
    },
    // As JSON text: WebDriver BiDi hands objects back only to a limited depth (a digest's issues came back empty).
    ask: async (message) =>
      JSON.parse(
        await withExtensionPage((p) =>
          p.evaluate(
            async (m) =>
              JSON.stringify(
                await (
                  globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
                ).browser.runtime.sendMessage(m),
              ),
            message,
          ),
        ),
      ),
    setStoredSettings: (settings) =>
      withExtensionPage((p) =>
        p.evaluate(async (s) => {
          await (
            globalThis as unknown as { browser: { storage: { local: { set(v: unknown): Promise<void> } } } }
          ).browser.storage.local.set({ settings: s });
        }, settings),
      ),
    async closePages() {
      for (const p of opened.splice(0)) await p.close().catch(() => {});
    },
    async restartBackground() {
      opened.length = 0;
      service = null;
      await browser.close();
      browser = await launch();
      check((await driver.ask({ type: 'ping' })).ok, 'the background did not start again');
    },
    async explainSelection(text) {
      const before = new Set(await browser.pages());
      // The background page's own function, reached from an extension page (MV2: runtime.getBackgroundPage).
      await withExtensionPage((p) =>
        p.evaluate(async (t) => {
          const bg = await (
            globalThis as unknown as {
              browser: {
                runtime: { getBackgroundPage(): Promise<{ dexterExplainSelection(t: string): Promise<string> }> };
              };
            }
          ).browser.runtime.getBackgroundPage();
          await bg.dexterExplainSelection(t);
        }, text),
      );
      for (const until = Date.now() + 15_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
        const win = await findByHref(
          (await browser.pages()).filter((p) => !before.has(p)),
          driver.extensionUrl('panel.html'),
        );
        if (win) {
          observe(win);
          opened.push(win);
          await win.waitForFunction(() => document.readyState !== 'loading', { timeout: 15_000 });
          return driverPage(win, downloads);
        }
      }
      throw new Error('the selection window did not open');
    },
  };
  return { driver, close: () => browser.close().catch(() => {}) };
}
