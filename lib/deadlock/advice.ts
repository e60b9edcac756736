// Fixes for deadlocks, each anchored to the PostgreSQL documentation section that explains it.

export interface DocLink {
  section: string;
  url: string;
}

export interface Recommendation {
  id: string;
  title: string;
  why: string;
  example: string;
  docs: DocLink[];
}

const DOCS = {
  deadlocks: {
    section: 'Explicit Locking › Deadlocks',
    url: 'https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-DEADLOCKS',
  },
  rowLocks: {
    section: 'Explicit Locking › Row-Level Locks',
    url: 'https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-ROWS',
  },
  tableLocks: {
    section: 'Explicit Locking › Table-Level Locks',
    url: 'https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-TABLES',
  },
  advisory: {
    section: 'Explicit Locking › Advisory Locks',
    url: 'https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS',
  },
  lockingClause: {
    section: 'SELECT › The Locking Clause',
    url: 'https://www.postgresql.org/docs/current/sql-select.html#SQL-FOR-UPDATE-SHARE',
  },
  lockTimeout: {
    section: 'Client Connection Defaults › lock_timeout',
    url: 'https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-LOCK-TIMEOUT',
  },
  retry: {
    section: 'Serialization Failure Handling',
    url: 'https://www.postgresql.org/docs/current/mvcc-serialization-failure-handling.html',
  },
  errcodes: {
    section: 'PostgreSQL Error Codes (40P01 deadlock_detected)',
    url: 'https://www.postgresql.org/docs/current/errcodes-appendix.html',
  },
  foreignKeys: {
    section: 'Constraints › Foreign Keys',
    url: 'https://www.postgresql.org/docs/current/ddl-constraints.html#DDL-CONSTRAINTS-FK',
  },
  logLockWaits: {
    section: 'Error Reporting and Logging › log_lock_waits',
    url: 'https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-LOCK-WAITS',
  },
  insertOnConflict: {
    section: 'INSERT › ON CONFLICT Clause',
    url: 'https://www.postgresql.org/docs/current/sql-insert.html#SQL-ON-CONFLICT',
  },
} satisfies Record<string, DocLink>;

export const RECOMMENDATIONS = {
  rowOrder: {
    id: 'row-order',
    title: 'Take row locks in one order',
    why: 'Two transactions that lock the same rows in opposite orders wait for each other. Locking in a fixed order (e.g. by primary key) makes one wait for the other instead.',
    example:
      'BEGIN;\nSELECT id FROM accounts WHERE id IN (1, 2) ORDER BY id FOR UPDATE;\nUPDATE accounts SET balance = balance - 10 WHERE id = 1;\nUPDATE accounts SET balance = balance + 10 WHERE id = 2;\nCOMMIT;',
    docs: [DOCS.deadlocks, DOCS.rowLocks, DOCS.lockingClause],
  },
  retry: {
    id: 'retry',
    title: 'Retry on SQLSTATE 40P01 with jitter',
    why: 'PostgreSQL aborts one transaction to break the cycle; the others go on. Retrying the whole transaction after a short random pause usually succeeds.',
    example:
      "for (let attempt = 1; ; attempt++) {\n  try { return await runTransaction(); }\n  catch (e) {\n    if (e.code !== '40P01' || attempt === 5) throw e;\n    await sleep(50 * attempt + Math.random() * 100);\n  }\n}",
    docs: [DOCS.retry, DOCS.errcodes],
  },
  shortTransactions: {
    id: 'short-transactions',
    title: 'Keep transactions short',
    why: 'Locks are held until commit; the less a transaction does while holding them (no network calls, no user think-time), the smaller the window for a cycle.',
    example: '-- do slow work (HTTP calls, file I/O) before BEGIN, then:\nBEGIN; UPDATE …; UPDATE …; COMMIT;',
    docs: [DOCS.deadlocks],
  },
  foreignKeys: {
    id: 'foreign-keys',
    title: 'Index foreign-key columns and write parent before child in one order',
    why: 'Inserting or updating a child row takes FOR KEY SHARE on its parent row; updating or deleting parents scans the child table. Unindexed FK columns and parent/child writes in different orders lead to cycles.',
    example:
      'CREATE INDEX CONCURRENTLY ON child (parent_id);\n-- in every code path: lock/update the parent first, then write children\nSELECT 1 FROM parent WHERE id = $1 FOR NO KEY UPDATE;\nINSERT INTO child (parent_id, …) VALUES ($1, …);',
    docs: [DOCS.foreignKeys, DOCS.rowLocks],
  },
  lockTimeout: {
    id: 'lock-timeout',
    title: 'Bound waits with lock_timeout, NOWAIT or SKIP LOCKED',
    why: 'A statement that cannot wait forever cannot join a long wait cycle; queue workers can skip rows another worker holds.',
    example:
      "SET LOCAL lock_timeout = '2s';\nSELECT * FROM jobs WHERE state = 'ready' ORDER BY id LIMIT 10 FOR UPDATE SKIP LOCKED;",
    docs: [DOCS.lockTimeout, DOCS.lockingClause],
  },
  advisoryOrder: {
    id: 'advisory-order',
    title: 'Take advisory locks in one key order',
    why: 'Advisory locks deadlock like any other lock when two sessions take the same keys in different orders.',
    example: 'SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k ORDER BY k;',
    docs: [DOCS.advisory, DOCS.deadlocks],
  },
  tableLockOrder: {
    id: 'table-lock-order',
    title: 'Take the strongest table lock first, in one table order',
    why: 'Upgrading a weak table lock (taken by a plain read or write) to a stronger one while another session holds a weak lock too is a classic deadlock; take the needed mode up front.',
    example:
      'BEGIN;\nLOCK TABLE orders IN SHARE ROW EXCLUSIVE MODE;  -- first statement, same table order everywhere\n…\nCOMMIT;',
    docs: [DOCS.tableLocks, DOCS.deadlocks],
  },
  migrationTimeout: {
    id: 'migration-lock-timeout',
    title: 'Run migrations with a lock_timeout',
    why: 'DDL needs ACCESS EXCLUSIVE locks; with a lock_timeout a migration gives up (and can be retried) instead of queueing behind and in front of application traffic.',
    example: "SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN note text;",
    docs: [DOCS.lockTimeout, DOCS.tableLocks],
  },
  upsert: {
    id: 'upsert-order',
    title: 'Insert unique keys in one order, or use ON CONFLICT',
    why: 'Concurrent inserts of the same unique keys wait on each other’s transactions; batches that insert keys in different orders deadlock.',
    example: 'INSERT INTO tags (name) SELECT unnest($1::text[]) ORDER BY 1\nON CONFLICT (name) DO NOTHING;',
    docs: [DOCS.insertOnConflict, DOCS.deadlocks],
  },
  logQueries: {
    id: 'log-lock-waits',
    title: 'Turn on log_lock_waits to see every query in the cycle',
    why: 'The client error names only processes and locks; the server log adds each process’s query.',
    example: 'ALTER SYSTEM SET log_lock_waits = on; SELECT pg_reload_conf();',
    docs: [DOCS.logLockWaits, DOCS.deadlocks],
  },
} satisfies Record<string, Recommendation>;
