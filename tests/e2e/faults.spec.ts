// What the user sees when Sentry or the LLM fails, and that Dexter recovers once the fault clears: every badge says
// what happened and what to do, no spinner is left, and after the fault the numbers (or the answer) appear.
import type { Page } from '@playwright/test';
import { test, expect, ask, readDownTheList, setToken, setSettings } from './fixtures';

declare const chrome: any;
import type { Fault } from '../world/sentry/server';

const LIST = 'https://acme.sentry.io/issues/?limit=25';

/** The badges of Sentry's figures (priority, users, trend): the other list features draw only when they have one. */
const FIGURES = '[data-slot="list-priority"], [data-slot="list-impact"], [data-slot="list-sparkline"]';
/** Text of every figure badge on the list: its label, tooltip and aria-label. */
async function badges(page: Page): Promise<{ text: string; title: string; aria: string }[]> {
  return page.evaluate((figures) => [...document.querySelectorAll('dexter-row')].flatMap((h) => [...(h.shadowRoot?.querySelectorAll<HTMLElement>(`:is(${figures}) :is(.chip, svg)`) ?? [])]
    .map((c) => ({ text: c.textContent ?? '', title: c.getAttribute('title') ?? c.querySelector('title')?.textContent ?? '', aria: c.getAttribute('aria-label') ?? '' }))), FIGURES);
}
/** Every row has all three badges and none is a spinner or empty placeholder (rows are drawn as they come near,
 *  so the list is read down first). */
async function settled(page: Page): Promise<boolean> {
  await readDownTheList(page);
  return page.evaluate((figures) => {
    const hosts = [...document.querySelectorAll('dexter-row')];
    const rows = document.querySelectorAll('[data-test-id="group"]').length;
    return rows > 0 && hosts.length === rows && hosts.every((h) => [...(h.shadowRoot?.querySelectorAll(figures) ?? [])].length === 3
      && [...(h.shadowRoot?.querySelectorAll(figures) ?? [])].every((s) => s.querySelector('.chip, svg') !== null && !s.querySelector('.loading, [aria-busy="true"]')));
  }, FIGURES);
}
/** Forget cached Sentry answers: setting the token empties the background's cache, as in settings. */
async function freshCache(ext: Parameters<typeof setToken>[0], token: string): Promise<void> {
  await setToken(ext, token);
}

const SENTRY_FAULTS: { name: string; fault?: Fault; token?: 'noOrg'; message: RegExp; next: RegExp }[] = [
  { name: '401', fault: { kind: '401' }, message: /not signed in to Sentry, or its token was rejected/, next: /paste a new auth token/ },
  { name: '403 (token without the scopes)', token: 'noOrg', message: /lacks the .*scope|no access/, next: /Create a token with|Ask a Sentry admin/ },
  { name: '404', fault: { kind: '404' }, message: /could not find/, next: /Reload the Sentry page/ },
  { name: '429', fault: { kind: '429', delayMs: 1_000 }, message: /rate limiting/, next: /Wait a moment/ },
  { name: '500', fault: { kind: '500' }, message: /did not answer in time or is having trouble/, next: /status\.sentry\.io/ },
  { name: '502 HTML', fault: { kind: '502' }, message: /did not answer in time or is having trouble/, next: /status\.sentry\.io/ },
  { name: 'cut connection', fault: { kind: 'cut' }, message: /did not answer in time or is having trouble/, next: /status\.sentry\.io|connection/ },
  { name: 'malformed body', fault: { kind: 'malformed' }, message: /shape Dexter does not understand/, next: /Update Dexter/ },
];

