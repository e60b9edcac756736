// Each row's Dexter host (one Shadow-DOM element under the row's title block) and the features' slots in it.
import { SELECTORS } from '@/lib/sentry/selectors';
import { ROW_CSS } from '../styles';
import { titleLink, type Row } from './rows';

export const HOST_TAG = 'dexter-row';

export const isDark = () => document.body?.matches(SELECTORS.darkTheme) ?? false;

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

/** The host's Shadow DOM and its bar of badges, made when the row is first drawn; `onNewBar` sees each new bar. */
function rowBar(row: Row, onNewBar: (bar: Element) => void): Element {
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
  onNewBar(bar);
  return bar;
}

/** A feature's slot in the row's Dexter host, placed by the feature's declared order. */
export function rowSlot(
  row: Row,
  feature: { id: string; order?: number },
  onNewBar: (bar: Element) => void = () => {},
): HTMLElement {
  const bar = rowBar(row, onNewBar);
  let slot = bar.querySelector<HTMLElement>(`[data-slot="${feature.id}"]`);
  if (!slot) {
    slot = document.createElement('span');
    slot.dataset.slot = feature.id;
    slot.style.order = String(feature.order ?? 0);
    bar.append(slot);
  }
  return slot;
}

export function removeSlots(featureId: string): void {
  for (const host of document.querySelectorAll(HOST_TAG)) {
    host.shadowRoot?.querySelector(`[data-slot="${featureId}"]`)?.remove();
    if (!host.shadowRoot?.querySelector('[data-slot]')) host.remove();
  }
}

/** Watches bars for a second line: the host's height is fixed (page-css.ts), and a bar that needs a second line (a
 *  narrow title cell) lets it grow. The observer hands over the bar's size after layout, so nothing is measured by
 *  force. Returns the function that watches one bar, and the one that stops watching all. */
export function wrapWatcher(): { watch(bar: Element): void; disconnect(): void } {
  let observer: ResizeObserver | null = null;
  return {
    watch(bar) {
      if (typeof ResizeObserver !== 'function') return;
      observer ??= new ResizeObserver((entries) => {
        for (const e of entries) {
          const host = (e.target.getRootNode() as ShadowRoot).host;
          if (!e.target.isConnected || !host?.isConnected) {
            observer?.unobserve(e.target);
            continue;
          }
          host.toggleAttribute('data-wrap', e.contentRect.height > 30); // one line is 22 px, two are 40+
        }
      });
      observer.observe(bar);
    },
    disconnect() {
      observer?.disconnect();
      observer = null;
    },
  };
}
