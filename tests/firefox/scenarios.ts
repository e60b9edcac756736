// The shared user flows (tests/scenarios) in Firefox ESR over WebDriver BiDi, against the same world as Chromium.
// Scenarios that ask for a world of their own get one (and a Firefox of their own), as in Chromium.
// Usage: tsx tests/firefox/scenarios.ts <build dir> <report.json> [name filter]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startWorld } from '../world/world';
import { locate } from '../system.mjs';
import { launchFirefox } from '../scenarios/firefox';
import { SCENARIOS, worldGroups } from '../scenarios/index';

const dir = path.resolve(process.argv[2] ?? '.output/firefox-mv2');
const reportFile = process.argv[3] ?? 'reports/firefox-scenarios.json';
const only = process.argv[4];
const results: { name: string; ok: boolean; skipped?: string; error?: string; ms: number }[] = [];

// No Firefox ESR: one failed check whose message says what to install or set, and nothing else is tried.
const firefox = locate('firefox');
if (firefox.missing !== undefined) {
  console.log(`  ✘ ${firefox.missing}`);
  writeFileSync(
    reportFile,
    JSON.stringify(
      { passed: 0, failed: 1, results: [{ name: 'Firefox ESR is installed', ok: false, error: firefox.missing }] },
      null,
      2,
    ),
  );
  process.exit(0);
}
console.log(`Firefox scenarios on ${dir}`);
for (const group of worldGroups(SCENARIOS)) {
  const chosen = group.scenarios.filter(({ file, scenario }) => !only || `[${file}] ${scenario.name}`.includes(only));
  if (!chosen.length) continue;
  const runnable = chosen.filter(({ scenario }) => !scenario.skip?.firefox);
  const world = runnable.length ? await startWorld({ issueCount: group.issues }) : null;
  const run = world ? await launchFirefox(dir, world) : null;
  if (group.key !== 'shared')
    console.log(`  world: ${group.key}${group.issues ? ` (${group.issues} issues per organization)` : ''}`);
  try {
    for (const { file, scenario } of chosen) {
      const name = `[${file}] ${scenario.name}`;
      if (scenario.skip?.firefox || !run) {
        results.push({ name, ok: true, skipped: scenario.skip?.firefox, ms: 0 });
        console.log(`  - ${name} (skipped: ${scenario.skip?.firefox})`);
        continue;
      }
      const started = Date.now();
      const limit = scenario.timeoutMs ?? 120_000;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          scenario.run(run.driver),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out after ${limit / 1000} s`)), limit);
          }),
        ]);
        results.push({ name, ok: true, ms: Date.now() - started });
        console.log(`  ✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (error) {
        results.push({ name, ok: false, error: String(error), ms: Date.now() - started });
        console.log(`  ✘ ${name}: ${error}`);
      } finally {
        clearTimeout(timer);
        await run.driver.closePages();
      }
    }
  } finally {
    await run?.close();
    await world?.close();
  }
}
const ran = results.filter((r) => !r.skipped);
const passed = ran.filter((r) => r.ok).length;
writeFileSync(
  reportFile,
  JSON.stringify({ passed, failed: ran.length - passed, skipped: results.length - ran.length, results }, null, 2),
);
console.log(`firefox scenarios ${path.basename(dir)}: ${passed} passed, ${ran.length - passed} failed`);
process.exit(0);
