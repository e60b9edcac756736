// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findRows } from './rows';
import { ListPage } from './page';
import { rowSlot } from './hosts';

function list(n: number): void {
  document.body.innerHTML = Array.from(
    { length: n },
    (_, i) => `
    <div data-test-id="group"><input aria-label="Select Issue" id="${100 + i}" type="checkbox">
      <div data-test-id="event-issue-header"><a data-issue-title-link href="/issues/${100 + i}/">Error ${i}</a></div>
    </div>`,
  ).join('');
}
const hosts = () => document.querySelectorAll('dexter-row').length;

describe('ensureHosts', () => {
  let leave: AbortController;
  let page: ListPage;
  beforeEach(() => {
    leave = new AbortController();
    page = new ListPage(leave.signal);
  });
  afterEach(() => {
    leave.abort();
    document.body.innerHTML = '';
  });
  const ensureHosts = (rows: ReturnType<typeof findRows>) => page.ensureHosts(rows);
  const priority = { id: 'list-priority', order: 1 };
  const impact = { id: 'list-impact', order: 2 };

  it('adds every row its host at once, bare (no Shadow DOM until drawn), once each however often asked', () => {
    list(60);
    const rows = findRows();
    // Each of the three list features asks for every row's host.
    for (let k = 0; k < 3; k++) ensureHosts(rows);
    expect(hosts()).toBe(60);
    expect(rows.every((r) => r.el.querySelectorAll('dexter-row').length === 1)).toBe(true);
    expect(rows.map((r) => r.el.querySelector<HTMLElement>('dexter-row')!.dataset.issueId)).toEqual(
      rows.map((r) => r.id),
    );
    expect(
      [...document.querySelectorAll('dexter-row')].every((h) => h.shadowRoot === null && !h.hasAttribute('data-drawn')),
    ).toBe(true);
    // Right after the row's header, where page-css.ts keeps its room.
    expect(rows[0]!.el.querySelector('[data-test-id="event-issue-header"] + dexter-row')).not.toBeNull();
  });

  it('a row gets its Shadow DOM when first drawn into, and keeps it', () => {
    list(3);
    const rows = findRows();
    ensureHosts(rows);
    const host = rows[1]!.el.querySelector('dexter-row')!;
    page.slot(rows[1]!, impact).textContent = '7 users';
    page.slot(rows[1]!, priority).textContent = 'P50'; // drawn second, shown first: by its declared order
    expect(host.hasAttribute('data-drawn')).toBe(true);
    const shown = [...host.shadowRoot!.querySelectorAll<HTMLElement>('[data-slot]')].sort(
      (a, b) => Number(a.style.order) - Number(b.style.order),
    );
    expect(shown.map((s) => s.textContent)).toEqual(['P50', '7 users']);
    expect(rows[1]!.el.querySelectorAll('dexter-row')).toHaveLength(1);
    expect(rows[0]!.el.querySelector('dexter-row')!.shadowRoot).toBeNull();
  });

  it('a row drawn before its host was added gets one then, and no second one later', () => {
    list(2);
    const rows = findRows();
    rowSlot(rows[1]!, priority).textContent = 'P50';
    ensureHosts(rows);
    expect(rows[1]!.el.querySelectorAll('dexter-row')).toHaveLength(1);
    expect(
      rows[1]!.el.querySelector('dexter-row')!.shadowRoot!.querySelector('[data-slot="list-priority"]')!.textContent,
    ).toBe('P50');
  });
});

