// Chrome may stop the extension's service worker at any time, also in the middle of a request. The overlay must
// say so instead of spinning, and come back on the next navigation.
import { test, expect, readDownTheList, setToken, ask } from './fixtures';

test('the service worker killed mid-request: badges say what happened, and Dexter recovers', async ({ ext, world }) => {
  await setToken(ext, world.sentry.tokens.readWrite);
  // Both the list's own call and issues-stats, where Dexter's figures come from.
  world.sentry.setFault({ kind: 'slow', delayMs: 6000, pathPrefix: '/api/0/organizations/acme/issues' });
  const page = await ext.context.newPage();
  try {
    await ext.sw.evaluate(() => {
      (globalThis as any).__before = true;
    });
    await page.goto('https://acme.sentry.io/issues/');
    // Each row's host is reserved at once; no badge is drawn while the batched request waits on the slow server.
    await expect.poll(() => page.locator('dexter-row').count()).toBeGreaterThan(0);
    expect(
      await page.evaluate(
        () =>
          [...document.querySelectorAll('dexter-row')].filter((h) => h.shadowRoot?.querySelector('[data-slot]')).length,
      ),
    ).toBe(0);
    // …but a placeholder where they will be (the bare host's own, from Dexter's page stylesheet).
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('dexter-row')!, '::before').content)).toBe(
      '""',
    );
    await page.waitForTimeout(1500); // the batched request is now waiting on the slow server
    const cdp = await ext.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');

    // The in-flight ask fails; every row says the background went away and what to do, no spinner.
    await expect
      .poll(
        async () => (
          await readDownTheList(page),
          page.evaluate(() => {
            const chips = [...document.querySelectorAll('dexter-row')].map((h) =>
              h.shadowRoot?.querySelector('[data-slot="list-priority"] .chip'),
            );
            return (
              chips.length > 0 &&
              chips.every(
                (c) => c?.textContent === 'Priority —' && /background|reload/i.test(c.getAttribute('title') ?? ''),
              )
            );
          })
        ),
        { timeout: 20_000 },
      )
      .toBe(true);
    // It really was a new worker.
    expect((await ask(ext, { type: 'ping' })).ok).toBe(true);
    expect(await ext.sw.evaluate(() => (globalThis as any).__before ?? false)).toBe(false);

    world.sentry.setFault(null);
    await page.reload();
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              [...document.querySelectorAll('dexter-row')].filter((h) =>
                /^P\d+ /.test(h.shadowRoot?.querySelector('[data-slot="list-priority"] .chip')?.textContent ?? ''),
              ).length,
          ),
        { timeout: 30_000 },
      )
      .toBeGreaterThan(3);
  } finally {
    world.sentry.setFault(null);
  }
});
