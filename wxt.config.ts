import { defineConfig } from 'wxt';

// Host permissions are the fewest that work: Sentry's SaaS hosts and a local Ollama. Self-hosted Sentry and
// remote LLM servers are optional host permissions the user grants from settings (see README "Permissions").
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  webExt: { disabled: true },
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Dexter for Sentry',
    description: 'Sparklines, user impact, priority and private local-AI explanations on Sentry’s own pages.',
    permissions: ['storage', 'contextMenus', 'scripting', 'declarativeNetRequestWithHostAccess'],
    host_permissions: [
      'https://sentry.io/*',
      'https://*.sentry.io/*',
      'http://127.0.0.1:11434/*',
      'http://localhost:11434/*',
    ],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // MV2 (Firefox's default build) has no optional_host_permissions, and WXT drops the key there: without this line
    // Firefox could never grant a self-hosted Sentry or an LLM server on another host.
    ...(manifestVersion === 2 ? { optional_permissions: ['https://*/*', 'http://*/*'] } : {}),
    action: { default_title: 'Dexter' },
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
