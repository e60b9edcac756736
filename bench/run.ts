// `npm run bench`: every measurement in one table, and machine-readable results in bench/results.json.
// Each suite is a module exporting an async function that returns BenchRow[]; a missing or failing suite is
// reported as such rather than hiding the rest.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { BenchRow } from './types';

// bench/baseline.json: figures measured before a change, by row name, shown beside the new ones (`before`).
const baseline = JSON.parse(readFileSync(new URL('./baseline.json', import.meta.url), 'utf8')) as {
  note: string;
  values: Record<string, number>;
};

const suites: [string, string, string][] = [
  ['size', './size.ts', 'benchSize'],
  ['service-worker start (Chromium)', './sw-start.ts', 'benchSwStart'],
  ['requests', './requests.ts', 'benchRequests'],
  ['overlay (Chromium)', './overlay.ts', 'benchOverlay'],
  ['overlay, div layout (Chromium)', './overlay.ts', 'benchOverlayDiv'],
  ['client-rendered pages (Chromium)', './spa.ts', 'benchSpa'],
  ['explain latency', './explain.ts', 'benchExplain'],
  ['prompt', './prompt.ts', 'benchPrompt'],
  ['pii', './pii.ts', 'benchPii'],
  ['deadlock', './deadlock.ts', 'benchDeadlock'],
  ['explorer (Chromium)', './explorer.ts', 'benchExplorer'],
  ['ranking', './ranking.ts', 'benchRanking'],
  ['detail panel (Chromium)', './detail.ts', 'benchDetail'],
  ['similar issues', './similar.ts', 'benchSimilar'],
  ['summaries and digest', './insights.ts', 'benchInsights'],
  ['trends: forecast agreement', './trends.ts', 'benchForecast'],
  ['trends (Chromium)', './trends.ts', 'benchTrends'],
  ['overlay (Firefox)', './firefox.ts', 'benchOverlayFirefox'],
  ['explain latency (Firefox)', './firefox.ts', 'benchExplainFirefox'],
];
const only = process.argv.slice(2);
const results: Record<string, BenchRow[] | { error: string }> = {};
for (const [name, file, fn] of suites) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  try {
    const mod = (await import(file)) as Record<string, () => Promise<BenchRow[]>>;
    results[name] = (await mod[fn]!()).map((r) =>
      r.name in baseline.values ? { ...r, before: baseline.values[r.name] } : r,
    );
  } catch (error) {
    results[name] = { error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
}

const rows: string[][] = [['suite', 'measurement', 'value', 'before', 'target', 'ok']];
for (const [suite, r] of Object.entries(results)) {
  if ('error' in r) rows.push([suite, `not measured: ${r.error}`, '', '', '', '✘']);
  else
    for (const b of r)
      rows.push([
        suite,
        b.name,
        `${Number.isFinite(b.value) ? b.value : '—'} ${b.unit}`,
        b.before === undefined ? '' : `${b.before} ${b.unit}`,
        b.target ?? '',
        b.ok === undefined ? '' : b.ok ? '✔' : '✘',
      ]);
}
const widths = rows[0]!.map((_, i) => Math.min(70, Math.max(...rows.map((r) => r[i]!.length))));
for (const r of rows) console.log(r.map((c, i) => c.slice(0, 70).padEnd(widths[i]!)).join('  '));
// A run of some suites (npm run bench -- size) replaces those suites' results and keeps the others', each with
// the date it was measured; the load average says how busy the machine was.
const now = new Date().toISOString();
const previous = (() => {
  try {
    return JSON.parse(readFileSync('bench/results.json', 'utf8'));
  } catch {
    return null;
  }
})();
const merged = only.length && previous?.results ? { ...previous.results, ...results } : results;
const dates: Record<string, string> = Object.fromEntries(
  Object.keys(merged).map((s) => [s, s in results ? now : (previous?.dates?.[s] ?? previous?.date ?? '')]),
);
writeFileSync(
  'bench/results.json',
  `${JSON.stringify({ date: now, node: process.version, loadAverage: loadavg().map((l) => +l.toFixed(2)), before: baseline.note, dates, results: merged }, null, 2)}\n`,
);
console.log(`\nbefore: ${baseline.note}`);
console.log('Wrote bench/results.json');
