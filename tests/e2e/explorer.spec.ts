// The Explorer page against the world's Sentry: many pages load, the table stays virtual, details open.
import { test, expect, setToken } from './fixtures';

test('loads every issue of the org, keeps the DOM small, opens details and exports', async ({ ext, world }) => {
  await setToken(ext, world.sentry.tokens.readWrite);
  const page = await ext.context.newPage();
  const hash = new URLSearchParams({ apiBase: 'https://acme.sentry.io/api/0', org: 'acme', q: 'is:unresolved' }).toString();
  await page.goto(`chrome-extension://${ext.id}/explorer.html#${hash}`);
  const count = page.getByText(/^[\d,]+ of [\d,]+ issues$/);
  await expect(count).toBeVisible({ timeout: 30_000 });
  const grid = page.getByRole('grid');
  const rows = await grid.getByRole('row').count();
  expect(rows).toBeGreaterThan(1);
  expect(rows).toBeLessThan(100);

  // The title cell (a plain element carrying the full title, which is what opens the detail panel).
  const titleCell = grid.getByRole('row').nth(1).locator('div[title]').first();
  const title = (await titleCell.getAttribute('title'))!;
  await titleCell.click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();

  await grid.getByRole('row').nth(1).getByRole('checkbox').check();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /Export 1 selected/ }).click();
  await page.getByRole('menuitem', { name: 'Markdown report' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^dexter-issues-.*\.md$/);
});
