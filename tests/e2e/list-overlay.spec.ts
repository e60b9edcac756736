// The issue-list overlay on Sentry's real URLs (served by the replica), in the production build.
import { test, expect, readDownTheList, setSettings, setToken } from './fixtures';
import type { Page } from '@playwright/test';
import { priorityScore } from '../../lib/scoring/priority';
import { formatCount } from '../../lib/scoring/format';
import { apiGet } from '../world/world';
import { readdirSync, readFileSync } from 'node:fs';

/** The list features, from their declarations (the build finds them by glob, which Playwright cannot run). */
const LIST_FEATURES = readdirSync('entrypoints/sentry.content/features').filter((f) => /^[a-z-]+\.ts$/.test(f) && !['index.ts', 'catalog.ts'].includes(f))
  .map((f) => readFileSync(`entrypoints/sentry.content/features/${f}`, 'utf8'))
  .filter((src) => /pages: \[[^\]]*'issue-list'/.test(src))
  .map((src) => /id: '([a-z-]+)'/.exec(src)![1]!);


async function apiIssues(world: any, ids: string[]) {
  // What Sentry's API says about these rows under the page's filters (Sentry's default window, 14 days): the oracle
  // for every badge. issues-stats takes 100 ids a request.
  const api: any[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const part = ids.slice(i, i + 100);
    api.push(...(await apiGet<any[]>(world, `/api/0/organizations/acme/issues-stats/?${part.map((id) => `groups=${id}`).join('&')}&statsPeriod=14d&groupStatsPeriod=24h&collapse=lifetime&project=-1`, world.sentry.tokens.readWrite)));
  }
  return ids.map((id) => api.find((i) => String(i.id) === id));
}

test.beforeEach(async ({ ext, world }) => {
  await setToken(ext, world.sentry.tokens.readWrite); // also empties Dexter's cache: every test starts cold
});

for (const [layout, url] of [
  ['table', 'https://acme.sentry.io/issues/'],
  ['div', 'https://sentry.io/organizations/acme/issues/?layout=div'],
] as const) {
  test(`badges on every row of the ${layout} layout, numbers from the API, one batched request`, async ({ ext, world }) => {
    const before = world.sentry.requests.length;
    const page = await ext.context.newPage();
    await page.goto(url);
    const rows = page.locator('[data-test-id="group"]');
    const n = await rows.count();
    expect(n).toBeGreaterThan(5);
    await expect(page.locator('dexter-row')).toHaveCount(n);
    const drawn = () => page.evaluate(() => [...document.querySelectorAll('dexter-row')].map((h) => (h.shadowRoot?.querySelectorAll('[data-slot] .chip, [data-slot] svg').length ?? 0) >= 3));
    // The rows in view are drawn; a row far below is not until the reader gets near it (its host keeps its place).
    await expect.poll(async () => (await drawn())[0]).toBe(true);
    expect(await page.evaluate(() => [...document.querySelectorAll('[data-test-id="group"]')].at(-1)!.getBoundingClientRect().top > 2.5 * innerHeight)).toBe(true);
    expect((await drawn()).at(-1)).toBe(false);
    await expect.poll(async () => (await readDownTheList(page), (await drawn()).filter(Boolean).length)).toBe(n);

    const shown = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('dexter-row')].map((h) => ({
      id: h.dataset.issueId!,
      users: h.shadowRoot!.querySelector('[data-slot="list-impact"]')!.textContent!,
      usersWhy: h.shadowRoot!.querySelector('[data-slot="list-impact"] .chip')!.getAttribute('title')!,
      priority: h.shadowRoot!.querySelector('[data-slot="list-priority"]')!.textContent!,
      spark: h.shadowRoot!.querySelector('[data-slot="list-sparkline"] svg')?.getAttribute('aria-label') ?? '',
    })));
    // One list request carrying the row ids (group=…), not one per row — counted before the test's own oracle call.
    const dexterRequests = world.sentry.requests.slice(before);
    const issues = await apiIssues(world, shown.map((s) => s.id));
    for (const [i, s] of shown.entries()) {
      const issue = issues[i];
      expect(issue, `issue ${s.id}`).toBeTruthy();
      expect(typeof issue.userCount).toBe('number');
      expect(s.users.startsWith(`${formatCount(issue.userCount)} users`), `${s.id}: ${s.users} vs ${issue.userCount}`).toBe(true);
      // The share's source, or why there is none: never the loading text once everything is drawn.
      expect(s.usersWhy).toMatch(/users of this project in the last 14 days, from Sentry\.$|user count|counted/);
      expect(s.usersWhy).not.toMatch(/Loading/);
      expect(s.priority).toMatch(/^P\d{1,3} (critical|high|medium|low)$/);
      expect(s.spark).toMatch(/events in the last 24 hours/);
    }
    // The figures of Sentry's own columns come from issues-stats, 25 ids a request (the most every Sentry takes).
    const batched = dexterRequests.filter((r: any) => r.path.includes('/issues-stats/?') && r.path.includes('groups='));
    expect(batched.length).toBe(Math.ceil(n / 25));
    const perRow = dexterRequests.filter((r: any) => /\/issues\/\d+\//.test(r.path));
    expect(perRow).toHaveLength(0);
  });
}

