// Dexter's PostgreSQL deadlock analyzer: read a deadlock out of any error text, explain it, and
// describe it for the LLM prompt.
export { parseDeadlock, parseDeadlocks, findCycles, normaliseInput } from './parse';
export { parseLockTarget } from './targets';
export type { DeadlockReport, LockKind, LockTarget, TupleContext, WaitEdge } from './types';
export { findDeadlockText, deadlockTextOf, eventDeadlocks, deadlockSection, type EventDeadlocks } from './event';
export { analyseDeadlock, type DeadlockAnalysis, type DeadlockPattern } from './analyse';
export { RECOMMENDATIONS, type Recommendation, type DocLink } from './advice';
export { deadlockPromptSection } from './prompt';
