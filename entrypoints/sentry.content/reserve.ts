// Room for the badges in each issue row, reserved by CSS from Sentry's first layout of the list. Inserting a row's
// host later then moves nothing: without it every batch of hosts pushed all rows below it down, and the browser
// laid out and repainted Sentry's whole list again (the longest tasks Dexter caused on a 100-row list).
// The rule applies only while <html> carries RESERVE_ATTR: set before Sentry lays out an issue-list page
// (sentry-start.content.ts) and kept in step on in-app navigation by the overlay (index.ts).
import { SELECTORS } from '@/lib/sentry/selectors';
import { HOST_HEIGHT, HOST_MARGIN } from './styles';

export const RESERVE_ATTR = 'data-dexter-rows';

/** The header of each row gets the host's room as bottom padding; the host, right after the header, takes that
 *  room with a negative top margin, so the row is as tall before the host comes as after. */
export function reserveCss(): string {
  const { row, header } = SELECTORS.issueList;
  const scope = `html[${RESERVE_ATTR}] ${row}`;
  return `${scope} ${header} { padding-bottom: ${HOST_HEIGHT + HOST_MARGIN}px; }\n`
    + `${scope} ${header} + dexter-row { margin-top: -${HOST_HEIGHT}px; }\n`;
}

/** Adds the reserving rule to the page once (a <style> of Dexter's own, outside Sentry's React root). */
export function installReserve(doc: Document): void {
  if (doc.getElementById('dexter-reserve')) return;
  const style = doc.createElement('style');
  style.id = 'dexter-reserve';
  style.textContent = reserveCss();
  (doc.head ?? doc.documentElement).append(style);
}

export function setReserve(doc: Document, on: boolean): void {
  doc.documentElement.toggleAttribute(RESERVE_ATTR, on);
}
