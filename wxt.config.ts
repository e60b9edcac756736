import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';

// Host permissions are the fewest that work: Sentry's SaaS hosts and a local Ollama. Self-hosted Sentry and
// remote LLM servers are optional host permissions the user grants from settings (see README "Permissions").
const ICONS = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' };

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  webExt: { disabled: true },
  // ollama's browser build polyfills fetch, which every context of Dexter's has (lib/fetch-polyfill-none.ts).
  vite: () => ({
    resolve: { alias: { 'whatwg-fetch': fileURLToPath(new URL('./lib/fetch-polyfill-none.ts', import.meta.url)) } },
  }),
  // `npm run zip`: the Chrome Web Store zip, the AMO zip and AMO's sources zip. The sources zip holds what
  // `npm ci && npm run build:firefox` needs (README "Build from source"), without the tests, their fixtures and
  // the tools around them; WXT already leaves out node_modules, .output, hidden files and *.test.* files.
  // tests/package/zips.test.ts opens all three (npm test runs it after the zips are made).
  zip: {
    excludeSources: [
      'tests/**',
      'bench/**',
      'scripts/**',
      'store/**',
      'reports/**',
      'test-results/**',
      'playwright-report/**',
      'demo-screenshots/**',
      '**/*.log',
      'components/**/testing.tsx',
      'vitest.config.ts',
      'playwright.config.ts',
      'eslint.config.js',
    ],
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Dexter for Sentry',
    description: 'Sparklines, user impact, priority and private local-AI explanations on Sentry’s own pages.',
    permissions: ['storage', 'contextMenus', 'scripting', 'declarativeNetRequestWithHostAccess'],
    host_permissions: [
      'https://sentry.io/*',
      'https://*.sentry.io/*',
      // Firefox matches no host permission that names a port (its requests to 127.0.0.1:11434 then go through CORS,
      // and Ollama refuses the preflight): there the local machine's permission is for any port.
      ...(browser === 'firefox'
        ? ['http://127.0.0.1/*', 'http://localhost/*']
        : ['http://127.0.0.1:11434/*', 'http://localhost:11434/*']),
    ],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // public/icon/: dexter.svg and the PNGs `npm run icons` renders from it.
    icons: ICONS,
    // MV2 (Firefox's default build) has no optional_host_permissions, and WXT drops the key there: without this line
    // Firefox could never grant a self-hosted Sentry or an LLM server on another host.
    ...(manifestVersion === 2 ? { optional_permissions: ['https://*/*', 'http://*/*'] } : {}),
    // MV2 (Firefox's default build) calls the toolbar button browser_action; WXT adds the popup to whichever it is.
    [manifestVersion === 2 ? 'browser_action' : 'action']: {
      default_title: 'Dexter',
      default_icon: { 16: ICONS[16], 32: ICONS[32] },
    },
    // The Explain/deadlock panel is embedded in Sentry's issue page: sentry.io's, or a self-hosted Sentry on any host
    // the user adds (a manifest cannot list those in advance). Framed anywhere else, the background refuses it
    // (lib/sentry/policy.ts senderKind), so a site that frames it gets an empty panel and no data.
    web_accessible_resources: [{ resources: ['panel.html'], matches: ['https://*/*', 'http://*/*'] }],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'dexter@dexter-sentry.dev',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
