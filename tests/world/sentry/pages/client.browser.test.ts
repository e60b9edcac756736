// The client-rendered replica pages in a real browser (Debian Chromium, no extension): the loading phases of the
// issue list and the issue page as Sentry's SPA goes through them, in-app navigation, back/forward, redraws, and the
// hooks Dexter anchors to — the same in both render modes. Skipped where Chromium is not installed.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SELECTORS } from '../../../../lib/sentry/selectors';
import { testCert } from '../../certs';
import { startSentryServer, type SentryServer } from '../server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
let srv: SentryServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  const cert = testCert();
  srv = await startSentryServer({
    issueCount: 60,
    seed: 4,
    tls: { key: cert.key, cert: cert.cert },
    rateLimit: { limit: 100_000 },
  });
  const map = (host: string) => `MAP ${host} 127.0.0.1:${srv.port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      `--host-resolver-rules=${['sentry.io', '*.sentry.io', 'sentry.acme.test'].map(map).join(', ')}`,
      `--ignore-certificate-errors-spki-list=${cert.spki}`,
    ],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

/** Records each distinct state of #main (loading indicators, rows, real rows, placeholders) as the page goes. */
async function recordStates(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: string[] = [];
    (window as any).__states = log;
    new MutationObserver(() => {
      const main = document.getElementById('main');
      if (!main) return;
      const n = (sel: string) => main.querySelectorAll(sel).length;
      const s = `indicator=${n('[data-test-id="loading-indicator"]')} rows=${n('[data-test-id="group"]')} real=${n('[data-test-id="group"]:has([data-test-id="event-issue-header"])')} placeholders=${n('[data-test-id="loading-placeholder"]')}`;
      if (log.at(-1) !== s) log.push(s);
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
}
const states = (page: Page) => page.evaluate(() => (window as any).__states as string[]);
const apiCalls = (from: number) => srv.requests.slice(from).filter((r) => r.path.startsWith('/api/0/'));

describe.skipIf(!existsSync(CHROMIUM))('client-rendered issue list', () => {
  it("goes skeleton → rows without numbers → numbers, with Sentry's two requests over the session cookie", async () => {
    const page = await browser.newPage();
    await recordStates(page);
    const before = srv.requests.length;
    await page.goto('https://acme.sentry.io/issues/?render=client&latency=400&statsLatency=900');
    await page.waitForSelector('[data-test-id="group"] [data-test-id="event-issue-header"]');
    const row = await page.$('[data-test-id="group"]');
    await page.waitForFunction(
      () => document.querySelectorAll('#main [data-test-id="loading-placeholder"]').length === 0,
    );
    const log = await states(page);
    const rows = await page.locator('[data-test-id="group"]').count();
    expect(log[0]).toMatch(/^indicator=1 rows=0/);
    expect(log).toContain('indicator=0 rows=25 real=0 placeholders=200');
    // Rows from the list call: 5 placeholders each (graph, events, users, age, last seen) until issues-stats lands.
    expect(log).toContain(`indicator=0 rows=${rows} real=${rows} placeholders=${rows * 5}`);
    expect(log.at(-1)).toBe(`indicator=0 rows=${rows} real=${rows} placeholders=0`);
    // React keeps the row nodes when the numbers arrive.
    expect(await page.evaluate((r) => r!.isConnected, row)).toBe(true);

    const [list, stats] = apiCalls(before);
    expect(list!.path).toMatch(
      /^\/api\/0\/organizations\/acme\/issues\/\?collapse=stats&collapse=unhandled&expand=owners&expand=inbox&limit=25&query=is%3Aunresolved%20issue\.priority%3A%5Bhigh%2C%20medium%5D&shortIdLookup=1&statsPeriod=14d$/,
    );
    expect(stats!.path).toMatch(
      /^\/api\/0\/organizations\/acme\/issues-stats\/\?(groups=\d+&){25}query=[^&]+&statsPeriod=14d$/,
    );
    expect([list!.auth, stats!.auth, list!.ms >= 390, stats!.ms >= 890]).toEqual(['cookie', 'cookie', true, true]);

    // The numbers drawn are issues-stats' for the 14-day window.
    const ids = await page.$$eval('[data-test-id="group"] input[aria-label="Select Issue"]', (boxes) =>
      boxes.map((b) => b.id),
    );
    const shown = await page.$$eval('[data-test-id="group"] td:nth-child(7) [data-sentry-component="Count"]', (c) =>
      c.map((e) => e.getAttribute('title')),
    );
    const issues = ids.map((id) => srv.store.issues.get(id)!);
    const now = Date.now();
    expect(shown).toEqual(issues.map((i) => String(srv.store.countIn(i, null, now - 14 * 86_400_000, now))));
    await page.close();
  });

  it('paginates with the Link cursor, searches, redraws rows on replica:rerender, and serves self-hosted hosts', async () => {
    const page = await browser.newPage();
    await page.goto('https://sentry.acme.test/organizations/acme/issues/?render=client&query=');
    await page.waitForFunction(
      () => document.querySelectorAll('#main [data-test-id="group"] [data-sentry-component="Count"]').length > 0,
    );
    expect(await page.locator('a[data-issue-title-link]').first().getAttribute('href')).toMatch(
      /^\/organizations\/acme\/issues\/\d+\/\?/,
    );
    const first = await page.$$eval('[data-test-id="group"] input[aria-label="Select Issue"]', (b) =>
      b.map((x) => x.id),
    );
    await page.click('button[aria-label="Next"]');
    await page.waitForURL(/cursor=/);
    await page.waitForFunction((ids) => {
      const now = [...document.querySelectorAll('[data-test-id="group"] input[aria-label="Select Issue"]')].map(
        (b) => b.id,
      );
      return now.length > 0 && !now.includes(ids[0]!);
    }, first);
    await page.goBack();
    await page.waitForFunction(
      (ids) => document.querySelector('[data-test-id="group"] input[aria-label="Select Issue"]')?.id === ids[0],
      first,
    );
    const old = await page.$('[data-test-id="group"]');
    await page.evaluate(() => window.dispatchEvent(new Event('replica:rerender')));
    expect(await page.evaluate((r) => r!.isConnected, old)).toBe(false);
    await page.fill('input[data-test-id="query-builder-input"]', 'level:fatal');
    await page.press('input[data-test-id="query-builder-input"]', 'Enter');
    await page.waitForURL(/query=level%3Afatal/);
    await page.waitForFunction(() => !document.querySelector('#main [data-test-id="loading-placeholder"]'));
    const levels = await page.$$eval('[data-test-id="group"] input[aria-label="Select Issue"]', (b) =>
      b.map((x) => x.id),
    );
    expect(levels.every((id) => srv.store.issues.get(id)!.level === 'fatal')).toBe(true);
    await page.close();
  });
});

describe.skipIf(!existsSync(CHROMIUM))('client-rendered direct hits', () => {
  it('a search for a short id goes straight to that issue (X-Sentry-Direct-Hit), with referrer issue-list', async () => {
    const issue = srv.store.issuesOf(srv.store.findOrg('acme')!)[5]!;
    const page = await browser.newPage();
    await page.goto(`https://acme.sentry.io/issues/?render=client&query=${issue.shortId}`);
    await page.waitForURL(new RegExp(`/issues/${issue.id}/\\?.*referrer=issue-list`));
    await page.waitForSelector('header[data-sentry-element="Header"]');
    expect(await page.textContent('[data-sentry-component="ShortId"]')).toBe(issue.shortId);
    await page.close();
  });
});

