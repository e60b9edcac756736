// Page state of an issue list (popup triage tab and Explorer): what is loaded, selected, and what bulk actions did.
// One store per page. Two ways to load:
//   - a set: pages of 100 one after another up to a limit, each shown as it arrives, with progress and Stop. The
//     Explorer always loads a set (10,000); the popup loads one (settings.list.rankLimit) to rank it when sorted by
//     priority or impact, and pages through the ranked set here;
//   - a Sentry page: in Sentry's own order (date, events, users), the popup shows 25 with Sentry's cursors.
import { createStore } from 'zustand/vanilla';
import type { BulkResult, DexterError, Target } from '@/lib/messages';
import type { Issue } from '@/lib/sentry/schemas';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import type { UserBase } from '@/lib/scoring/impact';
import { loadPages } from '@/lib/triage/pages';
import type { PriorState } from '@/lib/triage/prior';
import { send } from '../api';
import { bulkActions } from './bulk';
import { LOCAL_SORTS, buildQuery, serverSort, toRows, type IssueRow, type SortKey, type StatusFilter } from './rows';

export type BulkStatus = BulkResult['status'];

export interface BulkProgress {
  status: BulkStatus;
  done: number;
  total: number;
  undo: boolean;
  checking?: boolean;
}
export interface BulkOutcome {
  status: BulkStatus;
  updated: number;
  failed: number;
  undo: boolean;
  noUndo: number;
}
/** What happened to one issue in the last bulk action or undo. */
export interface IssueOutcome {
  ok: boolean;
  text: string;
}
/** A change waiting for the user's yes: too many issues, or some of them could not be undone. */
export interface PendingChange {
  status: BulkStatus;
  ids: string[];
  noUndo: { id: string; reason: string }[];
}
/** What Undo can restore: the change's status and, per issue, what it was before. */
export interface UndoRecord {
  status: BulkStatus;
  prior: PriorState[];
}

/** The set being (or last) loaded: progress and what the summary line says. */
export interface SetState {
  state: 'loading' | 'done' | 'stopped' | 'failed';
  loaded: number;
  limit: number;
  complete: boolean;
  /** Where "load the rest" goes on from. */
  resume: string | null;
  hits: number | null;
  maxHits: number | null;
}

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
  /** Null when the list is one Sentry page (the popup in Sentry's order). */
  set: SetState | null;
  /** First row shown, when a set is paged here (the popup's ranked set). */
  offset: number;
  pageSize: number;
  selected: ReadonlySet<string>;
  /** Why an issue was not changed by the last bulk action or undo (it stays selected). */
  failures: Record<string, string>;
  /** Per issue: changed, or not and why, in the last bulk action or undo. */
  outcomes: Record<string, IssueOutcome>;
  undoable: UndoRecord | null;
  pending: PendingChange | null;
  progress: BulkProgress | null;
  outcome: BulkOutcome | null;
  focus: number;
  setContext(target: Target | null, settings: Settings, projects?: string[]): void;
  setStatus(status: StatusFilter): Promise<void>;
  setKeyword(keyword: string): Promise<void>;
  setSort(sort: SortKey): Promise<void>;
  load(cursor?: string): Promise<void>;
  /** Goes on loading a stopped or failed set from where it ended. */
  resume(): Promise<void>;
  /** Stops loading a set; what came stays. */
  stop(): void;
  nextPage(): Promise<void>;
  prevPage(): Promise<void>;
  toggle(id: string): void;
  selectAll(ids: readonly string[], on: boolean): void;
  clearSelection(): void;
  bulk(status: BulkStatus, ids?: readonly string[]): Promise<void>;
  /** The user's answer to a pending change. */
  confirm(yes: boolean): Promise<void>;
  undo(): Promise<void>;
  setFocus(index: number): void;
}

