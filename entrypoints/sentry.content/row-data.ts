// Shared by the list features: watch rows, ask the background for the rows' data in ONE message per batch
// (the background batches ids into one Sentry request and de-duplicates the features' identical asks), render.
import type { ApiIssue } from '@/lib/scoring/issue';
import type { DexterError } from '@/lib/messages';
import type { FeatureContext } from './registry';
import { findRows, rowSlot, removeSlots, watchRows, type Row } from './rows';

export interface RowIssue extends ApiIssue { id: string; project?: { id: string; slug?: string } }
export interface ByIdsResult { issues: RowIssue[]; missing: string[] }

type Render = (slot: HTMLElement, issue: RowIssue | null, error: DexterError | null) => void;

export function onRowData(ctx: FeatureContext, feature: string, render: Render): void {
  const { signal, page } = ctx;
  if (!page.org) return;
  const target = { apiBase: page.apiBase, org: page.org };
  const known = new Map<string, RowIssue>();
  const inflight = new Set<string>();
  const errors = new Map<string, DexterError>();
  const drawn = new WeakMap<Element, string>();

  const draw = (row: Row) => {
    if (!known.has(row.id) && !errors.has(row.id)) return;
    const slot = rowSlot(row, feature);
    const key = `${row.id}:${known.has(row.id) ? 'd' : 'e'}`; // drawn once with data, or once with its error
    if (drawn.get(slot) === key) return;
    drawn.set(slot, key);
    slot.replaceChildren();
    render(slot, known.get(row.id) ?? null, errors.get(row.id) ?? null);
  };

  watchRows(signal, (rows) => {
    const wanted = [...new Set(rows.map((r) => r.id).filter((id) => !known.has(id) && !errors.has(id) && !inflight.has(id)))].sort();
    for (const r of rows) draw(r);
    if (!wanted.length) return;
    for (const id of wanted) inflight.add(id); // don't ask twice; drawn when the answer comes
    void ctx.send<ByIdsResult>({ type: 'issues.byIds', target, ids: wanted, period: ctx.settings.list.statsPeriod }).then((res) => {
      for (const id of wanted) inflight.delete(id);
      if (signal.aborted) return;
      if (res.ok) {
        for (const i of res.data.issues) known.set(String(i.id), i);
        for (const id of res.data.missing) {
          errors.set(id, { kind: 'not-found', message: 'Sentry returned no data for this issue (deleted, merged or filtered).' });
        }
      } else {
        for (const id of wanted) errors.set(id, res.error);
      }
      drawSliced(findRows(), draw, signal);
    });
  });
  signal.addEventListener('abort', () => removeSlots(feature), { once: true });
}

/** Draws rows in slices of about 6 ms per frame, so annotating a long list never blocks Sentry's page. */
function drawSliced(rows: Row[], draw: (row: Row) => void, signal: AbortSignal, from = 0): void {
  const start = performance.now();
  let i = from;
  while (i < rows.length && performance.now() - start < 6) draw(rows[i++]!);
  if (i < rows.length && !signal.aborted) requestAnimationFrame(() => drawSliced(rows, draw, signal, i));
}

/** A badge's reason when Sentry gave no data: what happened and, when known, what the user can do about it. */
export function whyNoData(error: DexterError | null, fallback: string): string {
  return error ? [error.message, error.nextStep].filter(Boolean).join(' ') : fallback;
}

/** A short explanation chip for a row whose data could not be had: "—" plus why. */
export function unknownChip(slot: HTMLElement, label: string, why: string): void {
  const chip = document.createElement('span');
  chip.className = 'chip muted';
  chip.tabIndex = 0;
  chip.title = why;
  chip.setAttribute('aria-label', `${label}: unknown. ${why}`);
  chip.textContent = `${label} —`;
  slot.append(chip);
}
