// One issue-list page's state, made when the first list feature runs there and dropped when the user navigates
// away (the features' shared AbortSignal): its rows, their hosts, where they are, and the observers behind them.
// One shared MutationObserver (batched per animation frame) notices rows added late, paginated or re-rendered.
import { HOST_TAG, isDark, rowHost, rowSlot, wrapWatcher } from './hosts';
import { findRows, type Row } from './rows';
import { RowView } from './view';

type RowsListener = (rows: Row[]) => void;

export class ListPage {
  readonly view = new RowView();
  private readonly wrap = wrapWatcher();
  private readonly listeners = new Set<RowsListener>();
  private observer: MutationObserver | null = null;
  private scheduled = false;
  private latest: Row[] | null = null;
  private hosted: readonly Row[] | null = null;
  /** What the page's features asked the background, shared while the answer is out (row-data.ts). */
  readonly asks = new Map<string, Promise<unknown>>();
  /** Whether the page already watches for a list Dexter cannot read (row-data.ts, once per page). */
  noRowsWatched = false;

  constructor(readonly signal: AbortSignal) {
    signal.addEventListener('abort', () => this.dispose(), { once: true });
  }

  /** The rows as last found: no new search unless Sentry's list changed since (the three features each ask). */
  rows(): Row[] {
    if (!this.observer || this.scheduled || !this.latest) this.latest = findRows();
    return this.latest;
  }

  /** Calls `listener` with the current rows now and whenever rows appear or change, until the page is left. */
  watch(listener: RowsListener): void {
    if (this.signal.aborted) return;
    this.listeners.add(listener);
    this.observer ??= this.startObserving();
    const rows = (this.latest = findRows());
    this.view.observe(rows);
    listener(rows);
  }

  /** Adds every row's host before its data comes, all in one go: a bare element each, so this costs little, and the
   *  browser lays out Sentry's list once for all of them (a whole <table> where the list is one; in chunks it did so
   *  once per chunk). Their room is already kept in the rows (page-css.ts), so adding them moves nothing. */
  ensureHosts(rows: readonly Row[]): void {
    // The list features get the same rows from one flush: the first call does the work.
    if (rows === this.hosted) return;
    this.hosted = rows;
    const dark = isDark();
    for (const row of rows) rowHost(row, dark);
  }

  /** A feature's slot in the row's host (its Shadow DOM is made on the first draw). */
  slot(row: Row, feature: { id: string; order?: number }): HTMLElement {
    return rowSlot(row, feature, (bar) => this.wrap.watch(bar));
  }

  private startObserving(): MutationObserver {
    const observer = new MutationObserver((records) => {
      // Our own hosts changing must not wake everyone up.
      if (
        this.scheduled ||
        records.every(
          (r) =>
            (r.target as Element).closest?.(HOST_TAG) || [...r.addedNodes].every((n) => n.nodeName === 'DEXTER-ROW'),
        )
      )
        return;
      this.scheduled = true;
      requestAnimationFrame(() => this.flush());
    });
    observer.observe(document.body, { childList: true, subtree: true });
    return observer;
  }

  private flush(): void {
    this.scheduled = false;
    if (this.signal.aborted) return;
    this.view.dropDetached();
    const rows = (this.latest = findRows());
    this.view.observe(rows);
    for (const l of this.listeners) l(rows);
  }

  private dispose(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.listeners.clear();
    this.view.dispose();
    this.wrap.disconnect();
    this.asks.clear();
    this.latest = this.hosted = null;
  }
}

const pages = new WeakMap<AbortSignal, ListPage>();

/** The list page the features running under `signal` share. */
export function listPage(signal: AbortSignal): ListPage {
  let page = pages.get(signal);
  if (!page) pages.set(signal, (page = new ListPage(signal)));
  return page;
}
