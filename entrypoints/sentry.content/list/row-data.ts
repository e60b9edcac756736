// Shared by the list features: watch rows, ask the background for the rows' data in ONE message per batch
// (the background batches ids into one Sentry request and de-duplicates the features' identical asks), render.
import type { RowBadges } from '@/lib/scoring/badges';
import type { CountsWindow, DexterError, MessageInputOf, ReplyOf } from '@/lib/messages';
import type { FeatureContext } from '../registry';
import { removeSlots } from './hosts';
import { listPage, type ListPage } from './page';
import type { Row } from './rows';
import { windowLabel } from '@/lib/sentry/window';
import { SELECTORS } from '@/lib/sentry/selectors';
import { clearTrouble, reportTrouble } from '../page-report';
import { FIRST_ROWS } from './view';

export type { RowBadges };

/** Draws one row's badge. `window` says which window the counts are for. */
type Render = (slot: HTMLElement, row: RowBadges | null, error: DexterError | null, window: CountsWindow) => void;

/** Draws the feature's badge into every row: `render` gets the row's slot and figures, or the reason there are none. */
export function onRowData(ctx: FeatureContext, render: Render): void {
  const { signal, page, feature } = ctx;
  if (!page.org) return;
  const list = listPage(signal);
  const override = ctx.settings.list.sparkline;
  const filters = { ...ctx.filters, graph: override === 'page' ? ctx.filters.graph : override };
  let windowText: CountsWindow = { label: windowLabel(filters.window), page: true };
  const target = { apiBase: page.apiBase, org: page.org };
  const known = new Map<string, RowBadges>();
  const inflight = new Set<string>();
  const errors = new Map<string, DexterError>();
  const drawn = new WeakMap<Element, string>();

  const draw = (row: Row) => {
    if (!row.el.isConnected || (!known.has(row.id) && !errors.has(row.id))) return;
    const slot = list.slot(row, feature);
    const key = `${row.id}:${known.has(row.id) ? 'd' : 'e'}`; // drawn once with data, or once with its error
    if (drawn.get(slot) === key) return;
    drawn.set(slot, key);
    slot.replaceChildren();
    render(slot, known.get(row.id) ?? null, errors.get(row.id) ?? null, windowText);
  };

  whenNoRows(list);
  list.watch((rows) => {
    if (rows.length) clearTrouble(LIST_TROUBLE);
    list.ensureHosts(rows);
    const wanted = [
      ...new Set(rows.map((r) => r.id).filter((id) => !known.has(id) && !errors.has(id) && !inflight.has(id))),
    ].sort();
    // Only rows with something to show: measuring rows that have nothing yet would force a layout for nothing.
    drawRows(
      list,
      rows.filter((r) => known.has(r.id) || errors.has(r.id)),
      draw,
    );
    if (!wanted.length) return;
    for (const id of wanted) inflight.add(id); // don't ask twice; drawn when the answer comes
    // While the answer is on its way the page is free: the first draw compiles the render code now rather than when
    // the rows are drawn.
    if (!warmed.has(feature.id)) setTimeout(() => warmUp(feature.id, render));
    void askOnce(ctx, list, { type: 'issues.byIds', target, ids: wanted, filters }).then((res) => {
      for (const id of wanted) inflight.delete(id);
      if (signal.aborted) return;
      if (res.ok) {
        windowText = res.data.window;
        for (const i of res.data.issues) known.set(String(i.id), i);
        for (const id of res.data.missing) {
          errors.set(id, {
            kind: 'not-found',
            message: 'Sentry returned no data for this issue (deleted, merged or filtered).',
          });
        }
      } else {
        for (const id of wanted) errors.set(id, res.error);
      }
      const rows = list.rows();
      drawRows(list, rows, draw, feature.id);
      list.view.forget(rows);
    });
  });
  signal.addEventListener('abort', () => removeSlots(feature.id), { once: true });
}

