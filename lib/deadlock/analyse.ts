// Explains a parsed deadlock in plain language, names its pattern and picks fixes for that pattern.
import { RECOMMENDATIONS, type Recommendation } from './advice';
import type { DeadlockReport, LockTarget, TupleContext, WaitEdge } from './types';

export type DeadlockPattern =
  | 'row-order-inversion'
  | 'fk-parent-child'
  | 'unique-insert'
  | 'table-lock-upgrade'
  | 'table-lock-order'
  | 'advisory-key-order'
  | 'mixed'
  | 'unknown';

export interface DeadlockAnalysis {
  pattern: DeadlockPattern;
  patternTitle: string;
  /** One sentence per wait, in message order. */
  steps: string[];
  summary: string;
  recommendations: Recommendation[];
}

const TITLES: Record<DeadlockPattern, string> = {
  'row-order-inversion': 'Row-order inversion: transactions update the same rows in different orders',
  'fk-parent-child': 'Foreign-key parent/child: a child write waits on a locked parent row',
  'unique-insert': 'Unique-key inserts in different orders',
  'table-lock-upgrade': 'Table-lock upgrade: sessions hold a weak table lock and each asks for a stronger one',
  'table-lock-order': 'Table locks taken in different orders',
  'advisory-key-order': 'Advisory keys taken in different orders',
  mixed: 'Several kinds of lock in one cycle',
  unknown: 'Deadlock without a wait graph (the driver gave no DETAIL)',
};

const VERB: Record<TupleContext['operation'], string> = {
  update: 'was updating',
  delete: 'was deleting',
  lock: 'was locking',
  lockUpdated: 'was locking the updated version of',
  insertIndex: 'was inserting',
  checkUnique: 'was checking uniqueness of',
  recheck: 'was rechecking',
  exclusion: 'was checking an exclusion constraint on',
};

function describeTarget(t: LockTarget, blocker: number): string {
  switch (t.kind) {
    case 'transactionid':
      return `process ${blocker}'s transaction (${t.xid}) to finish, because it holds a row this one needs`;
    case 'tuple':
      return `row (${t.block},${t.offset}) of relation ${t.relationOid}, queued behind process ${blocker}`;
    case 'relation':
      return `a table lock on relation ${t.relationOid}, held by process ${blocker}`;
    case 'advisory':
      return `advisory lock ${t.key ?? (t.keys ? t.keys.join(', ') : `${t.key1},${t.key2}`)}, held by process ${blocker}`;
    default:
      return `${t.text}, held by process ${blocker}`;
  }
}

function step(edge: WaitEdge, report: DeadlockReport, first: boolean): string {
  const ctx = first ? report.tupleContext : null;
  const doing = ctx ? ` ${VERB[ctx.operation]} row (${ctx.block},${ctx.offset}) of ${ctx.relation} and` : '';
  const query = report.queries[edge.waiterPid];
  const ran = query ? ` (running: ${query.length > 120 ? query.slice(0, 117) + '…' : query})` : '';
  return `Process ${edge.waiterPid}${ran}${doing} waits (${edge.lockMode}) for ${describeTarget(edge.target, edge.blockerPid)}.`;
}

function detectPattern(report: DeadlockReport): DeadlockPattern {
  const kinds = new Set(report.edges.map((e) => e.target.kind));
  if (kinds.size === 0) return 'unknown';
  const text = [...report.context, ...Object.values(report.queries), report.statement ?? ''].join('\n');
  if (kinds.has('advisory')) return kinds.size === 1 ? 'advisory-key-order' : 'mixed';
  if (kinds.has('relation')) {
    if (kinds.size > 1) return 'mixed';
    const relations = new Set(report.edges.map((e) => (e.target.kind === 'relation' ? e.target.relationOid : 0)));
    return relations.size === 1 ? 'table-lock-upgrade' : 'table-lock-order';
  }
  if (/FOR KEY SHARE|SELECT 1 FROM ONLY/i.test(text)) return 'fk-parent-child';
  if (report.tupleContext?.operation === 'insertIndex' || report.tupleContext?.operation === 'checkUnique')
    return 'unique-insert';
  if ([...kinds].every((k) => k === 'transactionid' || k === 'tuple')) return 'row-order-inversion';
  return 'mixed';
}

const R = RECOMMENDATIONS;
const PLAN: Record<DeadlockPattern, Recommendation[]> = {
  'row-order-inversion': [R.rowOrder, R.retry, R.shortTransactions, R.lockTimeout],
  'fk-parent-child': [R.foreignKeys, R.rowOrder, R.retry, R.shortTransactions],
  'unique-insert': [R.upsert, R.retry, R.shortTransactions],
  'table-lock-upgrade': [R.tableLockOrder, R.migrationTimeout, R.lockTimeout, R.retry],
  'table-lock-order': [R.tableLockOrder, R.migrationTimeout, R.retry],
  'advisory-key-order': [R.advisoryOrder, R.retry, R.lockTimeout],
  mixed: [R.rowOrder, R.retry, R.shortTransactions, R.lockTimeout],
  unknown: [R.retry, R.logQueries, R.shortTransactions],
};

export function analyseDeadlock(report: DeadlockReport): DeadlockAnalysis {
  const pattern = detectPattern(report);
  const steps = report.edges.map((e, i) => step(e, report, i === 0));
  const cycle = report.cycles[0];
  const loop = cycle ? `${cycle.join(' → ')} → ${cycle[0]}` : '';
  const summary =
    report.edges.length === 0
      ? 'PostgreSQL reported a deadlock (SQLSTATE 40P01) but this text does not say which processes and locks were involved; the server log has them.'
      : [
          `${report.edges.length} processes waited on each other in a cycle${loop ? ` (${loop})` : ''}; PostgreSQL aborted process ${report.victimPid ?? '?'} to break it.`,
          ...steps,
          report.complete ? '' : 'The text was cut off, so the cycle shown may be partial.',
        ]
          .filter(Boolean)
          .join(' ');
  const recommendations = [...PLAN[pattern]];
  if (Object.keys(report.queries).length === 0 && pattern !== 'unknown') recommendations.push(R.logQueries);
  return { pattern, patternTitle: TITLES[pattern], steps, summary, recommendations };
}
