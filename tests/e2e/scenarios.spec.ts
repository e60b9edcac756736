// The shared user flows (tests/scenarios) in Chromium: each scenario is a Playwright test; the same scenarios run
// in Firefox ESR through tests/firefox/scenarios.ts.
import { test } from './fixtures';
import { playwrightDriver } from '../scenarios/playwright';
import { SCENARIOS } from '../scenarios/index';

for (const { file, scenario } of SCENARIOS) {
  test(`[${file}] ${scenario.name}`, async ({ ext, world }) => {
    test.skip(!!scenario.skip?.chromium, scenario.skip?.chromium);
    const driver = playwrightDriver(ext, world);
    try {
      await scenario.run(driver);
    } finally {
      await driver.closePages();
    }
  });
}
