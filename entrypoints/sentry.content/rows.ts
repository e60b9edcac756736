// Finding Sentry's issue rows and giving each feature a slot in one per-row Shadow-DOM host.
// One shared MutationObserver (batched per animation frame) notices rows added late, paginated or re-rendered.
import { SELECTORS, issueIdFromHref } from '@/lib/sentry/selectors';
import { ROW_CSS } from './styles';

export interface Row { el: HTMLElement; id: string }
const HOST_TAG = 'dexter-row';
const SLOT_ORDER = ['list-priority', 'list-impact', 'list-sparkline'];

export function findRows(root: ParentNode = document): Row[] {
  const rows: Row[] = [];
  for (const el of root.querySelectorAll<HTMLElement>(SELECTORS.issueList.row)) {
    const box = el.querySelector<HTMLInputElement>(SELECTORS.issueList.rowCheckbox);
    const id = box?.id && /^\d+$/.test(box.id) ? box.id : issueIdFromHref(titleLink(el)?.getAttribute('href'));
    if (id) rows.push({ el, id });
  }
  return rows;
}

function titleLink(row: Element): HTMLAnchorElement | null {
  return row.querySelector<HTMLAnchorElement>(SELECTORS.issueList.titleLink) ?? row.querySelector<HTMLAnchorElement>(SELECTORS.issueList.titleLinkFallback);
}

const isDark = () => document.body?.matches(SELECTORS.darkTheme) ?? false;

// One constructed stylesheet shared by every row's shadow root (parsed once, not 100 times); a <style> per
// host where adoptedStyleSheets is unavailable to content scripts.
let sharedSheet: CSSStyleSheet | null | undefined;
function styleShadow(shadow: ShadowRoot): void {
  if (sharedSheet === undefined) {
    try {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(ROW_CSS);
    } catch {
      sharedSheet = null;
    }
  }
  if (sharedSheet) {
    try {
      shadow.adoptedStyleSheets = [sharedSheet];
      return;
    } catch {
      sharedSheet = null;
    }
  }
  const style = document.createElement('style');
  style.textContent = ROW_CSS;
  shadow.append(style);
}

const STOPPED = ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'auxclick'];
const stop = (e: Event) => e.stopPropagation();
const prevent = (e: Event) => e.preventDefault();

// A row's host, remembered so 300 slot lookups per page don't each search the row.
const hostOf = new WeakMap<HTMLElement, HTMLElement>();

/** The row's Dexter host below the title block: a bare element with a fixed size (Dexter's page stylesheet,
 *  page-css.ts), so adding it lays out Sentry's list once and drawing into it later lays out only the host. */
export function rowHost(row: Row, dark = isDark()): HTMLElement {
  let host = hostOf.get(row.el);
  if (host && host.dataset.issueId === row.id && host.isConnected && row.el.contains(host)) return host;
  row.el.querySelector(`:scope ${HOST_TAG}`)?.remove();
  host = document.createElement(HOST_TAG);
  host.dataset.issueId = row.id;
  host.toggleAttribute('data-dark', dark);
  const anchor = row.el.querySelector(SELECTORS.issueList.header) ?? titleLink(row.el);
  const parent = anchor?.parentElement ?? row.el.querySelector(SELECTORS.issueList.cell) ?? row.el;
  parent.insertBefore(host, anchor ? anchor.nextSibling : null);
  hostOf.set(row.el, host);
  return host;
}

/** The host's Shadow DOM and its bar of badges, made when the row is first drawn. */
function rowBar(row: Row): Element {
  const host = rowHost(row);
  if (host.shadowRoot) return host.shadowRoot.firstElementChild!;
  const shadow = host.attachShadow({ mode: 'open' });
  styleShadow(shadow);
  const bar = document.createElement('div');
  bar.className = 'bar';
  shadow.prepend(bar); // first, before a fallback <style>
  // Clicks on Dexter's badges must never open the issue (old rows have onClick; new rows a full-row link).
  for (const type of STOPPED) host.addEventListener(type, stop);
  host.addEventListener('click', prevent);
  host.toggleAttribute('data-drawn', true); // its placeholder goes
  watchWrap(bar);
  return bar;
}

