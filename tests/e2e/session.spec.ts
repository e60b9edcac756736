// Zero-config reading: no token set, the user is signed in to sentry.io in this browser. Dexter's background
// reads through the session cookie the way Sentry's web app does; the replica server checks that cookie.
import { test, expect, clearToken, readDownTheList } from './fixtures';

declare const chrome: any;

test('with no token, the overlay reads through the signed-in sentry.io session', async ({ ext, world }) => {
  await clearToken(ext);
  const session = world.sentry.store.createSession();
  await ext.context.addCookies([
    {
      name: 'sentrysid',
      value: session.sentrysid,
      domain: '.sentry.io',
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
    },
    { name: 'sc', value: session.sc, domain: '.sentry.io', path: '/', secure: true, sameSite: 'Lax' },
  ]);
  try {
    const before = world.sentry.requests.length;
    const page = await ext.context.newPage();
    await page.goto('https://acme.sentry.io/issues/');
    const rows = await page.locator('[data-test-id="group"]').count();
    await expect
      .poll(
        async () => (
          await readDownTheList(page),
          page.evaluate(
            () =>
              [...document.querySelectorAll('dexter-row')].filter((h) =>
                h.shadowRoot?.querySelector('[data-slot="list-priority"] .chip:not(.muted)'),
              ).length,
          )
        ),
        { timeout: 30_000 },
      )
      .toBe(rows);
    const api = world.sentry.requests
      .slice(before)
      .filter((r: any) => r.path.startsWith('/api/0/') && r.path.includes('group='));
    expect(api.length).toBeGreaterThan(0);
    expect(api.every((r: any) => r.auth === 'cookie' && r.status === 200)).toBe(true);

    // The popup's status line says Dexter is reading through the session.
    const popup = await ext.context.newPage();
    await popup.goto(`chrome-extension://${ext.id}/popup.html`);
    const status = await popup.evaluate(() =>
      chrome.runtime.sendMessage({
        type: 'auth.status',
        target: { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' },
      }),
    );
    expect(status.ok).toBe(true);
    expect(status.data.via).toBe('session');
    expect(status.data.valid).toBe(true);
  } finally {
    await ext.context.clearCookies();
  }
});

test('with neither a token nor a session, badges say "—" and why, and nothing is invented', async ({ ext, world }) => {
  await ext.context.clearCookies();
  await clearToken(ext);
  const page = await ext.context.newPage();
  await page.goto('https://acme.sentry.io/issues/');
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            document.querySelector('dexter-row')?.shadowRoot?.querySelector('[data-slot="list-priority"] .chip')
              ?.textContent ?? '',
        ),
      { timeout: 30_000 },
    )
    .toBe('Priority —');
  const label = await page.evaluate(() =>
    document
      .querySelector('dexter-row')!
      .shadowRoot!.querySelector('[data-slot="list-priority"] .chip')!
      .getAttribute('title'),
  );
  expect(label).toMatch(/sign|token|credentials/i);
  void world;
});
