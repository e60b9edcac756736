// Privacy mode on Sentry's own issue page (for screen sharing): PII in the rendered event data is masked,
// Sentry's page keeps working, and switching the mode off puts the original text back.
import { test, expect, setToken, ask } from './fixtures';

test('masks emails and IPs in the event Sentry renders, and restores them when switched off', async ({ ext, world }) => {
  await setToken(ext, world.sentry.tokens.readWrite);
  const org = world.sentry.store.findOrg('acme')!;
  const project = world.sentry.store.projectsOf(org)[0]!;
  const { issue } = world.sentry.store.addEvent(project.id, {
    id: 'abcdefabcdefabcdefabcdefabcdef12', eventID: 'abcdefabcdefabcdefabcdefabcdef12', platform: 'node', level: 'error', dateCreated: new Date().toISOString(),
    title: 'TypeError: cannot read properties of undefined', culprit: 'checkout(app/cart)',
    entries: [{ type: 'exception', data: { values: [{ type: 'TypeError', value: 'lookup failed for jane.doe@example.com from 203.0.113.42', stacktrace: { frames: [{ filename: 'app/cart.js', function: 'checkout', lineNo: 12, inApp: true }] } }] } }],
    tags: [{ key: 'user.email', value: 'jane.doe@example.com' }], user: { email: 'jane.doe@example.com', ip_address: '203.0.113.42' }, contexts: {},
  });
  const page = await ext.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`https://acme.sentry.io/issues/${issue.id}/`);
  await expect(page.locator('[data-test-id="exception-value"]').first()).toContainText('jane.doe@example.com');

  expect((await ask(ext, { type: 'settings.set', patch: { privacy: { privacyMode: true } } })).ok).toBe(true);
  await expect(page.locator('[data-test-id="exception-value"]').first()).toContainText('[email]', { timeout: 15_000 });
  await expect(page.locator('[data-test-id="exception-value"]').first()).toContainText('[ip]');
  expect(await page.locator('body').innerText()).not.toContain('jane.doe@example.com');

  expect((await ask(ext, { type: 'settings.set', patch: { privacy: { privacyMode: false } } })).ok).toBe(true);
  await expect(page.locator('[data-test-id="exception-value"]').first()).toContainText('jane.doe@example.com', { timeout: 15_000 });
  expect(errors).toEqual([]);
});