// The host's height is fixed (page-css.ts); a bar that needs a second line (a narrow title cell) lets it grow. The
// observer hands over the bar's size after layout, so nothing is measured by force.
let wrapObserver: ResizeObserver | null = null;
function watchWrap(bar: Element): void {
  if (typeof ResizeObserver !== 'function') return;
  wrapObserver ??= new ResizeObserver((entries) => {
    for (const e of entries) {
      const host = (e.target.getRootNode() as ShadowRoot).host;
      if (!e.target.isConnected || !host?.isConnected) {
        wrapObserver?.unobserve(e.target);
        continue;
      }
      host.toggleAttribute('data-wrap', e.contentRect.height > 30); // one line is 22 px, two are 40+
    }
  });
  wrapObserver.observe(bar);
}

/** Rows taken as in view before the IntersectionObserver has placed them: the first ones, where a list opens. */
export const FIRST_ROWS = 8;

/** Adds every row's host before its data comes, all in one go: a bare element each, so this costs little, and the
 *  browser lays out Sentry's list once for all of them (a whole <table> where the list is one; in chunks it did so
 *  once per chunk). Their room is already kept in the rows (page-css.ts), so adding them moves nothing. */
let hosted: readonly Row[] | null = null;
export function ensureHosts(rows: readonly Row[]): void {
  // The three list features get the same rows from one flush: the first call does the work.
  if (rows === hosted) return;
  hosted = rows;
  const dark = isDark();
  for (const row of rows) rowHost(row, dark);
}

type Idle = (cb: (deadline: { timeRemaining(): number; didTimeout: boolean }) => void, opts: { timeout: number }) => void;
// Firefox and Chrome have requestIdleCallback; a timer stands in elsewhere.
export const requestIdle: Idle = typeof requestIdleCallback === 'function' ? (cb, o) => requestIdleCallback(cb, o) : (cb) => setTimeout(() => cb({ timeRemaining: () => 8, didTimeout: true }), 16);

/** The feature's slot in the row's Dexter host. */
export function rowSlot(row: Row, feature: string): HTMLElement {
  const bar = rowBar(row);
  let slot = bar.querySelector<HTMLElement>(`[data-slot="${feature}"]`);
  if (!slot) {
    slot = document.createElement('span');
    slot.dataset.slot = feature;
    slot.style.order = String(SLOT_ORDER.indexOf(feature));
    bar.append(slot);
  }
  return slot;
}

export function removeSlots(feature: string): void {
  for (const host of document.querySelectorAll(HOST_TAG)) {
    host.shadowRoot?.querySelector(`[data-slot="${feature}"]`)?.remove();
    if (!host.shadowRoot?.querySelector('[data-slot]')) host.remove();
  }
}

// Which rows are on screen: those are drawn at once, the rest when they come near (whenNear).
let seen = new WeakSet<Element>();
let near = new WeakSet<Element>();
let viewObserver: IntersectionObserver | null = null;

function observeView(rows: readonly Row[]): void {
  if (typeof IntersectionObserver !== 'function') return;
  viewObserver ??= new IntersectionObserver((entries) => {
    for (const e of entries) {
      seen.add(e.target);
      if (e.isIntersecting) near.add(e.target);
      else near.delete(e.target);
    }
  });
  for (const r of rows) if (!seen.has(r.el)) viewObserver.observe(r.el);
}

/** Stops following where these rows are: once their data is drawn, Dexter needs to know only when the others come
 *  near (whenNear), and each observed row costs the browser work in every frame. What was last seen is kept. */
export function forgetView(rows: readonly Row[]): void {
  for (const r of rows) viewObserver?.unobserve(r.el);
}

/** Whether the row is on screen; undefined until the observer has answered for it (measuring
 *  here instead would force a layout of Sentry's whole list). */
export function isNearView(row: Row): boolean | undefined {
  return seen.has(row.el) ? near.has(row.el) : undefined;
}

