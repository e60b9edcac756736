// Accessibility: axe-core finds no serious or critical violation in the popup, the Explorer and the panel.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, setToken, setSettings } from './fixtures';

async function seriousViolations(page: import('@playwright/test').Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

test.beforeEach(async ({ ext, world }) => {
  await setToken(ext, world.sentry.tokens.readWrite);
  await setSettings(ext, { sentry: { org: 'acme', project: '', selfHostedBases: [], useSession: true } });
});

test('popup: triage and settings', async ({ ext }) => {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.id}/popup.html`);
  await expect(page.getByRole('grid').getByRole('row').first()).toBeVisible({ timeout: 20_000 });
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.waitForTimeout(500);
  expect(await seriousViolations(page)).toEqual([]);
});

test('Explorer: table', async ({ ext }) => {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.id}/explorer.html#apiBase=${encodeURIComponent('https://acme.sentry.io/api/0')}&org=acme`);
  await page.waitForTimeout(3000);
  expect(await seriousViolations(page)).toEqual([]);
});
