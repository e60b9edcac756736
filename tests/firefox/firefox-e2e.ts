// Firefox ESR over WebDriver BiDi (puppeteer-core): the built add-on installs, its content script runs on the
// replica Sentry list at https://acme.sentry.io/issues/ (sent to the local server by DNS prefs), and the rows
// get Dexter's badges with numbers from the server. Usage: tsx tests/firefox/firefox-e2e.ts <build dir> <report.json>
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { apiGet, startWorld } from '../world/world';
import { formatCount } from '../../lib/scoring/format';
import { readDown } from '../e2e/read-down';
import { locate } from '../system.mjs';

const dir = path.resolve(process.argv[2] ?? '.output/firefox-mv2');
const reportFile = process.argv[3] ?? 'reports/firefox.json';
const GECKO_ID = 'dexter@dexter-sentry.dev';
const results: { name: string; ok: boolean; error?: string }[] = [];

async function check(name: string, fn: () => Promise<void>) {
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name}`);
  } catch (error) {
    results.push({ name, ok: false, error: String(error) });
    console.log(`  ✘ ${name}: ${error}`);
  }
}

async function extensionPage(browser: Browser, uuid: string, file: string): Promise<Page> {
  const page = await browser.newPage();
  // BiDi never reports a load for moz-extension:// pages (toolchain P6): short goto, then poll.
  await page.goto(`moz-extension://${uuid}/${file}`, { waitUntil: 'domcontentloaded', timeout: 3000 }).catch(() => {});
  await page.waitForFunction(() => typeof (globalThis as any).browser?.storage?.local !== 'undefined', {
    timeout: 15_000,
  });
  return page;
}

// No Firefox ESR: one failed check whose message says what to install or set, and nothing else is tried.
const firefox = locate('firefox');
if (firefox.missing !== undefined) {
  console.log(`  ✘ ${firefox.missing}`);
  writeFileSync(
    reportFile,
    JSON.stringify(
      { passed: 0, failed: 1, results: [{ name: 'Firefox ESR is installed', ok: false, error: firefox.missing }] },
      null,
      2,
    ),
  );
  process.exit(0);
}
const executablePath = firefox.path;
const world = await startWorld({ ollamaPort: 0 });
const uuid = randomUUID();
let browser: Browser | null = null;
try {
  console.log(`Firefox e2e on ${dir}`);
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.dns.localDomains': 'sentry.io,acme.sentry.io,us.sentry.io,de.sentry.io',
      'network.socket.forcePort': `443=${world.sentry.port}`,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    },
  });
  const id = await browser.installExtension(dir);
  await check('add-on installs with its gecko id', async () => {
    if (id !== GECKO_ID) throw new Error(`installed as ${id}`);
  });

  const ext = await extensionPage(browser, uuid, 'popup.html');
  await ext.evaluate(async (token) => {
    await (globalThis as any).browser.storage.local.set({ sentryAuth: { token, sentryUrl: 'https://sentry.io' } });
  }, world.sentry.tokens.readWrite);
  await ext.close();

  const page = await browser.newPage();
  await page.goto('https://acme.sentry.io/issues/', { waitUntil: 'load' });
  await check('content script mounts its Shadow-DOM badges on the replica issue list', async () => {
    const allDrawn = () =>
      page.evaluate(() => {
        const hosts = [...document.querySelectorAll('dexter-row')];
        return (
          hosts.length > 0 &&
          hosts.length === document.querySelectorAll('[data-test-id="group"]').length &&
          hosts.every(
            (h) =>
              h.shadowRoot?.querySelector('[data-slot="list-priority"] .chip') &&
              /users/.test(h.shadowRoot?.querySelector('[data-slot="list-impact"]')?.textContent ?? '') &&
              h.shadowRoot?.querySelector('[data-slot="list-sparkline"] svg'),
          )
        );
      });
    // The first row is drawn at once; the others as they come near, so the list is read down as a user would.
    await page.waitForFunction(
      () => document.querySelector('dexter-row')?.shadowRoot?.querySelector('[data-slot="list-priority"] .chip'),
      { timeout: 30_000 },
    );
    for (const until = Date.now() + 30_000; !(await allDrawn());) {
      if (Date.now() > until) throw new Error('not every row got its badges after reading down the list');
      await page.evaluate(readDown);
    }
  });
  await check('badge numbers come from the server (user counts match the API)', async () => {
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('dexter-row')].map((h) => ({
        id: h.dataset.issueId,
        text: h.shadowRoot?.querySelector('[data-slot="list-impact"]')?.textContent ?? '',
      })),
    );
    if (!shown.length) throw new Error('no rows');
    // Sentry's answer for these rows under the page's filters (Sentry's default 14 days, from issues-stats as the
    // list's own columns) is the oracle; the shared flows (tests/scenarios/numbers) check every window in depth.
    const api: { id: string; userCount: number }[] = [];
    for (let i = 0; i < shown.length; i += 100) {
      api.push(
        ...(await apiGet<{ id: string; userCount: number }[]>(
          world,
          `/api/0/organizations/acme/issues-stats/?${shown
            .slice(i, i + 100)
            .map((s) => `groups=${s.id}`)
            .join('&')}&statsPeriod=14d&project=-1`,
          world.sentry.tokens.readWrite,
        )),
      );
    }
    for (const s of shown) {
      const i = api.find((a) => String(a.id) === s.id);
      if (!i) throw new Error(`issue ${s.id} not in API`);
      const users = s.text.split(' users')[0]!.trim();
      if (users !== formatCount(i.userCount))
        throw new Error(`issue ${s.id}: shown "${s.text}", Sentry's userCount ${i.userCount}`);
    }
  });
} catch (error) {
  results.push({ name: 'firefox run', ok: false, error: String(error) });
  console.log(`  ✘ firefox run: ${error}`);
} finally {
  await browser?.close().catch(() => {});
  await world.close();
}
const passed = results.filter((r) => r.ok).length;
writeFileSync(reportFile, JSON.stringify({ passed, failed: results.length - passed, results }, null, 2));
console.log(`firefox ${path.basename(dir)}: ${passed} passed, ${results.length - passed} failed`);
process.exit(0);
