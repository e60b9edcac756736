// Page state of an issue list (popup triage tab and Explorer): what is loaded, selected, and what bulk
// actions did. One store per page; `maxPages` and `chunkSize` are what differ between popup and Explorer.
import { createStore } from 'zustand/vanilla';
import type { BulkResult, DexterError, Target } from '@/lib/messages';
import type { Issue } from '@/lib/sentry/schemas';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import type { UserBase } from '@/lib/scoring/impact';
import { send } from '../api';
import { buildQuery, chunk, serverSort, toRows, type IssueRow, type SortKey, type StatusFilter } from './rows';

export type BulkStatus = BulkResult['status'];

export interface BulkProgress { status: BulkStatus; done: number; total: number; undo: boolean }
export interface BulkOutcome { status: BulkStatus; updated: number; failed: number; undo: boolean }

export interface TriageState {
  target: Target | null;
  projects: string[];
  settings: Settings;
  status: StatusFilter;
  keyword: string;
  sort: SortKey;
  issues: Issue[];
  rows: IssueRow[];
  userBases: Record<string, UserBase | null>;
  cursor: string | undefined;
  nextCursor: string | null;
  prevCursor: string | null;
  hits: number | null;
  loading: boolean;
  error: DexterError | null;
  selected: ReadonlySet<string>;
  /** Why an issue could not be changed by the last bulk action (it stays selected). */
  failures: Record<string, string>;
  /** Status each issue had before the last bulk action, to undo it. */
  previous: Record<string, string>;
  progress: BulkProgress | null;
  outcome: BulkOutcome | null;
  focus: number;
  setContext(target: Target | null, settings: Settings, projects?: string[]): void;
  setStatus(status: StatusFilter): Promise<void>;
  setKeyword(keyword: string): Promise<void>;
  setSort(sort: SortKey): Promise<void>;
  load(cursor?: string): Promise<void>;
  nextPage(): Promise<void>;
  prevPage(): Promise<void>;
  toggle(id: string): void;
  selectAll(ids: readonly string[], on: boolean): void;
  clearSelection(): void;
  bulk(status: BulkStatus, ids?: readonly string[]): Promise<void>;
  undo(): Promise<void>;
  setFocus(index: number): void;
}

export interface TriageOptions { maxPages?: number; chunkSize?: number; limit?: number; now?: () => number }

const VALID: Record<string, BulkStatus> = { resolved: 'resolved', ignored: 'ignored', archived: 'ignored', unresolved: 'unresolved' };