// The three list features want the same rows at the same moment: one message, one answer, and all three draw in
// the same task, so Sentry's page is laid out and painted once for them rather than three times.
function askOnce(
  ctx: FeatureContext,
  list: ListPage,
  request: MessageInputOf<'issues.byIds'>,
): Promise<ReplyOf<'issues.byIds'>> {
  const key = JSON.stringify(request);
  const asks = list.asks as Map<string, Promise<ReplyOf<'issues.byIds'>>>;
  let ask = asks.get(key);
  if (!ask) {
    mark('rows-asked'); // also pays, while the request is out, for the page's first user-timing mark (a few ms)
    ask = ctx.send(request);
    asks.set(key, ask);
    // The answer is in (before any feature draws), and every feature has drawn its rows on screen: a microtask
    // queued in the first reaction runs after the features' own reactions to this answer.
    void ask.then(() => {
      mark('rows-start');
      queueMicrotask(() => mark('rows-in-view'));
    });
    void ask.finally(() => asks.delete(key));
  }
  return ask;
}

// The first rows would otherwise pay for compiling the render code (V8 compiles a function on its first call):
// draw one made-up row into a detached slot while the request is out.
// Once per feature for the page's lifetime: compiled code stays compiled across Sentry's in-app navigations.
const warmed = new Set<string>();
function warmUp(feature: string, render: Render): void {
  if (warmed.has(feature)) return;
  warmed.add(feature);
  const counts = Array.from({ length: 24 }, (_, i) => (i === 22 ? 40 : i % 3));
  const sample: RowBadges = {
    id: '0',
    events: 61,
    users: 12, // no project: the impact badge must not ask for a made-up project's user base
    priority: { score: 50, level: 'medium', title: 'Priority 50/100 (medium)', label: 'Priority 50 of 100, medium' },
    spark: {
      period: '24h',
      times: counts.map((_, i) => i * 3600),
      counts,
      bucketSeconds: 3600,
      peaks: [22],
      label: '61 events',
      change: { text: '+10%', tone: 'up', title: '' },
    },
  };
  try {
    render(document.createElement('span'), sample, null, { label: 'last 14 days', page: true });
  } catch {
    // Only a warm-up: the real draw reports its own problems.
  }
}

/** Rows on screen are drawn now: that is what the user is looking at. The others are drawn when they come within
 *  a screen of the view. `feature` names the mark set once every row is drawn. */
function drawRows(list: ListPage, rows: readonly Row[], draw: (row: Row) => void, feature?: string): void {
  if (!rows.length) return;
  // Rows the observer has not placed yet (data straight from the cache can beat its first report): the first few
  // in the list, where a page opens.
  const near = rows.map((row, i) => list.view.isNear(row) ?? i < FIRST_ROWS);
  const later = rows.filter((_, i) => !near[i]);
  rows.forEach((row, i) => near[i] && draw(row));
  let left = later.length;
  if (!left && feature) mark(`rows-all:${feature}`);
  for (const row of later) {
    list.view.whenNear(row, list.signal, () => {
      draw(row);
      if (--left === 0 && feature) mark(`rows-all:${feature}`);
    });
  }
}

// User-timing marks (DevTools' Performance panel shows them; npm run bench reads them from a trace): when the rows'
// data was asked for and came in, when the rows on screen were drawn, when each feature had drawn every row (after
// the user scrolled to the last). One entry per name is kept.
function mark(what: string): void {
  const name = `dexter:${what}`;
  performance.clearMarks(name);
  performance.mark(name);
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

/** An issue list Dexter cannot read breaks nothing, but the user is told, once for the page (not once per list
 *  feature): if, a while after the page came, it shows links to issues and none of Sentry's issue rows, the page
 *  report names the hooks that were not found (the popup and the toolbar badge show it), and the console says so. */
function whenNoRows(list: ListPage): void {
  if (list.noRowsWatched) return;
  list.noRowsWatched = true;
  const timer = setTimeout(() => {
    if (list.rows().length || !document.querySelector('a[href*="/issues/"]')) return;
    const message =
      'This Sentry issue list has a layout Dexter does not recognise: none of its rows carry the hooks Dexter reads, so no badges are shown.';
    reportTrouble({
      feature: LIST_TROUBLE,
      label: 'Badges on the issue list',
      missing: [SELECTORS.issueList.row, SELECTORS.issueList.rowCheckbox, SELECTORS.issueList.titleLink],
      message,
    });
    console.warn(`[Dexter] ${message} Please report your Sentry version (Dexter's popup → Copy diagnostics).`);
  }, NO_ROWS_AFTER_MS);
  list.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
}
/** Sentry draws its list a second or more after the page comes (its own API calls); slow networks take longer. */
const NO_ROWS_AFTER_MS = 8000;
const LIST_TROUBLE = 'issue-list';
