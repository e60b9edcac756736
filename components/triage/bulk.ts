// Bulk Resolve / Ignore / Unresolve and Undo for a triage store. Each change is planned first (the background reads
// the issues and says which could not be undone), asked about when it must be (too many issues, or some without
// undo), then sent in parts so progress moves; every issue comes back changed or not-and-why, and the failed ones
// stay selected. Undo sends each changed issue's prior state back and reports per issue the same way.
import type { DexterError } from '@/lib/messages';
import type { Issue } from '@/lib/sentry/schemas';
import type { Failure, IssueState } from '@/lib/triage/bulk';
import type { PriorState } from '@/lib/triage/prior';
import { send } from '../api';
import { chunk, type IssueRow } from './rows';
import type { BulkStatus, IssueOutcome, TriageState } from './store';

type Get = () => TriageState;
type Set = (partial: Partial<TriageState>) => void;
interface BulkOptions {
  confirmAbove: number;
  sendChunk: number;
  rescore(issues: readonly Issue[]): IssueRow[];
}

const DONE: Record<BulkStatus, string> = { resolved: 'Resolved', ignored: 'Ignored', unresolved: 'Unresolved' };
/** The most ids the background plans in one message. */
const PLAN_CHUNK = 10_000;

const errorText = (e: DexterError) => (e.nextStep ? `${e.message} ${e.nextStep}` : e.message);

interface Tally {
  updated: string[];
  failed: Failure[];
  after: IssueState[];
  prior: PriorState[];
}

export function bulkActions(get: Get, set: Set, o: BulkOptions) {
  /** The loaded issues take the state Sentry showed on the re-read, so the list tells the truth. */
  const applyAfter = (after: readonly IssueState[]) => {
    const byId = new Map(after.map((a) => [a.id, a]));
    if (!byId.size) return;
    const { issues, rows } = get();
    const fresh = new Map<string, IssueRow>();
    const nextIssues = issues.map((i) => {
      const a = byId.get(i.id);
      if (!a) return i;
      const changed = { ...i, status: a.status, substatus: a.substatus };
      fresh.set(i.id, o.rescore([changed])[0]!);
      return changed;
    });
    set({ issues: nextIssues, rows: rows.map((r) => fresh.get(r.id) ?? r) });
  };

  /** Outcomes, selection and the summary after a change or an undo. */
  const finish = (t: Tally, text: string, extra: Partial<TriageState>) => {
    applyAfter(t.after);
    const outcomes: Record<string, IssueOutcome> = {};
    for (const id of t.updated) outcomes[id] = { ok: true, text };
    for (const f of t.failed) outcomes[f.id] = { ok: false, text: f.reason };
    const failures = Object.fromEntries(t.failed.map((f) => [f.id, f.reason]));
    set({ progress: null, outcomes, failures, selected: new Set(Object.keys(failures)), ...extra });
  };

  /** Sends ids in parts of `sendChunk`, each part one message, progress after each. */
  const inParts = async <T>(
    items: readonly T[],
    idOf: (x: T) => string,
    status: BulkStatus,
    undo: boolean,
    sendPart: (part: T[]) => ReturnType<typeof send<never>>,
  ): Promise<Tally> => {
    const t: Tally = { updated: [], failed: [], after: [], prior: [] };
    set({ progress: { status, done: 0, total: items.length, undo } });
    for (const part of chunk(items, o.sendChunk)) {
      const r = (await sendPart(part)) as { ok: true; data: Partial<Tally> } | { ok: false; error: DexterError };
      if (r.ok) {
        t.updated.push(...(r.data.updated ?? []));
        t.failed.push(...(r.data.failed ?? []));
        t.after.push(...(r.data.after ?? []));
        t.prior.push(...(r.data.prior ?? []));
      } else {
        const reason = errorText(r.error);
        t.failed.push(...part.map((x) => ({ id: idOf(x), reason })));
      }
      set({ progress: { status, done: t.updated.length + t.failed.length, total: items.length, undo } });
    }
    return t;
  };

  const run = async (status: BulkStatus, ids: string[], noUndo: ReadonlySet<string>) => {
    const target = get().target!;
    const t = await inParts(
      ids,
      (id) => id,
      status,
      false,
      (part) => send({ type: 'issues.update', target, ids: part, status }) as never,
    );
    const updated = new Set(t.updated);
    // Undo restores what changed and can be set back; what could not was said before the change ran.
    const prior = t.prior.filter((p) => updated.has(p.id) && !noUndo.has(p.id));
    finish(t, DONE[status], {
      undoable: prior.length ? { status, prior } : null,
      outcome: {
        status,
        updated: t.updated.length,
        failed: t.failed.length,
        undo: false,
        noUndo: t.updated.filter((id) => noUndo.has(id)).length,
      },
    });
  };

  return {
    async bulk(status: BulkStatus, ids?: readonly string[]) {
      const list = [...(ids ?? get().selected)];
      const target = get().target;
      if (!list.length || !target || get().progress || get().pending) return;
      set({ progress: { status, done: 0, total: list.length, undo: false, checking: true } });
      const noUndo: Failure[] = [];
      for (const part of chunk(list, PLAN_CHUNK)) {
        const plan = await send({ type: 'issues.plan', target, ids: part });
        if (!plan.ok) {
          // Nothing was changed: say why on each issue, as a failed change would.
          const reason = errorText(plan.error);
          finish({ updated: [], failed: list.map((id) => ({ id, reason })), after: [], prior: [] }, '', {
            outcome: { status, updated: 0, failed: list.length, undo: false, noUndo: 0 },
          });
          return;
        }
        noUndo.push(...plan.data.noUndo);
      }
      if (noUndo.length || list.length > o.confirmAbove) {
        set({ progress: null, pending: { status, ids: list, noUndo } });
        return;
      }
      await run(status, list, new Set());
    },

    async confirm(yes: boolean) {
      const p = get().pending;
      if (!p) return;
      set({ pending: null });
      if (yes) await run(p.status, p.ids, new Set(p.noUndo.map((f) => f.id)));
    },

    async undo() {
      const u = get().undoable;
      const target = get().target;
      if (!u || !target || get().progress) return;
      const t = await inParts(
        u.prior,
        (p) => p.id,
        u.status,
        true,
        (items) => send({ type: 'issues.restore', target, after: u.status, items }) as never,
      );
      finish(t, 'Undone', {
        undoable: null,
        outcome: { status: u.status, updated: t.updated.length, failed: t.failed.length, undo: true, noUndo: 0 },
      });
    },
  };
}
