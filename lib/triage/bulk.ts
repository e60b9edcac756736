// Bulk changes with per-issue truth. Sentry's bulk PUT answers with a delta, says nothing of ids it skipped, and
// when NONE of the ids match it falls back to the search query and changes up to 1000 other issues. So, per run of
// ids (sized to fit the request line):
//   1. read the run's issues (one `group=` request): only ids that exist are sent, and their prior state is kept;
//      a run that cannot be read is not sent at all;
//   2. one PUT for the ids that exist;
//   3. read them again, and report each issue: changed, or not changed with Sentry's reason (the PUT's error) or
//      what Sentry left it as.
// The Sentry calls are injected (the background passes its client), so the whole pipeline runs against fakes.
import type { Issue } from '../sentry/schemas';
import { priorOf, type PriorState } from './prior';
import { restoreBody, restoreKey, type RestorePlan } from './restore';

export interface UpdateBody {
  status: string;
  substatus?: string;
  statusDetails?: Record<string, unknown>;
}
/** What a re-read must show for an issue to count as changed. */
export interface Expect {
  status: string;
  substatus?: string;
}

export interface BulkOps {
  /** Runs of ids that each fit one read and one PUT. */
  chunks(ids: readonly string[]): string[][];
  /** One `group=` read; ids missing from the answer do not exist (for this org and token). */
  read(ids: readonly string[]): Promise<Issue[]>;
  /** One bulk PUT; 204 means Sentry matched none of the ids. Throws Sentry's error. */
  put(ids: readonly string[], body: UpdateBody): Promise<200 | 204>;
  /** Sentry's reason for an error, in words. */
  reason(error: unknown): string;
  /** True when Sentry turned the request away without acting on it (429), so sending it again is safe. */
  notApplied?(error: unknown): boolean;
}

export interface Failure {
  id: string;
  reason: string;
}
/** An issue as the re-read found it. */
export interface IssueState {
  id: string;
  status: string;
  substatus: string | null;
}
export interface ChangeReport {
  updated: string[];
  failed: Failure[];
  /** The state before the change of every issue that was sent. */
  prior: PriorState[];
  /** The state after, of every issue the re-read returned. */
  after: IssueState[];
}

const state = (i: Issue): IssueState => ({
  id: i.id,
  status: i.status ?? 'unresolved',
  substatus: i.substatus ?? null,
});
const SUBSTATUS_WORDS: Record<string, string> = {
  archived_until_escalating: 'archived until escalating',
  archived_until_condition_met: 'archived until a condition is met',
  archived_forever: 'archived forever',
  escalating: 'escalating',
  ongoing: 'ongoing',
  regressed: 'regressed',
  new: 'new',
};

/** "unresolved (regressed)", "ignored (archived forever)", "resolved". */
export function describeState(s: Pick<IssueState, 'status' | 'substatus'>): string {
  const sub = s.substatus ? (SUBSTATUS_WORDS[s.substatus] ?? s.substatus) : null;
  return sub ? `${s.status} (${sub})` : s.status;
}

export function matches(s: Pick<IssueState, 'status' | 'substatus'>, expect: Expect): boolean {
  return s.status === expect.status && (expect.substatus === undefined || s.substatus === expect.substatus);
}

export const REASONS = {
  unread: (why: string) => `Dexter could not read it before changing it (${why}), so nothing was sent for it.`,
  missing: 'Sentry has no such issue in this organization now (deleted or merged?); nothing was sent for it.',
  gone: 'Sentry no longer has it after the change (deleted or merged meanwhile).',
  unknown: (why: string) => `Sent, but Dexter could not read it back (${why}): whether it changed is not known.`,
  left: (s: IssueState) => `Sentry left it ${describeState(s)}.`,
  noneMatched: 'Sentry matched none of these issues when changing them (deleted or merged meanwhile?).',
};

export interface ChangeOptions {
  /** Why an existing issue must not be sent (undo: it changed since), or null to send it. */
  guard?: (issue: Issue) => string | null;
  /** After each run: how many of the ids are done. */
  onProgress?: (done: number) => void;
}

/** One change (one PUT body) for many issues, run by run, with the reads before and after. */
export async function changeIssues(
  ops: BulkOps,
  ids: readonly string[],
  body: UpdateBody,
  expect: Expect,
  opts: ChangeOptions = {},
): Promise<ChangeReport> {
  const report: ChangeReport = { updated: [], failed: [], prior: [], after: [] };
  let done = 0;
  for (const run of ops.chunks(ids)) {
    await changeRun(ops, run, body, expect, opts, report);
    done += run.length;
    opts.onProgress?.(done);
  }
  return report;
}