for (const layout of ['table', 'div'] as const) {
  test(`the badges move none of Sentry's rows (${layout} layout): their room is kept from the first layout`, async ({ ext }) => {
    const page = await ext.context.newPage();
    // Where each row was when Sentry's page had just been parsed, before Dexter's overlay ran.
    await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
      (window as any).__tops = [...document.querySelectorAll('[data-test-id="group"]')].map((r) => r.getBoundingClientRect().top + scrollY);
    }));
    await page.goto(`https://acme.sentry.io/issues/?limit=50${layout === 'div' ? '&layout=div' : ''}`);
    const n = await page.locator('[data-test-id="group"]').count();
    const tops = () => page.evaluate(() => [...document.querySelectorAll('[data-test-id="group"]')].map((r) => Math.round(r.getBoundingClientRect().top + scrollY)));
    await expect.poll(async () => (await readDownTheList(page), page.evaluate(() => [...document.querySelectorAll('dexter-row')].filter((h) => (h.shadowRoot?.querySelectorAll('[data-slot] .chip, [data-slot] svg').length ?? 0) >= 3).length))).toBe(n);
    const before = (await page.evaluate(() => (window as any).__tops as number[])).map(Math.round);
    expect(before).toHaveLength(n);
    expect(await tops()).toEqual(before);
  });
}

test('with the list features switched off, no room is kept in Sentry\'s rows', async ({ ext }) => {
  const listFeatures = LIST_FEATURES;
  expect(listFeatures).toEqual(expect.arrayContaining(['list-priority', 'list-impact', 'list-sparkline']));
  await setSettings(ext, { features: Object.fromEntries(listFeatures.map((id) => [id, false])) });
  try {
    const page = await ext.context.newPage();
    await page.goto('https://acme.sentry.io/issues/');
    const padding = () => page.evaluate(() => getComputedStyle(document.querySelector('[data-test-id="group"] [data-test-id="event-issue-header"]')!).paddingBottom);
    await expect.poll(() => page.evaluate(() => document.documentElement.hasAttribute('data-dexter-rows'))).toBe(false);
    expect(await padding()).toBe('0px');
    await expect(page.locator('dexter-row')).toHaveCount(0);
  } finally {
    await setSettings(ext, {});
  }
});

test('priority shown equals lib/scoring on the API data', async ({ ext, world }) => {
  const page = await ext.context.newPage();
  await page.goto('https://acme.sentry.io/issues/');
  await expect.poll(() => page.locator('dexter-row').count()).toBeGreaterThan(3);
  await expect.poll(() => page.evaluate(() => document.querySelector('dexter-row')?.shadowRoot?.querySelector('[data-slot="list-priority"] .chip')?.textContent ?? '')).not.toBe('');
  const first = await page.evaluate(() => {
    const h = document.querySelector<HTMLElement>('dexter-row')!;
    return { id: h.dataset.issueId!, text: h.shadowRoot!.querySelector('[data-slot="list-priority"] .chip')!.textContent! };
  });
  // Sentry's answer for this row under the page's filters (the default 14 days), as the list's own numbers come.
  const api = await apiIssues(world, [first.id]);
  const expected = priorityScore(api[0], { now: Date.now() });
  expect(first.text).toBe(`P${expected.score} ${expected.level}`);
});

test('clicking a badge never opens the issue', async ({ ext }) => {
  const page = await ext.context.newPage();
  await page.goto('https://acme.sentry.io/issues/');
  const host = page.locator('dexter-row').first();
  await expect(host.locator('[data-slot="list-priority"] .chip')).toBeVisible();
  await host.locator('[data-slot="list-priority"] .chip').click();
  await page.waitForTimeout(500);
  expect(new URL(page.url()).pathname).toBe('/issues/');
});

// Rows and hosts counted in one go: the list may still be re-rendering when the count is asked.
const hostsOnEveryRow = (page: Page) => page.evaluate(() => {
  const rows = document.querySelectorAll('[data-test-id="group"]').length;
  return rows > 0 && document.querySelectorAll('dexter-row').length === rows;
});