// Rows further away are drawn when they come within a screen of the view, as the user scrolls: rows far down a
// 100-row list cost nothing until someone goes there, and a screen ahead is enough for them to be drawn before
// they are seen. Scrolling makes frames anyway; drawing a few rows in the page's idle time instead made ~80 frames
// of their own, each laying out and painting Sentry's page again.
let ahead = new Map<Element, Array<() => void>>();
let aheadObserver: IntersectionObserver | null = null;

/** Runs `draw` once the row is within a screen of the view (at once where IntersectionObserver is missing). */
export function whenNear(row: Row, signal: AbortSignal, draw: () => void): void {
  const run = () => {
    if (signal.aborted) return;
    try {
      draw();
    } catch (error) {
      console.warn('[Dexter] a row could not be drawn:', error); // the other rows still are
    }
  };
  if (typeof IntersectionObserver !== 'function') return run();
  aheadObserver ??= new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (!e.isIntersecting && e.target.isConnected) continue;
      const draws = ahead.get(e.target) ?? [];
      ahead.delete(e.target);
      aheadObserver?.unobserve(e.target);
      if (!e.isIntersecting) continue;
      // Rows already on screen go first (a jump to the end brings them straight into view).
      const onScreen = e.boundingClientRect.bottom > 0 && e.boundingClientRect.top < innerHeight;
      if (onScreen) queue.unshift(...draws);
      else queue.push(...draws);
    }
    drain();
  }, { rootMargin: '100% 0px' });
  const draws = ahead.get(row.el);
  if (draws) draws.push(run);
  else {
    ahead.set(row.el, [run]);
    aheadObserver.observe(row.el);
  }
}

// Many rows can come near at once (the first screen below at load, a jump to the end): a few ms of drawing per
// task, the rest in the next, so no task holds the page for long.
let queue: Array<() => void> = [];
let draining = false;
function drain(): void {
  if (draining) return;
  const start = performance.now();
  do queue.shift()?.();
  while (queue.length && performance.now() - start < 4);
  if (queue.length) {
    draining = true;
    setTimeout(() => {
      draining = false;
      drain();
    });
  }
}

type RowsListener = (rows: Row[]) => void;
const listeners = new Set<RowsListener>();
let observer: MutationObserver | null = null;
let scheduled = false;

let latest: Row[] | null = null;

/** The rows as last found: no new search unless Sentry's list changed since (the three features each ask). */
export function currentRows(): Row[] {
  if (!observer || scheduled || !latest) latest = findRows();
  return latest;
}

function flush() {
  scheduled = false;
  // Rows Sentry replaced while they were far from view: nothing will report them again, so let them go here.
  for (const el of ahead.keys()) {
    if (el.isConnected) continue;
    ahead.delete(el);
    aheadObserver?.unobserve(el);
  }
  const rows = (latest = findRows());
  observeView(rows);
  for (const l of listeners) l(rows);
}

/** Calls `listener` with the current rows now and whenever rows appear or change, until `signal` aborts. */
export function watchRows(signal: AbortSignal, listener: RowsListener): void {
  listeners.add(listener);
  if (!observer) {
    observer = new MutationObserver((records) => {
      // Our own hosts changing must not wake everyone up.
      if (scheduled || records.every((r) => (r.target as Element).closest?.(HOST_TAG) || [...r.addedNodes].every((n) => n.nodeName === 'DEXTER-ROW'))) return;
      scheduled = true;
      requestAnimationFrame(flush);
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }
  signal.addEventListener('abort', () => {
    listeners.delete(listener);
    if (!listeners.size) {
      observer?.disconnect();
      observer = null;
      viewObserver?.disconnect();
      viewObserver = null;
      wrapObserver?.disconnect();
      wrapObserver = null;
      aheadObserver?.disconnect();
      aheadObserver = null;
      ahead = new Map();
      queue = [];
      seen = new WeakSet();
      near = new WeakSet();
      latest = null;
      hosted = null;
    }
  }, { once: true });
  const rows = (latest = findRows());
  observeView(rows);
  listener(rows);
}
