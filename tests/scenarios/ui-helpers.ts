// Page functions for Dexter's own pages (popup, Explorer, panel) and the steps a user takes in them. Page functions
// run in the page: no closures over test code.
import { check, type DriverFrame, type DriverPage } from './driver';

/** Whether the page's visible text holds `text`. */
export function bodyHas(text: string): boolean {
  return document.body?.innerText.includes(text) ?? false;
}

/** The first element matching `selector` whose whole text matches `source` (a RegExp's source), or null. */
export function textMatching(arg: { selector: string; source: string }): string | null {
  const re = new RegExp(arg.source);
  for (const el of document.querySelectorAll(arg.selector)) {
    const t = (el.textContent ?? '').trim();
    if (re.test(t)) return t;
  }
  return null;
}

/** Chooses `value` in the <select> a <label> (or aria-label) names, as a user's choice does (React sees a change). */
export function chooseOption(arg: { label: string; value: string }): boolean {
  const byLabel = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === arg.label);
  const select =
    (byLabel?.htmlFor ? document.getElementById(byLabel.htmlFor) : null) ??
    document.querySelector(`select[aria-label="${arg.label}"]`);
  if (!(select instanceof HTMLSelectElement)) return false;
  if (![...select.options].some((o) => o.value === arg.value)) return false;
  Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!.call(select, arg.value);
  select.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}

/** The input a <label> (or aria-label) names, marked so the driver can click it. */
export function markInput(arg: { label: string; mark: string }): boolean {
  const byLabel = [...document.querySelectorAll('label')].find(
    (l) => l.textContent?.replace(/\s*\*$/, '').trim() === arg.label,
  );
  const input =
    (byLabel?.htmlFor ? document.getElementById(byLabel.htmlFor) : null) ??
    document.querySelector(`input[aria-label="${arg.label}"], textarea[aria-label="${arg.label}"]`);
  if (!input) return false;
  document
    .querySelectorAll(`[data-scenario-input="${arg.mark}"]`)
    .forEach((e) => e.removeAttribute('data-scenario-input'));
  input.setAttribute('data-scenario-input', arg.mark);
  return true;
}

/** Types `text` into the field a label names, replacing what it held, as a user does (click, select all, type). */
export async function fill(page: DriverPage, label: string, text: string): Promise<void> {
  const mark = label.replace(/[^a-z]/gi, '').toLowerCase();
  await page.waitFor(markInput, { label, mark }, { what: `the field “${label}”` });
  await page.click(`[data-scenario-input="${mark}"]`);
  await page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    el?.select?.();
  }, null);
  if (text) await page.type(text);
  else await page.press('Backspace');
}

/** Chooses an option in a labelled <select>. */
export async function choose(page: DriverPage | DriverFrame, label: string, value: string): Promise<void> {
  check(await page.waitFor(chooseOption, { label, value }, { what: `“${value}” in “${label}”` }), `no ${label}`);
}

/** `window.__pwned` in the page's main world and in every frame (Dexter's panel frames included). */
export async function pwnedFrames(page: DriverPage): Promise<number> {
  let hits = 0;
  for (const f of await page.frames()) {
    const v = await f
      .evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned !== undefined, null)
      .catch(() => false);
    if (v) hits++;
  }
  return hits;
}

/** A Dexter panel's frame in an issue page: 'explain' or 'deadlock'. */
export function panelPrefix(extensionUrl: (p: string) => string, view: 'explain' | 'deadlock'): string {
  return extensionUrl(`panel.html#view=${view}`);
}

/** The Explorer's URL for an org and a search. */
export const explorerPath = (q: string, org = 'acme', apiBase = 'https://acme.sentry.io/api/0') =>
  `explorer.html#${new URLSearchParams({ apiBase, org, q }).toString()}`;

/** The Explorer's three exports of the selected rows, as a user saves them (Export N selected → each format), read
 *  from where the browser saved them: the text of each file by extension. */
export async function exportSelected(
  page: DriverPage,
  selected: number,
): Promise<Record<'csv' | 'json' | 'md', string>> {
  const files = {} as Record<'csv' | 'json' | 'md', string>;
  for (const [item, ext] of [
    ['CSV', 'csv'],
    ['JSON', 'json'],
    ['Markdown report', 'md'],
  ] as const) {
    const file = await page.download(async () => {
      await page.click(`button :text=Export ${selected} selected`);
      await page.click(`[role="menuitem"] :text=${item}`);
    });
    check(new RegExp(`^dexter-issues-.*\\.${ext}$`).test(file.name), `the ${item} file is named ${file.name}`);
    files[ext] = file.text;
  }
  return files;
}