test('in-app navigation, re-renders and pagination leave no duplicates and no leftovers', async ({ ext }) => {
  const page = await ext.context.newPage();
  await page.goto('https://acme.sentry.io/issues/?limit=25'); // Sentry's own page size, so there is a next page
  await expect.poll(() => hostsOnEveryRow(page)).toBe(true);
  for (let i = 0; i < 3; i++) {
    // Where a user clicks: the title's text (the link's row-wide ::before overlay makes the link's own centre the row's).
    await page.locator('a[data-issue-title-link] [data-issue-title-primary]').nth(i).click();
    await expect(page).toHaveURL(/\/issues\/\d+\//);
    await expect(page.locator('dexter-row')).toHaveCount(0);
    await page.goBack();
    await expect(page).toHaveURL(/\/issues\/(\?.*)?$/);
    await expect.poll(() => hostsOnEveryRow(page)).toBe(true);
  }
  // A React-style re-render replaces the row nodes: badges come back once each.
  await page.evaluate(() => document.dispatchEvent(new CustomEvent('replica:rerender')));
  await page.waitForTimeout(300);
  await expect.poll(() => page.evaluate(() => [...document.querySelectorAll('[data-test-id="group"]')].every((r) => r.querySelectorAll('dexter-row').length === 1))).toBe(true);
  const firstIds = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('dexter-row')].map((h) => h.dataset.issueId));
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect.poll(() => page.evaluate((old) => {
    const hosts = [...document.querySelectorAll<HTMLElement>('dexter-row')];
    const rows = [...document.querySelectorAll('[data-test-id="group"]')];
    return rows.length > 0 && hosts.length === rows.length && rows.every((r) => r.querySelectorAll('dexter-row').length === 1) && !hosts.some((h) => old.includes(h.dataset.issueId));
  }, firstIds)).toBe(true);
});

test('an unknown list layout degrades quietly: one warning, no badges, page intact', async ({ ext }) => {
  const page = await ext.context.newPage();
  const warnings: string[] = [];
  page.on('console', (m) => { if (m.type() === 'warning' && m.text().includes('[Dexter]')) warnings.push(m.text()); });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('https://acme.sentry.io/issues/?layout=unknown');
  await expect.poll(() => warnings.length, { timeout: 15_000 }).toBe(1);
  await page.waitForTimeout(1_000);
  await expect(page.locator('dexter-row')).toHaveCount(0);
  expect(warnings).toHaveLength(1);
  expect(errors).toEqual([]);
});

test('badges follow Sentry\'s theme, also when it changes', async ({ ext }) => {
  const page = await ext.context.newPage();
  await page.goto('https://acme.sentry.io/issues/?theme=dark');
  await expect.poll(() => page.locator('dexter-row').count()).toBeGreaterThan(0);
  expect(await page.evaluate(() => [...document.querySelectorAll('dexter-row')].every((h) => h.hasAttribute('data-dark')))).toBe(true);
  await expect.poll(() => page.evaluate(() => !!document.querySelector('dexter-row')?.shadowRoot?.querySelector('.bar'))).toBe(true);
  const dotDark = await page.evaluate(() => getComputedStyle(document.querySelector('dexter-row')!.shadowRoot!.querySelector('.bar')!).color);
  await page.evaluate(() => { document.body.classList.replace('theme-dark', 'theme-light'); });
  await expect.poll(() => page.evaluate(() => [...document.querySelectorAll('dexter-row')].some((h) => h.hasAttribute('data-dark')))).toBe(false);
  const dotLight = await page.evaluate(() => getComputedStyle(document.querySelector('dexter-row')!.shadowRoot!.querySelector('.bar')!).color);
  expect(dotLight).not.toBe(dotDark);
});

test('the row outside Dexter\'s badges still opens the issue, as in Sentry', async ({ ext }) => {
  const page = await ext.context.newPage();
  await page.goto('https://acme.sentry.io/issues/');
  const host = page.locator('dexter-row').first();
  await expect(host.locator('[data-slot="list-priority"] .chip')).toBeVisible();
  const box = (await host.boundingBox())!;
  const badgesEnd = await host.locator('[data-slot] > *').evaluateAll((els) => Math.max(...els.map((e) => e.getBoundingClientRect().right)));
  // Just right of the badges, still inside Dexter's host (which spans the cell): Sentry's full-row link takes the click.
  const x = badgesEnd + 30;
  expect(x).toBeLessThan(box.x + box.width);
  await page.mouse.click(x, box.y + box.height / 2);
  await expect(page).toHaveURL(/\/issues\/\d+\//);
});

test('a title cell too narrow for one line of badges: the host grows with them, nothing is clipped', async ({ ext }) => {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 860, height: 900 });
  await page.goto('https://acme.sentry.io/issues/?layout=div');
  const host = page.locator('dexter-row').first();
  await expect(host.locator('[data-slot="list-sparkline"] svg')).toBeVisible();
  await expect(host).toHaveAttribute('data-wrap', '');
  const inside = () => host.evaluate((h) => {
    const box = h.getBoundingClientRect();
    const items = [...(h.shadowRoot?.querySelectorAll('[data-slot] > *') ?? [])].map((e) => e.getBoundingClientRect());
    return items.length >= 3 && items.every((r) => r.bottom <= box.bottom + 0.5 && r.top >= box.top - 0.5);
  });
  expect(await inside()).toBe(true);
  // Wide again: one line, the fixed height back.
  await page.setViewportSize({ width: 1600, height: 900 });
  await expect(host).not.toHaveAttribute('data-wrap', '');
  expect(await inside()).toBe(true);
});
