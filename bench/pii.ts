// Benchmark of Dexter's PII scrubber: scrubText on 1 MB adversarial inputs (target: each well under 100 ms), and
// the false positives on the shared Sentry fixtures. Run alone with `npx tsx bench/pii.ts`.
import { pathToFileURL } from 'node:url';
import { scrubEvent, scrubText } from '@/lib/pii';
import { FIXTURE_TRUE_PII, fixtureFindings } from '@/tests/fixtures/pii';

import { timesMs, type BenchRow } from './types';
export type { BenchRow };

const MB = 1 << 20;
const TARGET_MS = 100;

/** `unit` repeated to 1 MB, flattened so the timing is of scanning, not of V8 walking a rope string. */
function megabyte(unit: string): string {
  return Buffer.from(unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB), 'utf8').toString('utf8');
}

const ADVERSARIAL: [string, string][] = [
  ["'a@' × 1 MB", 'a@'],
  ["'1.' × 1 MB", '1.'],
  ['digit run 1 MB', '4'],
  ["'-----BEGIN ' without END", '-----BEGIN PRIVATE KEY-----\n'],
  ["'a:' × 1 MB", 'a:'],
  ["' ff:' × 1 MB", ' ff:'],
  ["'password=' × 1 MB", 'password='],
  ["'//a:' × 1 MB", '//a:'],
  ["'/home' × 1 MB", '/home'],
  ["'12-' × 1 MB", '12-'],
  ["'Bearer ' × 1 MB", 'Bearer '],
  ['plain log text 1 MB', 'GET /api/0/issues/4711/ 200 in 35ms at 2024-05-01T12:00:00Z\n'],
];

const RUNS = 7;

/** Median and best of RUNS runs, in milliseconds: the machine is shared, so one run alone says little. */
function time(fn: () => void): { median: number; best: number } {
  const runs = timesMs(fn, RUNS);
  return { median: runs[RUNS >> 1] ?? NaN, best: runs[0] ?? NaN };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export async function benchPii(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [name, unit] of ADVERSARIAL) {
    const text = megabyte(unit);
    // Force the result flat: a rope left for the caller would hide part of the cost.
    const { median, best } = time(() => scrubText(text).text.charCodeAt(0));
    rows.push({
      name: `pii: scrubText ${name} (median of ${RUNS}; best ${round(best)} ms)`,
      value: round(median),
      unit: 'ms',
      target: `< ${TARGET_MS} ms`,
      ok: median < TARGET_MS,
    });
  }
  const all = fixtureFindings((event) => scrubEvent(event));
  const falsePositives = all.filter((f) => !FIXTURE_TRUE_PII.has(f.text)).length;
  rows.push({ name: 'pii: findings on unplanted fixtures', value: all.length, unit: 'findings' });
  rows.push({
    name: 'pii: false positives on unplanted fixtures (Relay @uuid/@userpath)',
    value: falsePositives,
    unit: 'findings',
  });
  rows.push({
    name: 'pii: true PII in fixtures found',
    value: new Set(all.map((f) => f.text).filter((t) => FIXTURE_TRUE_PII.has(t))).size,
    unit: `of ${FIXTURE_TRUE_PII.size}`,
    ok: all.filter((f) => FIXTURE_TRUE_PII.has(f.text)).length > 0,
  });
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await benchPii();
  console.table(rows.map((r) => ({ ...r, ok: r.ok === undefined ? '' : r.ok ? 'yes' : 'NO' })));
}
