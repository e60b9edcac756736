// Page-side helpers shared by the drivers: they run inside the page through evaluate, so they are plain functions
// with no closures.

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
      if (attempt >= 5 || !/context was destroyed|navigat|Cannot find context|frame was detached/i.test(String(error))) throw error;
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