export function createTriageStore(opts: TriageOptions = {}) {
  const maxPages = opts.maxPages ?? 1;
  const chunkSize = opts.chunkSize ?? 1000;
  const now = opts.now ?? Date.now;
  let loadSeq = 0;

  return createStore<TriageState>()((set, get) => {
    const rescore = (issues: Issue[], userBases = get().userBases) => {
      const { settings } = get();
      return toRows(issues, { now: now(), userBases, thresholds: settings.list.impactThresholds });
    };

    /** User bases for the loaded projects: the settings override, else Sentry's count (a few requests). */
    const loadUserBases = async (issues: Issue[]) => {
      const { target, settings, userBases } = get();
      if (!target) return;
      const ids = [...new Set(issues.map((i) => i.project?.id).filter((p): p is string => !!p && /^\d+$/.test(p)))];
      const override = settings.list.userBaseOverride;
      const wanted = ids.filter((p) => !(p in userBases)).slice(0, 10);
      if (!wanted.length && !override) return;
      const next = { ...userBases };
      if (override > 0) for (const p of ids) next[p] = { count: override, source: 'setting' };
      else {
        const answers = await Promise.all(wanted.map((projectId) => send({ type: 'project.userBase', target, projectId, window: { statsPeriod: settings.list.statsPeriod } })));
        wanted.forEach((p, i) => {
          const r = answers[i];
          next[p] = r?.ok && r.data.count !== null ? { count: r.data.count, source: r.data.source } : null;
        });
      }
      set({ userBases: next, rows: rescore(get().issues, next) });
    };

    const applyStatus = (ids: readonly string[], status: string) => {
      const changed = new Set(ids);
      const issues = get().issues.map((i) => (changed.has(i.id) ? { ...i, status } : i));
      set({ issues, rows: rescore(issues) });
    };

    /** Sends one status change in chunks, reporting progress; a failed chunk marks each of its ids failed. */
    const runUpdate = async (status: BulkStatus, ids: readonly string[], undo: boolean) => {
      const target = get().target;
      const result: Pick<BulkResult, 'updated' | 'failed' | 'previous'> = { updated: [], failed: [], previous: {} };
      if (!target) return result;
      set({ progress: { status, done: 0, total: ids.length, undo } });
      for (const part of chunk(ids, chunkSize)) {
        const r = await send({ type: 'issues.update', target, ids: part, status });
        if (r.ok) {
          result.updated.push(...r.data.updated);
          result.failed.push(...r.data.failed);
          Object.assign(result.previous, r.data.previous);
        } else {
          const reason = r.error.nextStep ? `${r.error.message} ${r.error.nextStep}` : r.error.message;
          result.failed.push(...part.map((id) => ({ id, reason })));
        }
        set({ progress: { status, done: result.updated.length + result.failed.length, total: ids.length, undo } });
      }
      applyStatus(result.updated, status);
      return result;
    };

    return {
      target: null,
      projects: [],
      settings: DEFAULT_SETTINGS,
      status: 'unresolved',
      keyword: '',
      sort: 'priority',
      issues: [],
      rows: [],
      userBases: {},
      cursor: undefined,
      nextCursor: null,
      prevCursor: null,
      hits: null,
      loading: false,
      error: null,
      selected: new Set(),
      failures: {},
      previous: {},
      progress: null,
      outcome: null,
      focus: 0,

      setContext(target, settings, projects = []) {
        set({ target, settings, projects, userBases: {} });
      },
      async setStatus(status) {
        set({ status });
        await get().load();
      },
      async setKeyword(keyword) {
        set({ keyword });
        await get().load();
      },
      async setSort(sort) {
        const before = serverSort(get().sort);
        set({ sort });
        if (serverSort(sort) !== before) await get().load();
      },
      async load(cursor) {
        const { target, status, keyword, sort, projects, settings } = get();
        if (!target) {
          set({ error: { kind: 'invalid-request', message: 'No Sentry organization to list issues from.', nextStep: 'Open a Sentry issue list in this tab, or pick an organization in Settings.' } });
          return;
        }
        const seq = ++loadSeq;
        set({ loading: true, error: null });
        const r = await send({
          type: 'issues.list', target, query: buildQuery(status, keyword), sort: serverSort(sort), period: settings.list.statsPeriod,
          project: projects, cursor, limit: opts.limit ?? (maxPages > 1 ? 100 : 25), maxPages,
        });
        if (seq !== loadSeq) return; // a newer filter won
        if (!r.ok) {
          set({ loading: false, error: r.error });
          return;
        }
        const issues = r.data.issues;
        set({
          loading: false, issues, rows: rescore(issues), cursor, nextCursor: r.data.nextCursor, prevCursor: r.data.prevCursor,
          hits: r.data.hits, selected: new Set(), failures: {}, focus: 0,
        });
        await loadUserBases(issues);
      },
      async nextPage() {
        const c = get().nextCursor;
        if (c) await get().load(c);
      },
      async prevPage() {
        const c = get().prevCursor;
        if (c) await get().load(c);
      },
      toggle(id) {
        const selected = new Set(get().selected);
        if (selected.has(id)) selected.delete(id);
        else selected.add(id);
        set({ selected });
      },
      selectAll(ids, on) {
        const selected = new Set(get().selected);
        for (const id of ids) if (on) selected.add(id); else selected.delete(id);
        set({ selected });
      },
      clearSelection() {
        set({ selected: new Set(), failures: {} });
      },
      async bulk(status, ids) {
        const list = [...(ids ?? get().selected)];
        if (!list.length || get().progress) return;
        const r = await runUpdate(status, list, false);
        const failures = Object.fromEntries(r.failed.map((f) => [f.id, f.reason]));
        set({
          progress: null, failures, selected: new Set(Object.keys(failures)),
          previous: r.previous, outcome: { status, updated: r.updated.length, failed: r.failed.length, undo: false },
        });
      },
      async undo() {
        const previous = get().previous;
        if (!Object.keys(previous).length || get().progress) return;
        const byStatus = new Map<BulkStatus, string[]>();
        for (const [id, s] of Object.entries(previous)) {
          const st = VALID[s];
          if (st) byStatus.set(st, [...(byStatus.get(st) ?? []), id]);
        }
        let updated = 0;
        const failed: { id: string; reason: string }[] = [];
        for (const [status, ids] of byStatus) {
          const r = await runUpdate(status, ids, true);
          updated += r.updated.length;
          failed.push(...r.failed);
        }
        const failures = Object.fromEntries(failed.map((f) => [f.id, f.reason]));
        set({ progress: null, previous: {}, failures, selected: new Set(Object.keys(failures)), outcome: { status: 'unresolved', updated, failed: failed.length, undo: true } });
      },
      setFocus(index) {
        set({ focus: Math.max(0, index) });
      },
    };
  });
}

export type TriageStore = ReturnType<typeof createTriageStore>;