test('Sentry faults on the issue list: every badge says what happened and what to do; badges return when it clears', async ({ ext, world }) => {
  test.setTimeout(150_000);
  const page = await ext.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  for (const f of SENTRY_FAULTS) {
    await freshCache(ext, world.sentry.tokens[f.token ?? 'readWrite']);
    world.sentry.setFault(f.fault ? { pathPrefix: '/api/0/organizations/acme/', ...f.fault } : null);
    await page.goto(LIST);
    await expect.poll(() => settled(page), { message: `${f.name}: badges settle`, timeout: 30_000 }).toBe(true);
    const shown = await badges(page);
    expect(shown.length, f.name).toBeGreaterThan(0);
    for (const b of shown) {
      expect(b.text, `${f.name}: ${JSON.stringify(b)}`).toMatch(/—/);
      expect(`${b.title} ${b.aria}`, `${f.name}: message`).toMatch(f.message);
      expect(`${b.title} ${b.aria}`, `${f.name}: next step`).toMatch(f.next);
    }
    // The fault clears: a fresh load shows numbers again.
    world.sentry.setFault(null);
    await freshCache(ext, world.sentry.tokens.readWrite);
    await page.reload();
    await expect.poll(() => settled(page), { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => (await badges(page)).filter((b) => /^P\d{1,3} /.test(b.text)).length, { message: `${f.name}: recovered` }).toBe(await page.locator('dexter-row').count());
  }
  expect(errors).toEqual([]);
});

test('a slow Sentry only delays the badges', async ({ ext, world }) => {
  const page = await ext.context.newPage();
  await freshCache(ext, world.sentry.tokens.readWrite);
  world.sentry.setFault({ kind: 'slow', delayMs: 3_000, pathPrefix: '/api/0/organizations/acme/' });
  try {
    await page.goto(LIST);
    await expect.poll(() => settled(page), { timeout: 30_000 }).toBe(true);
    const shown = await badges(page);
    expect(shown.filter((b) => /^P\d{1,3} /.test(b.text)).length).toBe(await page.locator('dexter-row').count());
  } finally {
    world.sentry.setFault(null);
  }
});

test('an unknown list layout: no badges, one warning, the popup and the toolbar say so; a known layout afterwards gets badges', async ({ ext }) => {
  const page = await ext.context.newPage();
  const warnings: string[] = [];
  page.on('console', (m) => { if (m.type() === 'warning' && m.text().includes('[Dexter]')) warnings.push(m.text()); });
  await page.goto('https://acme.sentry.io/issues/?layout=unknown');
  await expect.poll(() => warnings.length, { timeout: 15_000 }).toBe(1);
  await page.waitForTimeout(1_000);
  await expect(page.locator('dexter-row')).toHaveCount(0);
  expect(warnings).toHaveLength(1);
  await expect(page.locator('body')).toContainText(/\S/); // Sentry's page is still there
  // What the user sees: "!" on Dexter's toolbar button for this tab, and the popup's notice with the hooks not found.
  const tab = await ext.sw.evaluate(async () => (await chrome.tabs.query({ url: 'https://acme.sentry.io/issues/*' }))[0]!.id!);
  await expect.poll(() => ext.sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tab)).toBe('!');
  const report = await ask(ext, { type: 'page.status', tabId: tab });
  expect(report.data).toMatchObject({ kind: 'issue-list', pattern: 'https://:org.sentry.io/issues/' });
  expect(report.data.troubles.map((t: { feature: string }) => t.feature)).toEqual(['issue-list']);
  expect(report.data.troubles[0].missing).toContain('[data-test-id="group"]');
  await page.goto(LIST);
  await expect.poll(() => settled(page), { timeout: 30_000 }).toBe(true);
  // A list Dexter can read clears it.
  await expect.poll(() => ext.sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tab)).toBe('');
});

const LLM_FAULTS: { name: string; apply(world: any, ext: any): Promise<void>; message: RegExp; next: RegExp }[] = [
  { name: 'Ollama down', apply: async (w) => w.ollama.setMode('down'), message: /reach|running|connect/i, next: /ollama serve|Start Ollama|start/i },
  { name: 'model missing', apply: async (_w, e) => setSettings(e, { llm: { model: 'no-such-model:7b', url: 'http://127.0.0.1:11434', stallSeconds: 5 } }), message: /no-such-model/i, next: /ollama pull|pick|choose|Settings/i },
  { name: 'error mid-stream', apply: async (w) => w.ollama.setMode('error-mid-stream'), message: /unexpected EOF|stopped|error/i, next: /Retry|try again|again/i },
  { name: 'stall', apply: async (w) => w.ollama.setMode('stall'), message: /no (token|answer|output)|stalled|silent|5 s/i, next: /Retry|try again|smaller|timeout/i },
];

test('LLM faults in the Explain panel: the error and a next step show with Retry; Retry works once the fault clears', async ({ ext, world }) => {
  test.setTimeout(150_000);
  await setToken(ext, world.sentry.tokens.readWrite);
  const page = await ext.context.newPage();
  await page.goto(LIST);
  const hrefs = await page.locator('a[data-issue-title-link]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  for (const [i, f] of LLM_FAULTS.entries()) {
    const good = { llm: { model: 'llama3.2:latest', url: 'http://127.0.0.1:11434', stallSeconds: 5 } };
    await setSettings(ext, good);
    world.ollama.setMode('normal');
    world.ollama.setAnswer(`## What happened\n\nRecovered answer ${i}.`);
    await f.apply(world, ext);
    await page.goto(hrefs[i + 2]!);
    await page.getByRole('button', { name: 'Explain with AI' }).click();
    const frame = page.frameLocator('dexter-panel[data-id="explain"] iframe');
    const alert = frame.getByRole('alert');
    await expect(alert, f.name).toBeVisible({ timeout: 30_000 });
    const text = (await alert.textContent()) ?? '';
    expect(text, `${f.name}: message`).toMatch(f.message);
    expect(text, `${f.name}: next step`).toMatch(f.next);
    // No spinner left behind the error.
    expect(await frame.locator('[aria-busy="true"], .mantine-Loader-root').count(), `${f.name}: spinner`).toBe(0);
    world.ollama.setMode('normal');
    await setSettings(ext, good);
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(frame.getByText(`Recovered answer ${i}.`), `${f.name}: recovered`).toBeVisible({ timeout: 30_000 });
  }
});
