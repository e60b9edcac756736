// Accessibility: axe-core finds no serious or critical violation in the popup, the Explorer and the panel.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, setToken, setSettings } from './fixtures';

async function seriousViolations(page: import('@playwright/test').Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
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
  await page.goto(
    `chrome-extension://${ext.id}/explorer.html#apiBase=${encodeURIComponent('https://acme.sentry.io/api/0')}&org=acme`,
  );
  await page.waitForTimeout(3000);
  expect(await seriousViolations(page)).toEqual([]);
});

test('popup and Explorer with one-line summaries and the digest with its narrative', async ({ ext, world }) => {
  await setSettings(ext, {
    sentry: { org: 'acme', project: '', selfHostedBases: [], useSession: true },
    llm: { model: 'mistral:latest' },
  });
  // A model of its own: summaries are cached per model, and the shared flows expect a cold cache for theirs.
  world.ollama.setMode('normal');
  world.ollama.setAnswer(undefined);
  world.ollama.setStructured('bad-citations');
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.id}/popup.html`);
  await expect(page.getByRole('grid').getByRole('row').first()).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Summarize' }).click();
  await expect(page.locator('[data-cause]').first()).toBeVisible({ timeout: 20_000 });
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('tab', { name: 'Digest' }).click();
  await expect(page.getByText(/issues seen/)).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Write the narrative' }).click();
  await expect(page.getByText(/Dropped 2 statements/)).toBeVisible({ timeout: 20_000 });
  expect(await seriousViolations(page)).toEqual([]);

  const ex = await ext.context.newPage();
  await ex.setViewportSize({ width: 1400, height: 900 });
  await ex.goto(
    `chrome-extension://${ext.id}/explorer.html#apiBase=${encodeURIComponent('https://acme.sentry.io/api/0')}&org=acme`,
  );
  await expect(ex.getByText(/^[\d,]+ of [\d,]+ issues$/)).toBeVisible({ timeout: 30_000 });
  await ex.getByRole('button', { name: 'Summarize' }).click();
  await expect(ex.locator('[data-cause]').first()).toBeVisible({ timeout: 20_000 });
  expect(await seriousViolations(ex)).toEqual([]);
  await ex.getByRole('tab', { name: 'Digest' }).click();
  await expect(ex.getByText(/issues seen/)).toBeVisible({ timeout: 20_000 });
  expect(await seriousViolations(ex)).toEqual([]);
});
