#!/usr/bin/env node
// `npm test`: type-check, lint, formatting (Prettier), unit tests, builds, store zips (and what is in them), web-ext lint,
// Chromium (Playwright) and Firefox (BiDi) tests.
// Every step runs even when an earlier one fails, so one run shows everything; the last line is the plain
// `N passed, N failed` that CI reads. Reports go to reports/ (Playwright empties test-results/ when it starts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { INSTALL_ALL, locate } from './system.mjs';

const only = process.argv.slice(2);
const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', PUPPETEER_SKIP_DOWNLOAD: '1' };
mkdirSync('reports', { recursive: true });
let passed = 0;
let failed = 0;
const summary = [];

function sh(cmd, args) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  return { code: r.status ?? 1, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}
function step(name, cmd, args) {
  if (only.length && !only.includes(name)) return null;
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const r = sh(cmd, args);
  summary.push(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${name} (${r.seconds} s)`);
  return r;
}
function count(name, r) {
  if (!r) return;
  if (r.code === 0) passed++;
  else failed++;
}
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// The system parts npm does not install, checked before anything runs: one line for each one missing. The steps
// that need it still run, and fail with that line (the unit tests' PostgreSQL file, the browser steps).
const system = { chromium: locate('chromium'), firefox: locate('firefox'), postgresql: locate('postgresql') };
const missing = Object.values(system).flatMap((r) => (r.missing === undefined ? [] : [r.missing]));
if (missing.length) {
  console.log(`\n▶ system: ${missing.length} missing (all at once: ${INSTALL_ALL})`);
  for (const line of missing) console.log(`  ${line}`);
} else
  console.log(
    `\n▶ system: Chromium ${system.chromium.path}, Firefox ESR ${system.firefox.path}, PostgreSQL ${system.postgresql.path}`,
  );

count('typecheck', step('typecheck', 'npx', ['tsc', '--noEmit']));
count('lint', step('lint', 'npx', ['eslint', '.', '--max-warnings=0']));
count('format', step('format', 'npx', ['prettier', '--check', '.']));

rmSync('reports/vitest.json', { force: true });
const unit = step('unit', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=reports/vitest.json',
]);
if (unit) {
  const v = readJson('reports/vitest.json');
  if (v) {
    passed += v.numPassedTests;
    failed += v.numFailedTests + (v.numFailedTestSuites ?? 0);
  } else failed++;
}

for (const [name, args] of [
  ['build-chrome', ['wxt', 'build']],
  ['build-firefox', ['wxt', 'build', '-b', 'firefox']],
  ['build-firefox-mv3', ['wxt', 'build', '-b', 'firefox', '--mv3']],
  ['zip', ['wxt', 'zip']],
  ['zip-firefox', ['wxt', 'zip', '-b', 'firefox']],
])
  count(name, step(name, 'npx', args));

// The store zips and AMO's sources zip, opened: manifest, icons, nothing else shipped, a rebuild from sources.
rmSync('reports/zips.json', { force: true });
const zipsTest = step('zip-contents', 'npx', [
  'vitest',
  'run',
  '--config',
  'tests/package/vitest.config.ts',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=reports/zips.json',
]);
if (zipsTest) {
  const z = readJson('reports/zips.json');
  if (z) {
    passed += z.numPassedTests;
    failed += z.numFailedTests + (z.numFailedTestSuites ?? 0);
  } else failed++;
}

// web-ext lint must report 0 errors on the Firefox builds (its known warnings come from React, d3 and zod).
for (const dir of ['.output/firefox-mv2', '.output/firefox-mv3']) {
  const name = `web-ext-lint ${dir}`;
  if (only.length && !only.includes('web-ext-lint')) continue;
  if (!existsSync(dir)) {
    failed++;
    summary.push(`FAIL ${name} (no build)`);
    continue;
  }
  const r = spawnSync('npx', ['web-ext', 'lint', '--source-dir', dir, '--output', 'json', '--no-input'], {
    env,
    encoding: 'utf8',
  });
  const out = (() => {
    try {
      return JSON.parse(r.stdout);
    } catch {
      return null;
    }
  })();
  const errors = out ? out.summary.errors : -1;
  console.log(`\n▶ ${name}: ${errors} errors, ${out?.summary.warnings ?? '?'} warnings`);
  for (const e of out?.errors ?? []) console.log(`  error ${e.code}: ${e.message} (${e.file ?? ''})`);
  if (errors === 0) passed++;
  else failed++;
  summary.push(`${errors === 0 ? 'ok  ' : 'FAIL'} ${name}: ${errors} errors`);
}

rmSync('reports/pw.json', { force: true });
env.PLAYWRIGHT_JSON_OUTPUT_NAME = 'reports/pw.json';
if (system.chromium.missing !== undefined && (!only.length || only.includes('chromium'))) {
  // Every Playwright test would fail with the same line; say it once and count the step as one failure.
  console.log(`\n▶ chromium: ${system.chromium.missing}`);
  summary.push(`FAIL chromium: ${system.chromium.missing}`);
  failed++;
}
const pw =
  system.chromium.missing === undefined
    ? step('chromium', 'npx', ['playwright', 'test', '--reporter=list,json'])
    : null;
if (pw) {
  const p = readJson('reports/pw.json');
  if (p) {
    passed += p.stats.expected + (p.stats.flaky ?? 0);
    failed += p.stats.unexpected;
  } else failed++;
}

// Firefox: the build Dexter ships (MV2) runs every shared user flow (tests/scenarios); the MV3 build keeps building
// and gets the smoke checks.
const firefoxRuns = [
  [
    'firefox-scenarios .output/firefox-mv2',
    'tests/firefox/scenarios.ts',
    '.output/firefox-mv2',
    'reports/firefox-scenarios.json',
  ],
  [
    'firefox-smoke .output/firefox-mv3',
    'tests/firefox/firefox-e2e.ts',
    '.output/firefox-mv3',
    'reports/firefox-mv3.json',
  ],
];
for (const [name, script, dir, file] of firefoxRuns) {
  if (only.length && !only.includes('firefox')) continue;
  rmSync(file, { force: true });
  const r = step(name, 'npx', ['tsx', script, dir, file]);
  const f = readJson(file);
  if (f) {
    passed += f.passed;
    failed += f.failed;
  } else if (r) failed++;
}
// Which user flow passed in which browser, from this run (npm run flows copies it into the README).
if (!only.length || only.includes('chromium') || only.includes('firefox')) {
  const table = spawnSync('node', ['tests/flows-table.mjs'], { env, encoding: 'utf8' });
  console.log(`\n${table.stdout}`);
}

console.log(`\n${summary.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
