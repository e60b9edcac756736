// What Chrome's MV3 manifest asks for (only what Dexter uses), and what a fresh install is granted: in a browser of its
// own (a worker option forces a new worker), since earlier tests grant the LLM hosts they set up, as a user's Save
// does. The token boundary's user flows run in every browser as shared scenarios (tests/scenarios/secrets.scenario.ts);
// this check stays Chromium-only: Firefox's MV2 manifest names a different permission set (host permissions inside
// `permissions`, webRequest for its Origin fix), so it is a build check per browser, not a flow.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, EXTENSION_DIR } from './fixtures';

declare const chrome: any;

test.use({ worldKey: 'fresh-install' });

test('the manifest asks for exactly what Dexter uses; optional hosts are not granted by default', async ({ ext }) => {
  const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  expect([...manifest.permissions].sort()).toEqual([
    'contextMenus',
    'declarativeNetRequestWithHostAccess',
    'scripting',
    'storage',
  ]);
  expect([...manifest.host_permissions].sort()).toEqual([
    'http://127.0.0.1:11434/*',
    'http://localhost:11434/*',
    'https://*.sentry.io/*',
    'https://sentry.io/*',
  ]);
  expect([...(manifest.optional_host_permissions ?? [])].sort()).toEqual(['http://*/*', 'https://*/*']);
  expect(manifest.optional_permissions ?? []).toEqual([]);
  expect(manifest.externally_connectable).toBeUndefined();
  // The panel must be frameable on a self-hosted Sentry on any host; only it, and the background takes it in a frame
  // only inside a Sentry page (next test).
  for (const war of manifest.web_accessible_resources ?? []) {
    expect(war.resources).toEqual(['panel.html']);
    expect([...war.matches].sort()).toEqual(['http://*/*', 'https://*/*']);
  }
  const granted = await ext.sw.evaluate(() => chrome.permissions.getAll());
  expect([...granted.origins].sort()).toEqual([...manifest.host_permissions].sort());
  expect([...granted.permissions].sort()).toEqual([...manifest.permissions].sort());
  expect(await ext.sw.evaluate(() => chrome.permissions.contains({ origins: ['https://evil.example/*'] }))).toBe(false);
});
