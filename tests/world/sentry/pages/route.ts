// The issue routes of Sentry's app (static/app/routes.tsx, `withOrgPath`): the list at /issues/, an issue at
// /issues/:groupId/, its events at /issues/:groupId/events/:eventId/ (an id or latest|oldest|recommended), and its tabs
// (TabPaths) at /issues/:groupId/<tab>/ and /issues/:groupId/events/:eventId/<tab>/ — each also under
// /organizations/:orgId/. Used by the server (which page to answer) and by the replica's browser app (in-app links).
import { isIssueTab, type IssueTab } from './issueTabs';

export type PageRoute = { kind: 'list' } | { kind: 'issue'; id: string; eventKey: string | null; tab: IssueTab | null };

export const RESERVED_EVENT_IDS = ['recommended', 'latest', 'oldest'];

/** The route of an org-relative path (`/issues/…`); null when it is not one the replica serves. */
export function parseIssuePath(rest: string): PageRoute | null {
  if (rest === '/issues/') return { kind: 'list' };
  const m = /^\/issues\/(\d+)\/(?:events\/([^/]+)\/)?(?:([a-z-]+)\/)?(?:([^/]+)\/)?$/.exec(rest);
  if (!m) return null;
  const [, id = '', eventId, tab, tagKey] = m;
  if (eventId !== undefined && !RESERVED_EVENT_IDS.includes(eventId) && !/^[0-9a-f]{32}$/i.test(eventId)) return null;
  // `events/` alone is the All Events tab; `tags/` is the legacy name of distributions/ (routes.tsx redirects).
  const named = tab === 'tags' ? 'distributions' : tab;
  if (named !== undefined && !isIssueTab(named)) return null;
  if (tagKey !== undefined && named !== 'distributions') return null;
  if (/^\/issues\/\d+\/events\/$/.test(rest)) return { kind: 'issue', id, eventKey: null, tab: 'events' };
  return { kind: 'issue', id, eventKey: eventId ?? null, tab: named ?? null };
}

/** Splits `/organizations/:org/issues/…` into the org and the org-relative path; customer domains have no prefix. */
export function splitOrgPath(path: string): { org: string | null; rest: string } {
  const m = /^\/organizations\/([^/]+)(\/.*)$/.exec(path);
  return m ? { org: decodeURIComponent(m[1] ?? ''), rest: m[2] ?? '/' } : { org: null, rest: path };
}
