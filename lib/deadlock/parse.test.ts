import { readSentryFixture } from '@/tests/fixtures/sentry';
import { describe, expect, it } from 'vitest';
import { parseDeadlock, parseDeadlocks, parseLockTarget } from './index';

const fixtures = readSentryFixture('postgres-deadlock-messages.json') as {
  messages: { driver: string; text: string }[];
};

const twoWay = (a: number, b: number, xa: number, xb: number): string =>
  `Process ${a} waits for ShareLock on transaction ${xa}; blocked by process ${b}.\nProcess ${b} waits for ShareLock on transaction ${xb}; blocked by process ${a}.`;

describe('parseDeadlock on the public fixture messages', () => {
  for (const m of fixtures.messages) {
    it(m.driver, () => {
      const report = parseDeadlock(m.text);
      expect(report).not.toBeNull();
      const pids = [...m.text.matchAll(/Process (\d+) waits/g)].map((x) => Number(x[1]));
      expect(report?.victimPid).toBe(pids[0]);
      expect(report?.edges.map((e) => e.waiterPid)).toEqual(pids);
      expect(report?.edges.every((e) => e.target.kind === 'transactionid' && e.lockMode === 'ShareLock')).toBe(true);
      expect(report?.cycles).toEqual([pids]);
      expect(report?.complete).toBe(true);
      expect(report?.language).toBe('en');
      const relation = m.text.match(/in relation "([^"]+)"/)?.[1];
      if (relation) {
        expect(report?.relations).toContain(relation);
        expect(report?.tupleContext?.relation).toBe(relation);
      }
    });
  }

  it('reads the server log form with its multi-line queries', () => {
    const log = fixtures.messages.find((m) => m.driver === 'PostgreSQL server log')?.text ?? '';
    expect(parseDeadlock(log)?.queries).toEqual({
      22301: "UPDATE host SET lastused = now() AT TIME ZONE 'utc' WHERE lower(hostname) = lower($1)",
      22350:
        'UPDATE host SET sysgroupid = (SELECT sysgroupid FROM sysgroup WHERE name ~* $1 LIMIT 1) WHERE hostname ~* $2',
    });
  });

  it("takes DBI's appended statement out of the context", () => {
    const dbi = fixtures.messages.find((m) => m.driver.startsWith('DBD::Pg'))?.text ?? '';
    const report = parseDeadlock(dbi);
    expect(report?.statement).toMatch(/^UPDATE Builds SET iscurrent = \?/);
    expect(report?.context).toEqual(['while updating tuple (1952167,13) in relation "builds"']);
  });
});

describe('driver and logger wrappings', () => {
  it('Postgrex with escaped newlines', () => {
    const text =
      String.raw`** (Postgrex.Error) ERROR 40P01 (deadlock_detected) deadlock detected\n\n    hint: See server log for query details.\n\n` +
      twoWay(11, 12, 100, 101).replace(/\n/g, '\\n');
    const report = parseDeadlock(text);
    expect(report?.edges.map((e) => [e.waiterPid, e.blockerPid])).toEqual([
      [11, 12],
      [12, 11],
    ]);
    expect(report?.complete).toBe(true);
  });

  it('pgjdbc Detail:/Where:', () => {
    const text = `org.postgresql.util.PSQLException: ERROR: deadlock detected\n  Detail: ${twoWay(5, 6, 7, 8)}\n  Hint: See server log for query details.\n  Where: while locking tuple (0,3) in relation "orders"`;
    const report = parseDeadlock(text);
    expect(report?.context).toEqual(['while locking tuple (0,3) in relation "orders"']);
    expect(report?.tupleContext).toEqual({ operation: 'lock', block: 0, offset: 3, relation: 'orders' });
  });

  it('Go pgx without detail: a deadlock with no edges, incomplete', () => {
    const report = parseDeadlock('ERROR: deadlock detected (SQLSTATE 40P01)');
    expect(report).toMatchObject({ victimPid: null, edges: [], cycles: [], complete: false });
  });

  it('server log with prefixes, syslog #011 tabs and lost tabs', () => {
    const text = [
      '2024-05-01 10:00:00.1 UTC [42] app@db LOG:  process 42 detected deadlock while waiting for ShareLock on transaction 9 after 1000.1 ms',
      '2024-05-01 10:00:00.1 UTC [42] app@db ERROR:  deadlock detected',
      '2024-05-01 10:00:00.1 UTC [42] app@db DETAIL:  Process 42 waits for ShareLock on transaction 9; blocked by process 43.',
      '#011Process 43 waits for ShareLock on transaction 8; blocked by process 42.',
      'Process 42: UPDATE a SET x = 1 WHERE id = 2',
      '#011Process 43: UPDATE a SET x = 1',
      '   WHERE id = 1',
      '2024-05-01 10:00:00.1 UTC [42] app@db HINT:  See server log for query details.',
      '2024-05-01 10:00:00.1 UTC [42] app@db STATEMENT:  UPDATE a SET x = 1 WHERE id = 2',
    ].join('\n');
    const reports = parseDeadlocks(text);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.queries).toEqual({
      42: 'UPDATE a SET x = 1 WHERE id = 2',
      43: 'UPDATE a SET x = 1 WHERE id = 1',
    });
    expect(reports[0]?.statement).toBe('UPDATE a SET x = 1 WHERE id = 2');
    expect(reports[0]?.relations).toEqual(['a']);
  });

  it('several deadlocks in one log, in order', () => {
    const text = `ERROR:  deadlock detected\nDETAIL:  ${twoWay(1, 2, 10, 11)}\nERROR:  deadlock detected\nDETAIL:  ${twoWay(3, 4, 12, 13)}`;
    expect(parseDeadlocks(text).map((r) => r.victimPid)).toEqual([1, 3]);
  });

  it('a cut-off text gives a partial graph', () => {
    const full = `ERROR:  deadlock detected\nDETAIL:  ${twoWay(1, 2, 10, 11)}`;
    const cut = parseDeadlock(full.slice(0, full.indexOf('Process 2 waits') + 30));
    expect(cut?.edges).toHaveLength(1);
    expect(cut?.complete).toBe(false);
    expect(parseDeadlock(full)?.complete).toBe(true);
  });

  it('returns null for text without a deadlock', () => {
    expect(parseDeadlock('ERROR: duplicate key value violates unique constraint')).toBeNull();
    expect(parseDeadlock('')).toBeNull();
  });
});

