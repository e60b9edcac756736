// Page detection: a Sentry URL → what kind of page it is and where its API lives. Pure, no DOM.
// Every rule sits beside the real URLs it was written for; page.test.ts runs them all.

export type PageKind = 'issue-list' | 'issue' | 'other';

export interface SentryPage {
  kind: PageKind;
  /** Organization slug, or null where the URL does not name one. */
  org: string | null;
  /** Numeric group id on an issue page. */
  issueId: string | null;
  /** The event the URL names (`/issues/{id}/events/{eventId}/`): a 32-hex id or latest/oldest/recommended; null when
   *  it names none (Sentry then shows the recommended one). */
  eventId: string | null;
  /** Project ids from the `project` query parameter (issue list filters). */
  projectIds: string[];
  /** 'us' | 'de' when the host names a region; otherwise resolved later from the org's links.regionUrl. */
  region: string | null;
  hosting: 'saas' | 'self-hosted';
  /** Origin (+ path prefix for self-hosted under a sub-path) of the web app, without a trailing slash. */
  webBase: string;
  /** Base of the REST API for this org, without a trailing slash, e.g. https://acme.sentry.io/api/0 */
  apiBase: string;
}

export const SAAS_APEX = 'sentry.io';

/** The REST API's base under a Sentry web base (sentry.io, an org host or a self-hosted base with its path). */
export function apiBaseOf(webBase: string): string {
  return `${webBase.replace(/\/+$/, '')}/api/0`;
}
/** Subdomains of sentry.io that are not organizations. */
const RESERVED_SUBDOMAINS = new Set([
  'www',
  'us',
  'de',
  'docs',
  'blog',
  'status',
  'api',
  'app',
  'sentry',
  'ingest',
  'o1',
  'develop',
  'open',
  'try',
]);
const REGIONS = new Set(['us', 'de']);

// Examples (tested):
//   https://acme.sentry.io/issues/                         → issue-list, org acme
//   https://acme.sentry.io/issues/?project=1&query=is%3Aunresolved
//   https://acme.sentry.io/issues/views/42/                → issue-list (saved view)
//   https://acme.sentry.io/issues/6514891234/              → issue 6514891234
//   https://acme.sentry.io/issues/6514891234/events/abc/   → issue, event abc
//   https://sentry.io/organizations/acme/issues/           → issue-list, org acme
//   https://sentry.io/organizations/acme/issues/123/       → issue 123
//   https://sentry.example.com/organizations/acme/issues/  → self-hosted list (base configured)
const LIST_PATH = /^\/issues\/(?:(?:views|searches)\/[^/]+\/)?$/;
const ISSUE_PATH = /^\/issues\/(\d+)\/(?:events\/([0-9a-f]{32}|latest|oldest|recommended)\/)?(?:[a-z-]+\/)?$/i;
const ORG_PREFIX = /^\/organizations\/([a-z0-9][a-z0-9_-]*)(\/.*)$/i;

function normaliseBase(base: string): { origin: string; pathname: string } | null {
  try {
    const u = new URL(base);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return { origin: u.origin, pathname: u.pathname.replace(/\/+$/, '') };
  } catch {
    return null;
  }
}

function classify(rest: string): { kind: PageKind; issueId: string | null; eventId: string | null } {
  const path = rest.endsWith('/') ? rest : `${rest}/`;
  if (LIST_PATH.test(path)) return { kind: 'issue-list', issueId: null, eventId: null };
  const m = ISSUE_PATH.exec(path);
  if (m) {
    const ev = m[2] ? m[2].toLowerCase() : null;
    return { kind: 'issue', issueId: m[1]!, eventId: ev };
  }
  return { kind: 'other', issueId: null, eventId: null };
}

function projectIds(u: URL): string[] {
  return u.searchParams.getAll('project').filter((p) => /^-?\d+$/.test(p) && p !== '-1');
}

/** Detects a Sentry page. `selfHostedBases` are the bases the user configured (e.g. https://sentry.corp.com). */
export function detectPage(url: string, selfHostedBases: readonly string[] = []): SentryPage | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const host = u.hostname.toLowerCase();

  if (u.protocol === 'https:' && (host === SAAS_APEX || host.endsWith(`.${SAAS_APEX}`))) {
    const sub = host === SAAS_APEX ? null : host.slice(0, -SAAS_APEX.length - 1);
    if (sub && sub.includes('.')) return null; // o1.ingest.us.sentry.io and the like: not the web app
    const region = sub && REGIONS.has(sub) ? sub : null;
    const orgPath = ORG_PREFIX.exec(u.pathname);
    if (orgPath) {
      // Path form: https://sentry.io/organizations/{org}/issues/… (also served on region hosts).
      const c = classify(orgPath[2]!);
      return {
        ...c,
        org: orgPath[1]!.toLowerCase(),
        projectIds: projectIds(u),
        region,
        hosting: 'saas',
        webBase: u.origin,
        apiBase: apiBaseOf(u.origin),
      };
    }
    if (sub && !RESERVED_SUBDOMAINS.has(sub)) {
      // Customer-domain form: https://{org}.sentry.io/issues/…
      const c = classify(u.pathname);
      return {
        ...c,
        org: sub,
        projectIds: projectIds(u),
        region: null,
        hosting: 'saas',
        webBase: u.origin,
        apiBase: apiBaseOf(u.origin),
      };
    }
    return {
      kind: 'other',
      issueId: null,
      eventId: null,
      org: null,
      projectIds: [],
      region,
      hosting: 'saas',
      webBase: u.origin,
      apiBase: apiBaseOf(u.origin),
    };
  }

  for (const raw of selfHostedBases) {
    const base = normaliseBase(raw);
    if (!base || base.origin !== u.origin) continue;
    if (base.pathname && !(u.pathname === base.pathname || u.pathname.startsWith(`${base.pathname}/`))) continue;
    const webBase = `${base.origin}${base.pathname}`;
    const rest = u.pathname.slice(base.pathname.length) || '/';
    const orgPath = ORG_PREFIX.exec(rest);
    const c = orgPath ? classify(orgPath[2]!) : { kind: 'other' as const, issueId: null, eventId: null };
    return {
      ...c,
      org: orgPath ? orgPath[1]!.toLowerCase() : null,
      projectIds: projectIds(u),
      region: null,
      hosting: 'self-hosted',
      webBase,
      apiBase: apiBaseOf(webBase),
    };
  }
  return null;
}

/** Link to an issue in Sentry's web app, in the same URL form the user is on. */
export function issueUrl(page: Pick<SentryPage, 'webBase' | 'org' | 'hosting'>, issueId: string): string {
  const customerDomain =
    page.hosting === 'saas' &&
    new URL(page.webBase).hostname !== SAAS_APEX &&
    !REGIONS.has(new URL(page.webBase).hostname.split('.')[0]!);
  return customerDomain
    ? `${page.webBase}/issues/${issueId}/`
    : `${page.webBase}/organizations/${page.org}/issues/${issueId}/`;
}
