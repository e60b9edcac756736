// A self-hosted Sentry: the user names it in settings, the browser grants Dexter the optional host access from that
// click, and the overlay is registered at run time on that host (the manifest names only sentry.io): its list gets
// Dexter's badges from the self-hosted API, with the token saved for that Sentry.
import { check, checkEqual, setSettings, setToken, type Scenario } from './driver';
import { SELF_HOSTED } from './hosts';
import { everyRowDrawn } from './list-helpers';
import { bodyHas, fill } from './ui-helpers';

const BASE = `https://${SELF_HOSTED}`;

export const scenarios: Scenario[] = [
  {
    name: 'self-hosted Sentry: Use asks for the host, the token is checked against it, and the list overlay runs there with badges from its API',
    timeoutMs: 180_000,
    async run(d) {
      await setToken(d, d.world.sentry.tokens.readWrite);
      await setSettings(d, { sentry: { org: '', project: '', selfHostedBases: [], useSession: true } });
      // Before access is granted, Dexter does not run on the host.
      const before = await d.page(`${BASE}/organizations/acme/issues/`);
      await before.waitFor(() => document.querySelectorAll('[data-test-id="group"]').length > 3 || null, null, {
        what: 'the self-hosted list',
        timeoutMs: 30_000,
      });
      checkEqual(
        await before.evaluate(() => document.querySelectorAll('dexter-row').length, null),
        0,
        'Dexter rows on a self-hosted Sentry not yet granted',
      );
      await before.close();
      try {
        await d.allowHost(BASE);
        const popup = await d.extensionPage('popup.html');
        await popup.click('[role="tab"] :text=Settings');
        await fill(popup, 'Sentry URL', BASE);
        await popup.click('button :text=Use');
        await popup.waitFor(bodyHas, `Access granted to ${BASE}.`, { what: 'the access granted', timeoutMs: 20_000 });
        const settings = await d.ask({ type: 'settings.get' });
        checkEqual(settings.data?.sentry?.selfHostedBases, [BASE], 'self-hosted bases saved');
        const granted = await d.inExtension(
          (origin) =>
            ((globalThis as any).browser ?? (globalThis as any).chrome).permissions.contains({
              origins: [`${origin}/*`],
            }),
          BASE,
        );
        checkEqual(granted, true, `the browser’s access to ${BASE}`);
        // The token is saved for that Sentry and checked against it.
        await fill(popup, 'Auth token', d.world.sentry.tokens.readWrite);
        await popup.click('button :text=Save token');
        await popup.waitFor(bodyHas, `Token works for ${BASE}`, {
          what: 'the token checked against the self-hosted Sentry',
          timeoutMs: 20_000,
        });
        const at = d.world.sentry.requests.length;
        const page = await d.page(`${BASE}/organizations/acme/issues/`);
        const rows = await everyRowDrawn(page, 'the self-hosted list', 45_000);
        check(rows > 3, `only ${rows} rows`);
        const priorities = await page.evaluate(
          () =>
            [...document.querySelectorAll('dexter-row')].map(
              (h) => h.shadowRoot?.querySelector('[data-slot="list-priority"]')?.textContent ?? '',
            ),
          null,
        );
        check(
          priorities.every((p) => /^P\d{1,3} /.test(p)),
          `rows without a priority: ${JSON.stringify(priorities.slice(0, 5))}`,
        );
        // The figures came from the self-hosted API, with the token.
        const api = d.world.sentry.requests
          .slice(at)
          .filter((r) => r.host.startsWith(SELF_HOSTED) && r.path.startsWith('/api/0/organizations/acme/'));
        check(api.length > 0, 'no request to the self-hosted API');
        check(
          api.some((r) => r.auth === 'bearer'),
          `no self-hosted API request with the token: ${JSON.stringify(api.map((r) => r.auth))}`,
        );
        check(
          !d.world.sentry.requests.slice(at).some((r) => r.host.endsWith('sentry.io') && r.path.startsWith('/api/')),
          'the self-hosted list asked sentry.io',
        );
      } finally {
        // As a user taking the access away again: later flows meet the optional hosts as installed (none granted).
        await d.inExtension(
          (origin) =>
            ((globalThis as any).browser ?? (globalThis as any).chrome).permissions.remove({
              origins: [`${origin}/*`],
            }),
          BASE,
        );
        await setSettings(d, { sentry: { org: '', project: '', selfHostedBases: [], useSession: true } });
        await setToken(d, d.world.sentry.tokens.readWrite);
      }
    },
  },
];
