import { defineConfig } from 'vitest/config';

// The store zips' test runs on its own, after `npm run zip` (npm test runs it after its zip steps): the unit
// tests run before anything is built.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/package/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
