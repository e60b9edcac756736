// The shared user flows (tests/scenarios) in Firefox ESR over WebDriver BiDi, against the same world as Chromium.
// Usage: tsx tests/firefox/scenarios.ts <build dir> <report.json> [name filter]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startWorld } from '../world/world';
import { locate } from '../system.mjs';
import { launchFirefox } from '../scenarios/firefox';
import { SCENARIOS } from '../scenarios/index';

const dir = path.resolve(process.argv[2] ?? '.output/firefox-mv2');
const reportFile = process.argv[3] ?? 'reports/firefox-scenarios.json';
const only = process.argv[4];
const PER_SCENARIO_MS = 120_000;
const results: { name: string; ok: boolean; skipped?: string; error?: string; ms: number }[] = [];

// No Firefox ESR: one failed check whose message says what to install or set, and nothing else is tried.
const firefox = locate('firefox');
if (firefox.missing !== undefined) {
  console.log(`  ✘ ${firefox.missing}`);
  writeFileSync(reportFile, JSON.stringify({ passed: 0, failed: 1, results: [{ name: 'Firefox ESR is installed', ok: false, error: firefox.missing }] }, null, 2));
  process.exit(0);
}
const world = await startWorld();
const run = await launchFirefox(dir, world);
try {
  console.log(`Firefox scenarios on ${dir}`);
  for (const { file, scenario } of SCENARIOS) {
    const name = `[${file}] ${scenario.name}`;
    if (only && !name.includes(only)) continue;
    if (scenario.skip?.firefox) {
      results.push({ name, ok: true, skipped: scenario.skip.firefox, ms: 0 });
      console.log(`  - ${name} (skipped: ${scenario.skip.firefox})`);
      continue;
    }
    const started = Date.now();
    try {
      await Promise.race([scenario.run(run.driver), new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${PER_SCENARIO_MS / 1000} s`)), PER_SCENARIO_MS))]);
      results.push({ name, ok: true, ms: Date.now() - started });
      console.log(`  ✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      results.push({ name, ok: false, error: String(error), ms: Date.now() - started });
      console.log(`  ✘ ${name}: ${error}`);
    } finally {
      await run.driver.closePages();
    }
  }
} finally {
  await run.close();
  await world.close();
}
const ran = results.filter((r) => !r.skipped);
const passed = ran.filter((r) => r.ok).length;
writeFileSync(reportFile, JSON.stringify({ passed, failed: ran.length - passed, skipped: results.length - ran.length, results }, null, 2));
console.log(`firefox scenarios ${path.basename(dir)}: ${passed} passed, ${ran.length - passed} failed`);
process.exit(0);
