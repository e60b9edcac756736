// Produces real deadlocks: N sessions each take one lock, then each asks for the next session's lock.
// While all N wait (before deadlock_timeout fires) the waits are read from pg_locks as the truth.
import type pg from 'pg';
import type { Cluster, PsqlSession } from './cluster';

export interface Scenario {
  name: string;
  driver: 'pg' | 'psql';
  lcMessages?: string;
  sessions: number;
  setup: string;
  first: (i: number) => string;
  second: (i: number, n: number) => string;
}

export interface LockRow {
  pid: number;
  locktype: string;
  mode: string;
  database: number | null;
  relation: number | null;
  page: number | null;
  tuple: number | null;
  virtualxid: string | null;
  transactionid: string | null;
  classid: number | null;
  objid: number | null;
  objsubid: number | null;
  blockers: number[];
}

export interface Outcome {
  pids: number[];
  /** Ungranted locks of the sessions while all of them waited. */
  waits: LockRow[];
  victimPid: number;
  /** What the victim's client got: psql's stderr, or node-postgres's error. */
  clientText: string;
  clientError: unknown;
  secondStatements: Record<number, string>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const WAITS_SQL = `SELECT l.pid, l.locktype, l.mode, l.database::int, l.relation::int, l.page, l.tuple, l.virtualxid,
  l.transactionid::text AS transactionid, l.classid::bigint::float8 AS classid, l.objid::bigint::float8 AS objid, l.objsubid::int, pg_blocking_pids(l.pid) AS blockers
  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
  WHERE NOT l.granted AND l.pid = ANY($1::int[])`;

async function readWaits(observer: pg.Client, pids: number[]): Promise<LockRow[]> {
  return (await observer.query<LockRow>(WAITS_SQL, [pids])).rows;
}

async function waitUntilWaiting(observer: pg.Client, pids: number[], count: number): Promise<LockRow[]> {
  const until = Date.now() + 5_000;
  for (;;) {
    const rows = await readWaits(observer, pids);
    if (new Set(rows.map((r) => r.pid)).size >= count) return rows;
    if (Date.now() > until) throw new Error(`only ${rows.length} of ${count} sessions reached a lock wait`);
    await sleep(5);
  }
}

interface Driver {
  pid: number;
  /** Starts a statement; the promise settles with its error text ('' on success). */
  start(sql: string): Promise<{ text: string; error: unknown }>;
  close(): Promise<void>;
}

async function pgDriver(cluster: Cluster, lc?: string): Promise<Driver> {
  const client = await cluster.connect(lc);
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0;
  return {
    pid,
    start: (sql) =>
      client.query(sql).then(
        () => ({ text: '', error: null }),
        (error: Error) => ({ text: error.message, error }),
      ),
    close: async () => {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
    },
  };
}

let marker = 0;
async function psqlDriver(cluster: Cluster, lc?: string): Promise<Driver> {
  const session: PsqlSession = cluster.psql();
  if (lc) session.send(`SET lc_messages = '${lc}';`);
  session.send('SELECT 1000000000 + pg_backend_pid();');
  const pid = Number((await session.waitFor(/^1(\d{9})$/m))[1]);
  return {
    pid,
    start: async (sql) => {
      const done = `done-${++marker}`;
      const errBefore = session.stderr().length;
      session.send(`${sql}\n\\echo ${done}`);
      await session.waitFor(new RegExp(`^${done}$`, 'm'), 20_000);
      const text = session.stderr().slice(errBefore);
      return { text, error: text || null };
    },
    close: async () => {
      session.send('ROLLBACK;');
      await session.end();
    },
  };
}

export async function runScenario(cluster: Cluster, s: Scenario): Promise<Outcome> {
  const admin = await cluster.connect();
  const drivers: Driver[] = [];
  try {
    await admin.query(s.setup);
    for (let i = 0; i < s.sessions; i++) {
      drivers.push(await (s.driver === 'pg' ? pgDriver : psqlDriver)(cluster, s.lcMessages));
    }
    const pids = drivers.map((d) => d.pid);
    for (const [i, d] of drivers.entries()) {
      const first = await d.start(`BEGIN; ${s.first(i)}`);
      if (first.text) throw new Error(`${s.name}: first step of session ${i} failed: ${first.text}`);
    }
    const seconds: Promise<{ text: string; error: unknown }>[] = [];
    const secondStatements: Record<number, string> = {};
    let waits: LockRow[] = [];
    for (const [i, d] of drivers.entries()) {
      secondStatements[d.pid] = s.second(i, s.sessions);
      // COMMIT right after, so once the victim aborts the others finish one after another.
      seconds.push(d.start(`${s.second(i, s.sessions)} COMMIT;`));
      waits = await waitUntilWaiting(admin, pids, i + 1);
    }
    // Some cycles deadlock again once the first victim is gone, so the first failure is the one to read.
    const failed: { text: string; error: unknown; pid: number }[] = [];
    await Promise.all(seconds.map((p, i) => p.then((r) => r.text && failed.push({ ...r, pid: pids[i] ?? 0 }))));
    const victim = failed[0];
    if (!victim) throw new Error(`${s.name}: no session got a deadlock error`);
    return { pids, waits, victimPid: victim.pid, clientText: victim.text, clientError: victim.error, secondStatements };
  } finally {
    for (const d of drivers) await d.close().catch(() => undefined);
    await admin.end();
  }
}