describe.skipIf(!existsSync(CHROMIUM))('client-rendered issue page', () => {
  it('loads group and event together, shows a LoadingIndicator, then the header, then the event', async () => {
    const issue = srv.store
      .issuesOf(srv.store.findOrg('acme')!)
      .find((i) => i.status === 'unresolved' && srv.store.eventsOf(i).length >= 4)!;
    const page = await browser.newPage();
    await recordStates(page);
    const before = srv.requests.length;
    await page.goto(`https://acme.sentry.io/issues/${issue.id}/?render=client&latency=300&eventLatency=900`);
    await page.waitForSelector('[data-test-id="exception-value"]');
    const log = await states(page);
    expect(log[0]).toMatch(/^indicator=1/);
    expect(log.some((s) => /^indicator=0 .* placeholders=[1-9]/.test(s))).toBe(true);
    const [a, b] = apiCalls(before);
    expect([a!.path.split('?')[0], b!.path.split('?')[0]].sort()).toEqual(
      [
        `/api/0/organizations/acme/issues/${issue.id}/`,
        `/api/0/organizations/acme/issues/${issue.id}/events/recommended/`,
      ].sort(),
    );
    // Both went out before either came back.
    expect(Math.abs(a!.time - b!.time)).toBeLessThan(250);
    expect(
      srv.requests.slice(before).find((r) => r.path.startsWith(`/api/0/organizations/acme/issues/${issue.id}/?`))!.path,
    ).toContain('collapse=release&collapse=tags&collapse=stats&expand=inbox&expand=owners');
    // useFetchGroupDetails adds ?project= to the URL.
    expect(new URL(page.url()).searchParams.get('project')).toBe(issue.projectId);
    await page.close();
  });

  it('redraws only the event on event navigation, follows back/forward, and shows tabs in place of the event', async () => {
    const issue = srv.store
      .issuesOf(srv.store.findOrg('acme')!)
      .find((i) => i.status === 'unresolved' && srv.store.eventsOf(i).length >= 4)!;
    const events = srv.store.eventsOf(issue);
    const page = await browser.newPage();
    await page.goto(`https://acme.sentry.io/issues/${issue.id}/?render=client&eventLatency=700`);
    await page.waitForSelector('[data-test-id="exception-value"]');
    await page.evaluate(() => {
      (window as any).__same = true;
    });
    const header = await page.$('header[data-sentry-element="Header"]');
    const sidebar = await page.$('aside');
    const eventId = async () => (await page.textContent('[data-sentry-component="EventTitle"] span'))!.slice(4);
    expect(await eventId()).toBe(String(events.at(-1)!.eventID).slice(0, 8));

    await page.click('a[aria-label="Previous Event"]');
    await page.waitForSelector('[data-test-id="group-event-details"] [data-test-id="loading-placeholder"]');
    await page.waitForSelector('[data-test-id="exception-value"]');
    expect(await eventId()).toBe(String(events.at(-2)!.eventID).slice(0, 8));
    expect(new URL(page.url()).searchParams.get('referrer')).toBe('previous-event');
    expect(
      await page.evaluate(([h, s]) => h!.isConnected && s!.isConnected && (window as any).__same, [header, sidebar]),
    ).toBe(true);

    await page.goBack();
    await page.waitForFunction(
      (id) => document.querySelector('[data-sentry-component="EventTitle"] span')?.textContent === `ID: ${id}`,
      String(events.at(-1)!.eventID).slice(0, 8),
    );
    await page.goForward();
    await page.waitForFunction(
      (id) => document.querySelector('[data-sentry-component="EventTitle"] span')?.textContent === `ID: ${id}`,
      String(events.at(-2)!.eventID).slice(0, 8),
    );

    await page.click('a[aria-label="View More Events"]');
    await page.waitForSelector('[data-test-id="issue-tab-events"] [data-test-id="event-row"]');
    expect(await page.locator('[data-test-id="exception-value"], a[aria-label="Previous Event"]').count()).toBe(0);
    expect(await page.evaluate((h) => h!.isConnected, header)).toBe(true);
    expect(await page.locator('[data-test-id="event-row"]').count()).toBe(events.length);
    expect(await page.evaluate(() => (window as any).__same)).toBe(true);
    await page.close();
  });

  it('Resolve PUTs the status and draws the header anew; replica:rerender does too', async () => {
    const issue = srv.store.issuesOf(srv.store.findOrg('acme')!).find((i) => i.status === 'unresolved')!;
    const page = await browser.newPage();
    await page.goto(`https://acme.sentry.io/issues/${issue.id}/?render=client`);
    await page.waitForSelector('[data-test-id="exception-value"]');
    const header = await page.$('header[data-sentry-element="Header"]');
    const before = srv.requests.length;
    await page.click('[role="banner"] button[aria-label="Resolve"]');
    await page.waitForSelector('[role="banner"] button[aria-label="Resolved"]');
    const put = srv.requests.slice(before).find((r) => r.method === 'PUT')!;
    expect([put.path, put.auth, put.status]).toEqual([
      `/api/0/organizations/acme/issues/?id=${issue.id}&project=${issue.projectId}`,
      'cookie',
      200,
    ]);
    expect(issue.status).toBe('resolved');
    expect(await page.evaluate((h) => h!.isConnected, header)).toBe(false);
    const again = await page.$('header[data-sentry-element="Header"]');
    await page.evaluate(() => document.dispatchEvent(new Event('replica:rerender')));
    expect(await page.evaluate((h) => h!.isConnected, again)).toBe(false);
    expect(await page.locator('header[data-sentry-element="Header"]').count()).toBe(1);
    expect(await page.locator('[role="banner"]').count()).toBe(1);
    await page.close();
  });

  it('carries every hook Dexter anchors to, the same in both render modes', async () => {
    const issue = srv.store.issuesOf(srv.store.findOrg('acme')!).find((i) => i.status === 'unresolved')!;
    const hooks = [
      SELECTORS.issuePage.body,
      SELECTORS.issuePage.header,
      SELECTORS.issuePage.exceptionValue,
      ...SELECTORS.issuePage.eventData,
      SELECTORS.issueList.row,
    ];
    const count = async (url: string, ready: string) => {
      const page = await browser.newPage();
      await page.goto(url);
      await page.waitForSelector(ready);
      await page.waitForFunction(
        () =>
          !document.querySelector(
            '#main [data-test-id="loading-placeholder"], #main [data-test-id="loading-indicator"]',
          ),
      );
      const counts = await page.evaluate((sels) => sels.map((s) => document.querySelectorAll(s).length), hooks);
      await page.close();
      return counts;
    };
    const server = await count(
      `https://acme.sentry.io/issues/${issue.id}/?render=server`,
      SELECTORS.issuePage.exceptionValue,
    );
    const client = await count(
      `https://acme.sentry.io/issues/${issue.id}/?render=client`,
      SELECTORS.issuePage.exceptionValue,
    );
    expect(client).toEqual(server);
    expect(server[0]).toBe(2);
    const listHooks = [
      SELECTORS.issueList.row,
      SELECTORS.issueList.rowCheckbox,
      SELECTORS.issueList.titleLink,
      SELECTORS.issueList.header,
      SELECTORS.issueList.cell,
    ];
    const list = async (mode: string) => {
      const page = await browser.newPage();
      await page.goto(`https://acme.sentry.io/issues/?render=${mode}&limit=25&statsPeriod=14d`);
      await page.waitForFunction(
        () =>
          document.querySelector('#main [data-test-id="event-issue-header"]') &&
          !document.querySelector('#main [data-test-id="loading-placeholder"]'),
      );
      const counts = await page.evaluate((sels) => sels.map((s) => document.querySelectorAll(s).length), listHooks);
      await page.close();
      return counts;
    };
    expect(await list('client')).toEqual(await list('server'));
  });
});
