// Real deadlocks on a throwaway PostgreSQL: what each client and the server log say is parsed and
// checked against pg_locks, read while every session of the cycle waited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDeadlockText, parseDeadlocks, type DeadlockReport, type WaitEdge } from '@/lib/deadlock';
import { normaliseWhitespace } from '@/lib/deadlock/sql';
import { availableMessageLocales, findPgBin, startCluster, type Cluster } from './cluster';
import { runScenario, type LockRow, type Outcome, type Scenario } from './scenarios';

const pgBin = findPgBin();
const binDir = pgBin.path;

const BIG = 2 ** 40 + 5;
const rows =
  'DROP TABLE IF EXISTS accounts; CREATE TABLE accounts (id int PRIMARY KEY, balance int); INSERT INTO accounts SELECT g, 100 FROM generate_series(1, 10) g;';

const SCENARIOS: (Scenario & { language: string; kinds: string[] })[] = [
  {
    name: 'rows, 2 sessions, node-postgres, en',
    driver: 'pg',
    language: 'en',
    kinds: ['transactionid'],
    sessions: 2,
    setup: rows,
    first: (i) => `UPDATE accounts SET balance = balance - 1 WHERE id = ${i + 1};`,
    second: (i, n) => `UPDATE accounts SET balance = balance + 1 WHERE id = ${((i + 1) % n) + 1};`,
  },
  {
    name: 'rows, 3 sessions, psql, de',
    driver: 'psql',
    lcMessages: 'de_DE.UTF-8',
    language: 'de',
    kinds: ['transactionid'],
    sessions: 3,
    setup: rows,
    first: (i) => `UPDATE accounts SET balance = balance - 1 WHERE id = ${i + 1};`,
    second: (i, n) => `UPDATE accounts SET balance = balance + 1 WHERE id = ${((i + 1) % n) + 1};`,
  },
  {
    name: 'row + tuple lock, 3 sessions, psql, ja',
    driver: 'psql',
    lcMessages: 'ja_JP.UTF-8',
    language: 'ja',
    kinds: ['transactionid', 'tuple'],
    sessions: 3,
    setup: rows,
    // A holds row 1, C holds row 2; B queues on row 1 (holding its tuple lock), C queues behind B, A wants row 2.
    first: (i) => (i === 1 ? 'SELECT 1;' : `UPDATE accounts SET balance = 0 WHERE id = ${i === 0 ? 1 : 2};`),
    second: (i) => `UPDATE accounts SET balance = 1 WHERE id = ${i === 0 ? 2 : 1};`,
  },
  {
    name: 'LOCK TABLE, 2 sessions, node-postgres, ja',
    driver: 'pg',
    lcMessages: 'ja_JP.UTF-8',
    language: 'ja',
    kinds: ['relation'],
    sessions: 2,
    setup: 'DROP TABLE IF EXISTS lt_0, lt_1; CREATE TABLE lt_0 (id int); CREATE TABLE lt_1 (id int);',
    first: (i) => `LOCK TABLE lt_${i} IN SHARE ROW EXCLUSIVE MODE;`,
    second: (i, n) => `LOCK TABLE lt_${(i + 1) % n} IN SHARE ROW EXCLUSIVE MODE;`,
  },
  {
    name: 'advisory bigint keys, 4 sessions, node-postgres, fr',
    driver: 'pg',
    lcMessages: 'fr_FR.UTF-8',
    language: 'fr',
    kinds: ['advisory'],
    sessions: 4,
    setup: 'SELECT 1',
    first: (i) => `SELECT pg_advisory_xact_lock(${BIG + i});`,
    second: (i, n) => `SELECT pg_advisory_xact_lock(${BIG + ((i + 1) % n)});`,
  },
  {
    name: 'advisory int4 pairs, 2 sessions, psql, ru',
    driver: 'psql',
    lcMessages: 'ru_RU.UTF-8',
    language: 'ru',
    kinds: ['advisory'],
    sessions: 2,
    setup: 'SELECT 1',
    first: (i) => `SELECT pg_advisory_xact_lock(7, ${-1 - i});`,
    second: (i, n) => `SELECT pg_advisory_xact_lock(7, ${-1 - ((i + 1) % n)});`,
  },
  {
    name: 'foreign key parent/child, 2 sessions, node-postgres, ru',
    driver: 'pg',
    lcMessages: 'ru_RU.UTF-8',
    language: 'ru',
    kinds: ['transactionid'],
    sessions: 2,
    setup:
      'DROP TABLE IF EXISTS child, parent; CREATE TABLE parent (id int PRIMARY KEY); CREATE TABLE child (id serial, parent_id int REFERENCES parent); INSERT INTO parent VALUES (1), (2);',
    first: (i) => `SELECT * FROM parent WHERE id = ${i + 1} FOR UPDATE;`,
    second: (i, n) => `INSERT INTO child (parent_id) VALUES (${((i + 1) % n) + 1});`,
  },
];

