// Replica Sentry web pages for Dexter's test world. Pure functions from API-shaped data
// (GET /api/0/organizations/{org}/issues/, issue and event endpoints) to HTML; the
// Sentry-compatible server (tests/world/sentry/server.ts) serves them and REPLICA_APP_JS.
import { el, escapeHtml } from './html';
import { formatCount } from './format';
import { issueHref, issueTitleParts, type Layout } from './issueRow';
import { listTitle, renderListMain, validateListInput, type ListPageInput } from './issueList';
import { issuePageTitle, renderIssueMain, type IssuePageInput } from './issuePage';
import { renderDocument } from './shell';
import type { Theme } from './theme';

export type { Layout, Theme, ListPageInput, IssuePageInput };
export { REPLICA_APP_JS } from './appScript';
export {
  REPLICA_APP_PATH,
  REPLICA_CLIENT_PATH,
  renderDocument as renderShell,
  BACKEND_SHA,
  SENTRY_VERSION,
} from './shell';
export { loadingIndicator, placeholder } from './loading';
export { renderIssueBody, renderIssueContent } from './issuePage';
export { escapeHtml } from './html';
export { formatCount, timeSinceShort } from './format';
export { issueHref, issueTitleParts } from './issueRow';

/** Header the client sends when it wants only `render*Content` (the children of #main). */
export const FRAGMENT_HEADER = 'X-Replica-Fragment';
/** Optional response header (URI-encoded) the client copies into document.title after a swap. */
export const TITLE_HEADER = 'X-Replica-Title';

export function renderIssueListPage(i: ListPageInput): string {
  return renderDocument({
    org: i.org,
    urlForm: i.urlForm,
    theme: i.theme,
    title: listTitle(i),
    main: renderIssueListContent(i),
  });
}

export function renderIssueListContent(i: ListPageInput): string {
  return renderListMain(i);
}

export function renderIssuePage(i: IssuePageInput): string {
  return renderDocument({
    org: i.org,
    urlForm: i.urlForm,
    theme: i.theme,
    title: issuePageTitle(i),
    main: renderIssuePageContent(i),
  });
}

export function renderIssuePageContent(i: IssuePageInput): string {
  return renderIssueMain(i);
}

/** document.title for a list page, for the server's TITLE_HEADER on fragment responses. */
export function issueListTitle(i: ListPageInput): string {
  return listTitle(i);
}

export function issuePageDocumentTitle(i: IssuePageInput): string {
  return issuePageTitle(i);
}

/**
 * An issue list in markup no Sentry release has used (a stand-in for a future redesign):
 * same data and links, but no data-test-id="group", no "Select Issue" checkboxes, no
 * data-issue-title-link. Dexter must leave it alone without errors.
 */
export function renderUnknownLayoutPage(i: ListPageInput): string {
  validateListInput(i);
  const rows = i.issues
    .map((g) => {
      const c = { org: i.org, urlForm: i.urlForm, layout: i.layout, query: i.query, sort: i.sort, now: new Date() };
      return el(
        'div',
        { role: 'row', 'data-testid': 'issue-stream-item', class: 'css-9x1q2w' },
        el(
          'div',
          { role: 'gridcell', class: 'css-1c0h2k' },
          el('a', { href: issueHref(g, c), class: 'css-ai2l0s' }, escapeHtml(issueTitleParts(g).title)),
        ) +
          el('div', { role: 'gridcell', class: 'css-1c0h2k' }, escapeHtml(g.culprit ?? '')) +
          el('div', { role: 'gridcell', class: 'css-p4t2zz' }, escapeHtml(formatCount(g.count))),
      );
    })
    .join('');
  const main = el(
    'div',
    { class: 'css-5kq0y7' },
    el('h1', {}, 'Issues') + el('div', { role: 'grid', 'aria-label': 'Issues', class: 'css-0f2y1a' }, rows),
  );
  return renderDocument({ org: i.org, urlForm: i.urlForm, theme: i.theme, title: listTitle(i), main });
}
