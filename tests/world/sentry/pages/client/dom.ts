// DOM work the app does the way React would: new nodes for a new render, children swapped in place when only a
// cell's content changed, user counts' titles in the browser's locale (Count's `value.toLocaleString()`).
import { el } from '../html';

export function main(): HTMLElement {
  return document.getElementById('main')!;
}

/** Parses markup into elements (rows parse inside a table, as the browser needs). */
export function parse(html: string): Element[] {
  const t = document.createElement('template');
  const rows = /^\s*<tr[\s>]/i.test(html);
  t.innerHTML = rows ? `<table><tbody>${html}</tbody></table>` : html;
  const root: ParentNode = rows ? t.content.querySelector('tbody')! : t.content;
  const nodes = [...root.children];
  nodes.forEach(localizeCounts);
  return nodes;
}

export function setMain(html: string): void {
  main().innerHTML = html;
  localizeCounts(main());
}

/** What React does while rendering Sentry's Count: a number's title in the user's locale. */
export function localizeCounts(root: Element | DocumentFragment): void {
  const all = [...root.querySelectorAll('[data-replica-locale="number"]')];
  if (root instanceof Element && root.matches('[data-replica-locale="number"]')) all.push(root);
  for (const span of all) {
    const n = Number(span.getAttribute('title'));
    if (Number.isFinite(n)) span.setAttribute('title', n.toLocaleString());
    span.removeAttribute('data-replica-locale');
  }
}

/** Re-renders an element in place: children whose markup changed get the new content, nodes themselves are kept
 *  (React reconciling the same keyed row with new props). */
export function patch(old: Element, fresh: Element): void {
  const a = [...old.children];
  const b = [...fresh.children];
  if (a.length !== b.length) {
    old.replaceChildren(...b);
    return;
  }
  a.forEach((child, i) => {
    const next = b[i]!;
    if (child.outerHTML === next.outerHTML) return;
    if (child.tagName !== next.tagName) {
      child.replaceWith(next);
      return;
    }
    for (const { name } of [...child.attributes]) if (!next.hasAttribute(name)) child.removeAttribute(name);
    for (const { name, value } of [...next.attributes]) child.setAttribute(name, value);
    child.replaceChildren(...next.childNodes);
  });
}

/** LoadingError (components/loadingError.tsx). */
export function loadingError(message = 'There was an error loading data.'): string {
  return el(
    'div',
    { 'data-test-id': 'loading-error', role: 'alert', 'data-sentry-component': 'LoadingError' },
    el('p', {}, message) +
      el('button', { type: 'button', 'aria-label': 'Retry', 'data-test-id': 'loading-error-retry' }, 'Retry'),
  );
}

/** The URL with the test world's sticky switches of the current page carried over. */
export function keepSticky(url: URL, sticky: string[]): URL {
  const here = new URL(location.href);
  for (const k of sticky)
    if (here.searchParams.has(k) && !url.searchParams.has(k)) url.searchParams.set(k, here.searchParams.get(k)!);
  return url;
}
