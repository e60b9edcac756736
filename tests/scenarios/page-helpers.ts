// Page-side helpers shared by the drivers: they run inside the page through evaluate, so they are plain functions
// with no closures.
import type { DriverFrame, PageFn } from './driver';

/** The page-side call of `fn(arg)`, as source: tsx (esbuild with keepNames) wraps named inner functions in a
 *  `__name` helper that the page does not have, so the call brings a stand-in for it. */
export function pageCall(fn: (arg: never) => unknown, arg: unknown): string {
  return `(async (__name) => (${fn.toString()})(${JSON.stringify(arg ?? null)}))((f) => f)`;
}

/** Runs `ask` again (a few times, shortly after) when a navigation destroyed the document it was asked in. */
export async function retryAcrossNavigation<T>(ask: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await ask();
    } catch (error) {
      if (attempt >= 5 || !/context was destroyed|navigat|Cannot find context|frame was detached/i.test(String(error)))
        throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Finds the first element matching `selector` in the document or any open shadow root, optionally with `text` in
 *  its text or aria-label, marks it with `data-scenario-target`, and returns the mark (or null). */
export function markTarget(arg: { selector: string; text: string | null; mark: string }): string | null {
  const roots: (Document | ShadowRoot)[] = [document];
  for (let i = 0; i < roots.length; i++) {
    const root = roots[i]!;
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  for (const root of roots) {
    for (const el of root.querySelectorAll(arg.selector)) {
      const label = `${el.textContent ?? ''} ${el.getAttribute('aria-label') ?? ''}`;
      if (arg.text !== null && !label.includes(arg.text)) continue;
      const box = (el as HTMLElement).getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      el.setAttribute('data-scenario-target', arg.mark);
      return arg.mark;
    }
  }
  return null;
}

/** Runs in the page: whether the marked element is where a click will land — still for two frames and not covered
 *  by another element at the click point (as Playwright checks before it clicks) — and arms a one-shot listener that
 *  records whether the next click reached it. Returns the click offset inside its box, or why not yet. */
export async function clickReady(arg: { mark: string }): Promise<{ x: number; y: number } | { wait: string }> {
  const roots: (Document | ShadowRoot)[] = [document];
  for (let i = 0; i < roots.length; i++)
    for (const el of roots[i]!.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  const el = roots.map((r) => r.querySelector<HTMLElement>(`[data-scenario-target="${arg.mark}"]`)).find(Boolean);
  if (!el) return { wait: 'gone' };
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
  let box = el.getBoundingClientRect();
  if (box.top < 0 || box.bottom > innerHeight || box.left < 0 || box.right > innerWidth) {
    el.scrollIntoView({ block: 'center', inline: 'nearest' });
    await frame();
  }
  box = el.getBoundingClientRect();
  await frame();
  await frame();
  const again = el.getBoundingClientRect();
  if (
    Math.abs(again.top - box.top) > 0.5 ||
    Math.abs(again.left - box.left) > 0.5 ||
    Math.abs(again.height - box.height) > 0.5
  )
    return { wait: 'moving' };
  const x = Math.min(4, again.width / 2);
  const y = Math.min(4, again.height / 2);
  let hit: Element | null = document.elementFromPoint(again.left + x, again.top + y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(again.left + x, again.top + y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  const inside = (node: Node | null): boolean => {
    for (let n = node; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null) if (n === el) return true;
    return false;
  };
  // The element, something inside it, or an ancestor drawn over it (a link's row-wide ::before over its own text)
  // takes the click; anything else covers it.
  const ancestor = !!hit && hit !== document.documentElement && hit !== document.body && hit.contains(el);
  if (!inside(hit) && !ancestor)
    return {
      wait: `covered by ${hit ? `${hit.tagName.toLowerCase()}${hit.id ? `#${hit.id}` : ''}.${String(hit.className).slice(0, 40)}` : 'nothing'}`,
    };
  const w = window as unknown as { __scenarioClick?: string };
  delete w.__scenarioClick;
  window.addEventListener(
    'click',
    (e) => {
      w.__scenarioClick = e.composedPath().includes(el) || e.composedPath().includes(hit!) ? 'hit' : 'miss';
    },
    { capture: true, once: true },
  );
  return { x, y };
}

/** Runs in the page: what the listener `clickReady` armed saw ('hit', 'miss', or null when no click came or the
 *  document was replaced). */
export function clickOutcome(): string | null {
  return (window as unknown as { __scenarioClick?: string }).__scenarioClick ?? null;
}

interface Evaluates {
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  waitFor<A, R>(
    fn: (arg: A) => R | Promise<R>,
    arg: A,
    opts?: { timeoutMs?: number; what?: string },
  ): Promise<NonNullable<R>>;
}

let marks = 0;

/** A user's click on the first visible element matching `selector` (` :text=…` narrows it): waits until the element
 *  holds still and nothing covers it, lets the driver click it (`press`: a real, trusted click at the offset, in the
 *  element's own frame), and clicks again if the click reached another element (a panel above it grew in between). */
export async function clickSelector(
  ops: Evaluates,
  selector: string,
  press: (mark: string, offset: { x: number; y: number }) => Promise<void>,
): Promise<void> {
  const [css, text] = selector.split(' :text=');
  for (let attempt = 1; ; attempt++) {
    const mark = `m${++marks}`;
    await ops.waitFor(markTarget, { selector: css!, text: text ?? null, mark }, { what: `a visible ${selector}` });
    let ready: { x: number; y: number } | { wait: string } = { wait: 'not asked' };
    for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
      ready = await ops.evaluate(clickReady, { mark });
      if ('x' in ready || ready.wait === 'gone') break;
    }
    if (!('x' in ready)) {
      if (attempt < 3) continue;
      throw new Error(`${selector} could not be clicked: ${ready.wait}`);
    }
    await press(mark, ready);
    const outcome = await ops.evaluate(clickOutcome, null).catch(() => null);
    if (outcome !== 'miss') return;
    if (attempt >= 3) throw new Error(`clicks on ${selector} kept landing on another element`);
  }
}

/** A frame's operations for a driver, from the browser's own evaluate (of `pageCall` code) and its trusted click at
 *  a point of a marked element. Both drivers build their frames with this. */
export function frameOps(
  run: (code: string) => Promise<unknown>,
  press: (mark: string, offset: { x: number; y: number }) => Promise<void>,
): DriverFrame {
  const ops: DriverFrame = {
    // A navigation can replace the page's document between two steps: ask the new one (a user sees only that).
    evaluate: <A, R>(fn: PageFn<A, R>, arg: A) =>
      retryAcrossNavigation(() => run(pageCall(fn as (a: never) => unknown, arg)) as Promise<R>),
    async waitFor(fn, arg, opts = {}) {
      const until = Date.now() + (opts.timeoutMs ?? 15_000);
      for (;;) {
        const v = await ops.evaluate(fn, arg).catch(() => undefined);
        if (v) return v as NonNullable<typeof v>;
        if (Date.now() > until) throw new Error(`timed out waiting for ${opts.what ?? 'the page'}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    click: (selector) => clickSelector(ops, selector, press),
  };
  return ops;
}
