// When rows are drawn: those on screen at once, the others when they come within a screen of the view, as the user
// scrolls. Rows far down a 100-row list cost nothing until someone goes there, and a screen ahead is enough for them
// to be drawn before they are seen. (Drawing them in the page's idle time instead made ~80 frames of their own, each
// laying out and painting Sentry's page again.) One RowView per list page; dispose() lets every row go.
import type { Row } from './rows';

/** Rows taken as in view before the IntersectionObserver has placed them: the first ones, where a list opens. */
export const FIRST_ROWS = 8;

export class RowView {
  // Which rows are on screen.
  private seen = new WeakSet<Element>();
  private near = new WeakSet<Element>();
  private viewObserver: IntersectionObserver | null = null;
  // Rows waiting to come within a screen, with what to draw then.
  private ahead = new Map<Element, Array<() => void>>();
  private aheadObserver: IntersectionObserver | null = null;
  // Many rows can come near at once (the first screen below at load, a jump to the end): a few ms of drawing per
  // task, the rest in the next, so no task holds the page for long.
  private queue: Array<() => void> = [];
  private draining = false;

  /** Follows where these rows are (those already followed are skipped). */
  observe(rows: readonly Row[]): void {
    if (typeof IntersectionObserver !== 'function') return;
    this.viewObserver ??= new IntersectionObserver((entries) => {
      for (const e of entries) {
        this.seen.add(e.target);
        if (e.isIntersecting) this.near.add(e.target);
        else this.near.delete(e.target);
      }
    });
    for (const r of rows) if (!this.seen.has(r.el)) this.viewObserver.observe(r.el);
  }

  /** Stops following where these rows are: once their data is drawn, Dexter needs to know only when the others come
   *  near (whenNear), and each observed row costs the browser work in every frame. What was last seen is kept. */
  forget(rows: readonly Row[]): void {
    for (const r of rows) this.viewObserver?.unobserve(r.el);
  }

  /** Whether the row is on screen; undefined until the observer has answered for it (measuring here instead would
   *  force a layout of Sentry's whole list). */
  isNear(row: Row): boolean | undefined {
    return this.seen.has(row.el) ? this.near.has(row.el) : undefined;
  }

  /** Runs `draw` once the row is within a screen of the view (at once where IntersectionObserver is missing). */
  whenNear(row: Row, signal: AbortSignal, draw: () => void): void {
    const run = () => {
      if (signal.aborted) return;
      try {
        draw();
      } catch (error) {
        console.warn('[Dexter] a row could not be drawn:', error); // the other rows still are
      }
    };
    if (typeof IntersectionObserver !== 'function') return run();
    this.aheadObserver ??= new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (!e.isIntersecting && e.target.isConnected) continue;
          const draws = this.ahead.get(e.target) ?? [];
          this.ahead.delete(e.target);
          this.aheadObserver?.unobserve(e.target);
          if (!e.isIntersecting) continue;
          // Rows already on screen go first (a jump to the end brings them straight into view).
          const onScreen = e.boundingClientRect.bottom > 0 && e.boundingClientRect.top < innerHeight;
          if (onScreen) this.queue.unshift(...draws);
          else this.queue.push(...draws);
        }
        this.drain();
      },
      { rootMargin: '100% 0px' },
    );
    const draws = this.ahead.get(row.el);
    if (draws) draws.push(run);
    else {
      this.ahead.set(row.el, [run]);
      this.aheadObserver.observe(row.el);
    }
  }

  /** Rows Sentry replaced while they were far from view: nothing will report them again, so let them go. */
  dropDetached(): void {
    for (const el of this.ahead.keys()) {
      if (el.isConnected) continue;
      this.ahead.delete(el);
      this.aheadObserver?.unobserve(el);
    }
  }

  private drain(): void {
    if (this.draining) return;
    const start = performance.now();
    do this.queue.shift()?.();
    while (this.queue.length && performance.now() - start < 4);
    if (this.queue.length) {
      this.draining = true;
      setTimeout(() => {
        this.draining = false;
        if (this.queue.length) this.drain();
      });
    }
  }

  dispose(): void {
    this.viewObserver?.disconnect();
    this.aheadObserver?.disconnect();
    this.viewObserver = this.aheadObserver = null;
    this.ahead.clear();
    this.queue = [];
  }
}
