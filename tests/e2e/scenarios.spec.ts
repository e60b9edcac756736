// The shared user flows (tests/scenarios) in Chromium: each scenario is a Playwright test; the same scenarios run
// in Firefox ESR through tests/firefox/scenarios.ts. Scenarios that ask for a world of their own get their own
// worker (a world and a Chromium each), as in Firefox.
import { test } from './fixtures';
import { playwrightDriver } from '../scenarios/playwright';
import { SCENARIOS, worldGroups } from '../scenarios/index';

for (const group of worldGroups(SCENARIOS)) {
  const tests = () => {
    if (group.key !== 'shared') test.use({ worldKey: group.key, worldIssues: group.issues });
    for (const { file, scenario } of group.scenarios) {
      test(`[${file}] ${scenario.name}`, async ({ ext, world }) => {
        test.skip(!!scenario.skip?.chromium, scenario.skip?.chromium);
        test.setTimeout(scenario.timeoutMs ?? 120_000);
        const driver = playwrightDriver(ext, world);
        try {
          await scenario.run(driver);
        } finally {
          await driver.closePages();
        }
      });
    }
  };
  if (group.key === 'shared') test.describe(tests);
  else test.describe(`world: ${group.key}`, tests);
}
