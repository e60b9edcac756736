// One line per issue for the rows a page shows (issue #17), for the popup and the Explorer. Each is a call to the
// user's own model, so only rows in view ask (then the rows near them), and a row that leaves before its answer came
// is dropped from the background's queue. Every row asks under an owner of its own (`<page>-<id>-row`), so one row
// can be cancelled alone; the page's owner is their common prefix, which the background cancels when the page goes.
import { createStore } from 'zustand/vanilla';
import type { DexterError, Target } from '@/lib/messages';
import type { IssueSummary } from '@/lib/summary/schema';
import { send } from '../api';
import { connectOwner, type OwnerLink } from './summaryPort';

export type SummaryPriority = 'view' | 'near';
export type SummaryEntry =
  | { state: 'asking'; priority: SummaryPriority }
  | { state: 'done'; summary: IssueSummary }
  | { state: 'failed'; error: DexterError };

export interface SummaryState {
  /** Summaries are being asked for the rows in view ("Summarize" pressed, or the automatic setting). */
  on: boolean;
  entries: Readonly<Record<string, SummaryEntry>>;
  /** The latest failure, said once above the rows rather than on each. */
  error: DexterError | null;
  setOn(on: boolean): void;
  setTarget(target: Target | null): void;
  /** The rows in view now, and those near them (asked after): asks what is missing, drops what left. */
  want(view: readonly string[], near?: readonly string[]): void;
  /** The page is left or hidden: what is still waiting is cancelled; answers already in stay. */
  leave(): void;
}

// Fixed length: the page's owner must not be the prefix of another page's (the background cancels by prefix).
const token = () => Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => (b % 36).toString(36)).join('');

export function createSummaryStore(page: 'popup' | 'explorer', opts: { target?: Target | null; on?: boolean } = {}) {
  const owner = `${page}-${token()}`;
  const rowOwner = (id: string) => `${owner}-${id}-row`; // "-row": row 12's owner is no prefix of row 123's
  let target = opts.target ?? null;
  let generation = 0; // answers for an earlier target are dropped
  let link: OwnerLink | null = null;

  return createStore<SummaryState>()((set, get) => {
    const patch = (id: string, entry: SummaryEntry | null) => {
      const entries = { ...get().entries };
      if (entry) entries[id] = entry;
      else delete entries[id];
      set({ entries });
    };

    const ask = (id: string, priority: SummaryPriority) => {
      if (!target) return;
      if (!link?.alive()) link = connectOwner(owner);
      const gen = generation;
      patch(id, { state: 'asking', priority });
      void send({ type: 'summary.get', target, issueId: id, owner: rowOwner(id), priority }).then((r) => {
        if (gen !== generation) return;
        if (r.ok) return patch(id, { state: 'done', summary: r.data });
        // A cancelled ask is no failure: the row may be asked again when it comes back into view.
        if (r.error.kind === 'cancelled') return get().entries[id]?.state === 'asking' && patch(id, null);
        patch(id, { state: 'failed', error: r.error });
        set({ error: r.error });
      });
    };

    const cancel = (ids: readonly string[]) => {
      if (!ids.length) return;
      const entries = { ...get().entries };
      for (const id of ids) {
        delete entries[id];
        void send({ type: 'summary.cancel', owner: rowOwner(id) });
      }
      set({ entries });
    };

    const waiting = () =>
      Object.entries(get().entries)
        .filter(([, e]) => e.state === 'asking')
        .map(([id]) => id);

    return {
      on: opts.on ?? false,
      entries: {},
      error: null,

      setOn(on) {
        if (on === get().on) return;
        if (!on) get().leave();
        // Turning it on again retries the rows that failed (the model may be running now).
        else
          set({
            entries: Object.fromEntries(Object.entries(get().entries).filter(([, e]) => e.state !== 'failed')),
            error: null,
          });
        set({ on });
      },

      setTarget(next) {
        if (next?.apiBase === target?.apiBase && next?.org === target?.org) return;
        get().leave();
        generation++;
        target = next;
        set({ entries: {}, error: null });
      },

      want(view, near = []) {
        if (!get().on || !target) return;
        const { entries } = get();
        const wanted = new Set([...view, ...near]);
        cancel(waiting().filter((id) => !wanted.has(id)));
        // In view first: the background's queue runs them first, and in the order they were asked.
        for (const id of view) {
          const e = entries[id];
          // A row asked as "near" that came into view is asked again as "view": the background moves it up.
          if (!e || (e.state === 'asking' && e.priority === 'near')) ask(id, 'view');
        }
        for (const id of near) if (!entries[id] && !view.includes(id)) ask(id, 'near');
      },

      leave() {
        cancel(waiting());
      },
    };
  });
}

export type SummaryStore = ReturnType<typeof createSummaryStore>;

/** Whether a row's entry matches a cause filter: a cause, or "none" for rows without an answer. */
export function matchesCause(entry: SummaryEntry | undefined, cause: string): boolean {
  if (!cause) return true;
  if (cause === 'none') return entry?.state !== 'done';
  return entry?.state === 'done' && entry.summary.cause === cause;
}
