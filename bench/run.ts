// `npm run bench`: every measurement in one table, and machine-readable results in bench/results.json.
// Each suite is a module exporting an async function that returns BenchRow[]; a missing or failing suite is
// reported as such rather than hiding the rest.
import { readFileSync, writeFileSync } from 'node:fs';
import type { BenchRow } from './types';

const suites: [string, string, string][] = [
  ['size', './size.ts', 'benchSize'],
  ['requests', './requests.ts', 'benchRequests'],
  ['overlay (Chromium)', './overlay.ts', 'benchOverlay'],
  ['overlay, div layout (Chromium)', './overlay.ts', 'benchOverlayDiv'],
  ['explain latency', './explain.ts', 'benchExplain'],
  ['prompt', './prompt.ts', 'benchPrompt'],
  ['pii', './pii.ts', 'benchPii'],
  ['deadlock', './deadlock.ts', 'benchDeadlock'],
  ['explorer (Chromium)', './explorer.ts', 'benchExplorer'],
  ['ranking', './ranking.ts', 'benchRanking'],
  ['detail panel (Chromium)', './detail.ts', 'benchDetail'],
];
const only = process.argv.slice(2);
const results: Record<string, BenchRow[] | { error: string }> = {};
for (const [name, file, fn] of suites) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  try {
    const mod = (await import(file)) as Record<string, () => Promise<BenchRow[]>>;
    results[name] = await mod[fn]!();
  } catch (error) {
    results[name] = { error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
}

const rows: string[][] = [['suite', 'measurement', 'value', 'target', 'ok']];
for (const [suite, r] of Object.entries(results)) {
  if ('error' in r) rows.push([suite, `not measured: ${r.error}`, '', '', '✘']);
  else for (const b of r) rows.push([suite, b.name, `${Number.isFinite(b.value) ? b.value : '—'} ${b.unit}`, b.target ?? '', b.ok === undefined ? '' : b.ok ? '✔' : '✘']);
}
const widths = rows[0]!.map((_, i) => Math.min(70, Math.max(...rows.map((r) => r[i]!.length))));
for (const r of rows) console.log(r.map((c, i) => c.slice(0, 70).padEnd(widths[i]!)).join('  '));
// A run of some suites (`npm run bench -- explorer`) updates theirs and keeps the others' last results.
const previous = only.length ? (() => { try { return JSON.parse(readFileSync('bench/results.json', 'utf8')).results ?? {}; } catch { return {}; } })() : {};
writeFileSync('bench/results.json', `${JSON.stringify({ date: new Date().toISOString(), node: process.version, results: { ...previous, ...results } }, null, 2)}\n`);
console.log('\nWrote bench/results.json');