async function changeRun(
  ops: BulkOps,
  run: string[],
  body: UpdateBody,
  expect: Expect,
  opts: ChangeOptions,
  report: ChangeReport,
): Promise<void> {
  const fail = (ids: readonly string[], reason: string) => report.failed.push(...ids.map((id) => ({ id, reason })));
  let before: Issue[];
  try {
    before = await ops.read(run);
  } catch (error) {
    return void fail(run, REASONS.unread(ops.reason(error)));
  }
  const found = new Map(before.map((i) => [i.id, i]));
  const send: string[] = [];
  for (const id of run) {
    const issue = found.get(id);
    const refused = issue ? (opts.guard?.(issue) ?? null) : REASONS.missing;
    if (refused) fail([id], refused);
    else send.push(id);
  }
  if (!send.length) return; // never a PUT whose ids may all miss: Sentry would change the search's issues instead
  report.prior.push(...send.map((id) => priorOf(found.get(id)!)));

  let putError: string | null = null;
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await ops.put(send, body)) === 204) putError = REASONS.noneMatched;
    } catch (error) {
      // A rate-limited write was not applied: once more (the limiter waits out Retry-After first).
      if (attempt === 0 && ops.notApplied?.(error)) continue;
      putError = ops.reason(error);
    }
    break;
  }
  // Read back even after an error: a failed answer does not prove nothing changed.
  let after: Issue[];
  try {
    after = await ops.read(send);
  } catch (error) {
    return void fail(send, putError ?? REASONS.unknown(ops.reason(error)));
  }
  const now = new Map(after.map((i) => [i.id, state(i)]));
  report.after.push(...now.values());
  for (const id of send) {
    const s = now.get(id);
    if (s && matches(s, expect)) report.updated.push(id);
    else fail([id], putError ?? (s ? REASONS.left(s) : REASONS.gone));
  }
}

export interface BulkPlan {
  /** Ids Sentry has no issue for: nothing will be sent for them. */
  missing: string[];
  /** Issues whose state now cannot be read or set again: no undo for them. */
  noUndo: Failure[];
}

/** Before a change: which issues could not be undone (to ask the user first). Reads only. */
export async function planChange(ops: BulkOps, ids: readonly string[], now: number): Promise<BulkPlan> {
  const plan: BulkPlan = { missing: [], noUndo: [] };
  for (const run of ops.chunks(ids)) {
    let issues: Issue[];
    try {
      issues = await ops.read(run);
    } catch (error) {
      plan.noUndo.push(
        ...run.map((id) => ({ id, reason: `Dexter could not read its current state (${ops.reason(error)}).` })),
      );
      continue;
    }
    const found = new Map(issues.map((i) => [i.id, i]));
    for (const id of run) {
      const issue = found.get(id);
      if (!issue) {
        plan.missing.push(id);
        continue;
      }
      const r = restoreBody(priorOf(issue), now);
      if (!r.ok) plan.noUndo.push({ id, reason: `Undo could not set it back: ${r.reason}.` });
    }
  }
  return plan;
}

/** Undo: each issue back to its prior state, grouped into one change per identical PUT. Only issues still in the
 *  state the action left (`after`) are touched; one changed since by someone else is left as it is. */
export async function restoreIssues(
  ops: BulkOps,
  items: readonly PriorState[],
  after: string,
  now: number,
  onProgress?: (done: number) => void,
): Promise<ChangeReport> {
  const report: ChangeReport = { updated: [], failed: [], prior: [], after: [] };
  const groups = new Map<string, { plan: RestorePlan; ids: string[] }>();
  for (const item of items) {
    const r = restoreBody(item, now);
    if (!r.ok) {
      report.failed.push({ id: item.id, reason: `Undo could not set it back: ${r.reason}.` });
      continue;
    }
    const key = restoreKey(item, r);
    const g = groups.get(key) ?? { plan: r, ids: [] };
    g.ids.push(item.id);
    groups.set(key, g);
  }
  const guard = (i: Issue) =>
    (i.status ?? 'unresolved') === after
      ? null
      : `It changed in Sentry since (now ${describeState(state(i))}); Dexter left it as it is.`;
  let done = report.failed.length;
  for (const { plan, ids } of groups.values()) {
    const r = await changeIssues(ops, ids, plan.body, plan.expect, {
      guard,
      onProgress: (n) => onProgress?.(done + n),
    });
    done += ids.length;
    report.updated.push(...r.updated);
    report.failed.push(...r.failed);
    report.after.push(...r.after);
  }
  return report;
}
