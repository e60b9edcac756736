// The popup's quick triage (its settings' checks run in every browser: tests/scenarios/popup.scenario.ts).
import { test, expect, setToken, setSettings } from './fixtures';
import { apiGet } from '../world/world';

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