describe('whenNear', () => {
  // A stand-in IntersectionObserver the test drives: which rows come within reach, and when.
  class FakeObserver {
    static all: FakeObserver[] = [];
    targets = new Set<Element>();
    constructor(
      public cb: (entries: Partial<IntersectionObserverEntry>[]) => void,
      public options?: IntersectionObserverInit,
    ) {
      FakeObserver.all.push(this);
    }
    observe(el: Element) {
      this.targets.add(el);
    }
    unobserve(el: Element) {
      this.targets.delete(el);
    }
    disconnect() {
      this.targets.clear();
    }
    report(el: Element, isIntersecting: boolean, top = 0) {
      if (this.targets.has(el))
        this.cb([{ target: el, isIntersecting, boundingClientRect: { top, bottom: top + 50 } as DOMRect }]);
    }
  }
  const ahead = () => FakeObserver.all.find((o) => o.options?.rootMargin === '100% 0px')!;
  let stop: AbortController;
  // A fresh list page per test, driven as the features drive it.
  async function load() {
    const { findRows } = await import('./rows');
    const { listPage } = await import('./page');
    const page = listPage(stop.signal);
    return {
      findRows,
      watchRows: (_signal: AbortSignal, listener: (rows: ReturnType<typeof findRows>) => void) => page.watch(listener),
      whenNear: (row: ReturnType<typeof findRows>[number], signal: AbortSignal, draw: () => void) =>
        page.view.whenNear(row, signal, draw),
    };
  }

  beforeEach(async () => {
    vi.resetModules();
    FakeObserver.all = [];
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    stop = new AbortController();
  });
  afterEach(() => {
    stop.abort();
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('draws a row once, when it comes within a screen, and not before', async () => {
    const { findRows, whenNear, watchRows } = await load();
    list(3);
    watchRows(stop.signal, () => {});
    const [a, b] = findRows();
    const drawn: string[] = [];
    whenNear(a!, stop.signal, () => drawn.push(`a1`));
    whenNear(a!, stop.signal, () => drawn.push(`a2`)); // a second feature on the same row
    whenNear(b!, stop.signal, () => drawn.push('b'));
    expect(drawn).toEqual([]);
    ahead().report(a!.el, false);
    expect(drawn).toEqual([]);
    ahead().report(a!.el, true);
    // Drawn now, or in the next task on a slow machine (a few ms of drawing per task).
    await vi.waitFor(() => expect(drawn).toEqual(['a1', 'a2']));
    ahead().report(a!.el, true); // no longer watched: drawn once
    await new Promise((r) => setTimeout(r, 10));
    expect(drawn).toEqual(['a1', 'a2']);
    expect(ahead().targets.has(b!.el)).toBe(true);
  });

  it('one failing draw does not keep the others from drawing; an aborted page draws nothing', async () => {
    const { findRows, whenNear, watchRows } = await load();
    list(2);
    watchRows(stop.signal, () => {});
    const [a, b] = findRows();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const drawn: string[] = [];
    whenNear(a!, stop.signal, () => {
      throw new Error('boom');
    });
    whenNear(a!, stop.signal, () => drawn.push('a'));
    const gone = new AbortController();
    whenNear(b!, gone.signal, () => drawn.push('b'));
    gone.abort();
    ahead().report(a!.el, true);
    ahead().report(b!.el, true);
    await vi.waitFor(() => expect(drawn).toEqual(['a']));
    await new Promise((r) => setTimeout(r, 10));
    expect(drawn).toEqual(['a']);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('forgets rows Sentry removed, and everything once the list is left', async () => {
    const { findRows, whenNear, watchRows } = await load();
    list(2);
    watchRows(stop.signal, () => {});
    const [a, b] = findRows();
    const drawn: string[] = [];
    whenNear(a!, stop.signal, () => drawn.push('a'));
    whenNear(b!, stop.signal, () => drawn.push('b'));
    const observer = ahead();
    a!.el.remove();
    observer.report(a!.el, false);
    expect(observer.targets.has(a!.el)).toBe(false);
    stop.abort();
    expect(observer.targets.size).toBe(0);
    expect(drawn).toEqual([]);
  });

  it('many rows coming near at once are drawn a few ms per task, rows on screen first', async () => {
    vi.useFakeTimers();
    const { findRows, whenNear, watchRows } = await load();
    list(30);
    watchRows(stop.signal, () => {});
    const rows = findRows();
    const drawn: string[] = [];
    // Each draw takes 1 ms.
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => now);
    for (const r of rows)
      whenNear(r, stop.signal, () => {
        drawn.push(r.id);
        now += 1;
      });
    const observer = ahead();
    // One report for all of them: the last row is on screen, the others below it.
    (observer as any).cb(
      rows.map((r, i) => ({
        target: r.el,
        isIntersecting: true,
        boundingClientRect: {
          top: i === 29 ? 10 : innerHeight + 10 * i,
          bottom: i === 29 ? 60 : innerHeight + 10 * i + 50,
        },
      })),
    );
    expect(drawn[0]).toBe(rows[29]!.id);
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.length).toBeLessThanOrEqual(5);
    await vi.runAllTimersAsync();
    expect(drawn).toHaveLength(30);
    expect(new Set(drawn).size).toBe(30);
    clock.mockRestore();
    vi.useRealTimers();
  });

  it('lets go of far rows Sentry replaced, once it notices the list changed', async () => {
    const { findRows, whenNear, watchRows } = await load();
    list(2);
    watchRows(stop.signal, () => {});
    const [a] = findRows();
    whenNear(a!, stop.signal, () => {});
    const observer = ahead();
    a!.el.replaceWith(a!.el.cloneNode(true)); // a re-render: new node, the old one never reported again
    await new Promise((r) => setTimeout(r, 50)); // the list's change is handled in the next frame
    expect(observer.targets.has(a!.el)).toBe(false);
  });

  it('draws at once where IntersectionObserver is missing', async () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    const { findRows, whenNear } = await load();
    list(1);
    const drawn: string[] = [];
    whenNear(findRows()[0]!, stop.signal, () => drawn.push('a'));
    expect(drawn).toEqual(['a']);
  });
});
