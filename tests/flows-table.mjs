#!/usr/bin/env node
// The table "user flow × browser" from the last test run: the shared scenarios in Chromium (Playwright's JSON
// report) and in Firefox ESR (tests/firefox/scenarios.ts's report). `node tests/flows-table.mjs --readme` also
// writes it into the README between its markers.
import { readFileSync, writeFileSync } from 'node:fs';

const read = (f) => {
  try {
    return JSON.parse(readFileSync(f, 'utf8'));
  } catch {
    return null;
  }
};
const chromium = new Map();
const walk = (suite) => {
  for (const s of suite.suites ?? []) walk(s);
  for (const spec of suite.specs ?? []) {
    // The shared scenarios are registered by scenario-tests.ts (Playwright names that file), titled "[file] name".
    if (!/(^|\/)scenario-tests\.ts$/.test(spec.file ?? '') || !spec.title.startsWith('[')) continue;
    const result = spec.tests?.[0]?.results?.at(-1)?.status;
    chromium.set(
      spec.title,
      spec.tests?.[0]?.status === 'skipped' ? 'skipped' : result === 'passed' ? 'passed' : (result ?? 'not run'),
    );
  }
};
const pw = read('reports/pw.json');
if (pw) for (const s of pw.suites ?? []) walk(s);
const firefox = new Map(
  (read('reports/firefox-scenarios.json')?.results ?? []).map((r) => [
    r.name,
    r.skipped ? 'skipped' : r.ok ? 'passed' : 'failed',
  ]),
);
const names = [...new Set([...chromium.keys(), ...firefox.keys()])].sort();
const mark = (s) => (s === 'passed' ? '✔' : s === 'skipped' ? 'skipped' : s ? `✘ ${s}` : '—');
const rows = names.map((n) => `| ${n.replace(/\|/g, '\\|')} | ${mark(chromium.get(n))} | ${mark(firefox.get(n))} |`);
const both = names.filter((n) => chromium.get(n) === 'passed' && firefox.get(n) === 'passed').length;
const table = [
  `| user flow (tests/scenarios) | Chromium | Firefox ESR (MV2) |`,
  `|---|---|---|`,
  ...rows,
  '',
  `${names.length} flows; ${[...chromium.values()].filter((s) => s === 'passed').length} pass in Chromium, ${[...firefox.values()].filter((s) => s === 'passed').length} in Firefox, ${both} in both.`,
].join('\n');
console.log(table);
if (process.argv.includes('--readme')) {
  const readme = readFileSync('README.md', 'utf8');
  const start = '<!-- flows:start -->';
  const end = '<!-- flows:end -->';
  if (!readme.includes(start)) throw new Error('README.md has no flows markers');
  writeFileSync('README.md', readme.replace(new RegExp(`${start}[\\s\\S]*?${end}`), `${start}\n${table}\n${end}`));
}
