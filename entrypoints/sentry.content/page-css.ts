// Dexter's own stylesheet in Sentry's page (one <style>, outside Sentry's React root): the box of each row's host,
// its placeholder until the row is drawn, and the room for it in each row.
// The host's box lives here, not in its Shadow DOM: the host is added bare, before its data comes (rows.ts), and
// gets its shadow root only when drawn. Its size never depends on the badges (a fixed height, size and layout
// containment), so drawing them lays out only the host. A cell too narrow for one line of badges gets data-wrap
// (rows.ts, from a ResizeObserver): there the host grows with its badges instead of clipping them.
// The room: reserved by CSS from Sentry's first layout of an issue list, so adding the hosts moves no row. Without it,
// hosts pushed the rows below them down and the browser laid out and repainted Sentry's whole list again. It applies
// only while <html> carries RESERVE_ATTR: set before Sentry lays out an issue-list page (sentry-start.content.ts)
// and kept in step on in-app navigation by the overlay (index.ts).
import { SELECTORS } from '@/lib/sentry/selectors';

export const RESERVE_ATTR = 'data-dexter-rows';
/** The host's outer height (22 px of badges and 2 px of padding above and below) and its top margin. */
export const HOST_HEIGHT = 26;
export const HOST_MARGIN = 2;

export function pageCss(): string {
  const { row, header } = SELECTORS.issueList;
  const scope = `html[${RESERVE_ATTR}] ${row}`;
  // The host spans the title cell but takes clicks only on its badges (pointer-events; styles.ts gives them back):
  // the rest of the row still opens the issue, as in Sentry; z-index puts the badges above the full-row link.
  return `dexter-row { display: block; position: relative; z-index: 3; box-sizing: content-box; margin: ${HOST_MARGIN}px 0 0; padding: 2px; border: 0;
  height: ${HOST_HEIGHT - 4}px; contain: size layout style; pointer-events: none; }
dexter-row[data-wrap] { height: auto; min-height: ${HOST_HEIGHT - 4}px; contain: inline-size layout style; }
dexter-row:not([data-drawn])::before { content: ''; display: block; width: 240px; height: 14px; margin-top: 4px; border-radius: 7px; background: #f5f3f7; }
dexter-row[data-dark]:not([data-drawn])::before { background: #2c2433; }
${scope} ${header} { padding-bottom: ${HOST_HEIGHT + HOST_MARGIN}px; }
${scope} ${header} + dexter-row { margin-top: -${HOST_HEIGHT}px; }
`;
}

/** Adds Dexter's stylesheet to the page once. */
export function installPageCss(doc: Document): void {
  if (doc.getElementById('dexter-page-css')) return;
  const style = doc.createElement('style');
  style.id = 'dexter-page-css';
  style.textContent = pageCss();
  (doc.head ?? doc.documentElement).append(style);
}

export function setReserve(doc: Document, on: boolean): void {
  doc.documentElement.toggleAttribute(RESERVE_ATTR, on);
}