export interface TriageOptions {
  /** Rows per page shown; Infinity shows the whole set (the Explorer's virtual table). */
  pageSize?: number;
  /** Load a set of this many issues for every sort (the Explorer). Without it, a set is loaded only to rank it. */
  setLimit?: number;
  /** Ask before changing more issues than this (the Explorer: 100). */
  confirmAbove?: number;
  /** Ids per bulk message, so progress moves between them. */
  sendChunk?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Whether a sort shows a set loaded and ranked here (priority, impact) rather than Sentry's order. */
export function isRanked(sort: SortKey): boolean {
  return LOCAL_SORTS.has(sort);
}

export function createTriageStore(opts: TriageOptions = {}) {
  const pageSize = opts.pageSize ?? 25;
  const now = opts.now ?? Date.now;
  let loadSeq = 0;
  let controller: AbortController | null = null;

  return createStore<TriageState>()((set, get) => {
    const rescore = (issues: readonly Issue[], userBases = get().userBases) => {
      const { settings } = get();
      return toRows(issues, { now: now(), userBases, thresholds: settings.list.impactThresholds });
    };
    const streams = () => opts.setLimit !== undefined || isRanked(get().sort);
    const setLimit = () => opts.setLimit ?? get().settings.list.rankLimit;

    /** User bases for the loaded projects: the settings override, else Sentry's count (a few requests). Pages
     *  arrive while earlier answers are out: a project is asked once, and answers merge into the latest state. */
    const asked = new Set<string>();
    const loadUserBases = async (issues: readonly Issue[]) => {
      const { target, settings } = get();
      if (!target) return;
      const ids = [...new Set(issues.map((i) => i.project?.id).filter((p): p is string => !!p && /^\d+$/.test(p)))];
      const override = settings.list.userBaseOverride;
      const wanted = ids.filter((p) => !(p in get().userBases) && !asked.has(p)).slice(0, 10);
      if (!wanted.length) return;
      for (const p of wanted) asked.add(p);
      const fresh: Record<string, UserBase | null> = {};
      if (override > 0) for (const p of wanted) fresh[p] = { count: override, source: 'setting' };
      else {
        const answers = await Promise.all(
          wanted.map((projectId) =>
            send({ type: 'project.userBase', target, projectId, window: { statsPeriod: settings.list.statsPeriod } }),
          ),
        );
        wanted.forEach((p, i) => {
          const r = answers[i];
          fresh[p] = r?.ok && r.data.count !== null ? { count: r.data.count, source: r.data.source } : null;
        });
      }
      const next = { ...get().userBases, ...fresh };
      set({ userBases: next, rows: rescore(get().issues, next) });
    };

    const pageMessage = (cursor: string | undefined, limit: number) => {
      const { target, status, keyword, sort, projects, settings } = get();
      return {
        type: 'issues.page' as const,
        target: target!,
        query: buildQuery(status, keyword),
        sort: serverSort(sort),
        period: settings.list.statsPeriod,
        project: projects,
        cursor,
        limit,
      };
    };

    /** Loads a set page by page into the list; `append` goes on from a stopped or failed one. */
    const loadSet = async (seq: number, cursor: string | undefined, append: boolean) => {
      controller?.abort();
      const ctrl = (controller = new AbortController());
      const from = append ? get().set : null;
      const limit = setLimit();
      set({
        loading: true,
        error: null,
        set: {
          state: 'loading',
          loaded: from?.loaded ?? 0,
          limit,
          complete: false,
          resume: null,
          hits: from?.hits ?? null,
          maxHits: from?.maxHits ?? null,
        },
        ...(append
          ? {}
          : {
              issues: [],
              rows: [],
              cursor,
              offset: 0,
              selected: new Set<string>(),
              failures: {},
              outcomes: {},
              focus: 0,
            }),
      });
      const end = await loadPages({
        fetchPage: (c, l) => send(pageMessage(c, l)),
        limit,
        cursor,
        loaded: from?.loaded ?? 0,
        signal: ctrl.signal,
        sleep: opts.sleep,
        onPage: (page, index) => {
          if (seq !== loadSeq) return;
          const issues = [...get().issues, ...page.issues];
          // Only the new page is scored; the rows before keep theirs.
          set({
            issues,
            rows: [...get().rows, ...rescore(page.issues)],
            set: { ...get().set!, loaded: issues.length },
          });
          if (index === 0 && !append) set({ prevCursor: page.prevCursor, hits: page.hits });
          void loadUserBases(page.issues);
        },
      });
      if (seq !== loadSeq) return;
      const prev = get().set!;
      set({
        loading: false,
        error: end.error,
        nextCursor: end.complete ? null : end.next,
        set: {
          ...prev,
          state: end.state,
          loaded: end.loaded,
          complete: end.complete,
          resume: end.state === 'done' ? null : end.next,
          hits: append ? prev.hits : end.hits,
          maxHits: append ? prev.maxHits : end.maxHits,
        },
      });
      if (controller === ctrl) controller = null;
    };

    /** One page in Sentry's order, with its cursors (the popup sorted by date, events or users). */
    const loadPage = async (seq: number, cursor: string | undefined) => {
      controller?.abort();
      set({ loading: true, error: null });
      const r = await send(pageMessage(cursor, pageSize));
      if (seq !== loadSeq) return; // a newer filter won
      if (!r.ok) return void set({ loading: false, error: r.error });
      const issues = r.data.issues;
      set({
        loading: false,
        set: null,
        issues,
        rows: rescore(issues),
        cursor,
        offset: 0,
        nextCursor: r.data.nextCursor,
        prevCursor: r.data.prevCursor,
        hits: r.data.hits,
        selected: new Set(),
        failures: {},
        outcomes: {},
        focus: 0,
      });
      await loadUserBases(issues);
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
      set: null,
      offset: 0,
      pageSize,
      selected: new Set(),
      failures: {},
      outcomes: {},
      undoable: null,
      pending: null,
      progress: null,
      outcome: null,
      focus: 0,

      setContext(target, settings, projects = []) {
        asked.clear();
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
        const before = { server: serverSort(get().sort), streams: streams() };
        set({ sort, offset: 0, focus: 0 });
        // Priority and "last seen" rank the same set (taken in date order): only a different set is fetched again.
        if (serverSort(sort) !== before.server || streams() !== before.streams) await get().load();
      },
      async load(cursor) {
        if (!get().target) {
          set({
            error: {
              kind: 'invalid-request',
              message: 'No Sentry organization to list issues from.',
              nextStep: 'Open a Sentry issue list in this tab, or pick an organization in Settings.',
            },
          });
          return;
        }
        const seq = ++loadSeq;
        if (streams()) await loadSet(seq, cursor, false);
        else await loadPage(seq, cursor);
      },
      async resume() {
        const s = get().set;
        if (!s?.resume || s.state === 'loading') return;
        await loadSet(++loadSeq, s.resume, true);
      },
      stop() {
        controller?.abort();
      },
      async nextPage() {
        const { set: s, offset, rows } = get();
        if (s && Number.isFinite(pageSize) && opts.setLimit === undefined) {
          if (offset + pageSize < rows.length) set({ offset: offset + pageSize, focus: 0 });
          return;
        }
        const c = get().nextCursor;
        if (c) await get().load(c);
      },
      async prevPage() {
        const { set: s, offset } = get();
        if (s && Number.isFinite(pageSize) && opts.setLimit === undefined) {
          if (offset > 0) set({ offset: Math.max(0, offset - pageSize), focus: 0 });
          return;
        }
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
        for (const id of ids)
          if (on) selected.add(id);
          else selected.delete(id);
        set({ selected });
      },
      clearSelection() {
        set({ selected: new Set(), failures: {}, outcomes: {} });
      },
      ...bulkActions(get, set, {
        confirmAbove: opts.confirmAbove ?? Infinity,
        sendChunk: opts.sendChunk ?? 500,
        rescore,
      }),
      setFocus(index) {
        set({ focus: Math.max(0, index) });
      },
    };
  });
}

export type TriageStore = ReturnType<typeof createTriageStore>;
