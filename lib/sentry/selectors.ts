// Every selector Dexter uses on Sentry's own pages, in one place, with where it was seen.
// Sources: tests/fixtures/sentry/dom-hooks.json (each hook's Sentry source file) and the real saved page
// tests/fixtures/sentry/pages/issue-page-real-2026-02.html (https://{org}.sentry.io/issues/{id}/, Sentry 26.2).
// Emotion class names are hashed and change per deploy: never use them.

export const SELECTORS = {
  issueList: {
    /** One issue row. Old layout: PanelItem <div data-test-id="group">; newest: <tr data-test-id="group"> with
     *  role="cell" cells (seen on https://{org}.sentry.io/issues/ 2026). Both carry the same test id. */
    row: '[data-test-id="group"]',
    /** Row checkbox; its id is the numeric group id (static/app/components/stream/group.tsx GroupCheckbox). */
    rowCheckbox: 'input[aria-label="Select Issue"]',
    /** Title link; href /organizations/{org}/issues/{id}/… or /issues/{id}/… on customer domains.
     *  In the newest layout its ::after covers the whole row (full-row click overlay). */
    titleLink: 'a[data-issue-title-link]',
    /** Fallback for builds without data-issue-title-link (older eventOrGroupHeader.tsx). */
    titleLinkFallback: '[data-test-id="event-issue-header"] a[href*="/issues/"]',
    header: '[data-test-id="event-issue-header"]',
    /** Table cells of the newest layout (role="cell"); old layout rows have plain divs. */
    cell: '[role="cell"]',
  },
  issuePage: {
    /** Layout body of the streamlined issue page; appears twice on the real page (main + nested). */
    body: '[data-test-id="group-event-details"]',
    /** Issue header (<header data-sentry-element="Header">); first <header> in the main column. */
    header: 'header[data-sentry-element="Header"], main header',
    exceptionValue: '[data-test-id="exception-value"]',
    /** Event data Sentry renders that privacy mode masks: frames, context lines, tags, contexts, request,
     *  breadcrumbs, exception values (all seen on the real saved page). */
    eventData: [
      '[data-test-id="exception-value"]',
      '[data-test-id="context-line"]',
      '[data-test-id="value-unformatted"]',
      '[data-test-id="value-multiline-string"]',
      '[data-test-id="tag-tree-row"]',
      'section#request',
      'section#breadcrumbs',
      'section#contexts',
      'section#user',
      'section#tags',
      'header[data-sentry-element="Header"]',
    ],
  },
  /** Sentry's theme lives on <body class="theme-light|theme-dark"> (real saved page). */
  darkTheme: 'body.theme-dark',
} as const;

/** Group id of a row: the checkbox id (stable hook), else parsed from the title link's href. */
export function issueIdFromHref(href: string | null | undefined): string | null {
  if (!href) return null;
  const m = /\/issues\/(\d+)(?:\/|\?|$)/.exec(href);
  return m ? m[1]! : null;
}
