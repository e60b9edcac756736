import { defineConfig } from '@playwright/test';

// Browsers come from Debian (chromium), never from `npx playwright install`. One worker: each test file launches
// its own Chromium with the built extension, and the machine has 2 cores.
export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results',
});