describe('translated server messages', () => {
  it('German, with the tuple target', () => {
    const report = parseDeadlock(
      'FEHLER:  Verklemmung (Deadlock) entdeckt\nDETAIL:  Prozess 1 wartet auf ExclusiveLock-Sperre auf Tupel (0, 5) von Relation 16384 von Datenbank 5; blockiert von Prozess 2.\nProzess 2 wartet auf ShareLock-Sperre auf Transaktion 740; blockiert von Prozess 1.',
    );
    expect(report?.language).toBe('de');
    expect(report?.edges[0]?.target).toMatchObject({
      kind: 'tuple',
      block: 0,
      offset: 5,
      relationOid: 16384,
      databaseOid: 5,
    });
    expect(report?.complete).toBe(true);
  });

  it('Japanese prints tuples as (offset, block)', () => {
    expect(parseLockTarget('データベース5のリレーション16384のタプル(7,3)', 'ja')).toMatchObject({
      kind: 'tuple',
      block: 3,
      offset: 7,
    });
  });

  it('French and Russian wait lines', () => {
    const fr = parseDeadlock(
      'ERREUR:  interblocage (deadlock) détecté\nDÉTAIL:  Le processus 1 attend ShareLock sur transaction 5 ; bloqué par le processus 2.',
    );
    expect(fr?.edges[0]).toMatchObject({ waiterPid: 1, blockerPid: 2, target: { kind: 'transactionid', xid: 5 } });
    expect(fr?.language).toBe('fr');
    const ru = parseDeadlock(
      'ОШИБКА:  обнаружена взаимоблокировка\nПОДРОБНОСТИ:  Процесс 3 ожидает в режиме ExclusiveLock блокировку "отношение 16390 базы данных 5"; заблокирован процессом 4.',
    );
    expect(ru?.edges[0]?.target).toMatchObject({ kind: 'relation', relationOid: 16390, databaseOid: 5 });
    expect(ru?.language).toBe('ru');
  });
});

describe('lock targets (DescribeLockTag)', () => {
  it.each([
    ['virtual transaction 3/17', { kind: 'virtualxid', backendId: 3, localXid: 17 }],
    ['page 4 of relation 1259 of database 5', { kind: 'page', page: 4, relationOid: 1259, databaseOid: 5 }],
    ['extension of relation 16384 of database 5', { kind: 'extend', relationOid: 16384 }],
    ['object 16390 of class 1259 of database 5', { kind: 'object', objectId: 16390, classId: 1259 }],
    ['speculative token 2 of transaction 731', { kind: 'spectoken', token: 2, xid: 731 }],
    ['pg_database.datfrozenxid of database 5', { kind: 'frozenid', databaseOid: 5 }],
    ['user lock [1,2,3]', { kind: 'userlock', field1: 1, field2: 2, field3: 3 }],
    [
      'remote transaction 750 of subscription 16400 of database 5',
      { kind: 'applytransaction', remoteXid: 750, subscriptionOid: 16400 },
    ],
    ['advisory lock [5,256,5,1]', { kind: 'advisory', keyKind: 'bigint', key: '1099511627781' }],
    ['advisory lock [5,7,4294967295,2]', { kind: 'advisory', keyKind: 'int4pair', keys: [7, -1] }],
    ['advisory lock [5,4294967295,4294967295,1]', { kind: 'advisory', key: '-1' }],
    ['something new', { kind: 'unknown' }],
  ])('%s', (text, expected) => {
    expect(parseLockTarget(text, 'en')).toMatchObject(expected);
  });
});
