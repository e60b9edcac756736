// Parse-time benchmark for the deadlock parser: a typical client error, a server-log report, 1 MB of
// noise and 1 MB of repeated deadlocks. Run alone with `npx tsx bench/deadlock.ts`.
import { pathToFileURL } from 'node:url';
import { parseDeadlock, parseDeadlocks } from '../lib/deadlock/index';
import type { BenchRow } from './types';
import { medianMs } from './types';

const TYPICAL = `psycopg2.errors.DeadlockDetected: deadlock detected
DETAIL:  Process 1691295 waits for ShareLock on transaction 28852054; blocked by process 1691297.
Process 1691297 waits for ShareLock on transaction 28852070; blocked by process 1691295.
HINT:  See server log for query details.
CONTEXT:  while updating tuple (3057,109) in relation "summary_2022"`;

const LOG = `2024-05-01 10:00:00.1 UTC [42] app@db ERROR:  deadlock detected
2024-05-01 10:00:00.1 UTC [42] app@db DETAIL:  Process 42 waits for ShareLock on transaction 9; blocked by process 43.
	Process 43 waits for ShareLock on transaction 8; blocked by process 42.
	Process 42: UPDATE accounts SET balance = balance + 1 WHERE id = 2
	Process 43: UPDATE accounts SET balance = balance + 1 WHERE id = 1
2024-05-01 10:00:00.1 UTC [42] app@db HINT:  See server log for query details.
2024-05-01 10:00:00.1 UTC [42] app@db CONTEXT:  while updating tuple (0,2) in relation "accounts"
2024-05-01 10:00:00.1 UTC [42] app@db STATEMENT:  UPDATE accounts SET balance = balance + 1 WHERE id = 2
`;

const MB = 1 << 20;

function noise(): string {
  const words = [
    'LOG:',
    'checkpoint',
    'starting',
    'Process',
    'waits',
    'transaction',
    '12345',
    'relation',
    '"t"',
    '\n',
    'ERROR:',
    'duplicate key',
  ];
  let s = '';
  for (let i = 0; s.length < MB; i++) s += words[(i * 7919) % words.length] + ' ';
  return s.slice(0, MB);
}

export async function benchDeadlock(): Promise<BenchRow[]> {
  const repeated = LOG.repeat(Math.ceil(MB / LOG.length)).slice(0, MB);
  const noiseText = noise();
  const typical = time(() => parseDeadlock(TYPICAL), 200);
  const log = time(() => parseDeadlock(LOG), 200);
  const noiseMs = time(() => parseDeadlocks(noiseText), 5);
  const repeatedMs = time(() => parseDeadlocks(repeated), 3);
  const count = parseDeadlocks(repeated).length;
  return [
    { name: 'deadlock: parse typical client error', value: typical, unit: 'ms', target: '< 2 ms', ok: typical < 2 },
    { name: 'deadlock: parse server-log report', value: log, unit: 'ms', target: '< 2 ms', ok: log < 2 },
    { name: 'deadlock: parse 1 MB of log noise', value: noiseMs, unit: 'ms', target: '< 500 ms', ok: noiseMs < 500 },
    {
      name: `deadlock: parse 1 MB of repeated reports (${count})`,
      value: repeatedMs,
      unit: 'ms',
      target: '< 1500 ms',
      ok: repeatedMs < 1500,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await benchDeadlock())
    console.log(`${row.ok === false ? '✗' : '✓'} ${row.name}: ${row.value} ${row.unit} (target ${row.target})`);
}

function time(fn: () => unknown, runs: number): number {
  return Number(medianMs(fn, runs).toFixed(3));
}
