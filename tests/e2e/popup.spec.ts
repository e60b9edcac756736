// The popup, opened as an extension page, against the world's Sentry: settings checks and quick triage.
import { test, expect, setToken, setSettings } from './fixtures';
import { apiGet } from '../world/world';

test('settings show which scopes a read-only token lacks', async ({ ext, world }) => {
  await setToken(ext, world.sentry.tokens.readOnly);
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.id}/popup.html`);
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByText(/Token works for https:\/\/sentry.io/)).toBeVisible();
  await expect(page.getByText(/Cannot resolve or ignore — missing:/)).toBeVisible();
});

test('triage lists the org from settings, resolves by keyboard, and undoes it', async ({ ext, world }) => {
  await setToken(ext, world.sentry.tokens.readWrite);
  await setSettings(ext, { sentry: { org: 'acme', project: '', selfHostedBases: [], useSession: true } });
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.id}/popup.html`);
  const grid = page.getByRole('grid');
  await expect(grid.getByRole('row').first()).toBeVisible();
  const firstId = (await grid.getByRole('row').first().getAttribute('id'))!.replace('issue-row-', '');

  await grid.focus();
  await page.keyboard.press('r');
  await expect(page.getByText(/Resolved 1/)).toBeVisible();
  const after = await apiGet(world, `/api/0/organizations/acme/issues/${firstId}/`, world.sentry.tokens.readWrite);
  expect(after.status).toBe('resolved');

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText(/Undone for 1/)).toBeVisible();
  const undone = await apiGet(world, `/api/0/organizations/acme/issues/${firstId}/`, world.sentry.tokens.readWrite);
  expect(undone.status).toBe('unresolved');
});
