// Issue-page features attach where Sentry's anchor is, whenever it appears: Sentry's SPA draws the issue page after
// its own API calls (a second or more after the URL changed), redraws parts it already showed (a status change
// replaces the header's nodes), and keeps the header across event navigation. One MutationObserver for the whole
// page serves every feature: in the same microtask as Sentry's change (before the browser paints it), each feature
// whose anchor appeared is mounted, and each whose mounted node Sentry removed is mounted again. Nothing is mounted
// twice, and aborting the feature's signal unmounts it and forgets it.

import { SELECTORS } from '@/lib/sentry/selectors';
import type { FeatureContext } from './registry';

/** Where a feature's node goes: under `parent`, before `before` (null: at the end). */
export interface Spot {
  parent: Element;
  before: Node | null;
}

interface Watch {
  find(): Spot | null;
  mount(at: Spot, signal: AbortSignal): Node | null;
  /** The mounted node and the controller that unmounts it. */
  node: Node | null;
  unmount: AbortController | null;
  onMounted(): void;
}

const watches = new Set<Watch>();
let observer: MutationObserver | null = null;

function check(w: Watch): void {
  if (w.node?.isConnected) return;
  w.unmount?.abort(); // Sentry removed it (or nothing was mounted yet): start again where the anchor is now
  w.node = null;
  const at = w.find();
  if (!at) return;
  w.unmount = new AbortController();
  try {
    w.node = w.mount(at, w.unmount.signal);
  } catch (error) {
    w.unmount.abort();
    console.warn('[Dexter] an issue-page feature could not attach:', error);
  }
  if (w.node) w.onMounted();
}

function checkAll(): void {
  for (const w of watches) check(w);
}

/** Keeps `mount`'s node at the spot `find` returns for as long as `signal` lives: mounted when the spot first
 *  appears, mounted again when Sentry removes it. `mount` returns the node it added (watched for removal); its
 *  signal aborts when that node must go. Resolves true once first mounted, false if `signal` aborts first. */
export function attachWhere(
  signal: AbortSignal,
  find: () => Spot | null,
  mount: (at: Spot, signal: AbortSignal) => Node | null,
): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const w: Watch = { find, mount, node: null, unmount: null, onMounted: () => resolve(true) };
    watches.add(w);
    if (!observer) {
      observer = new MutationObserver(checkAll);
      observer.observe(document.body, { childList: true, subtree: true });
    }
    signal.addEventListener(
      'abort',
      () => {
        watches.delete(w);
        w.unmount?.abort();
        if (!watches.size) {
          observer?.disconnect();
          observer = null;
        }
        resolve(false);
      },
      { once: true },
    );
    check(w);
  });
}

/** Sentry's issue page: Dexter's panels go just before the event details, else right after the issue header. */
export function issuePanelSpot(): Spot | null {
  const b = document.querySelector(SELECTORS.issuePage.body);
  if (b?.parentElement) return { parent: b.parentElement, before: b };
  const h = document.querySelector(SELECTORS.issuePage.header);
  return h?.parentElement ? { parent: h.parentElement, before: h.nextSibling } : null;
}

/** Sentry's issue page comes a second or more after the URL (its own API calls; longer on a slow network). */
const MISSING_AFTER_MS = 10_000;

/** Attaches a feature's node to Sentry's issue page when it is drawn, and tells the user (popup, toolbar badge)
 *  if Sentry's hooks for it have not appeared a while after the page came. */
export function attachToIssuePage(
  ctx: Pick<FeatureContext, 'signal' | 'trouble' | 'fine'>,
  mount: (at: Spot, signal: AbortSignal) => Node | null,
): Promise<boolean> {
  const late = setTimeout(
    () =>
      ctx.trouble({
        missing: [SELECTORS.issuePage.body, SELECTORS.issuePage.header],
        message:
          'Sentry’s issue header and event details were not found on this page, so there is no place for Dexter’s panel.',
      }),
    MISSING_AFTER_MS,
  );
  ctx.signal.addEventListener('abort', () => clearTimeout(late), { once: true });
  return attachWhere(ctx.signal, issuePanelSpot, mount).then((mounted) => {
    clearTimeout(late);
    if (mounted) ctx.fine();
    return mounted;
  });
}