/** The parsed edge must be one of the waits pg_locks showed: same waiter, mode, lock and a real blocker. */
function expectEdgeInTruth(edge: WaitEdge, waits: LockRow[]): void {
  const row = waits.find((w) => w.pid === edge.waiterPid && w.locktype === edge.target.kind);
  expect(row, `pg_locks has no ${edge.target.kind} wait of ${edge.waiterPid}`).toBeDefined();
  if (!row) return;
  expect(edge.lockMode).toBe(row.mode);
  expect(row.blockers).toContain(edge.blockerPid);
  const t = edge.target;
  if (t.kind === 'transactionid') expect(t.xid).toBe(Number(row.transactionid));
  if (t.kind === 'relation') expect([t.relationOid, t.databaseOid]).toEqual([row.relation, row.database]);
  if (t.kind === 'tuple')
    expect([t.block, t.offset, t.relationOid, t.databaseOid]).toEqual([
      row.page,
      row.tuple,
      row.relation,
      row.database,
    ]);
  if (t.kind === 'advisory') {
    expect([t.databaseOid, t.key1, t.key2]).toEqual([row.database, Number(row.classid), Number(row.objid)]);
    expect(t.keyKind).toBe(row.objsubid === 1 ? 'bigint' : 'int4pair');
  }
}

function expectMatchesTruth(report: DeadlockReport | null, outcome: Outcome, s: (typeof SCENARIOS)[number]): void {
  expect(report).not.toBeNull();
  if (!report) return;
  expect(report.language).toBe(s.language);
  expect(report.victimPid).toBe(outcome.victimPid);
  expect(report.complete).toBe(true);
  expect(report.cycles).toHaveLength(1);
  expect(report.cycles[0]?.[0]).toBe(outcome.victimPid);
  expect(new Set(report.cycles[0])).toEqual(new Set(report.edges.map((e) => e.waiterPid)));
  for (const pid of report.cycles[0] ?? []) expect(outcome.pids).toContain(pid);
  for (const edge of report.edges) expectEdgeInTruth(edge, outcome.waits);
  for (const kind of new Set(report.edges.map((e) => e.target.kind))) expect(s.kinds).toContain(kind);
}

/** The ingest-shape event that Sentry's Node SDK sends for a node-postgres error with extraErrorData. */
function sentryEventFor(error: unknown): object {
  const e = error as Record<string, unknown>;
  const {
    message,
    stack: _stack,
    ...props
  } = Object.fromEntries(
    Object.entries(e).concat([
      ['message', e.message],
      ['stack', e.stack],
    ]),
  );
  return { exception: { values: [{ type: 'error', value: message }] }, contexts: { DatabaseError: props } };
}

// Without PostgreSQL this file fails once, with the line that says what to install or set (not a skip nobody reads).
describe.runIf(pgBin.missing !== undefined)('PostgreSQL', () => {
  it('is installed', () => {
    expect.fail(pgBin.missing);
  });
});

describe.skipIf(!binDir)('real PostgreSQL deadlocks', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ deadlock_timeout: '1s', log_lock_waits: 'on', log_line_prefix: '%m [%p] %q%u@%d ' });
  });
  afterAll(async () => cluster?.stop());

  it('has the server message locales the scenarios need (tests/pg/README.md installs them)', () => {
    expect(availableMessageLocales(binDir ?? '')).toEqual(
      expect.arrayContaining(['de_DE.UTF-8', 'fr_FR.UTF-8', 'ru_RU.UTF-8', 'ja_JP.UTF-8']),
    );
  });

  for (const s of SCENARIOS) {
    it(s.name, async () => {
      const outcome = await runScenario(cluster, s);
      expect(outcome.waits.length).toBeGreaterThanOrEqual(s.sessions);

      // What the client got.
      const clientText = s.driver === 'pg' ? findDeadlockText(sentryEventFor(outcome.clientError)) : outcome.clientText;
      const client = parseDeadlocks(clientText ?? '');
      expect(client).toHaveLength(1);
      expectMatchesTruth(client[0] ?? null, outcome, s);
      expect(client[0]?.edges).toHaveLength(s.sessions);

      // What the server logged: the same graph, plus every session's query.
      const logged = parseDeadlocks(cluster.readLog()).find((r) => r.victimPid === outcome.victimPid);
      expectMatchesTruth(logged ?? null, outcome, s);
      expect(logged?.edges).toEqual(client[0]?.edges);
      for (const pid of logged?.cycles[0] ?? []) {
        expect(logged?.queries[pid]).toContain(normaliseWhitespace(outcome.secondStatements[pid] ?? '?'));
      }
    });
  }
});
