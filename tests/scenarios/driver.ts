// One user flow, written once, run in every browser Dexter ships for: a scenario talks to a Driver, and a thin driver
// per browser (playwright.ts for Chromium, firefox.ts for Firefox ESR over WebDriver BiDi) does what the browser
// needs. Scenarios see only what a user and a test oracle would: pages, clicks, keys, the page's DOM, the world's
// request logs, and Dexter's protocol through one of its own pages (never a test hook inside the extension).
import type { World } from '../world/world';

/** Runs in the page: a function (no closures over test code) and one JSON argument. */
export type PageFn<A, R> = (arg: A) => R | Promise<R>;

/** How a page is opened. */
export interface PageOptions {
  /** Runs in the page before any of the page's own scripts, on this load and on every later one in the tab (a
   *  MutationObserver installed at document start sees everything Sentry and Dexter ever draw). */
  init?: PageFn<null, unknown>;
  /** The window's inner size, before the page loads. */
  viewport?: { width: number; height: number };
}

export interface DriverPage {
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  url(): Promise<string>;
  evaluate<A, R>(fn: PageFn<A, R>, arg: A): Promise<R>;
  /** Polls `fn` in the page until it returns a truthy value (which is returned) or the time is up. */
  waitFor<A, R>(fn: PageFn<A, R>, arg: A, opts?: { timeoutMs?: number; what?: string }): Promise<NonNullable<R>>;
  /** A real (trusted) click near the start of the first visible element matching a CSS selector (` :text=…` narrows
   *  it to one whose text or aria-label holds the words); open shadow roots are searched too. */
  click(selector: string): Promise<void>;
  /** Types into the focused element, or presses a key ("Enter", "r", …) as a user does. */
  type(text: string): Promise<void>;
  press(key: string): Promise<void>;
  /** A real click at a point of the window (CSS pixels from its top left). */
  clickAt(x: number, y: number): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  /** Every frame of the page, the top one first (Dexter's panels are frames too). */
  frames(): Promise<DriverFrame[]>;
  /** The file the browser saves when `trigger` makes the page download one (read from where the browser put it). */
  download(trigger: () => Promise<void>): Promise<{ name: string; text: string }>;
  /** A frame of the page whose URL starts with `prefix` (Dexter's panel is one). */
  frame(prefix: string, opts?: { timeoutMs?: number }): Promise<DriverFrame>;
  close(): Promise<void>;
}

export type DriverFrame = Pick<DriverPage, 'evaluate' | 'waitFor' | 'click'>;

/** What pages did that a user would notice or a test must not miss, from the moment `watch()` was called. */
export interface Watch {
  /** Messages of alert/confirm/prompt dialogs (each dismissed at once). */
  dialogs: string[];
  /** Uncaught errors in pages and their frames. */
  errors: string[];
  /** console.warn lines of pages (and, where `contentConsole`, of Dexter's content scripts). */
  warnings: string[];
  /** Whether this browser's driver sees content scripts' console (Chromium does; Firefox's BiDi reports only the
   *  page's own). */
  contentConsole: boolean;
  stop(): void;
}

export interface Driver {
  browser: 'chromium' | 'firefox';
  world: World;
  /** A new tab on a web page (Sentry's replica), loaded. */
  page(url: string, opts?: PageOptions): Promise<DriverPage>;
  /** A new tab on one of Dexter's own pages (`popup.html`, `explorer.html#…`, `panel.html`), ready. */
  extensionPage(path: string): Promise<DriverPage>;
  /** Dexter's URL for one of its pages (its origin differs per browser and install). */
  extensionUrl(path: string): string;
  /** Sends a protocol message from one of Dexter's pages, as the popup does, and returns the reply. */
  ask(message: unknown): Promise<{ ok: boolean; data?: any; error?: any }>;
  /** Runs `fn` in one of Dexter's own pages, where `(globalThis.browser ?? globalThis.chrome)` is the extension API. */
  inExtension<A, R>(fn: PageFn<A, R>, arg: A): Promise<R>;
  /** Starts recording dialogs, page errors and console warnings of every page the driver opens from now on. */
  watch(): Watch;
  /** What a user does when the browser asks whether Dexter may access `origin` ("https://host" or
   *  "http://host:port"): the next permissions.request for it, from a click, is granted. Chromium cannot click its
   *  prompt, so the site is allowed on chrome://extensions first (tests/e2e/host-access.ts); Firefox runs with
   *  extensions.webextOptionalPermissionPrompts off, which grants a request made from a click without a prompt. */
  allowHost(origin: string): Promise<void>;
  /** Signs the browser out of every site (deletes every cookie). */
  clearCookies(): Promise<void>;
  /** Writes Dexter's stored settings directly (as an older version or another device would have left them). */
  setStoredSettings(settings: unknown): Promise<void>;
  /** Closes every tab the scenario opened. */
  closePages(): Promise<void>;
  /** Stops Dexter's background and lets it start again, as the browser does: Chrome stops an idle service worker;
   *  Firefox's MV2 background lives as long as the browser, so the browser restarts (same profile, add-on kept). */
  restartBackground(): Promise<void>;
  /** What the "Explain with Dexter" menu item does on a click (a real right-click cannot be scripted): returns the
   *  window it opens. */
  explainSelection(text: string): Promise<DriverPage>;
}

/** Whether Dexter's context-menu item exists (updating a missing item fails in both browsers). */
export async function menuItemExists(d: Driver, id: string): Promise<boolean | string> {
  const page = await d.extensionPage('panel.html');
  try {
    return await page.evaluate(async (menuId) => {
      const api = globalThis as unknown as {
        browser?: { contextMenus: { update(id: string, p: object): Promise<void> } };
        chrome?: { contextMenus: { update(id: string, p: object): Promise<void> } };
      };
      try {
        await (api.browser ?? api.chrome)!.contextMenus.update(menuId, {});
        return true;
      } catch (error) {
        return String(error);
      }
    }, id);
  } finally {
    await page.close();
  }
}

/** A world of its own for the scenarios that name the same key (seeded data or a size that would change others). */
export interface WorldSpec {
  key: string;
  issues?: number;
}

export interface Scenario {
  name: string;
  /** Default: the shared world (the world's default size). */
  world?: WorldSpec;
  /** Default 120 s. */
  timeoutMs?: number;
  /** Browsers the flow does not apply to, with why (it then reports as skipped, not passed). */
  skip?: Partial<Record<Driver['browser'], string>>;
  run(d: Driver): Promise<void>;
}

/** An assertion that names what it expected: scenarios use plain checks so they run outside Playwright's runner. */
export function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

export function checkEqual<T>(actual: T, expected: T, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

/** Signs Dexter in with a token, as a user does in settings (this also empties Dexter's cache). */
export async function setToken(d: Driver, token: string, sentryUrl = 'https://sentry.io'): Promise<void> {
  const r = await d.ask({ type: 'auth.set', token, sentryUrl });
  check(r.ok, `auth.set failed: ${JSON.stringify(r)}`);
}

export async function setSettings(d: Driver, patch: Record<string, unknown>): Promise<void> {
  const r = await d.ask({ type: 'settings.set', patch });
  check(r.ok, `settings.set failed: ${JSON.stringify(r)}`);
}
