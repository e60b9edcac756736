// The shape of a parsed PostgreSQL deadlock. Lock kinds use pg_locks.locktype's names, one per
// description that PostgreSQL's DescribeLockTag (src/backend/storage/lmgr/lmgr.c) writes.

interface TargetText {
  /** The description as the server wrote it, e.g. "transaction 28852054". */
  text: string;
}

export type LockTarget = TargetText &
  (
    | { kind: 'transactionid'; xid: number }
    | { kind: 'virtualxid'; backendId: number; localXid: number }
    | { kind: 'relation'; relationOid: number; databaseOid: number }
    | { kind: 'tuple'; block: number; offset: number; relationOid: number; databaseOid: number }
    | {
        kind: 'advisory';
        databaseOid: number;
        key1: number;
        key2: number;
        /** From the tag's 4th field: 1 = one bigint key, 2 = two int4 keys. */
        keyKind: 'bigint' | 'int4pair' | 'unknown';
        /** The bigint key (signed, as text: it may exceed 2^53) when keyKind is 'bigint'. */
        key?: string;
        /** The two signed int4 keys when keyKind is 'int4pair'. */
        keys?: [number, number];
      }
    | { kind: 'page'; page: number; relationOid: number; databaseOid: number }
    | { kind: 'extend'; relationOid: number; databaseOid: number }
    | { kind: 'object'; objectId: number; classId: number; databaseOid: number }
    | { kind: 'spectoken'; token: number; xid: number }
    | { kind: 'frozenid'; databaseOid: number }
    | { kind: 'userlock'; field1: number; field2: number; field3: number }
    | { kind: 'applytransaction'; remoteXid: number; subscriptionOid: number; databaseOid: number }
    | { kind: 'unknown' }
  );

export type LockKind = LockTarget['kind'];

export interface WaitEdge {
  waiterPid: number;
  blockerPid: number;
  /** PostgreSQL's lock mode name, e.g. "ShareLock", "AccessExclusiveLock". */
  lockMode: string;
  target: LockTarget;
}

/** What the server was doing when it waited (a "while updating tuple (0,8) in relation …" line). */
export interface TupleContext {
  operation: 'update' | 'delete' | 'lock' | 'lockUpdated' | 'insertIndex' | 'checkUnique' | 'recheck' | 'exclusion';
  block: number;
  offset: number;
  relation: string;
}

export interface DeadlockReport {
  /** The process that got the error: the first "Process N waits" line is always its own. */
  victimPid: number | null;
  /** Wait-for edges in message order. */
  edges: WaitEdge[];
  /** Pids of each wait-for cycle, starting from its first edge's waiter. */
  cycles: number[][];
  /** "Process N: <query>" lines (server log only), whitespace normalised. */
  queries: Record<number, string>;
  /** CONTEXT / Where: lines. */
  context: string[];
  /** The victim's tuple context, when a context line names one. */
  tupleContext: TupleContext | null;
  /** The statement the victim ran, when the text carries one (STATEMENT:, DBI's "for Statement"). */
  statement: string | null;
  relations: string[];
  /** Language of the server messages: 'en', 'de', 'fr', 'ru', 'ja', 'es', 'it', 'sv', 'uk', 'zh', 'ko'. */
  language: string;
  /** False when the text was cut off or carried no wait graph, so the graph is partial. */
  complete: boolean;
}
