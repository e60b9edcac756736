// Registers the shared user flows (tests/scenarios) of one world group as Playwright tests; the same scenarios run in
// Firefox ESR through tests/firefox/scenarios.ts. A group with a world of its own needs a worker of its own, and
// Playwright sets worker options only at the top of a file: hence one small spec file per world key.
import { test } from './fixtures';
import { playwrightDriver } from '../scenarios/playwright';
import { SCENARIOS, worldGroups } from '../scenarios/index';

export const GROUPS = worldGroups(SCENARIOS);

export function groupOf(key: string): (typeof GROUPS)[number] {
  const group = GROUPS.find((g) => g.key === key);
  if (!group) throw new Error(`no scenario asks for the world "${key}"`);
  return group;
}

export function scenarioTests(key: string): void {
  for (const { file, scenario } of groupOf(key).scenarios) {
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
}
