// The shared user flows in the shared world. Groups with a world of their own run from scenarios.<key>.spec.ts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures';
import { GROUPS, scenarioTests } from './scenario-tests';

scenarioTests('shared');

test('every scenario world has its spec file, so no flow is left out of Chromium', () => {
  const dir = path.dirname(fileURLToPath(import.meta.url));
  const missing = GROUPS.filter(
    (g) => g.key !== 'shared' && !existsSync(path.join(dir, `scenarios.${g.key}.spec.ts`)),
  ).map((g) => g.key);
  expect(missing).toEqual([]);
});
